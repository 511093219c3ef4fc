"""The browser tests of the portal (``pytest e2e/tests``)."""

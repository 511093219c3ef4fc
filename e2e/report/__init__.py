"""The landing page ``artifacts/index.html`` and an HTML page per result (docs/toolbelt.md)."""

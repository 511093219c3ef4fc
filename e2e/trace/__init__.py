"""The seed article, traced: its requirements, the tests that check each, their last results.

``article.toml`` holds the requirements; ``recorder`` is the pytest side (the ``requirement`` and
``flow`` markers, the run's results), ``coverage`` collects which test checks what, ``docs``
writes docs/traceability.md and ``report`` the last-result page. docs/traceability.md says how
it fits together; docs/writing-tests.md#requirements how to add a requirement or mark a test.
"""

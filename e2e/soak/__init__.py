"""The soak: run the suite many times under load and name every flaky test (docs/performance.md)."""

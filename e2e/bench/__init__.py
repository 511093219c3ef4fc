"""The bench: what a browser step costs against the browser floor (docs/performance.md)."""

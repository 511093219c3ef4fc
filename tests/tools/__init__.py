"""The tools' tests that need no browser: soak, bench, regression, walkthrough, scale, packaging."""

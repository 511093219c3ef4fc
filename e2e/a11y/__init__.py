"""The accessibility audit: axe-core on every screen every flow reaches, against a baseline.

Modules: ``findings`` (what axe reported, fingerprints, the baseline; no browser), ``audit``
(the driver's observer that runs axe), ``report`` (the JSON per screen and index.md). Run it with
``python -m e2e.a11y``. See docs/a11y.md.
"""

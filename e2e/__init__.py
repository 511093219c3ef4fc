"""The Playwright harness: live portal, page objects, named flows, and the tests that drive them."""

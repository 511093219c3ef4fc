"""The harness library: page objects, steps and flows, the flow driver and the pytest plugin.

How to use it: docs/writing-tests.md.
"""

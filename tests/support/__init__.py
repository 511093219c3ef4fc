"""Helpers shared by the browserless tests, reached through tests/conftest.py's fixtures."""

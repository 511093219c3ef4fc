"""Browserless tests, by layer: the rules without Flask, the portal through its test client."""

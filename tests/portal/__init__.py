"""The portal through Flask's test client (and, for concurrency, a live server), a file a feature."""

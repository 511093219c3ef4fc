"""The portal through Flask's test client (concurrency: a live server), one file a feature."""

"""The main run: drive every flow on every variant, a screenshot per step (docs/architecture.md)."""

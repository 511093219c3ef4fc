"""The model of a person's journey (e2e.model) checked against the portal, without a browser."""

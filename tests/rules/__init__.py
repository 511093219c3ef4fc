"""The domain rules in plain Python: money, loans, working days, verification, the seed."""

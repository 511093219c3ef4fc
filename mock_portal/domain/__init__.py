"""Weilidai's rules in plain Python: money in fen, loans, entry visibility, closure checks.

Nothing here imports Flask or SQLAlchemy. Functions take the store's rows (or anything with the
same attributes) and a ``now`` from the portal clock, so the views, the test-control API, the
demo seed and the unit tests all reach one copy of each rule.
"""

"""The tools' own browser tests: walkthroughs, regression checks, scale, bench."""

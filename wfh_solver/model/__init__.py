"""Floor 4: the CP-SAT model of a `Problem`: counts per class and day, the levels, the layout.

May import `base`, `read`, `domain` and `policy`; knows nothing of files or words.
"""

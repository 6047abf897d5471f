"""Floor 2: the organisation as HR knows it: employees, units, the working calendar.

Built from what `read` returns; may import `base` and `read` only.
"""

"""Floor 0, what every room may use: the message catalogue and sheet labels (both languages),
Excel cell addresses, and the stop signal (`Stopped`).

Imports nothing of wfh_solver; kept light so that the console script can load it before the
heavy libraries (see `cli/entry.py`).
"""

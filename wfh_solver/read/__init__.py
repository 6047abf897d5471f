"""Read stage: spreadsheet files to a validated staff table.

Floor 1: may import `base` only.
"""

from wfh_solver.read.errors import InputError, InputProblem
from wfh_solver.read.table import StaffTable, read_staff

__all__ = ["InputError", "InputProblem", "StaffTable", "read_staff"]

"""Independent peer models of the WFH roster problem, for equivalence tests and benchmarks.

`per_employee_cpsat.solve_per_employee` and `per_employee_highs.solve_per_employee_highs`
build the plain per-employee model (one office Boolean per employee and day) straight
from a `Problem`; neither uses `wfh_solver.model` or `wfh_solver.solve`.
"""

from .common import LEVEL_NAMES, PeerLevel, PeerResult, evaluate, violations

__all__ = ["LEVEL_NAMES", "PeerLevel", "PeerResult", "evaluate", "violations"]

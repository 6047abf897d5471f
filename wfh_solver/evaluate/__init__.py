"""Rules judged on a finished roster (ours, hand-edited or relaxed): violations with cells.

Floor 6: may import `base` up to `solve`; never the model (a roster is judged as written).
"""

from wfh_solver.evaluate.cells import Layout, written_layout
from wfh_solver.evaluate.rules import MISSING, Violation, evaluate, total_shortfall

__all__ = ["MISSING", "Layout", "Violation", "evaluate", "total_shortfall", "written_layout"]

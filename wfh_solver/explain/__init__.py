"""Conflicts explained: every unit whose rules clash, each with a minimal clash in HR words.

Floor 6: may import `base` up to `solve`.
"""

from wfh_solver.explain.conflicts import Conflict, Item, by_rule, explain
from wfh_solver.policy.problem import PolicyInfeasible, Problem


class Conflicts(PolicyInfeasible):
    """The policy cannot be met; `conflicts` lists every unit in conflict (maybe none, when
    the clash was found before a unit could be examined: `reasons` then say it)."""

    def __init__(self, reasons: list[str], problem: Problem | None,
                 conflicts: list[Conflict]) -> None:
        super().__init__(reasons)
        self.problem = problem
        self.conflicts = conflicts


def explained(problem: Problem, error: PolicyInfeasible) -> Conflicts:
    """The solver's infeasibility, with every unit's minimal clash."""
    found = explain(problem)
    reasons = [c.text for c in found] or error.reasons
    return Conflicts(reasons, problem, found)


__all__ = ["Conflict", "Conflicts", "Item", "by_rule", "explain", "explained"]

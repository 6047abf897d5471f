"""`solve --relax`: the best roster despite a conflict, with every broken rule listed.

First the least shortfall is proven (`shortfall.least_shortfall`: per unit and day,
counts before shares, pins, `--pin` cells and leave kept); the rules are moved, day by day, to what
can be met; then the usual levels are solved on that. The roster is judged against
the ORIGINAL rules by `wfh_solver.evaluate`, so the `Pelanggaran` sheet lists what
is broken whoever computed it, and its total equals the proven minimum.

Floor 7: may import `evaluate` and every room below.
"""

from __future__ import annotations

import os
from dataclasses import replace

from wfh_solver.base.messages import t
from wfh_solver.evaluate import evaluate, written_layout
from wfh_solver.model.cpsat import SolveOptions, StopSignal
from wfh_solver.model.pins import check_pins
from wfh_solver.policy.problem import PolicyInfeasible, Problem
from wfh_solver.relax.shortfall import COUNT_KINDS, Shortfall, least_shortfall, relaxed_problem
from wfh_solver.solve.result import LevelResult, Result, Status, Violation
from wfh_solver.solve.run import Progress, solve

EXIT_RELAXED = 5  # the roster was written, and it breaks rules (documented in README)

__all__ = ["EXIT_RELAXED", "Shortfall", "least_shortfall", "solve_relaxed"]


def solve_relaxed(problem: Problem, options: SolveOptions | None = None,
                  progress: Progress | None = None, stop: StopSignal | None = None,
                  sheet: str = "Jadwal") -> Result:
    """The roster with the least weighted shortfall, then the usual levels; `violations`
    lists every rule it breaks, with the cells of `sheet` as the writer lays it out."""
    options = options or SolveOptions()
    workers = options.workers or (os.cpu_count() or 1)
    shortfall = least_shortfall(problem, workers)
    if reasons := check_pins(relaxed_problem(problem, shortfall)):
        raise PolicyInfeasible(reasons)  # a pin against a person's own rule or leave
    try:
        result = solve(relaxed_problem(problem, shortfall), options, progress, stop)
    except PolicyInfeasible:  # the rotation rule clashes with the day-by-day moves
        shortfall = least_shortfall(problem, workers, rotation=True)
        result = solve(relaxed_problem(problem, shortfall), options, progress, stop)
    originals = list(problem.requirements)
    counts = tuple(
        replace(rc, minimum=originals[k].minimum, maximum=originals[k].maximum,
                daily_minimum=originals[k].daily_minimum,
                daily_maximum=originals[k].daily_maximum) if k < len(originals) else rc
        for k, rc in enumerate(result.rule_counts))
    layout = written_layout(problem.employees, problem.n_days, sheet)
    found = tuple(evaluate(problem, result.roster.codes(), layout))
    level = LevelResult("shortfall", t("level_shortfall", weight=shortfall.weight),
                        shortfall.objective, shortfall.objective,
                        Status.OPTIMAL if shortfall.optimal else Status.FEASIBLE,
                        shortfall.seconds)
    warnings = list(result.warnings)
    if found:
        warnings.insert(0, t("rx_warning", count=len(found), total=shortfall.total,
                             counts=shortfall.count, shares=shortfall.share))
    if _weighted(found, shortfall.weight) != shortfall.objective:
        warnings.insert(0, t("rx_mismatch", found=_weighted(found, shortfall.weight),
                             proven=shortfall.objective))
    status = result.status if shortfall.optimal else Status.FEASIBLE
    return replace(result, levels=(level, *result.levels), rule_counts=counts,
                   warnings=tuple(warnings), violations=found, status=status,
                   solve_seconds=result.solve_seconds + shortfall.seconds)


def _weighted(found: tuple[Violation, ...], weight: int) -> int:
    """The shortfall of a roster as the relaxed objective weighs it."""
    total = 0
    for v in found:
        if v.kind in ("minimum", "maximum"):
            total += v.shortfall * (weight if v.rule_kind in COUNT_KINDS else 1)
    return total

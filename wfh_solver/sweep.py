"""Scenario sweeps: one staff list, many circulars or periods, one table to compare.

Each case is independent, so a sweep runs on this machine's cores, or — for national
scale — on a Dask cluster when the planner passes a `distributed.Client`. Workers get
the staff (employees are plain frozen dataclasses) and return only the summary row and,
on request, the office matrix, never a workbook.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from wfh_solver.api import Staff, make_problem
from wfh_solver.domain.employee import Employee
from wfh_solver.model.cpsat import SolveOptions
from wfh_solver.policy.problem import PolicyInfeasible
from wfh_solver.policy.scenario import Scenario
from wfh_solver.solve import solve


@dataclass(frozen=True, slots=True)
class Case:
    """One run of a sweep: a scenario (bundled name, path or `Scenario` object, e.g. one
    edited with `with_rule`), optionally another period, and the label its row shows."""

    scenario: str | Scenario
    start: date | None = None
    end: date | None = None
    label: str | None = None

    @property
    def name(self) -> str:
        """The row's label: given, else the scenario object's name, else what was typed."""
        if self.label:
            return self.label
        return self.scenario.name if isinstance(self.scenario, Scenario) else str(self.scenario)


def run_case(employees: tuple[Employee, ...], case: Case,
             options: SolveOptions) -> dict[str, Any]:
    """Solve one case and summarise it; an impossible policy is a row, not a crash."""
    row: dict[str, Any] = {"scenario": case.name, "start": case.start, "end": case.end}
    try:
        problem = make_problem(employees, case.scenario, case.start, case.end)
        result = solve(problem, options)
    except PolicyInfeasible as exc:
        return {**row, "status": "INFEASIBLE", "reason": exc.reasons[0]}
    office = result.roster.office
    row.update(
        start=result.calendar.start, end=result.calendar.end, status=result.status.value,
        employees=office.shape[0], working_days=office.shape[1],
        office_share=float(office.mean()) if office.size else 0.0,
        min_daily_office=int(office.sum(axis=0).min()) if office.size else 0,
        warnings=len(result.warnings), solve_seconds=round(result.solve_seconds, 3))
    for level in result.levels:
        row[f"{level.name}_objective"] = level.objective
        row[f"{level.name}_bound"] = level.bound
    return row


def sweep(staff: Staff | tuple[Employee, ...], cases: Iterable[Case | str | Scenario], *,
          client: Any = None, options: SolveOptions | None = None,
          threads: int = 1) -> pd.DataFrame:
    """A table with one row per case, in the order given.

    `client` is a `dask.distributed.Client`: the cases are solved on its workers (the
    staff is scattered once). Without one, `threads` cases run side by side here.
    """
    employees = staff.employees if isinstance(staff, Staff) else staff
    todo: Sequence[Case] = [c if isinstance(c, Case) else Case(c) for c in cases]
    options = options or SolveOptions(workers=1)
    if client is not None:
        shared = client.scatter(employees, broadcast=True)
        futures = client.map(run_case, [shared] * len(todo), todo, [options] * len(todo),
                             pure=False)
        rows = client.gather(futures)
    elif threads > 1:
        with ThreadPoolExecutor(threads) as pool:
            rows = list(pool.map(lambda c: run_case(employees, c, options), todo))
    else:
        rows = [run_case(employees, c, options) for c in todo]
    return pd.DataFrame(rows)

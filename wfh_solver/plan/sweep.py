"""Scenario sweeps: one staff list, many circulars or periods, one table to compare.

Each case is independent, so a sweep runs through the same path as `batch`: here, on
this machine's cores, or — for national scale — on a Dask cluster when the planner
passes a `distributed.Client` (or `scheduler="local"` / `"tcp://host:port"`). Workers get
the staff once and return only the summary row, never a workbook.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from wfh_solver.api import Staff
from wfh_solver.domain.employee import Employee
from wfh_solver.model.cpsat import SolveOptions
from wfh_solver.plan.batch import Case, Job, run_jobs
from wfh_solver.policy.scenario import Scenario

__all__ = ["Case", "sweep"]


def sweep(staff: Staff | tuple[Employee, ...], cases: Iterable[Case | str | Scenario], *,
          client: Any = None, options: SolveOptions | None = None, threads: int = 1,
          scheduler: Any = None, workers: int = 0) -> pd.DataFrame:
    """A table with one row per case, in the order given; an impossible policy is a row
    with status INFEASIBLE and its `error`, not a crash.

    `client` (a `dask.distributed.Client`) or `scheduler` choose where the cases run
    (see `batch.run_jobs`); without either, `threads` cases run side by side here.
    """
    employees = staff.employees if isinstance(staff, Staff) else staff
    options = options or SolveOptions(workers=1)
    jobs = [Job(employees, c if isinstance(c, Case) else Case(c), options) for c in cases]
    if client is not None:
        scheduler = client
    elif scheduler is None:
        scheduler, workers = ("threads", threads) if threads > 1 else (None, 1)
    rows = [o.row for o in run_jobs(jobs, scheduler=scheduler, workers=workers)]
    return pd.DataFrame(rows).drop(columns=["input"])

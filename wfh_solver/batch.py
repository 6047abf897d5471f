"""Many independent solves — staff lists × scenarios — on this machine or a Dask cluster.

One job is one (staff list, case): a regional government under one circular. Jobs share
nothing, so they run in a local process pool by default, or on Dask distributed
(`scheduler="local"` starts a LocalCluster on loopback; `"tcp://host:port"` joins a
running scheduler). A job that fails (a corrupt file, an impossible policy) comes back
as a row with its error, and the others complete. `sweep` and `compare` run through
`run_jobs` too, so a comparison on a cluster is the same code as one on a laptop.
"""

from __future__ import annotations

import glob
import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from wfh_solver import analysis
from wfh_solver.api import make_problem, read_employees
from wfh_solver.domain.employee import Employee
from wfh_solver.messages import language, set_language, t
from wfh_solver.model.cpsat import SolveOptions
from wfh_solver.policy.problem import PolicyInfeasible
from wfh_solver.policy.scenario import Scenario, ScenarioError
from wfh_solver.read.errors import InputError
from wfh_solver.result import Result
from wfh_solver.solve import solve

#: Spreadsheet suffixes a batch picks up from a folder.
STAFF_SUFFIXES = (".xlsx", ".xls", ".ods", ".csv")
T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Case:
    """One run: a scenario (bundled name, path or `Scenario` object, e.g. one edited with
    `with_rule`), optionally another period, and the label its row shows."""

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


@dataclass(frozen=True, slots=True)
class Job:
    """One solve: staff (a file to read on the worker, or employees already read) × case.

    `roster_out` asks the worker to write the roster there; `detail` to return the
    analysis tables `compare` needs, not only the summary row.
    """

    staff: Path | tuple[Employee, ...]
    case: Case
    options: SolveOptions = field(default_factory=lambda: SolveOptions(workers=1))
    roster_out: Path | None = None
    detail: bool = False
    lang: str = "id"
    input_label: str = ""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a job returns: its summary row, and the analysis tables when asked for."""

    row: dict[str, Any]
    daily: pd.DataFrame | None = None
    units: pd.DataFrame | None = None
    unit_day: pd.DataFrame | None = None
    fairness: pd.Series | None = None
    rules: pd.DataFrame | None = None
    wfh_days: pd.Series | None = None

    @property
    def ok(self) -> bool:
        return not self.row.get("error")


def summary_row(result: Result) -> dict[str, Any]:
    """The comparable numbers of one solve: period, size, status and every level's bound."""
    office = result.roster.office
    daily = analysis.daily_summary(result)
    row: dict[str, Any] = {
        "title": result.scenario_title,
        "start": result.calendar.start, "end": result.calendar.end,
        "status": result.status.value,
        "employees": office.shape[0], "working_days": office.shape[1],
        "office_share": float(office.mean()) if office.size else 0.0,
        "min_daily_office": int(daily["in_office"].min()) if len(daily) else 0,
        "max_daily_office": int(daily["in_office"].max()) if len(daily) else 0,
        "warnings": len(result.warnings), "solve_seconds": round(result.solve_seconds, 3),
    }
    for level in result.levels:
        row[f"{level.name}_objective"] = level.objective
        row[f"{level.name}_bound"] = level.bound
    row["switches"] = result.switches
    return row


def run_job(job: Job) -> Outcome:
    """Read, solve, summarise (and write) one job; any failure is the row's `error`."""
    set_language(job.lang)
    row: dict[str, Any] = {"input": job.input_label or _input_name(job.staff),
                           "scenario": job.case.name, "error": ""}
    started = time.perf_counter()
    try:
        employees = read_employees(job.staff).employees if isinstance(job.staff, Path) \
            else job.staff
        problem = make_problem(employees, job.case.scenario, job.case.start, job.case.end)
        result = solve(problem, job.options)
        if job.roster_out is not None:
            from wfh_solver.write import write_roster

            write_roster(result, job.roster_out, lang=job.lang)
    except PolicyInfeasible as exc:
        return Outcome({**row, "status": "INFEASIBLE", "error": exc.reasons[0]})
    except InputError as exc:
        return Outcome({**row, "status": "INPUT_ERROR", "error": exc.summary()})
    except ScenarioError as exc:
        return Outcome({**row, "status": "SCENARIO_ERROR", "error": str(exc)})
    except Exception as exc:  # one job's failure must not stop the batch
        return Outcome({**row, "status": "ERROR", "error": f"{type(exc).__name__}: {exc}"})
    row["seconds"] = round(time.perf_counter() - started, 3)
    if job.roster_out is not None:
        row["roster"] = str(job.roster_out)
    return outcome(result, row, job.detail)


def outcome(result: Result, row: dict[str, Any] | None = None, detail: bool = True) -> Outcome:
    """A solved result as a job's outcome: its summary row and, with `detail`, the tables."""
    given = dict(row or {})
    head = {"input": given.pop("input", ""),
            "scenario": given.pop("scenario", result.scenario_name)}
    row = {**head, **summary_row(result), **given}
    row.setdefault("error", "")
    if not detail:
        return Outcome(row)
    return Outcome(row, analysis.daily_summary(result), analysis.unit_summary(result),
                   analysis.unit_day_share(result), analysis.fairness(result),
                   analysis.binding_rules(result), analysis.wfh_days_distribution(result))


def _input_name(staff: Path | tuple[Employee, ...]) -> str:
    return staff.name if isinstance(staff, Path) else ""


def run_jobs(jobs: Sequence[Job], *, scheduler: Any = None, workers: int = 0) -> list[Outcome]:
    """Every job's outcome, in the order given.

    `scheduler`: None — a local process pool of `workers` processes (0: one per core;
    1: here, in this process); `"threads"` — a thread pool here; `"local"` — a Dask
    LocalCluster on 127.0.0.1; `"tcp://host:port"` — that Dask scheduler; or a
    `distributed.Client` already connected.
    """
    lang = language()
    jobs = [j if j.lang == lang else _with_lang(j, lang) for j in jobs]
    if scheduler is None or scheduler == "threads":
        return _run_local(jobs, scheduler == "threads", workers)
    return _run_dask(jobs, scheduler, workers)


def _with_lang(job: Job, lang: str) -> Job:
    return Job(job.staff, job.case, job.options, job.roster_out, job.detail, lang,
               job.input_label)


def _failed(job: Job, exc: BaseException) -> Outcome:
    """A job whose worker died (killed, out of memory): reported, never silently lost."""
    return Outcome({"input": job.input_label or _input_name(job.staff),
                    "scenario": job.case.name, "status": "ERROR",
                    "error": f"{type(exc).__name__}: {exc}"})


def _run_local(jobs: Sequence[Job], threads: bool, workers: int) -> list[Outcome]:
    count = min(len(jobs), workers or os.cpu_count() or 1)
    if count <= 1:
        return [run_job(job) for job in jobs]
    pool: Executor = ThreadPoolExecutor(count) if threads else ProcessPoolExecutor(
        count, mp_context=multiprocessing.get_context("spawn"))
    with pool:
        futures = [pool.submit(run_job, job) for job in jobs]
        return [_collect(f.result, job) for f, job in zip(futures, jobs, strict=True)]


def _collect(get: Callable[[], Outcome], job: Job) -> Outcome:
    try:
        return get()
    except Exception as exc:
        return _failed(job, exc)


def _run_dask(jobs: Sequence[Job], scheduler: Any, workers: int) -> list[Outcome]:
    distributed = _distributed()
    if isinstance(scheduler, distributed.Client):
        return _on_client(scheduler, jobs)
    if scheduler == "local":
        with local_cluster(workers) as client:
            return _on_client(client, jobs)
    if isinstance(scheduler, str) and scheduler.startswith("tcp://"):
        with distributed.Client(scheduler, timeout="30s") as client:
            return _on_client(client, jobs)
    raise ValueError(t("batch_bad_scheduler", value=scheduler))


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise ValueError(t("batch_no_dask")) from None
    return distributed


@contextmanager
def local_cluster(workers: int = 0) -> Iterator[Any]:
    """A Dask LocalCluster of `workers` single-threaded processes (0: one per core), bound
    to 127.0.0.1 so it is never reachable from the network, with a client on it."""
    distributed = _distributed()
    count = workers or os.cpu_count() or 1
    # worker chatter at shutdown (heartbeats to a closed scheduler) is not the user's
    with distributed.LocalCluster(n_workers=count, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None,
                                  silence_logs=logging.CRITICAL) as cluster, \
            distributed.Client(cluster) as client:
        yield client


def _on_client(client: Any, jobs: Sequence[Job]) -> list[Outcome]:
    """Ship each distinct employee tuple once (scatter), then one task per job."""
    shared: dict[int, Any] = {}
    for job in jobs:
        if not isinstance(job.staff, Path) and id(job.staff) not in shared:
            shared[id(job.staff)] = client.scatter(job.staff, broadcast=True)
    futures = [client.submit(_run_remote, job, shared.get(id(job.staff)), pure=False)
               for job in jobs]
    return [_collect(f.result, job) for f, job in zip(futures, jobs, strict=True)]


def _run_remote(job: Job, staff: tuple[Employee, ...] | None) -> Outcome:
    if staff is not None:
        job = Job(staff, job.case, job.options, job.roster_out, job.detail, job.lang,
                  job.input_label)
    return run_job(job)


def staff_files(spec: str | Path) -> list[Path]:
    """The staff lists a batch reads: every spreadsheet in a folder, or a glob's matches."""
    path = Path(spec)
    if path.is_dir():
        found = [p for p in path.iterdir() if p.suffix.lower() in STAFF_SUFFIXES]
    else:
        found = [Path(p) for p in glob.glob(str(spec), recursive=True)]
        found = [p for p in found if p.is_file()]
    return sorted(p for p in found if not p.name.startswith(("~$", ".")))


def batch(inputs: Iterable[Path], cases: Iterable[Case | str | Scenario], *,
          scheduler: Any = None, workers: int = 0, options: SolveOptions | None = None,
          roster_dir: Path | None = None) -> pd.DataFrame:
    """One summary row per (staff list, case); each file is read on the worker that
    solves it. `roster_dir` also writes each roster as `<input>__<case>.xlsx` there."""
    from wfh_solver.write.outputs import unique_stems

    todo = [c if isinstance(c, Case) else Case(c) for c in cases]
    files = list(inputs)
    options = options or SolveOptions(workers=1)
    pairs = [(f, c) for f in files for c in todo]
    stems = unique_stems([f"{f.stem}__{c.name}" for f, c in pairs])
    jobs = [Job(f, c, options, roster_dir / f"{stem}.xlsx" if roster_dir else None,
                input_label=str(f))
            for (f, c), stem in zip(pairs, stems, strict=True)]
    return whole_numbers(pd.DataFrame(
        [o.row for o in run_jobs(jobs, scheduler=scheduler, workers=workers)]))


def whole_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """Counts stay integers (nullable) when a failed task leaves their cell empty."""
    for column in frame.select_dtypes("float").columns:
        values = frame[column].dropna()
        if len(values) and (values == values.round()).all() and not column.endswith(
                ("seconds", "share")):
            frame[column] = frame[column].astype("Int64")
    return frame


def summary_sheets(frame: pd.DataFrame, lang: str = "id") -> dict[str, pd.DataFrame]:
    """The batch workbook: every task's row, then the failed ones with their reason."""
    from wfh_solver.compare import localised
    from wfh_solver.labels import label

    failed = frame[frame["error"].fillna("") != ""][["input", "scenario", "status", "error"]]
    return {label("sheet_cmp_summary", lang): localised(frame, lang),
            label("sheet_batch_failed", lang): localised(failed, lang)}


def write_summary(frame: pd.DataFrame, path: Path | str, lang: str = "id") -> None:
    """The batch summary as one workbook, written atomically."""
    from wfh_solver.write.tables import write_tables

    write_tables(summary_sheets(frame, lang), path)

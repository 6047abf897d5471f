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
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from wfh_solver.api import make_problem, read_employees
from wfh_solver.base.labels import label
from wfh_solver.base.messages import language, set_language, t
from wfh_solver.base.signals import Stopped, children_deaf
from wfh_solver.domain.employee import Employee
from wfh_solver.model.cpsat import SolveOptions
from wfh_solver.plan import analysis
from wfh_solver.policy.problem import PolicyInfeasible
from wfh_solver.policy.scenario import Scenario, ScenarioError
from wfh_solver.read.errors import InputError
from wfh_solver.solve.result import Result
from wfh_solver.solve.run import solve

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

    `roster_out` asks the worker to write the roster there (a staged temporary file,
    renamed by the parent when the whole batch is done), `roster_as` is the name the
    user will see; `detail` returns the analysis tables `compare` needs, not only the
    summary row.
    """

    staff: Path | tuple[Employee, ...]
    case: Case
    options: SolveOptions = field(default_factory=lambda: SolveOptions(workers=1))
    roster_out: Path | None = None
    detail: bool = False
    lang: str = "id"
    input_label: str = ""
    roster_as: Path | None = None


#: The status of a task whose roster could not be written: the whole batch fails on it.
WRITE_ERROR = "WRITE_ERROR"


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
    except PolicyInfeasible as exc:
        return Outcome({**row, "status": "INFEASIBLE", "error": exc.reasons[0]})
    except InputError as exc:
        return Outcome({**row, "status": "INPUT_ERROR", "error": exc.summary()})
    except ScenarioError as exc:
        return Outcome({**row, "status": "SCENARIO_ERROR", "error": str(exc)})
    except Exception as exc:  # one job's failure must not stop the batch
        return Outcome({**row, "status": "ERROR", "error": f"{type(exc).__name__}: {exc}"})
    if result.stop_signal:  # solved here, in the main thread: the user stops the batch
        raise Stopped(result.stop_signal)
    if job.roster_out is not None:
        failed = _write_roster(result, job)
        if failed:
            return Outcome({**row, "status": WRITE_ERROR, "error": failed})
        row["roster"] = str(job.roster_as or job.roster_out)
    row["seconds"] = round(time.perf_counter() - started, 3)
    return outcome(result, row, job.detail)


def _write_roster(result: Result, job: Job) -> str:
    """Write the job's roster; on failure, the one line naming the user's file."""
    from wfh_solver.write import write_roster
    from wfh_solver.write.failure import WriteFailed, naming

    assert job.roster_out is not None
    target = job.roster_as or job.roster_out
    if not job.roster_out.parent.is_dir():  # the batch was stopped and its staging removed
        return str(WriteFailed(target, os.strerror(2)))
    try:
        with naming(target):
            write_roster(result, job.roster_out, lang=job.lang)
    except WriteFailed as exc:
        return str(exc)
    return ""


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
    return replace(job, lang=lang)


def _failed(job: Job, exc: BaseException) -> Outcome:
    """A job whose worker died (killed, out of memory): reported, never silently lost."""
    return Outcome({"input": job.input_label or _input_name(job.staff),
                    "scenario": job.case.name, "status": "ERROR",
                    "error": f"{type(exc).__name__}: {exc}"})


def _run_local(jobs: Sequence[Job], threads: bool, workers: int) -> list[Outcome]:
    count = min(len(jobs), workers or os.cpu_count() or 1)
    if count <= 1:
        return [run_job(job) for job in jobs]
    if threads:
        return _run_threads(jobs, count)
    pool = ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("spawn"))
    try:
        with children_deaf():  # workers are spawned while jobs are submitted
            futures = [pool.submit(run_job, job) for job in jobs]
        outcomes = [_collect(f.result, job) for f, job in zip(futures, jobs, strict=True)]
    except BaseException:  # Ctrl-C, SIGTERM: pending jobs cancelled, workers ended now
        _end_pool(pool)
        raise
    pool.shutdown()
    return outcomes


def _end_pool(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started and kill the worker processes (not wait for them)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with suppress(OSError, ValueError):
            process.kill()
    for process in processes:
        with suppress(OSError, ValueError, AssertionError):
            process.join(2)


def _run_threads(jobs: Sequence[Job], count: int) -> list[Outcome]:
    """Jobs on threads here (notebooks): a stop cancels what has not started."""
    pool = ThreadPoolExecutor(count)
    try:
        futures: list[Future[Outcome]] = [pool.submit(run_job, job) for job in jobs]
        outcomes = [_collect(f.result, job) for f, job in zip(futures, jobs, strict=True)]
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return outcomes


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
    to 127.0.0.1 so it is never reachable from the network, with a client on it.

    Its worker processes ignore Ctrl-C and SIGTERM (see `signals`); a signal here,
    while they start too, kills them at once instead of waiting for their tasks.
    """
    distributed = _distributed()
    count = workers or os.cpu_count() or 1
    # worker chatter at shutdown (heartbeats to a closed scheduler) is not the user's
    cluster = distributed.LocalCluster(n_workers=0, threads_per_worker=1, processes=True,
                                       host="127.0.0.1", dashboard_address=None,
                                       silence_logs=logging.CRITICAL)
    client = None
    try:
        client = distributed.Client(cluster)
        cluster.scale(count)
        client.wait_for_workers(count, timeout=120)
        yield client
    except BaseException:
        _end_cluster(cluster)
        raise
    finally:
        if client is not None:
            client.close()
        cluster.close()


def _end_cluster(cluster: Any) -> None:
    """Kill the cluster's worker processes now (their nannies told not to restart them),
    then close it: closing alone would wait for the running tasks. What the cut
    connections still report (asyncio's "exception never retrieved", tornado) is not
    the user's: the run ends here."""
    for name in ("asyncio", "tornado", "distributed"):
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)
    for nanny in list(cluster.workers.values()):
        with suppress(Exception):
            nanny.close_gracefully()
    # the nannies' worker processes are children of this process, also those starting
    for process in multiprocessing.active_children():
        if process.name.startswith("Dask Worker"):
            with suppress(OSError, ValueError):
                process.kill()
    with suppress(Exception):
        cluster.close(timeout=5)


def _on_client(client: Any, jobs: Sequence[Job]) -> list[Outcome]:
    """Ship each distinct employee tuple once (scatter), then one task per job."""
    shared: dict[int, Any] = {}
    for job in jobs:
        if not isinstance(job.staff, Path) and id(job.staff) not in shared:
            shared[id(job.staff)] = client.scatter(job.staff, broadcast=True)
    futures = [client.submit(_run_remote, job, shared.get(id(job.staff)), pure=False)
               for job in jobs]
    try:
        return [_collect(f.result, job) for f, job in zip(futures, jobs, strict=True)]
    except BaseException:  # tasks not yet started never start
        with suppress(Exception):
            client.cancel(futures, force=True)
        raise


def _run_remote(job: Job, staff: tuple[Employee, ...] | None) -> Outcome:
    if staff is not None:
        job = replace(job, staff=staff)
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


def staff_lists(spec: str | Path, out: Path | None = None,
                roster_dir: Path | None = None) -> list[Path]:
    """`staff_files`, less this batch's own earlier outputs in the same folder: a summary
    at `out` or a roster in `roster_dir` that wfh-solver made. Any other file stays an
    input, so naming it as an output is refused by the plan rather than overwritten."""
    from wfh_solver.write.outputs import made_by_us, same_file

    def earlier_output(path: Path) -> bool:
        ours = (out is not None and same_file(path, out)) or (
            roster_dir is not None and same_file(path.parent, roster_dir))
        return ours and made_by_us(path)

    return [f for f in staff_files(spec) if not earlier_output(f)]


def roster_paths(files: Sequence[Path], cases: Sequence[Case], roster_dir: Path) -> list[Path]:
    """Each (file, case)'s roster, `<input>__<case>.xlsx`, in job order, names distinct."""
    from wfh_solver.write.outputs import unique_stems

    stems = unique_stems([f"{f.stem}__{c.name}" for f in files for c in cases])
    return [roster_dir / f"{stem}.xlsx" for stem in stems]


def batch(inputs: Iterable[Path], cases: Iterable[Case | str | Scenario], *,
          scheduler: Any = None, workers: int = 0, options: SolveOptions | None = None,
          roster_dir: Path | None = None, out: Path | None = None, overwrite: bool = False,
          lang: str = "id") -> pd.DataFrame:
    """One summary row per (staff list, case); each file is read on the worker that
    solves it. `roster_dir` also writes each roster as `<input>__<case>.xlsx` there,
    `out` the summary workbook.

    What is written is one set (`write.outputs`): planned before anything runs (no input
    and no file wfh-solver did not make is replaced, unless `overwrite`), written under
    temporary names and renamed together once every task is done. A roster that cannot
    be written (a full disk) fails the whole set with an `OSError` naming it; a signal
    cancels the pending tasks, ends the workers, and leaves every earlier file as it was.
    """
    from wfh_solver.write.outputs import OutputSet, plan_outputs

    todo = [c if isinstance(c, Case) else Case(c) for c in cases]
    files = list(inputs)
    options = options or SolveOptions(workers=1)
    pairs = [(f, c) for f in files for c in todo]
    rosters: list[Path | None] = list(roster_paths(files, todo, roster_dir)) \
        if roster_dir is not None else [None] * len(pairs)
    plan_outputs(files, out, files=[r for r in rosters if r is not None], overwrite=overwrite)
    with OutputSet() as outputs:
        jobs = [Job(f, c, options, outputs.stage(r) if r else None, input_label=str(f),
                    roster_as=r) for (f, c), r in zip(pairs, rosters, strict=True)]
        done = run_jobs(jobs, scheduler=scheduler, workers=workers)
        for job, result in zip(jobs, done, strict=True):
            if job.roster_as is not None and not result.ok:
                outputs.discard(job.roster_as)  # an earlier roster there stays as it was
        unwritten = [o.row["error"] for o in done if o.row.get("status") == WRITE_ERROR]
        if unwritten:  # the worker's one line, naming the roster
            raise OSError(unwritten[0])
        frame = whole_numbers(pd.DataFrame([o.row for o in done]))
        if out is not None:
            write_summary(frame, outputs.stage(out), lang)
    return frame


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

    failed = frame[frame["error"].fillna("") != ""][["input", "scenario", "status", "error"]]
    return {label("sheet_cmp_summary", lang): localised(frame, lang),
            label("sheet_batch_failed", lang): localised(failed, lang)}


def write_summary(frame: pd.DataFrame, path: Path | str, lang: str = "id") -> None:
    """The batch summary as one workbook, written atomically (`batch(out=…)` plans it
    with the rosters as one set)."""
    from wfh_solver.write.tables import write_tables

    write_tables(summary_sheets(frame, lang), path)


def localised(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Column headers in the user's language; a case label used as a column stays as typed."""
    def name(column: object) -> object:
        try:
            return label(f"cmp_{column}", lang)
        except KeyError:
            return column

    return frame.rename(columns=name)

"""Inside one measured subprocess: our pipeline, the floor, or one peer.

`python -m benchmarks.child {ours|floor|peer|prepare} JOB.json RESULT.json EVENTS.txt`. Each
runs in a fresh interpreter (see `proc.py`); the clock starts before the job's own imports,
and import time is reported apart from the phases. `prepare` (untimed) makes a family's pin
file or earlier rosters.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.proc import current_rss, emit

Job = dict[str, Any]
Record = dict[str, Any]

#: The roster columns the floor writes besides the day cells and the two totals.
FLOOR_COLUMNS = ("NIP", "Nama", "Unit Kerja", "Sub Unit", "Jabatan")


def _peak() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def ours(job: Job, events: str) -> Record:
    """Read → build → solve (exactly `api.plan`, as `wfh-solver solve` runs it) → styled xlsx."""
    began = time.perf_counter()
    from wfh_solver import api
    from wfh_solver.write import write_roster

    imported = time.perf_counter()
    marks: dict[tuple[str, int], float] = {}

    def progress(phase: str, done: int, total: int) -> None:
        if phase in ("read", "build"):
            marks[(phase, done)] = time.perf_counter()

    start, end = date.fromisoformat(job["start"]), date.fromisoformat(job["end"])
    scenario = job["scenario"]
    if job.get("rotation"):  # the `rotation` family: issue 22's per-person rules added
        from benchmarks.instances import rotating

        scenario = rotating(scenario)
    result = api.plan(job["input"], scenario, start=start, end=end,
                      time_limit=job["time_limit"], seed=job["seed"], workers=job["workers"],
                      progress=progress, previous=job.get("previous") or None,
                      pin=job.get("pin"), teams=bool(job.get("teams")))
    solved = time.perf_counter()
    emit(events, "solved")
    write_roster(result, job["output"])
    written = time.perf_counter()
    peak = _peak()
    emit(events, "written")

    office = result.roster.office
    _save_office(job["office"], office)
    levels = [{"name": level.name, "objective": level.objective, "bound": level.bound,
               "status": level.status.value, "gap": level.gap, "seconds": level.seconds}
              for level in result.levels]
    record: Record = {
        "employees": len(result.roster.employees),
        "n_days": len(result.roster.days),
        "import_seconds": imported - began,
        "read_seconds": marks[("read", 1)] - marks[("read", 0)],
        "build_seconds": marks[("build", 1)] - marks[("build", 0)],
        "solve_seconds": solved - marks[("build", 1)],
        "write_seconds": written - solved,
        "total_seconds": written - marks[("read", 0)],
        "peak_rss_bytes": peak,
        "output_bytes": Path(job["output"]).stat().st_size,
        "status": result.status.value,
        "levels": levels,
        "groups": int(result.extra.get("groups", 0)),
        "components": int(result.extra.get("components", 0)),
        "warnings": len(result.warnings),
        "contacts": None if result.teams is None else [result.teams.contacts,
                                                       result.teams.contacts_plain],
    }
    # Not timed, after the peak was taken: the roster against the peers' plain definitions.
    from benchmarks.peers.common import evaluate, violations
    from wfh_solver.policy.problem import FIXED_WFO

    problem = _problem(job, start, end)
    broken = violations(problem, office)
    values = evaluate(problem, office)
    pins = problem.pinned()
    kept = ((pins == 0) | (office == (pins == FIXED_WFO))).all()
    record["check"] = {
        "violations": len(broken),
        "pins": int((pins != 0).sum()),
        "pins_kept": bool(kept),
        "first_violations": broken[:5],
        "evaluated": list(values),
        "levels_match": list(values) == [level["objective"] for level in levels],
    }
    return record


def _problem(job: Job, start: date, end: date) -> Any:
    """The `Problem` as `api.plan` builds it, earlier rosters and pins included."""
    from wfh_solver import api

    problem = api.with_history(
        api.make_problem(api.read_employees(job["input"]), job["scenario"], start, end),
        list(job.get("previous") or []))
    if job.get("pin"):
        problem = api.with_pins(problem, job["pin"], check=False)
    return problem


def _save_office(path: str, office: Any) -> None:
    import numpy as np

    np.save(path, np.asarray(office, dtype=bool))


def floor(job: Job, events: str) -> Record:
    """python-calamine read + the same roster cells written by XlsxWriter, no styling."""
    began = time.perf_counter()
    import numpy as np
    import xlsxwriter
    from python_calamine import CalamineWorkbook

    imported = time.perf_counter()
    office = np.load(job["office"])  # the roster to write is an input, not part of the floor
    loaded = time.perf_counter()

    rows = CalamineWorkbook.from_path(job["input"]).get_sheet_by_index(0).to_python()
    extra_rows = 0  # the pin file and earlier rosters are inputs too: read their roster sheet
    for path in [*(job.get("previous") or []), *([job["pin"]] if job.get("pin") else [])]:
        book = CalamineWorkbook.from_path(path)
        names = book.sheet_names
        sheet = (book.get_sheet_by_name("Jadwal") if "Jadwal" in names
                 else book.get_sheet_by_index(0))
        extra_rows += len(sheet.to_python())
    read = time.perf_counter()

    header = [str(cell) for cell in rows[0]]
    where = [header.index(name) for name in FLOOR_COLUMNS]
    days = office.shape[1]
    flags = office.tolist()
    totals = office.sum(axis=1).tolist()
    workbook = xlsxwriter.Workbook(job["output"])
    sheet = workbook.add_worksheet()
    write_string, write_number = sheet.write_string, sheet.write_number
    for c, name in enumerate(FLOOR_COLUMNS):
        write_string(0, c, name)
    first_day = len(FLOOR_COLUMNS)
    for d in range(days):
        write_string(0, first_day + d, f"D{d + 1}")
    write_string(0, first_day + days, "WFO")
    write_string(0, first_day + days + 1, "WFH")
    written_rows = 0
    for r, (row, day_flags, wfo) in enumerate(zip(rows[1:], flags, totals, strict=False),
                                              start=1):
        for c, k in enumerate(where):
            value = row[k]
            write_string(r, c, value if isinstance(value, str) else str(value))
        col = first_day
        for in_office in day_flags:
            write_string(r, col, "WFO" if in_office else "WFH")
            col += 1
        write_number(r, col, wfo)
        write_number(r, col + 1, days - wfo)
        written_rows += 1
    workbook.close()
    written = time.perf_counter()
    return {
        "import_seconds": imported - began,
        "read_seconds": read - loaded,
        "write_seconds": written - read,
        "total_seconds": written - loaded,
        "peak_rss_bytes": _peak(),
        "input_rows": len(rows) - 1,
        "extra_rows_read": extra_rows,
        "rows_written": written_rows,
        "output_bytes": Path(job["output"]).stat().st_size,
    }


def _peer_solver(kind: str) -> tuple[Any, Callable[..., Any]]:
    """The peer's model class and solve function; only that peer's solver is imported."""
    if kind == "highs":
        from benchmarks.peers import per_employee_highs

        return per_employee_highs.PerEmployeeMip, per_employee_highs.solve_per_employee_highs
    from benchmarks.peers import per_employee_cpsat

    mode: per_employee_cpsat.Mode = "weighted" if kind == "cpsat-weighted" else "lexicographic"

    def solve(problem: Any, time_limit: float, workers: int, seed: int) -> Any:
        return per_employee_cpsat.solve_per_employee(problem, time_limit, mode=mode,
                                                     workers=workers, seed=seed)

    return per_employee_cpsat.PerEmployeeModel, solve


def peer(job: Job, events: str) -> Record:
    """Read and build the `Problem` as we do, then one peer builds its model and solves."""
    began = time.perf_counter()

    model_class, solve = _peer_solver(job["peer"])
    imported = time.perf_counter()

    start, end = date.fromisoformat(job["start"]), date.fromisoformat(job["end"])
    problem = _problem(job, start, end)
    ready = time.perf_counter()
    problem_rss = current_rss()
    emit(events, "problem")

    # The peers build their model inside the solve call; this tells the parent when the
    # build is done, so a build that alone outlasts the time limit can be stopped.
    built_rss: list[int] = []
    plain_init = model_class.__init__

    def init_and_report(self: Any, *args: Any, **kwargs: Any) -> None:
        plain_init(self, *args, **kwargs)
        built_rss.append(current_rss())
        emit(events, "built")

    model_class.__init__ = init_and_report
    # 0 means every core, as for us: the peers get the same machine
    workers = job["workers"] or (os.cpu_count() or 1)
    answer = solve(problem, job["time_limit"], workers=workers, seed=job["seed"])
    done = time.perf_counter()
    return {
        "import_seconds": imported - began,
        "problem_seconds": ready - imported,
        "build_seconds": answer.build_seconds,
        "solve_seconds": answer.solve_seconds,
        "total_seconds": done - ready,
        "problem_rss_bytes": problem_rss,
        "built_rss_bytes": built_rss[0] if built_rss else None,
        "peak_rss_bytes": _peak(),
        "status": answer.status,
        "levels": [{"name": level.name, "objective": level.objective, "bound": level.bound,
                    "status": level.status, "gap": level.gap, "seconds": level.seconds}
                   for level in answer.levels],
    }


def prepare(job: Job, events: str) -> Record:
    """A family's extra inputs, untimed: earlier rosters (the June weeks, each solved with the
    weeks before it as history, written by our writer) and a pin file (seeded cells of present
    staff from the roster solved without pins, a share of them swapped between two free
    colleagues alike for every rule, so the month keeps a roster)."""
    from wfh_solver import api
    from wfh_solver.write import write_roster

    made: Record = {"previous": [], "pins": 0, "flipped": 0}
    for k, (first, last) in enumerate(job["weeks"]):
        week = api.plan(job["input"], job["scenario"], start=date.fromisoformat(first),
                        end=date.fromisoformat(last), time_limit=job["time_limit"],
                        seed=job["seed"], workers=job["workers"],
                        previous=job["previous"][:k] or None)
        write_roster(week, job["previous"][k])
        made["previous"].append({"path": job["previous"][k], "status": week.status.value})
    if job["pin"]:
        start, end = date.fromisoformat(job["start"]), date.fromisoformat(job["end"])
        solved = api.plan(job["input"], job["scenario"], start=start, end=end,
                          time_limit=job["time_limit"], seed=job["seed"],
                          workers=job["workers"])
        problem = api.make_problem(api.read_employees(job["input"]), job["scenario"], start,
                                   end)
        made.update(_write_pins(job, problem, solved.roster.office))
        made["solved_status"] = solved.status.value
    return made


def _write_pins(job: Job, problem: Any, office: Any) -> Record:
    import numpy as np
    import xlsxwriter

    from wfh_solver.policy.problem import FREE, PRESENT

    rng = np.random.default_rng([job["seed"], 0x9135])
    here = problem.absence() == PRESENT
    free = problem.fixed == FREE
    # A flip is a swap: two free colleagues alike for every rule (unit, sub-unit, category,
    # position, vulnerability) trade their cells on one day, so every count stays met
    # (a lone flip can leave a seksi short, and the month has no roster).
    alike: dict[tuple[object, ...], list[int]] = {}
    for i in np.flatnonzero(free).tolist():
        e = problem.employees[i]
        alike.setdefault((e.unit, e.sub_unit, e.category, e.position,
                          bool(problem.vulnerable[i])), []).append(i)
    pairs = round(job["flip_share"] * job["pins"] / 2)
    chosen: dict[tuple[int, int], bool] = {}
    for cell in rng.permutation(np.flatnonzero((here & free[:, None]).ravel())).tolist():
        if len(chosen) >= 2 * pairs:
            break
        i, d = divmod(cell, problem.n_days)
        e = problem.employees[i]
        group = alike[(e.unit, e.sub_unit, e.category, e.position, bool(problem.vulnerable[i]))]
        mates = [j for j in group if here[j, d] and office[j, d] != office[i, d]
                 and (j, d) not in chosen and (i, d) not in chosen]
        if mates:
            j = mates[int(rng.integers(len(mates)))]
            chosen[(i, d)] = not bool(office[i, d])
            chosen[(j, d)] = not bool(office[j, d])
    flips = len(chosen)
    present = [c for c in np.flatnonzero(here.ravel()).tolist()
               if divmod(c, problem.n_days) not in chosen]
    rest = rng.choice(present, size=min(max(0, job["pins"] - flips), len(present)),
                      replace=False)
    for cell in sorted(rest.tolist()):
        i, d = divmod(cell, problem.n_days)
        chosen[(i, d)] = bool(office[i, d])
    cells = sorted(chosen)
    rows = np.asarray([i for i, _ in cells], dtype=np.int64)
    days = np.asarray([d for _, d in cells], dtype=np.int64)
    value = np.asarray([chosen[c] for c in cells], dtype=bool)
    workbook = xlsxwriter.Workbook(job["pin"])
    sheet = workbook.add_worksheet("Jadwal")
    day_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, ["NIP", "Nama"])
    for d, day in enumerate(problem.calendar.days):
        sheet.write_datetime(0, 2 + d, day, day_format)
    line = {int(i): r + 1 for r, i in enumerate(sorted(set(rows.tolist())))}
    for i, r in line.items():
        employee = problem.employees[i]
        sheet.write_string(r, 0, employee.nip)
        sheet.write_string(r, 1, employee.name)
    for i, d, in_office in zip(rows.tolist(), days.tolist(), value.tolist(), strict=True):
        sheet.write_string(line[i], 2 + d, "WFO" if in_office else "WFH")
    workbook.close()
    return {"pins": len(cells), "flipped": flips, "pinned_staff": len(line)}


JOBS = {"ours": ours, "floor": floor, "peer": peer, "prepare": prepare}


def main(argv: list[str]) -> int:
    kind, job_path, result_path, events = argv
    job = json.loads(Path(job_path).read_text())
    record = JOBS[kind](job, events)
    Path(result_path).write_text(json.dumps(record))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""What runs in the solver's own process: `api.plan`, exactly as `wfh-solver solve` calls it.

Events go back to the server on a queue as plain tuples:
  ("progress", phase, done, total)   read / build / solve (components done of total)
  ("level", level, objective, bound) one level of one component proven
  ("done", path)                     the pickled Result, in the job's private folder
  ("infeasible", [reasons], path, [conflicts])
                                     the rules cannot all hold (HR words); the Konflik
                                     workbook; each unit's clash with its people and the
                                     smallest changes (`Conflict.fixes`)
  ("error", [lines])                 bad input or scenario, one line per problem
"""

from __future__ import annotations

import pickle
import signal
import sys
import threading
import time
import traceback
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from wfh_solver import api
from wfh_solver.base.labels import label
from wfh_solver.base.messages import set_language, t
from wfh_solver.check.roster import check_roster
from wfh_solver.check.staff_list import validation_report
from wfh_solver.explain import Conflicts
from wfh_solver.explain.conflicts import RULE
from wfh_solver.model.cpsat import StopSignal
from wfh_solver.policy.problem import PolicyInfeasible
from wfh_solver.policy.scenario import ScenarioError
from wfh_solver.read.errors import InputError
from wfh_solver.write.findings import write_conflicts

MAX_LINES = 50
MAX_PEOPLE = 12  # names shown per clash; the Konflik workbook has them all
CHECK_ROWS = 500


class EventQueue(Protocol):
    def put(self, item: Any) -> None: ...


class CancelEvent(Protocol):
    def is_set(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class JobSpec:
    """One solve, with the CLI's defaults so the roster is the CLI's roster."""

    input: Path
    scenario: str  # a bundled name or the path of the edited TOML
    folder: Path
    shown_name: str  # the client's file name, put in messages instead of our path
    lang: str = "id"
    time_limit: float = 120.0
    seed: int = 0
    workers: int = 0
    relax: bool = False  # `solve --relax`: break rules as little as possible, and say which
    pin: Path | None = None  # `--pin`: a roster whose filled cells are kept
    previous: tuple[Path, ...] = ()  # `--previous`: earlier rosters fairness counts in
    #: our private path → the client's file name, for the pin and earlier rosters
    names: tuple[tuple[str, str], ...] = ()
    replan: Path | None = None  # `--replan`: the published roster, kept before `replan_from`
    replan_from: date | None = None


def shown_name(spec: JobSpec, path: Path) -> str:
    """The client's name of one of the job's files (the pin, an earlier roster)."""
    return dict(spec.names).get(str(path), path.name)


def run_job(spec: JobSpec, events: EventQueue, cancel: CancelEvent) -> None:
    """The worker process's entry point; never raises, always ends with one final event."""
    set_language(spec.lang)
    stop = StopSignal(on_level=lambda level, objective, bound:
                      events.put(("level", level, objective, bound)))
    threading.Thread(target=_stop_when_cancelled, args=(cancel, stop), daemon=True).start()
    try:
        result = api.plan(spec.input, spec.scenario, time_limit=spec.time_limit,
                          seed=spec.seed, workers=spec.workers, stop=stop, relax=spec.relax,
                          pin=spec.pin, previous=list(spec.previous),
                          replan=spec.replan, replan_from=spec.replan_from,
                          roster_sheet=label("sheet_roster", spec.lang),
                          progress=lambda phase, done, total:
                          events.put(("progress", phase, done, total)))
        if spec.names:  # notes about the pin and earlier rosters name them as the user does
            result = replace(result, warnings=tuple(_shown(spec, w) for w in result.warnings),
                             notes=tuple(_shown(spec, n) for n in result.notes))
        path = spec.folder / "result.pkl"
        with open(path, "wb") as out:
            pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
        events.put(("done", str(path)))
    except InputError as exc:
        events.put(("error", [_shown(spec, p.line()) for p in exc.problems[:MAX_LINES]]))
    except ScenarioError as exc:
        events.put(("error", [_shown(spec, str(exc))]))
    except PolicyInfeasible as exc:
        events.put(("infeasible", [_shown(spec, r) for r in exc.reasons[:MAX_LINES]],
                    _conflicts_workbook(spec, exc), _explained(spec, exc)))
    except (TimeoutError, ValueError, OSError) as exc:
        events.put(("error", [_shown(spec, str(exc))]))
    except Exception:  # noqa: BLE001 - the page shows one line; the traceback goes to the log
        traceback.print_exc(file=sys.stderr)
        events.put(("error", [t("web_internal")]))


def _conflicts_workbook(spec: JobSpec, error: PolicyInfeasible) -> str | None:
    """Every unit in conflict as the CLI writes it (`-konflik.xlsx`), for download."""
    path = spec.folder / "konflik.xlsx"
    try:
        if isinstance(error, Conflicts):
            write_conflicts(error.problem, error.conflicts, error.reasons, path, spec.lang)
        else:
            write_conflicts(None, [], error.reasons, path, spec.lang)
    except (OSError, ValueError):
        traceback.print_exc(file=sys.stderr)
        return None
    return str(path)


def _explained(spec: JobSpec, error: PolicyInfeasible) -> list[dict[str, Any]]:
    """Each unit's clash for the page: its sentence, the people involved (those it names,
    else those its clashing rules count) and the smallest changes that each alone would
    let its rules hold."""
    if not isinstance(error, Conflicts) or error.problem is None:
        return []
    problem = error.problem
    shown = []
    for c in error.conflicts[:MAX_LINES]:
        people = list(c.people) or sorted({i for item in c.items if item.kind == RULE
                                           and 0 <= item.key < len(problem.requirements)
                                           for i in problem.requirements[item.key].members})
        names = ", ".join(f"{problem.employees[i].name} (NIP {problem.employees[i].nip})"
                          for i in people[:MAX_PEOPLE])
        shown.append({"where": c.where, "text": _shown(spec, c.text), "people": names,
                      "more": max(0, len(people) - MAX_PEOPLE),
                      "fixes": [_shown(spec, f) for f in c.fixes]})
    return shown


def _stop_when_cancelled(cancel: CancelEvent, stop: StopSignal) -> None:
    # polled, not `cancel.wait()`: a process that dies waiting on a multiprocessing Event
    # leaves a sleeper count behind, and the server's later `set()` would hang on it
    while not cancel.is_set():
        time.sleep(0.1)
    stop.stop(int(signal.SIGINT))  # as Ctrl+C on the terminal: the memo says the user stopped it


def _shown(spec: JobSpec, line: str) -> str:
    """Messages name the file as the user knows it, never our private folder."""
    line = line.replace(str(spec.input), spec.shown_name)
    for path, name in spec.names:  # the full path first, then the file's own name
        line = line.replace(path, name).replace(Path(path).name, name)
    return line.replace(str(spec.input.parent), "").replace(str(spec.folder), "")


def validate_file(path: Path, lang: str) -> dict[str, Any]:
    """`validate`'s report, made in a worker process so a hostile file never touches the
    server's own memory; the reader's guards turn it into problems with cells named."""
    set_language(lang)
    try:
        return validation_report(path)
    except Exception:  # noqa: BLE001 - one line on the page, the traceback in the log
        traceback.print_exc(file=sys.stderr)
        return {"file": str(path), "summary": None, "problems": [
            {"severity": "error", "file": str(path), "sheet": "", "row": None, "column": "",
             "value": "", "reason": t("web_internal"), "hint": ""}]}


def check_file(roster: Path, staff_list: Path, scenario: str, lang: str) -> dict[str, Any]:
    """`wfh-solver check` on an uploaded roster, in a worker process: every broken rule with
    its cell, or the reader's problems when a file cannot be used."""
    set_language(lang)
    try:
        staff = api.read_employees(staff_list)
        report = check_roster(roster, staff, scenario)
    except InputError as exc:
        return {"error": [p.line() for p in exc.problems[:MAX_LINES]]}
    except (ScenarioError, ValueError, OSError) as exc:
        return {"error": [str(exc)]}
    except Exception:  # noqa: BLE001 - one line on the page, the traceback in the log
        traceback.print_exc(file=sys.stderr)
        return {"error": [t("web_internal")]}
    problem = report.problem
    return {
        "clean": report.clean, "total": len(report.violations),
        "scenario": problem.scenario.title or problem.scenario.name,  # as the page lists it
        "differences": [{"kind": d.label, "cells": ", ".join(d.cells[:8]), "text": d.text}
                        for d in report.differences[:CHECK_ROWS]],
        "employees": len(problem.employees), "days": problem.n_days,
        "violations": [{"kind": v.kind, "rule": v.rule, "unit": v.unit,
                        "day": f"{v.day:%d/%m/%Y}" if v.day else "",
                        "cells": ", ".join(v.cells[:8]), "text": v.text}
                       for v in report.violations[:CHECK_ROWS]],
    }

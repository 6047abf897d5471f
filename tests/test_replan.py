"""Tests that a replan (`solve --replan PUBLISHED --from DAY`) keeps the days before as
published and, from the day on, changes exactly as few published cells as the rules force.

The minimum is computed here by an independent per-employee CP-SAT model: one bool per
person and day, no groups, no blocks, nothing imported from `wfh_solver.model`. It reads the
rules as the policy layer applied them (`Problem.requirements`, `fixed`, `absent`), and the
hard fairness of POLICY.md (free staff of one unit, sub-unit, category, vulnerability,
absence days and earlier WFH days within one day of each other). Every roster also goes
through the independent checker (`tests/checker.py`), from files, over the replanned days,
with the published days before given as the earlier roster (their WFH days count in
fairness).
"""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from tests import checker
from wfh_solver import api
from wfh_solver.policy.problem import (
    FIXED_WFH,
    FIXED_WFO,
    LEAVE,
    PRESENT,
    PolicyInfeasible,
    Problem,
)

EXAMPLES = int(os.environ.get("REPLAN_EXAMPLES", "300"))  # fewer while developing
MONDAY = date(2020, 3, 2)  # two plain working weeks follow (no holiday)
DAYS = tuple(day for k in range(12) if (day := MONDAY + timedelta(days=k)).weekday() < 5)
NUMBER = {"O": 1, "H": 2, "C": 3, "D": 4}  # read/entries.py codes


# ------------------------------- the oracle ------------------------------- #

def fewest_changes(problem: Problem, published: np.ndarray, history: np.ndarray
                   ) -> int | None:
    """The fewest published cells (codes 1 WFO … 4 DL, 0 none) any roster meeting the
    problem's hard rules changes; None when no roster does. One bool per person-day."""
    m = cp_model.CpModel()
    n, days = len(problem.employees), problem.n_days
    away = problem.absence()
    office = [[m.new_bool_var(f"o{i},{d}") for d in range(days)] for i in range(n)]
    changed = []
    for i in range(n):
        for d in range(days):
            o = office[i][d]
            if away[i, d] != PRESENT:
                m.add(o == 0)
                now = 3 if away[i, d] == LEAVE else 4
                changed.append(int(published[i, d] not in (0, now)))
                continue
            if problem.fixed[i] == FIXED_WFO:
                m.add(o == 1)
            elif problem.fixed[i] == FIXED_WFH:
                m.add(o == 0)
            if published[i, d] == 1:
                changed.append(1 - o)
            elif published[i, d] == 2:
                changed.append(o)
            elif published[i, d] in (3, 4):
                changed.append(1)
    for req in problem.requirements:
        for d in range(days):
            here = [office[i][d] for i in req.members if away[i, d] == PRESENT]
            m.add(sum(here) >= req.minimum_on(d))
            cap = req.maximum_on(d)
            if cap is not None:
                m.add(sum(here) <= cap)
    classes: dict[tuple[object, ...], list[int]] = {}
    for i, e in enumerate(problem.employees):
        if problem.fixed[i] == 0:
            key = (e.unit, e.sub_unit, e.category, bool(problem.vulnerable[i]),
                   tuple(away[i].tolist()), int(history[i]))
            classes.setdefault(key, []).append(i)
    for members in classes.values():
        wfh = [sum(1 - office[i][d] for d in range(days) if away[i, d] == PRESENT)
               for i in members]
        for a in wfh:
            for b in wfh:
                m.add(a - b <= 1)
    m.minimize(sum(changed))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 10
    status = solver.solve(m)
    if status == cp_model.INFEASIBLE:
        return None
    assert status == cp_model.OPTIMAL
    return round(solver.objective_value)


# ------------------------------ the instances ------------------------------ #

@st.composite
def instances(draw: st.DrawFn) -> dict[str, Any]:
    days = draw(st.integers(3, len(DAYS)))
    start = draw(st.integers(0, days - 1))
    people = []
    for u in range(draw(st.integers(1, 2))):
        for k in range(draw(st.integers(2, 6))):
            seq = len(people) + 1
            head = draw(st.integers(0, 5)) == 0
            away = draw(st.sampled_from(("", "", "", "leave", "travel")))
            when = draw(st.sets(st.sampled_from(DAYS[:days]), max_size=3)) if away else set()
            people.append(checker.person(
                seq, f"Dinas {u}", f"Seksi {k % 2}",
                "Kepala Seksi" if head else "Pengadministrasi Umum",
                eselon="IV.a" if head else "-", kind="Struktural" if head else "Pelaksana",
                comorbid=draw(st.integers(0, 4)) == 0, must_wfo=draw(st.integers(0, 9)) == 0,
                leave=sorted(when) if away == "leave" else (),
                travel=sorted(when) if away == "travel" else ()))
    cells = [draw(st.text("OOHHHCD" if draw(st.booleans()) else "OH", min_size=days,
                          max_size=days)) for _ in people]
    rules: list[dict[str, Any]] = []
    if draw(st.booleans()):
        rules.append({"name": "minimal", "kind": "min_present", "per": "sub_unit",
                      "count": draw(st.integers(1, 2)), "who": {"categories": ["pelaksana"]}})
    if draw(st.booleans()):
        rules.append({"name": "batas", "kind": "max_office_share", "per": "unit",
                      "share": draw(st.sampled_from((0.0, 0.25, 0.5, 0.75)))})
    if draw(st.booleans()):
        rules.append({"name": "kepala", "kind": "always_in_office",
                      "who": {"positions": ["^Kepala"]}})
    intent = draw(st.sampled_from(("max_wfh", "max_wfo")))
    return {"days": days, "start": start, "people": people, "cells": cells, "rules": rules,
            "intent": intent}


def _files(tmp: Path, case: dict[str, Any]) -> tuple[Path, Path, Path]:
    days = DAYS[:case["days"]]
    staff = checker.write_input(tmp / "pegawai.xlsx", case["people"])
    scenario = checker.write_scenario(tmp / "baru.toml", case["rules"], start=days[0],
                                      end=days[-1], intent=case["intent"])
    published = checker.write_roster(tmp / "terbit.xlsx", case["people"], days, case["cells"])
    return staff, scenario, published


def _split(result: api.Result, people: list[dict[str, Any]], start: date, tmp: Path
           ) -> tuple[Path, Path | None]:
    """The roster's days from `start` (the checker's roster) and the days before (its
    earlier roster), each as a checker workbook."""
    days = result.roster.days
    codes = result.roster.codes()  # WFH 0, WFO 1, CUTI 2, DL 3
    letters = np.asarray(["H", "O", "C", "D"])[codes]
    cut = days.index(start)
    rows = ["".join(r) for r in letters[:, cut:]]
    earlier = None
    if cut:
        earlier = checker.write_roster(tmp / "sebelum.xlsx", people, days[:cut],
                                       ["".join(r) for r in letters[:, :cut]])
    status = "OPTIMAL" if result.is_optimal else "FEASIBLE"
    after = checker.write_roster(tmp / "sesudah.xlsx", people, days[cut:], rows,
                                 status=status, warnings=list(result.warnings))
    if earlier is not None:  # the running balance the checker wants beside history
        import openpyxl

        book = openpyxl.load_workbook(after)
        sheet = book["Jadwal"]
        sheet.cell(1, sheet.max_column + 1, checker.CUMULATIVE_HEADER)
        before = (letters[:, :cut] == "H").sum(axis=1)
        for k, row in enumerate(rows):
            sheet.cell(k + 2, sheet.max_column, int(before[k]) + row.count("H"))
        book.save(after)
    return after, earlier


#: under a replan the intent ranks below the fewest changes (docs/model.md), so the
#: checker's closed-form intent optimum is not the replan's; every hard rule is checked
ALLOWED = {"optimality"}


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(instances())
def test_changed_cells_equal_the_per_employee_minimum(tmp_path_factory: Any,
                                                      case: dict[str, Any]) -> None:
    """Tests that the replan changes exactly the independent minimum of published cells,
    keeps the days before as published, and passes the checker over the days after."""
    tmp = tmp_path_factory.mktemp("replan")
    staff, scenario, published = _files(tmp, case)
    days = DAYS[:case["days"]]
    start = days[case["start"]]
    read = api.read_employees(staff, period=(start, days[-1]))
    problem = api.make_problem(read, scenario, start, days[-1])
    cells = case["cells"]  # the staff list's order: the reader keeps it
    numbers = np.asarray([[NUMBER[c] for c in row] for row in cells], dtype=np.int8)
    history = (numbers[:, :case["start"]] == 2).sum(axis=1)
    least = fewest_changes(problem, numbers[:, case["start"]:], history)
    try:
        result = api.Result.of(api.plan(staff, scenario, replan=published, replan_from=start,
                                        time_limit=10))
    except PolicyInfeasible:
        event("infeasible under the new rules")
        assert least is None
        return
    event("changes forced" if least else "nothing to change")
    assert least is not None
    assert result.revision is not None
    assert result.levels[0].name == "changes" and result.is_optimal
    assert result.revision.count == result.levels[0].objective == least
    kept = np.asarray(["H", "O", "C", "D"])[result.roster.codes()[:, :case["start"]]]
    assert ["".join(r) for r in kept] == [c[:case["start"]] for c in cells]
    after, earlier = _split(result, case["people"], start, tmp)
    report = checker.check(after, staff, scenario, start=start, end=days[-1],
                           previous=[earlier] if earlier is not None else [])
    assert set(report.counts) <= ALLOWED, report.summary()

"""`wfh-solver check`: what a roster (ours, hand-edited, or hand-made) breaks, cell by cell.

The roster is matched to the staff list by NIP, whatever the row order; each of
its day cells becomes a code, and `wfh_solver.evaluate` judges the scenario's
rules on it. Problems with the sheet itself (an employee missing or unknown, a
cell that is not a code, a working day without a column) are violations too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import numpy.typing as npt

from wfh_solver.api import Staff, make_problem
from wfh_solver.cells import column_letter
from wfh_solver.evaluate import MISSING, Layout, Violation, evaluate
from wfh_solver.messages import t
from wfh_solver.policy.problem import Problem
from wfh_solver.policy.scenario import Scenario
from wfh_solver.read.roster import RosterSheet, read_roster
from wfh_solver.result import CODES

_CODE_OF = {code: k for k, code in enumerate(CODES)}


@dataclass(slots=True)
class CheckReport:
    problem: Problem
    roster: RosterSheet
    codes: npt.NDArray[np.int8]
    layout: Layout
    violations: list[Violation] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.violations


def cell_code(value: object) -> int | None:
    """`WFO`, ` wfh `, `Cuti`, `dl` → a code index; anything else None."""
    if value is None:
        return None
    return _CODE_OF.get("".join(str(value).split()).upper())


def check_roster(path: str | Path, staff: Staff, scenario: str | Path | Scenario,
                 start: date | None = None, end: date | None = None,
                 workweek: str | None = None) -> CheckReport:
    """Read the roster at `path` and judge it under the scenario, for these staff."""
    problem = make_problem(staff, scenario, start, end, workweek)
    roster = read_roster(path)
    sheet_issues: list[Violation] = []
    codes, layout = _align(problem, roster, sheet_issues)
    report = CheckReport(problem, roster, codes, layout)
    report.violations = sheet_issues + evaluate(problem, codes, layout)
    return report


def _sheet_issue(kind_key: str, text: str, people: tuple[int, ...] = (),
                 cells: tuple[str, ...] = (), unit: str = "", sub_unit: str = "",
                 day: date | None = None) -> Violation:
    return Violation("roster", t(kind_key), unit, sub_unit, day, 0, 0, people, cells, text)


def _align(problem: Problem, roster: RosterSheet,
           issues: list[Violation]) -> tuple[npt.NDArray[np.int8], Layout]:
    """Codes per (employee, working day) in the problem's order, and where each cell is."""
    n, days = len(problem.employees), problem.n_days
    codes = np.full((n, days), MISSING, dtype=np.int8)
    index = {e.nip: i for i, e in enumerate(problem.employees)}
    column_of = {day: k for k, day in enumerate(roster.days)}
    wanted = {day: d for d, day in enumerate(problem.calendar.days)}
    columns = [roster.day_columns[column_of[day]] if day in column_of else -1
               for day in problem.calendar.days]
    rows = [0] * n
    sheet = roster.sheet
    nip_letter = column_letter(roster.nip_column)
    for day in problem.calendar.days:
        if day not in column_of:
            issues.append(_sheet_issue("ck_rule_sheet", t("ck_missing_day",
                                                          day=day.strftime("%d/%m/%Y")),
                                       day=day))
    start, end = problem.calendar.start, problem.calendar.end
    for k, day in enumerate(roster.days):
        if start <= day <= end and day not in wanted:
            cell = f"{sheet}!{column_letter(roster.day_columns[k])}"
            issues.append(_sheet_issue("ck_rule_sheet", t("ck_extra_day",
                                                          day=day.strftime("%d/%m/%Y"),
                                                          cell=cell), cells=(cell,), day=day))
    for r in roster.rows:
        where = f"{sheet}!{nip_letter}{r.row}"
        i = index.get(r.nip)
        if i is None:
            issues.append(_sheet_issue("ck_rule_sheet", t("ck_unknown", nip=r.nip or "-",
                                                          name=r.name, cell=where),
                                       cells=(where,)))
            continue
        e = problem.employees[i]
        if rows[i]:
            issues.append(_sheet_issue("ck_rule_sheet", t("ck_duplicate", nip=e.nip, name=e.name,
                                                          cell=where, first=rows[i]),
                                       (i,), (where,), e.unit, e.sub_unit))
            continue
        rows[i] = r.row
        for d, day in enumerate(problem.calendar.days):
            if day not in column_of:
                continue
            k = column_of[day]
            value = r.cells[k]
            code = cell_code(value)
            if code is None:
                cell = f"{sheet}!{column_letter(roster.day_columns[k])}{r.row}"
                key = "ck_blank" if value in (None, "") else "ck_bad_code"
                issues.append(_sheet_issue("ck_rule_sheet", t(key, cell=cell, value=str(value),
                                                              who=f"{e.name} (NIP {e.nip})"),
                                           (i,), (cell,), e.unit, e.sub_unit, day))
                continue
            codes[i, d] = code
    for i, e in enumerate(problem.employees):
        if not rows[i]:
            issues.append(_sheet_issue("ck_rule_sheet", t("ck_missing", name=e.name, nip=e.nip,
                                                          row=e.row, unit=e.unit),
                                       (i,), (), e.unit, e.sub_unit))
    return codes, Layout(sheet, rows, columns)

"""`wfh-solver check`: what a roster (ours, hand-edited, or hand-made) breaks, cell by cell.

The roster is matched to the staff list by NIP, whatever the row order; each of
its day cells becomes a code, and `wfh_solver.evaluate` judges the scenario's
rules on it. Problems with the sheet itself (a cell that is not a code, a row
entered twice, a working day without a column) are violations too.

Who is where is compared apart (`CheckReport.differences`, `wfh_solver.check.people`):
a person missing or added, a NIP, name, unit or sub-unit that differs from the staff
list. A head signs a roster for their own staff, so a person moved to another unit
is not a rule violation but makes the roster wrong all the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import numpy.typing as npt

from wfh_solver.api import Staff, make_problem
from wfh_solver.base.cells import column_letter
from wfh_solver.base.messages import t
from wfh_solver.check.people import Difference, Matching, compare_people, pair_renumbered
from wfh_solver.evaluate import MISSING, Layout, Violation, evaluate
from wfh_solver.policy.problem import Problem
from wfh_solver.policy.scenario import Scenario
from wfh_solver.read.roster import RosterSheet, read_roster
from wfh_solver.solve.result import CODES

_CODE_OF = {code: k for k, code in enumerate(CODES)}


@dataclass(slots=True)
class CheckReport:
    problem: Problem
    roster: RosterSheet
    codes: npt.NDArray[np.int8]
    layout: Layout
    violations: list[Violation] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        """Signable: no rule broken and everyone where the staff list has them."""
        return not self.violations and not self.differences


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
    matching = Matching()
    codes, layout = _align(problem, roster, sheet_issues, matching)
    report = CheckReport(problem, roster, codes, layout)
    report.violations = sheet_issues + evaluate(problem, codes, layout)
    report.differences = compare_people(problem, roster, matching)
    return report


def _sheet_issue(kind_key: str, text: str, people: tuple[int, ...] = (),
                 cells: tuple[str, ...] = (), unit: str = "", sub_unit: str = "",
                 day: date | None = None) -> Violation:
    return Violation("roster", t(kind_key), unit, sub_unit, day, 0, 0, people, cells, text)


def _align(problem: Problem, roster: RosterSheet, issues: list[Violation],
           matching: Matching) -> tuple[npt.NDArray[np.int8], Layout]:
    """Codes per (employee, working day) in the problem's order, and where each cell is;
    `matching` records which row is whose, and the rows and people left unmatched."""
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
    unknown = [r for r in roster.rows if r.nip not in index]
    listed = {r.nip for r in roster.rows}
    absent = [i for i, e in enumerate(problem.employees) if e.nip not in listed]
    renumbered = pair_renumbered(problem, unknown, absent)  # a mistyped NIP, same name
    for r in roster.rows:
        where = f"{sheet}!{nip_letter}{r.row}"
        i = index.get(r.nip, renumbered.get(r.row))
        if i is None:
            matching.added.append(r)
            continue
        e = problem.employees[i]
        if rows[i]:
            issues.append(_sheet_issue("ck_rule_sheet", t("ck_duplicate", nip=e.nip, name=e.name,
                                                          cell=where, first=rows[i]),
                                       (i,), (where,), e.unit, e.sub_unit))
            continue
        rows[i] = r.row
        matching.rows.append((r, i))
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
    matching.missing.extend(i for i in range(n) if not rows[i])
    return codes, Layout(sheet, rows, columns)

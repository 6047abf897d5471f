"""The Konflik and Pelanggaran sheets: what could not hold, as a table HR can filter.

`Konflik` is written on its own when the rules cannot all hold (no roster exists);
`Pelanggaran` joins the roster workbook when `--relax` broke rules on purpose, or
when any roster is judged. Both are plain tables: one line per conflict or per
broken rule and day, with the numbers, the people and the cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from wfh_solver.base.labels import check_lang, label
from wfh_solver.base.messages import CATALOGUE
from wfh_solver.domain.employee import Employee
from wfh_solver.evaluate import Violation
from wfh_solver.explain import Conflict
from wfh_solver.explain.conflicts import RULE
from wfh_solver.policy.problem import Problem
from wfh_solver.write import ooxml
from wfh_solver.write.atomic import atomic_output
from wfh_solver.write.ooxml import CellFormat, Sheet

Row = Sequence[str | int | date | None]

CONFLICT_HEADERS = ("col_unit", "col_sub_unit", "col_days", "col_rule", "col_items",
                    "col_people", "col_explanation", "col_fixes")
VIOLATION_HEADERS = ("col_kind_v", "col_rule", "col_unit", "col_sub_unit", "col_date",
                     "col_required", "col_achieved", "col_people", "col_cells",
                     "col_explanation")


def _people(employees: Sequence[Employee], people: Sequence[int], limit: int = 50) -> str:
    names = [f"{employees[i].name} ({employees[i].nip})" for i in people[:limit]]
    if len(people) > limit:
        names.append(f"+{len(people) - limit}")
    return "; ".join(names)


def _involved(problem: Problem, conflict: Conflict) -> list[int]:
    """The people a clash is about: those pinned or away in it, else everyone its rules
    count (a cap against minimums involves the whole unit, not nobody)."""
    if conflict.people:
        return list(conflict.people)
    members = {i for item in conflict.items if item.kind == RULE
               for i in problem.requirements[item.key].members}
    return sorted(members)


def conflict_rows(problem: Problem, conflicts: Sequence[Conflict], lang: str) -> list[Row]:
    rows: list[Row] = []
    joiner = f"\n{CATALOGUE[lang]['fix_or']} "
    for c in conflicts:
        rules = sorted({item.rule for item in c.items})
        rows.append([c.unit or label("whole_org", lang), c.sub_unit,
                     ", ".join(d.strftime("%d/%m/%Y") for d in c.days), "; ".join(rules),
                     "\n".join(item.text for item in c.items),
                     _people(problem.employees, _involved(problem, c)),
                     c.text, joiner.join(c.fixes)])
    return rows


def violation_rows(employees: Sequence[Employee], violations: Sequence[Violation],
                   lang: str) -> list[Row]:
    return [[_kind(v.kind, lang), v.rule, v.unit or label("whole_org", lang), v.sub_unit, v.day,
             v.required, v.achieved, _people(employees, v.people),
             ", ".join(c.split("!", 1)[-1] for c in v.cells[:50]), v.text]
            for v in violations]


def _kind(kind: str, lang: str) -> str:
    """A violation's kind in words ("Kurang dari jumlah minimal di kantor")."""
    key = f"vk_{kind}"
    return label(key, lang) if key in CATALOGUE[lang] else kind


def write_table(book: ooxml.Workbook, name: str, headers: Sequence[str],
                rows: Sequence[Row], widths: Sequence[float]) -> None:
    """One filterable table with a bold header, dates as dates, long text wrapped."""
    header = book.styles.add(CellFormat(bold=True, fill="D9E1F2", bottom_border=True, top=True,
                                        wrap=True))
    wrap = book.styles.add(CellFormat(wrap=True, top=True))
    day = book.styles.add(CellFormat(num_format="dd/mm/yyyy", top=True))
    xml = [book.row(0, [(c, text, header) for c, text in enumerate(headers)])]
    for r, values in enumerate(rows, start=1):
        xml.append(book.row(r, [(c, v, day if isinstance(v, date) else wrap)
                                for c, v in enumerate(values)]))
    sheet = Sheet(name, last_row=len(rows), last_col=len(headers) - 1,
                  widths=[(c, c, w) for c, w in enumerate(widths)], freeze=(1, 0),
                  autofilter=True)
    book.write_sheet(sheet, xml)


def write_conflicts(problem: Problem | None, conflicts: Sequence[Conflict],
                    reasons: Sequence[str], path: Path | str, lang: str = "id") -> None:
    """A workbook with one `Konflik` sheet: every conflict, or the policy's own reasons
    when the rules clash before any unit can be examined (two pins on one person)."""
    check_lang(lang)
    name = label("sheet_conflicts", lang)
    headers = [label(k, lang) for k in CONFLICT_HEADERS]
    rows = conflict_rows(problem, conflicts, lang) if problem is not None else []
    if not rows:
        rows = [["", "", "", "", "", "", reason, ""] for reason in reasons]
    rows.append(["", "", "", "", "", "", CATALOGUE[lang]["fix_hint"], ""])
    with atomic_output(path) as tmp, ooxml.Workbook(tmp, [name]) as book:
        write_table(book, name, headers, rows, (30, 24, 16, 30, 60, 40, 80, 60))
        book.close(title=name)


def write_violations_sheet(book: ooxml.Workbook, employees: Sequence[Employee],
                           violations: Sequence[Violation], lang: str) -> None:
    name = label("sheet_violations", lang)
    write_table(book, name, [label(k, lang) for k in VIOLATION_HEADERS],
                violation_rows(employees, violations, lang),
                (10, 30, 30, 24, 11, 9, 9, 40, 20, 80))

"""Render a `Result` as an Excel workbook: Jadwal, Rekap Unit, Ringkasan, Aturan.

The workbook is written by `wfh_solver.write.ooxml`, a streaming SpreadsheetML
writer: each sheet's XML goes straight into the zip, built column-wise with
numpy for the two big sheets (Jadwal: employees x days cells; Rekap Unit:
units x days x rules rows).

Safety: every text (names, NIPs, units, labels) is a shared string, so a name
such as `=HYPERLINK(...)` is never a formula and a NIP such as
`196503121990031005` is never a number; text is XML-escaped and cleaned.

Look: WFO/WFH cells carry no per-cell format; two conditional-format rules
colour the whole day range, and the per-unit check in Rekap Unit is computed
with numpy. The same `Result` always gives a byte-identical file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import numpy as np
import numpy.typing as npt

from wfh_solver.base.labels import WFH, WFO, check_lang, label
from wfh_solver.domain.employee import Employee
from wfh_solver.evaluate.cells import roster_order
from wfh_solver.evaluate.counts import counts_met
from wfh_solver.policy.wording import kind_label
from wfh_solver.solve.result import (
    CODES,
    LEAVE_CODE,
    TRAVEL_CODE,
    WFH_CODE,
    WFO_CODE,
    AppliedRule,
    Result,
    Roster,
    RuleCount,
)
from wfh_solver.write import ooxml
from wfh_solver.write.atomic import atomic_output
from wfh_solver.write.memo import memo_items, technical_items
from wfh_solver.write.ooxml import CellFormat, Column, Highlight, Sheet, TextRule
from wfh_solver.write.outputs import safe_stem, unique_stems  # noqa: F401  (re-exported)
from wfh_solver.write.review import review

_FIXED_COLUMNS = ("col_nip", "col_name", "col_unit", "col_sub_unit", "col_position")
_MAX_TEXT_WIDTH = 45.0
#: Jadwal's text columns (name, unit, sub-unit, position) wrap within these widths, so NIP and
#: the four texts fill one A4 landscape page width at 100 % (645 pt of 799), never spilling
#: into the next cell; the days follow on the next pages with NIP and name repeated.
_ROSTER_WIDTHS = (26.0, 22.0, 22.0, 22.0)
_LINE_PT = 12.75  # one line of the default Arial 10


def _wrapped_heights(texts: Sequence[Sequence[str]], widths: Sequence[float]) -> npt.NDArray[
        np.float64]:
    """Row heights (0 = default) fitting each row's wrapped texts, estimated generously.

    A width unit holds about one character of Arial 10; more characters stand in for
    the room word wrapping wastes (10 %).
    """
    lines = np.ones(len(texts[0]) if texts else 0, dtype=np.int64)
    for values, width in zip(texts, widths, strict=True):
        per_line = max(1, int(width))
        lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
        lines = np.maximum(lines, -(-(lengths * 110 // 100) // per_line))
    return np.where(lines > 1, lines * _LINE_PT + 2, 0).astype(np.float64)

Cell = str | int | float | date | bool | None


@dataclass(frozen=True, slots=True)
class Percent:
    """A Ringkasan value shown with a percentage format."""

    value: float


# --------------------------------------------------------------------------- #
# Ordering shared by every sheet and by write_per_unit.
# --------------------------------------------------------------------------- #


def _text_key(text: str) -> tuple[str, str]:
    return (text.casefold(), text)


def row_order(employees: Sequence[Employee]) -> list[int]:
    """Employee indices sorted by unit, then sub unit, then original order (one definition,
    in `evaluate.cells`, so the cells a violation names are the cells written here)."""
    return roster_order(employees)


def unit_order(units: Iterable[str]) -> list[str]:
    """Distinct unit names in the order the workbook shows them."""
    return sorted(set(units), key=_text_key)


def detail_rows(units: Iterable[str], rule_units: Sequence[str], days: int) -> int:
    """Rows below the header of the Rincian Aturan sheet: per day, one line per unit and
    one per rule count (`unit_summary`'s layout), known from the problem alone, so that a
    period whose sheet Excel could not hold is refused before it is solved."""
    named = set(units) | {u for u in rule_units if u}
    return (len(named) + ("" in rule_units) + len(rule_units)) * days


# --------------------------------------------------------------------------- #
# Rekap Unit: vectorised per-unit and per-rule counts.
# --------------------------------------------------------------------------- #


@dataclass(frozen=True, slots=True)
class SummaryLine:
    """One line of Rekap Unit per day: a unit total (`rule is None`) or a RuleCount."""

    unit: str
    sub_unit: str
    rule: str | None
    members: int
    minimum: int | None = None
    maximum: int | None = None
    target_wfh: int | None = None


@dataclass(frozen=True, slots=True)
class UnitSummary:
    """`in_office[l, d]` and `met[l, d]` for every line `l`, grouped by unit.

    `groups` holds `(unit, first_line, end_line)`; unit "" is the whole
    organisation. Within a group the unit total comes first.
    """

    lines: tuple[SummaryLine, ...]
    groups: tuple[tuple[str, int, int], ...]
    in_office: npt.NDArray[np.int64]
    met: npt.NDArray[np.bool_]


def _group_sums(
    office: npt.NDArray[np.bool_], index: npt.NDArray[np.intp], sizes: npt.NDArray[np.intp]
) -> npt.NDArray[np.int64]:
    """Per-day office counts of consecutive index groups of the given sizes (empty allowed)."""
    days = office.shape[1]
    cumulative = np.zeros((len(index) + 1, days), dtype=np.int64)
    np.cumsum(office[index], axis=0, out=cumulative[1:])
    ends = np.cumsum(sizes)
    return cumulative[ends] - cumulative[ends - sizes]


def _member_index(counts: Sequence[RuleCount], n: int) -> npt.NDArray[np.intp]:
    total = sum(len(rc.members) for rc in counts)
    index = np.fromiter((m for rc in counts for m in rc.members), dtype=np.intp, count=total)
    if total and (index.min() < 0 or index.max() >= n):
        bad = next(rc for rc in counts if any(not 0 <= m < n for m in rc.members))
        raise ValueError(
            f"rule count {bad.rule!r} for unit {bad.unit!r} has members outside "
            f"the roster (0..{n - 1})"
        )
    return index


def _unit_totals(
    roster: Roster, units: Sequence[str]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.intp]]:
    """(in-office counts, headcounts) per unit in `units` order."""
    position = {unit: k for k, unit in enumerate(units)}
    codes = np.fromiter(
        (position[e.unit] for e in roster.employees), dtype=np.intp, count=len(roster.employees)
    )
    sizes = np.bincount(codes, minlength=len(units)).astype(np.intp)
    return _group_sums(roster.office, np.argsort(codes, kind="stable"), sizes), sizes


def _line_for(rc: RuleCount) -> SummaryLine:
    return SummaryLine(
        rc.unit, rc.sub_unit, rc.rule, len(rc.members), rc.minimum, rc.maximum, rc.target_wfh
    )


def unit_summary(result: Result) -> UnitSummary:
    """Count, per unit and per RuleCount, who is in the office each day, and check the rule."""
    roster = result.roster
    n, days = roster.office.shape
    by_unit: dict[str, list[int]] = {}
    for k, rc in enumerate(result.rule_counts):
        by_unit.setdefault(rc.unit, []).append(k)
    units = unit_order([e.unit for e in roster.employees] + [u for u in by_unit if u])
    unit_office, unit_sizes = _unit_totals(roster, units)

    counts = result.rule_counts
    sizes = np.array([len(rc.members) for rc in counts], dtype=np.intp)
    index = _member_index(counts, n)
    rule_office = _group_sums(roster.office, index, sizes)
    present = None
    if roster.absent is not None:
        present = sizes[:, None] - _group_sums(roster.absent > 0, index, sizes)
    rule_ok = counts_met(counts, rule_office, present)  # the rules as evaluate/ judges them

    groups = [(u, unit_office[k], int(unit_sizes[k])) for k, u in enumerate(units)]
    if "" in by_unit:
        groups.append(("", roster.office.sum(axis=0, dtype=np.int64), n))
    lines: list[SummaryLine] = []
    spans: list[tuple[str, int, int]] = []
    order: list[int] = []  # -1 - g for a unit total, else a rule_counts index
    for g, (unit, _, headcount) in enumerate(groups):
        first = len(lines)
        lines.append(SummaryLine(unit, "", None, headcount))
        order.append(-1 - g)
        for k in by_unit.get(unit, []):
            lines.append(_line_for(counts[k]))
            order.append(k)
        spans.append((unit, first, len(lines)))

    picks = np.array(order, dtype=np.intp)
    is_total = picks < 0
    in_office = np.empty((len(lines), days), dtype=np.int64)
    met = np.ones((len(lines), days), dtype=np.bool_)
    if groups:
        total_rows = np.stack([office for _, office, _ in groups])
        in_office[is_total] = total_rows[-1 - picks[is_total]]
    in_office[~is_total] = rule_office[picks[~is_total]]
    met[~is_total] = rule_ok[picks[~is_total]]
    return UnitSummary(tuple(lines), tuple(spans), in_office, met)


# --------------------------------------------------------------------------- #
# Writing.
# --------------------------------------------------------------------------- #

_HEADER = CellFormat(bold=True, fill="D9E1F2", bottom_border=True, top=True)


@dataclass(frozen=True, slots=True)
class _Styles:
    """Style indices (`s`) of the handful of cell formats, and the highlight (dxf) ids."""

    header: int
    header_date: int
    date: int
    percent: int
    number: int
    wrap: int
    key: int
    wfo: int
    wfh: int
    away: int
    bad: int
    bad_cell: int
    top: int
    changed: int

    @classmethod
    def register(cls, styles: ooxml.Styles, lang: str = "id") -> _Styles:
        return cls(
            header=styles.add(replace(_HEADER, wrap=True)),
            # day names in the roster's language (`Sen 23/03`), whatever the viewer's locale
            header_date=styles.add(replace(_HEADER, num_format=label("day_format", lang))),
            date=styles.add(CellFormat(num_format="dd/mm/yyyy")),
            percent=styles.add(CellFormat(num_format="0.0%")),
            number=styles.add(CellFormat(num_format="0.###")),
            wrap=styles.add(CellFormat(wrap=True, top=True)),
            key=styles.add(CellFormat(bold=True, top=True)),
            wfo=styles.add_highlight(Highlight("006100", "C6EFCE")),
            wfh=styles.add_highlight(Highlight("1F4E78", "DDEBF7")),
            away=styles.add_highlight(Highlight("595959", "EDEDED")),
            bad=styles.add_highlight(Highlight("9C0006", "FFC7CE")),
            bad_cell=styles.add(CellFormat(bold=True, fill="FFC7CE", num_format="0.###")),
            top=styles.add(CellFormat(top=True)),
            changed=styles.add(CellFormat(top=True, underline=True)),
        )


def _text_width(values: Iterable[str], header: str, cap: float = _MAX_TEXT_WIDTH) -> float:
    widest = max((len(v) for v in values), default=0)
    return min(cap, max(len(header), widest) + 2.0)


def _header(book: ooxml.Workbook, headers: Sequence[str], style: int) -> str:
    return book.row(0, [(col, text, style) for col, text in enumerate(headers)])


def _unit_breaks(units: Sequence[str]) -> list[int]:
    """Zero-based sheet rows (after a header row) where a new unit starts."""
    return [r + 1 for r in range(1, len(units)) if units[r] != units[r - 1]]


def _chain(first: str, rest: Iterable[str]) -> Iterator[str]:
    yield first
    yield from rest


_GETTERS: tuple[Callable[[Employee], str], ...] = (
    lambda e: e.nip,
    lambda e: e.name,
    lambda e: e.unit,
    lambda e: e.sub_unit,
    lambda e: e.position,
)


def _write_roster(book: ooxml.Workbook, result: Result, lang: str, st: _Styles) -> None:
    roster = result.roster
    order = row_order(roster.employees)
    employees = [roster.employees[i] for i in order]
    n, n_days = len(employees), len(roster.days)
    first_day = len(_FIXED_COLUMNS)
    wfo_col = first_day + n_days
    codes_matrix = roster.codes()[np.asarray(order, dtype=np.intp)].astype(np.intp)
    away = roster.absent is not None
    totals = [("col_wfo_days", WFO_CODE), ("col_wfh_days", WFH_CODE)]
    if away:
        totals.append(("col_away_days", -1))
    if result.history is not None:  # --previous: the running balance, earlier + this period
        totals.append(("col_wfh_cumulative", -2))
    last_col = wfo_col + len(totals) - 1
    team_col = None
    if result.teams is not None:  # --tim: each person's team closes the row
        team_col = last_col = last_col + 1

    header: list[tuple[int, ooxml.Value, int]]
    header = [(col, label(key, lang), st.header) for col, key in enumerate(_FIXED_COLUMNS)]
    header += [(first_day + d, day, st.header_date) for d, day in enumerate(roster.days)]
    header += [(wfo_col + k, label(key, lang), st.header) for k, (key, _) in enumerate(totals)]
    if team_col is not None:
        header.append((team_col, label("col_team", lang), st.header))

    head = book.row(0, header)
    # WFH/WFO first: small shared-string indices keep 1.3M day cells short.
    codes = [book.text_cell(code, st.top) for code in CODES]
    texts = [[get(e) for e in employees] for get in _GETTERS]
    columns = [book.text_column(0, texts[0], st.top)]
    columns += [book.text_column(col, values, st.wrap) for col, values in enumerate(texts)
                if col]
    shown = codes_matrix
    if result.revision is not None:  # a replan: changed cells bold and underlined
        codes += [book.text_cell(code, st.changed) for code in CODES]
        marked = result.revision.changed[np.asarray(order, dtype=np.intp)]
        shown = codes_matrix + len(CODES) * marked.astype(np.intp)
    columns += [Column(first_day + d, shown[:, d], codes) for d in range(n_days)]
    numbers = [book.number_cell(k, st.top) for k in range(n_days + 1)]
    for k, (_, code) in enumerate(totals):
        if code == -2 and result.history is not None:
            balance = (codes_matrix == WFH_CODE).sum(axis=1, dtype=np.intp) + np.asarray(
                result.history, dtype=np.intp)[np.asarray(order, dtype=np.intp)]
            top = int(balance.max(initial=0))
            columns.append(Column(wfo_col + k, balance,
                                  [book.number_cell(v) for v in range(top + 1)]))
            continue
        counted = codes_matrix >= LEAVE_CODE if code < 0 else codes_matrix == code
        columns.append(Column(wfo_col + k, counted.sum(axis=1, dtype=np.intp), numbers))
    if team_col is not None and result.teams is not None:
        names = result.teams.names
        columns.append(book.text_column(team_col, [names[i] for i in order], st.top))

    widths = [(0, 0, _text_width(texts[0], label(_FIXED_COLUMNS[0], lang)))]
    widths += [
        (col, col, _text_width(values, label(key, lang), cap))
        for col, (key, values, cap) in enumerate(
            zip(_FIXED_COLUMNS[1:], texts[1:], _ROSTER_WIDTHS, strict=True), start=1)
    ]
    if n_days:
        widths.append((first_day, wfo_col - 1, 10.0))
    widths.append((wfo_col, last_col, 10.0))
    rules = []
    if n and n_days:
        marks = [(WFO, st.wfo), (WFH, st.wfh)]
        if away:
            marks += [(CODES[LEAVE_CODE], st.away), (CODES[TRAVEL_CODE], st.away)]
        rules = _violated_cells(result, order, codes_matrix, first_day, st.bad)
        rules += [TextRule(1, first_day, n, wfo_col - 1, code, highlight)
                  for code, highlight in marks]
    sheet = Sheet(
        label("sheet_roster", lang),
        last_row=n,
        last_col=last_col,
        widths=widths,
        freeze=(1, 2),
        autofilter=True,
        rules=rules,
        row_breaks=_unit_breaks(texts[2]),
        text_numbers=(0, 0, n, 0),
        # printed at 100 %: the day columns continue on the next pages with NIP and name
        fit_to_width=False,
        repeat_cols=2,
        footer=label("page_footer", lang),
        side_margin=0.3,
    )
    heights = _wrapped_heights(texts[1:], [w for _, _, w in widths[1:5]])
    book.write_sheet(sheet, _chain(head, book.rows(1, n, columns, heights)))


_MAX_MARKED_CELLS = 5_000


def _violated_cells(result: Result, order: Sequence[int], codes: npt.NDArray[np.intp],
                    first_day: int, bad: int) -> list[TextRule]:
    """Red, above the WFO/WFH colours, for each day cell a broken rule names (--relax)."""
    if not result.violations:
        return []
    row_of = {i: r + 1 for r, i in enumerate(order)}
    day_of = {day: d for d, day in enumerate(result.roster.days)}
    cells: dict[tuple[int, int], str] = {}
    for v in result.violations:
        if v.day is None or v.day not in day_of:
            continue
        d = day_of[v.day]
        for i in v.people:
            row = row_of[i]
            cells.setdefault((row, first_day + d), CODES[codes[row - 1, d]])
            if len(cells) >= _MAX_MARKED_CELLS:
                break
    return [TextRule(row, col, row, col, code, bad) for (row, col), code in sorted(cells.items())]


_UNIT_HEADERS = (
    "col_unit",
    "col_sub_unit",
    "col_date",
    "col_rule",
    "col_members",
    "col_in_office",
    "col_share",
    "col_minimum",
    "col_maximum",
    "col_target_wfh",
    "col_met",
)


def _summary_rows(
    summary: UnitSummary, n_days: int
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """(line, day) of every Rekap Unit row: per unit, per day, the unit's lines."""
    lines: list[npt.NDArray[np.intp]] = []
    days: list[npt.NDArray[np.intp]] = []
    for _, first, end in summary.groups:
        lines.append(np.tile(np.arange(first, end, dtype=np.intp), n_days))
        days.append(np.repeat(np.arange(n_days, dtype=np.intp), end - first))
    if not lines:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    return np.concatenate(lines), np.concatenate(days)


def _write_units(book: ooxml.Workbook, result: Result, lang: str, st: _Styles) -> None:
    summary = unit_summary(result)
    lines = summary.lines
    line, day = _summary_rows(summary, len(result.roster.days))
    n = len(line)
    whole_org, total = label("whole_org", lang), label("unit_total", lang)
    head = _header(book, [label(k, lang) for k in _UNIT_HEADERS], st.header)

    def per_line(col: int, cells: Sequence[str | None]) -> Column:
        return Column(col, line, cells)

    def numbers(values: Iterable[int | None]) -> list[str | None]:
        return [None if v is None else book.number_cell(v) for v in values]

    members = np.array([x.members for x in lines], dtype=np.int64)
    counts = summary.in_office[line, day]
    share = counts / np.maximum(members[line], 1)
    is_rule = np.array([x.rule is not None for x in lines], dtype=np.bool_)
    met = np.where(is_rule[line], summary.met[line, day].astype(np.intp), 2)
    met_cells = [book.text_cell(label("no", lang)), book.text_cell(label("yes", lang)), None]
    serials = [book.number_cell(ooxml.excel_serial(d), st.date) for d in result.roster.days]
    columns = [
        per_line(0, [book.text_cell(x.unit or whole_org) for x in lines]),
        per_line(1, [book.text_cell(x.sub_unit) for x in lines]),
        Column(2, day, serials),
        per_line(3, [book.text_cell(total if x.rule is None else x.rule) for x in lines]),
        per_line(4, numbers(x.members for x in lines)),
        book.number_column(5, counts),
        book.number_column(6, share, st.percent, present=members[line] > 0),
        per_line(7, numbers(x.minimum for x in lines)),
        per_line(8, numbers(x.maximum for x in lines)),
        per_line(9, numbers(x.target_wfh for x in lines)),
        Column(10, met, met_cells),
    ]

    last_col = len(_UNIT_HEADERS) - 1
    units = [g[0] or whole_org for g in summary.groups]
    rule_names = (x.rule or total for x in lines)
    widths = [
        (0, 0, _text_width(units, label("col_unit", lang))),
        (1, 1, _text_width((x.sub_unit for x in lines), label("col_sub_unit", lang))),
        (2, 2, 11.0),
        (3, 3, _text_width(rule_names, label("col_rule", lang))),
        (4, last_col, 11.0),
    ]
    rules = [TextRule(1, last_col, n, last_col, label("no", lang), st.bad)] if n else []
    sheet = Sheet(
        label("sheet_rule_detail", lang),
        last_row=n,
        last_col=last_col,
        widths=widths,
        freeze=(1, 1),
        autofilter=True,
        rules=rules,
    )
    book.write_sheet(sheet, _chain(head, book.rows(1, n, columns)))


def _write_unit_grid(book: ooxml.Workbook, result: Result, lang: str, st: _Styles) -> None:
    """Rekap Unit: one row per unit, one column per day, the number in office that day.

    The unit's headcount stands beside its name; a day on which any of the unit's rules is not
    met is highlighted (the per-rule detail is the next sheet). Printed at 100 % across pages,
    the unit column repeated.
    """
    summary = unit_summary(result)
    days = result.roster.days
    lines = summary.lines
    whole_org = label("whole_org", lang)
    groups = [(unit or whole_org, first, end) for unit, first, end in summary.groups]
    rows = [book.row(0, [(0, label("col_grid_unit", lang), st.header),
                         (1, label("col_members", lang), st.header)]
                     + [(2 + d, day, st.header_date) for d, day in enumerate(days)])]
    for r, (unit, first, end) in enumerate(groups, start=1):
        ok = np.asarray(summary.met[first:end].all(axis=0), dtype=np.bool_)
        cells: list[tuple[int, ooxml.Value, int]] = [(0, unit, st.wrap),
                                                      (1, lines[first].members, st.number)]
        cells += [(2 + d, int(summary.in_office[first, d]), st.number if ok[d] else st.bad_cell)
                  for d in range(len(days))]
        rows.append(book.row(r, cells))
    sheet = Sheet(
        label("sheet_units", lang),
        last_row=len(groups),
        last_col=1 + len(days),
        widths=[(0, 0, _text_width((g[0] for g in groups), "", cap=48.0)), (1, 1, 10.0)]
        + ([(2, 1 + len(days), 10.5)] if days else []),
        freeze=(1, 2),
        fit_to_width=False,
        repeat_cols=1,
        footer=label("page_footer", lang),
    )
    book.write_sheet(sheet, rows)


def _value_cell(value: Cell | Percent, lang: str, st: _Styles) -> tuple[Cell, int]:
    """A Ringkasan value and its style."""
    if isinstance(value, Percent):
        return value.value, st.percent
    if isinstance(value, bool):
        return label("yes" if value else "no", lang), st.wrap
    if isinstance(value, int | float):
        return value, st.number
    if isinstance(value, date):
        return value, st.date
    return value, st.wrap


def _write_items(book: ooxml.Workbook, sheet_key: str, items: Sequence[tuple[str, object]],
                 lang: str, st: _Styles) -> None:
    """A two-column sheet of labelled values (Ringkasan, Teknis)."""
    rows = [_header(book, [label("col_key", lang), label("col_value", lang)], st.header)]
    for row, (key, value) in enumerate(items, start=1):
        shown, style = _value_cell(value, lang, st)  # type: ignore[arg-type]
        rows.append(book.row(row, [(0, key, st.key), (1, shown, style)]))
    sheet = Sheet(
        label(sheet_key, lang),
        last_row=len(items),
        last_col=1,
        widths=[(0, 0, _text_width((k for k, _ in items), "", cap=40.0)), (1, 1, 90.0)],
        freeze=(1, 0),
        landscape=False,
    )
    book.write_sheet(sheet, rows)


def _write_review(book: ooxml.Workbook, result: Result, lang: str) -> None:
    from wfh_solver.write.findings import write_table

    rows = [[f.unit, f.finding, f.people, f.change] for f in review(result, lang)]
    if not rows:
        rows = [["", label("none", lang), "", ""]]
    headers = [label(k, lang) for k in ("col_unit", "col_finding", "col_review_people",
                                        "col_change")]
    write_table(book, label("sheet_review", lang), headers, rows, (30, 50, 40, 70))


_RULE_HEADERS = ("col_rule_name", "col_kind", "col_description", "col_affected")


def _write_rules(
    book: ooxml.Workbook, rules: Sequence[AppliedRule], lang: str, st: _Styles
) -> None:
    rows = [_header(book, [label(k, lang) for k in _RULE_HEADERS], st.header)]
    for row, rule in enumerate(rules, start=1):
        kind = kind_label(rule.kind, lang)
        cells = [(0, rule.name, st.wrap), (1, kind, st.wrap), (2, rule.description, st.wrap)]
        rows.append(book.row(row, [*cells, (3, rule.affected, 0)]))
    sheet = Sheet(
        label("sheet_rules", lang),
        last_row=len(rules),
        last_col=len(_RULE_HEADERS) - 1,
        widths=[
            (0, 0, _text_width((r.name for r in rules), label("col_rule_name", lang))),
            (1, 1, _text_width((kind_label(r.kind, lang) for r in rules), label("col_kind", lang))),
            (2, 2, 80.0),
            (3, 3, 12.0),
        ],
        freeze=(1, 0),
        autofilter=True,
    )
    book.write_sheet(sheet, rows)


_SHEETS = ("sheet_roster", "sheet_units", "sheet_rule_detail", "sheet_summary", "sheet_review",
           "sheet_rules", "sheet_technical")


def _write_workbook(result: Result, target: Path, lang: str) -> None:
    names = [label(key, lang) for key in _SHEETS]
    if result.revision is not None:  # a replan: who must be told, right after the roster
        names.insert(1, label("sheet_changes", lang))
    if result.violations:  # solve --relax broke rules: list them (wfh_solver.write.findings)
        names.append(label("sheet_violations", lang))
    with ooxml.Workbook(target, names) as book:
        st = _Styles.register(book.styles, lang)
        _write_roster(book, result, lang, st)
        if result.revision is not None:
            from wfh_solver.write.changes import write_changes

            write_changes(book, result, lang, row_order(result.roster.employees))
        _write_unit_grid(book, result, lang, st)
        _write_units(book, result, lang, st)
        _write_items(book, "sheet_summary", _revision_items(result, lang)
                     + memo_items(result, lang), lang, st)
        _write_review(book, result, lang)
        _write_rules(book, result.applied_rules, lang, st)
        _write_items(book, "sheet_technical", technical_items(result, lang), lang, st)
        if result.violations:
            from wfh_solver.write.findings import write_violations_sheet

            write_violations_sheet(book, result.roster.employees, result.violations, lang)
        title = result.scenario_title or result.scenario_name
        workbook_title = label("workbook_title", lang)
        book.close(
            title=f"{workbook_title}: {title}" if title else workbook_title,
            subject=result.scenario_name,
            description=result.source,
        )


def _revision_items(result: Result, lang: str) -> list[tuple[str, object]]:
    """A replan's lines atop Ringkasan: its number (read back by the next replan), the day,
    the published roster, the cells and people changed, and what forced them."""
    rev = result.revision
    if rev is None:
        return []
    items: list[tuple[str, object]] = [
        (label("rev_number", lang), rev.number),
        (label("rev_from", lang), f"{rev.start:%d/%m/%Y}"),
        (label("rev_source", lang), rev.source),
        (label("rev_cells", lang), rev.count),
        (label("rev_people", lang), rev.people)]
    items += [(label("rev_reason", lang), reason) for reason in rev.reasons]
    return items


def write_xlsx(result: Result, path: Path | str, lang: str = "id") -> None:
    """Write the roster workbook to `path` atomically (labels in "id" or "en")."""
    check_lang(lang)
    with atomic_output(path) as tmp:
        _write_workbook(result, tmp, lang)


# --------------------------------------------------------------------------- #
# One workbook per unit.
# --------------------------------------------------------------------------- #

def _subset_rule(rc: RuleCount, new_index: dict[int, int]) -> RuleCount:
    members = tuple(new_index[m] for m in rc.members if m in new_index)
    return replace(rc, members=members)


def _unit_rules(result: Result, unit_counts: Sequence[RuleCount]) -> tuple[AppliedRule, ...]:
    """Applied rules counted in this unit, plus rules with no unit count at all."""
    counted = {rc.rule for rc in result.rule_counts}
    here = {rc.rule for rc in unit_counts}
    return tuple(r for r in result.applied_rules if r.name in here or r.name not in counted)


def _subset(
    result: Result, unit: str, keep: Sequence[int], counts: Sequence[RuleCount], lang: str
) -> Result:
    roster = result.roster
    new_index = {old: new for new, old in enumerate(keep)}
    sub_roster = Roster(
        tuple(roster.employees[i] for i in keep), roster.days, roster.office[list(keep)],
        None if roster.absent is None else roster.absent[list(keep)],
    )
    sub_counts = tuple(_subset_rule(rc, new_index) for rc in counts)
    return replace(
        result,
        roster=sub_roster,
        rule_counts=sub_counts,
        applied_rules=_unit_rules(result, sub_counts),
        extra={label("unit", lang): unit, **result.extra},
        history=None if result.history is None else result.history[list(keep)],
        teams=None if result.teams is None else replace(
            result.teams, names=tuple(result.teams.names[i] for i in keep)),
        revision=None if result.revision is None else replace(
            result.revision, published=result.revision.published[list(keep)],
            changed=result.revision.changed[list(keep)],
            reasons=tuple(r for r in result.revision.reasons if unit in r)),
    )


def _by_unit(result: Result) -> tuple[dict[str, list[int]], dict[str, list[RuleCount]]]:
    employees: dict[str, list[int]] = {}
    for i, e in enumerate(result.roster.employees):
        employees.setdefault(e.unit, []).append(i)
    counts: dict[str, list[RuleCount]] = {}
    for rc in result.rule_counts:
        counts.setdefault(rc.unit, []).append(rc)
    return employees, counts


def subset_result(result: Result, unit: str, lang: str = "id") -> Result:
    """The part of `result` about one unit: its employees and its rule counts, re-indexed.

    Organisation-wide rule counts (unit "") are left out; `extra` gains the unit name.
    """
    employees, counts = _by_unit(result)
    return _subset(result, unit, employees.get(unit, []), counts.get(unit, []), lang)

"""Render a `Result` as an Excel workbook: Jadwal, Rekap Unit, Ringkasan, Aturan.

Safety: every text cell goes through `write_text` (i.e. `write_string`) on a
workbook created with `strings_to_formulas/urls/numbers` off, so a name such as
`=HYPERLINK(...)` or a NIP such as `196503121990031005` is stored as literal text.

Speed: the roster sheet is the only big one (employees x days cells). Its WFO/WFH
cells carry no per-cell format; two conditional-format rules colour the whole
day range, and the per-unit check in Rekap Unit is computed with numpy.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from xlsxwriter import Workbook

from wfh_solver.domain.employee import Employee
from wfh_solver.labels import WFH, WFO, check_lang, label
from wfh_solver.result import AppliedRule, Result, Roster, RuleCount
from wfh_solver.write.atomic import atomic_output

#: Options that keep every string a string (formula-injection safety).
SAFE_OPTIONS: dict[str, bool] = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}

#: Measured on 60,000 employees x 22 days: the default mode took 7.6 s (peak RSS
#: ~330 MB), constant_memory 8.3 s (~140 MB) and a 7% larger file (inline strings).
#: Every sheet is written in row order, so flipping this is safe if memory matters.
CONSTANT_MEMORY = False

_FIXED_COLUMNS = ("col_nip", "col_name", "col_unit", "col_sub_unit", "col_position")
_EXCEL_EPOCH = date(1899, 12, 30)
_MAX_TEXT_WIDTH = 45.0

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
    """Employee indices sorted by unit, then sub unit, then original order."""
    return sorted(
        range(len(employees)),
        key=lambda i: (_text_key(employees[i].unit), _text_key(employees[i].sub_unit)),
    )


def unit_order(units: Iterable[str]) -> list[str]:
    """Distinct unit names in the order the workbook shows them."""
    return sorted(set(units), key=_text_key)


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


def _optional(values: Sequence[int | None]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    given = np.fromiter((v is not None for v in values), dtype=np.bool_, count=len(values))
    numbers = np.fromiter((v or 0 for v in values), dtype=np.int64, count=len(values))
    return numbers, given


def _rule_met(
    counts: Sequence[RuleCount], in_office: npt.NDArray[np.int64]
) -> npt.NDArray[np.bool_]:
    """min <= in office <= max and WFH == target, for every rule count and day."""
    sizes = np.array([len(rc.members) for rc in counts], dtype=np.int64)[:, None]
    low, has_low = _optional([rc.minimum for rc in counts])
    high, has_high = _optional([rc.maximum for rc in counts])
    target, has_target = _optional([rc.target_wfh for rc in counts])
    ok = ~has_low[:, None] | (in_office >= low[:, None])
    ok &= ~has_high[:, None] | (in_office <= high[:, None])
    ok &= ~has_target[:, None] | (sizes - in_office == target[:, None])
    return ok


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
    rule_office = _group_sums(roster.office, _member_index(counts, n), sizes)
    rule_ok = _rule_met(counts, rule_office)

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


class _Styles:
    """The handful of formats the workbook uses (formats are per workbook)."""

    def __init__(self, workbook: Any) -> None:
        header = {"bold": True, "bg_color": "#D9E1F2", "bottom": 1, "valign": "top"}
        self.header = workbook.add_format({**header, "text_wrap": True})
        self.header_date = workbook.add_format({**header, "num_format": "ddd dd/mm"})
        self.date = workbook.add_format({"num_format": "dd/mm/yyyy"})
        self.percent = workbook.add_format({"num_format": "0.0%"})
        self.number = workbook.add_format({"num_format": "0.###"})
        self.wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
        self.key = workbook.add_format({"bold": True, "valign": "top"})
        self.wfo = workbook.add_format({"bg_color": "#C6EFCE", "font_color": "#006100"})
        self.wfh = workbook.add_format({"bg_color": "#DDEBF7", "font_color": "#1F4E78"})
        self.bad = workbook.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})


def write_text(ws: Any, row: int, col: int, text: str, fmt: Any = None) -> None:
    """Write `text` as a literal string cell.

    XlsxWriter copies a string shaped like its own rich-text XML (`<r>...</r>`)
    into the file unescaped, so such text could corrupt the shared-string table;
    it is written as three plain runs instead, which escape and read back equal.
    """
    if text.startswith("<r>") and text.endswith("</r>"):
        runs: list[Any] = ["<", "r>", text[3:]]
        ws.write_rich_string(row, col, *runs, *([fmt] if fmt is not None else []))
    else:
        ws.write_string(row, col, text, fmt)


def _excel_serial(day: date) -> int:
    return (day - _EXCEL_EPOCH).days


def _text_width(values: Iterable[str], header: str, cap: float = _MAX_TEXT_WIDTH) -> float:
    widest = max((len(v) for v in values), default=0)
    return min(cap, max(len(header), widest) + 2.0)


def _write_header(ws: Any, headers: Sequence[str], fmt: Any) -> None:
    for col, text in enumerate(headers):
        write_text(ws, 0, col, text, fmt)


def _print_setup(ws: Any, landscape: bool = True) -> None:
    if landscape:
        ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)  # one page wide, as many tall as needed
    ws.repeat_rows(0)


def _unit_breaks(units: Sequence[str]) -> list[int]:
    """Zero-based sheet rows (after a header row) where a new unit starts."""
    return [r + 1 for r in range(1, len(units)) if units[r] != units[r - 1]]


def _write_roster(wb: Any, result: Result, lang: str, st: _Styles) -> None:
    roster = result.roster
    ws = wb.add_worksheet(label("sheet_roster", lang))
    employees = roster.employees
    order = row_order(employees)
    n_days = len(roster.days)
    first_day = len(_FIXED_COLUMNS)
    wfo_col = first_day + n_days

    _write_header(ws, [label(k, lang) for k in _FIXED_COLUMNS], st.header)
    for d, day in enumerate(roster.days):
        ws.write_datetime(0, first_day + d, day, st.header_date)
    write_text(ws, 0, wfo_col, label("col_wfo_days", lang), st.header)
    write_text(ws, 0, wfo_col + 1, label("col_wfh_days", lang), st.header)

    write_string = ws.write_string
    write_number = ws.write_number
    office = roster.office[order].tolist() if order else []
    for r, (i, flags) in enumerate(zip(order, office, strict=True), start=1):
        e = employees[i]
        write_text(ws, r, 0, e.nip)
        write_text(ws, r, 1, e.name)
        write_text(ws, r, 2, e.unit)
        write_text(ws, r, 3, e.sub_unit)
        write_text(ws, r, 4, e.position)
        col = first_day
        for in_office in flags:
            write_string(r, col, WFO if in_office else WFH)
            col += 1
        wfo = sum(flags)
        write_number(r, wfo_col, wfo)
        write_number(r, wfo_col + 1, n_days - wfo)

    _colour_days(ws, len(order), first_day, wfo_col - 1, st)
    _roster_layout(ws, [employees[i] for i in order], wfo_col + 1, n_days, lang)


def _colour_days(ws: Any, n_rows: int, first_col: int, last_col: int, st: _Styles) -> None:
    if n_rows == 0 or last_col < first_col:
        return
    for code, fmt in ((WFO, st.wfo), (WFH, st.wfh)):
        ws.conditional_format(
            1,
            first_col,
            n_rows,
            last_col,
            {"type": "cell", "criteria": "==", "value": f'"{code}"', "format": fmt},
        )


def _roster_layout(
    ws: Any, employees: Sequence[Employee], last_col: int, n_days: int, lang: str
) -> None:
    getters: list[Callable[[Employee], str]] = [
        lambda e: e.nip,
        lambda e: e.name,
        lambda e: e.unit,
        lambda e: e.sub_unit,
        lambda e: e.position,
    ]
    for col, (key, get) in enumerate(zip(_FIXED_COLUMNS, getters, strict=True)):
        ws.set_column(col, col, _text_width(map(get, employees), label(key, lang)))
    first_day = len(_FIXED_COLUMNS)
    if n_days:
        ws.set_column(first_day, first_day + n_days - 1, 10.5)
    ws.set_column(last_col - 1, last_col, 10.0)
    ws.freeze_panes(1, 2)
    ws.autofilter(0, 0, len(employees), last_col)
    ws.ignore_errors({"number_stored_as_text": f"A1:A{len(employees) + 1}"})
    _print_setup(ws)
    ws.set_h_pagebreaks(_unit_breaks([e.unit for e in employees]))


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


def _write_number_or_blank(ws: Any, row: int, col: int, value: int | None) -> None:
    if value is not None:
        ws.write_number(row, col, value)


def _write_units(wb: Any, result: Result, lang: str, st: _Styles) -> None:
    ws = wb.add_worksheet(label("sheet_units", lang))
    summary = unit_summary(result)
    _write_header(ws, [label(k, lang) for k in _UNIT_HEADERS], st.header)
    serials = [_excel_serial(day) for day in result.roster.days]
    in_office = summary.in_office.tolist()
    met = summary.met.tolist()
    texts = {True: label("yes", lang), False: label("no", lang)}
    whole_org, total = label("whole_org", lang), label("unit_total", lang)
    write_number = ws.write_number
    row = 1
    for unit, first, end in summary.groups:
        unit_text = unit or whole_org
        for d, serial in enumerate(serials):
            for k in range(first, end):
                line = summary.lines[k]
                count = in_office[k][d]
                write_text(ws, row, 0, unit_text)
                write_text(ws, row, 1, line.sub_unit)
                write_number(row, 2, serial, st.date)
                write_text(ws, row, 3, total if line.rule is None else line.rule)
                write_number(row, 4, line.members)
                write_number(row, 5, count)
                if line.members:
                    write_number(row, 6, count / line.members, st.percent)
                _write_number_or_blank(ws, row, 7, line.minimum)
                _write_number_or_blank(ws, row, 8, line.maximum)
                _write_number_or_blank(ws, row, 9, line.target_wfh)
                if line.rule is not None:
                    write_text(ws, row, 10, texts[met[k][d]])
                row += 1
    _units_layout(ws, summary, row - 1, lang, st)


def _units_layout(ws: Any, summary: UnitSummary, last_row: int, lang: str, st: _Styles) -> None:
    units = [g[0] or label("whole_org", lang) for g in summary.groups]
    ws.set_column(0, 0, _text_width(units, label("col_unit", lang)))
    subs = (x.sub_unit for x in summary.lines)
    ws.set_column(1, 1, _text_width(subs, label("col_sub_unit", lang)))
    ws.set_column(2, 2, 11.0)
    rules = (x.rule or label("unit_total", lang) for x in summary.lines)
    ws.set_column(3, 3, _text_width(rules, label("col_rule", lang)))
    ws.set_column(4, len(_UNIT_HEADERS) - 1, 11.0)
    ws.freeze_panes(1, 1)
    ws.autofilter(0, 0, last_row, len(_UNIT_HEADERS) - 1)
    if last_row >= 1:
        met_col = len(_UNIT_HEADERS) - 1
        ws.conditional_format(
            1,
            met_col,
            last_row,
            met_col,
            {"type": "cell", "criteria": "==", "value": f'"{label("no", lang)}"', "format": st.bad},
        )
    _print_setup(ws)


def summary_items(result: Result, lang: str) -> list[tuple[str, Cell | Percent]]:
    """The key/value rows of the Ringkasan sheet."""

    def t(key: str) -> str:
        return label(key, lang)

    cal = result.calendar
    items: list[tuple[str, Cell | Percent]] = [
        (t("scenario"), result.scenario_name),
        (t("title"), result.scenario_title),
        (t("source"), result.source),
        (t("period_start"), cal.start),
        (t("period_end"), cal.end),
        (t("workweek"), cal.workweek),
        (t("working_days"), len(result.roster.days)),
    ]
    items += [(t("skipped_holiday"), f"{d:%d/%m/%Y} {name}") for d, name in cal.skipped_holidays]
    items.append((t("solver_status"), result.status.value))
    for k, lv in enumerate(result.levels, start=1):
        prefix = f"{t('level')} {k}"
        items += [
            (f"{prefix}: {t('level_name')}", lv.name),
            (f"{prefix}: {t('level_description')}", lv.description),
            (f"{prefix}: {t('level_objective')}", lv.objective),
            (f"{prefix}: {t('level_bound')}", lv.bound),
            (f"{prefix}: {t('level_status')}", lv.status.value),
            (f"{prefix}: {t('level_gap')}", Percent(lv.gap)),
            (f"{prefix}: {t('level_seconds')}", round(lv.seconds, 3)),
        ]
    items += [
        (t("solve_seconds"), round(result.solve_seconds, 3)),
        (t("switches"), result.switches),
        (t("switches_bound"), result.switches_bound),
        (t("interrupted"), result.interrupted),
    ]
    items += _listing(t("warnings"), result.warnings, t("none"))
    items += _listing(t("choices"), result.choices, t("none"))
    items += list(result.extra.items())
    return items


def _listing(key: str, values: Sequence[str], none: str) -> list[tuple[str, Cell | Percent]]:
    return [(key, v) for v in values] if values else [(key, none)]


def _write_value(ws: Any, row: int, value: Cell | Percent, lang: str, st: _Styles) -> None:
    if isinstance(value, Percent):
        ws.write_number(row, 1, value.value, st.percent)
    elif isinstance(value, bool):
        write_text(ws, row, 1, label("yes" if value else "no", lang), st.wrap)
    elif isinstance(value, int | float):
        ws.write_number(row, 1, value, st.number)
    elif isinstance(value, date):
        ws.write_datetime(row, 1, value, st.date)
    elif value is not None:
        write_text(ws, row, 1, value, st.wrap)


def _write_summary(wb: Any, result: Result, lang: str, st: _Styles) -> None:
    ws = wb.add_worksheet(label("sheet_summary", lang))
    _write_header(ws, [label("col_key", lang), label("col_value", lang)], st.header)
    items = summary_items(result, lang)
    for row, (key, value) in enumerate(items, start=1):
        write_text(ws, row, 0, key, st.key)
        _write_value(ws, row, value, lang, st)
    ws.set_column(0, 0, _text_width((k for k, _ in items), "", cap=40.0))
    ws.set_column(1, 1, 90.0)
    ws.freeze_panes(1, 0)
    _print_setup(ws, landscape=False)


_RULE_HEADERS = ("col_rule_name", "col_kind", "col_description", "col_affected")


def _write_rules(wb: Any, rules: Sequence[AppliedRule], lang: str, st: _Styles) -> None:
    ws = wb.add_worksheet(label("sheet_rules", lang))
    _write_header(ws, [label(k, lang) for k in _RULE_HEADERS], st.header)
    for row, rule in enumerate(rules, start=1):
        write_text(ws, row, 0, rule.name, st.wrap)
        write_text(ws, row, 1, rule.kind, st.wrap)
        write_text(ws, row, 2, rule.description, st.wrap)
        ws.write_number(row, 3, rule.affected)
    ws.set_column(0, 0, _text_width((r.name for r in rules), label("col_rule_name", lang)))
    ws.set_column(1, 1, _text_width((r.kind for r in rules), label("col_kind", lang)))
    ws.set_column(2, 2, 80.0)
    ws.set_column(3, 3, 12.0)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, len(rules), len(_RULE_HEADERS) - 1)
    _print_setup(ws)


def _write_workbook(result: Result, target: Path, lang: str, constant_memory: bool) -> None:
    wb = Workbook(str(target), {**SAFE_OPTIONS, "constant_memory": constant_memory})
    st = _Styles(wb)
    _write_roster(wb, result, lang, st)
    _write_units(wb, result, lang, st)
    _write_summary(wb, result, lang, st)
    _write_rules(wb, result.applied_rules, lang, st)
    title = result.scenario_title or result.scenario_name
    wb.set_properties(
        {
            "title": f"{label('workbook_title', lang)}: {title}"
            if title
            else label("workbook_title", lang),
            "subject": result.scenario_name,
            "comments": result.source,
        }
    )
    wb.close()


def write_xlsx(result: Result, path: Path | str, lang: str = "id") -> None:
    """Write the roster workbook to `path` atomically (labels in "id" or "en")."""
    check_lang(lang)
    with atomic_output(path) as tmp:
        _write_workbook(result, tmp, lang, CONSTANT_MEMORY)


# --------------------------------------------------------------------------- #
# One workbook per unit.
# --------------------------------------------------------------------------- #

_UNSAFE = re.compile(r"[^\w .\-]+")
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{p}{k}" for p in ("com", "lpt") for k in range(1, 10)}
)
_MAX_STEM = 100


def safe_stem(name: str) -> str:
    """`name` as a file stem: letters, digits, spaces, dots and dashes kept, others `_`."""
    stem = _UNSAFE.sub("_", name).strip(" .")[:_MAX_STEM].strip(" .")
    if not stem:
        return "unit"
    if stem.split(".")[0].casefold() in _RESERVED:
        stem = f"_{stem}"[:_MAX_STEM]
    return stem


def unique_stems(names: Sequence[str]) -> list[str]:
    """Safe stems for `names`, de-duplicated (case-insensitively) with a `_2`, `_3`... suffix."""
    taken: set[str] = set()
    stems: list[str] = []
    for name in names:
        base = safe_stem(name)
        stem, k = base, 1
        while stem.casefold() in taken:
            k += 1
            suffix = f"_{k}"
            stem = base[: _MAX_STEM - len(suffix)] + suffix
        taken.add(stem.casefold())
        stems.append(stem)
    return stems


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
        tuple(roster.employees[i] for i in keep), roster.days, roster.office[list(keep)]
    )
    sub_counts = tuple(_subset_rule(rc, new_index) for rc in counts)
    return replace(
        result,
        roster=sub_roster,
        rule_counts=sub_counts,
        applied_rules=_unit_rules(result, sub_counts),
        extra={label("unit", lang): unit, **result.extra},
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


def write_per_unit(result: Result, directory: Path | str, lang: str = "id") -> list[Path]:
    """Write one workbook per unit into `directory`; return the paths in unit order."""
    check_lang(lang)
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    employees, counts = _by_unit(result)
    units = unit_order(employees)
    paths: list[Path] = []
    for unit, stem in zip(units, unique_stems(units), strict=True):
        path = out / f"{stem}.xlsx"
        part = _subset(result, unit, employees[unit], counts.get(unit, []), lang)
        write_xlsx(part, path, lang)
        paths.append(path)
    return paths

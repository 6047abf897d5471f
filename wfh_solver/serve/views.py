"""What the result page shows, computed from a finished `Result` (display only, no rules).

A per-unit calendar (one row per employee, one cell per working day) and a daily presence
chart (WFO / WFH / away per day) drawn as server-side SVG bars, so the page needs no
script to show them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from wfh_solver.solve.result import CODES, LEAVE_CODE, TRAVEL_CODE, WFH_CODE, WFO_CODE, Result

CALENDAR_ROWS = 300


@dataclass(frozen=True, slots=True)
class CalendarRow:
    nip: str
    name: str
    position: str
    sub_unit: str
    codes: tuple[str, ...]
    wfo: int
    wfh: int


@dataclass(frozen=True, slots=True)
class Calendar:
    unit: str
    days: tuple[date, ...]
    rows: tuple[CalendarRow, ...]
    hidden: int  # employees of the unit not shown (the workbook has them all)


@dataclass(frozen=True, slots=True)
class DayBar:
    """One day of the presence chart, with its SVG geometry."""

    day: date
    wfo: int
    wfh: int
    away: int
    x: float
    wfo_height: float
    wfh_height: float
    away_height: float


@dataclass(frozen=True, slots=True)
class Chart:
    bars: tuple[DayBar, ...]
    width: int
    height: int
    bar_width: float
    maximum: int


def unit_names(result: Result) -> list[str]:
    return sorted({e.unit for e in result.roster.employees})


def _members(result: Result, unit: str | None) -> np.ndarray:
    employees = result.roster.employees
    if unit is None:
        return np.arange(len(employees))
    return np.array([i for i, e in enumerate(employees) if e.unit == unit], dtype=np.int64)


def calendar(result: Result, unit: str, limit: int = CALENDAR_ROWS) -> Calendar:
    """The unit's staff in roster order, each with a code per working day."""
    roster = result.roster
    members = _members(result, unit)
    codes = roster.codes()
    rows = []
    for i in members[:limit]:
        person = roster.employees[int(i)]
        row = codes[int(i)]
        rows.append(CalendarRow(person.nip, person.name, person.position, person.sub_unit,
                                tuple(CODES[c] for c in row),
                                int(np.count_nonzero(row == WFO_CODE)),
                                int(np.count_nonzero(row == WFH_CODE))))
    return Calendar(unit, roster.days, tuple(rows), max(0, len(members) - limit))


def presence_chart(result: Result, unit: str | None = None, height: int = 220,
                   bar_width: float = 28.0, gap: float = 10.0) -> Chart:
    """Per working day how many are in office, at home and away (stacked bars)."""
    codes = result.roster.codes()[_members(result, unit)]
    counts = [(int(np.count_nonzero(col == WFO_CODE)), int(np.count_nonzero(col == WFH_CODE)),
               int(np.count_nonzero((col == LEAVE_CODE) | (col == TRAVEL_CODE))))
              for col in codes.T]
    maximum = max((sum(c) for c in counts), default=0) or 1
    scale = height / maximum
    bars = tuple(DayBar(day, wfo, wfh, away, gap + k * (bar_width + gap),
                        wfo * scale, wfh * scale, away * scale)
                 for k, (day, (wfo, wfh, away)) in enumerate(
                     zip(result.roster.days, counts, strict=True)))
    width = int(gap + len(bars) * (bar_width + gap))
    return Chart(bars, max(width, 120), height, bar_width, maximum)


@dataclass(frozen=True, slots=True)
class NoteGroup:
    """The notes (warnings) about one unit; `unit` is empty for notes about the whole run."""

    unit: str
    notes: tuple[str, ...]


def notes_by_unit(warnings: list[str] | tuple[str, ...], units: list[str]) -> list[NoteGroup]:
    """The run's notes grouped under the unit each one names, so a head of unit finds theirs.

    Notes are sentences from the catalogue that begin with the unit ("Bidang X / Seksi Y:
    …") or name it in a person's parentheses; the longest matching unit wins, and notes
    naming none go first, under the whole organisation.
    """
    ordered = sorted(units, key=len, reverse=True)
    groups: dict[str, list[str]] = {}
    for note in warnings:
        unit = next((u for u in ordered if note.startswith((f"{u}:", f"{u} /"))
                     or f", {u})" in note), "")
        groups.setdefault(unit, []).append(note)
    order = sorted(groups, key=lambda u: (u != "", u))
    return [NoteGroup(unit, tuple(groups[unit])) for unit in order]


def day_label(day: date, names: str) -> str:
    """A calendar column header such as "Rab 18/03", the day's name from the catalogue
    (`names`: seven words, Monday first) so no server locale decides the language."""
    return f"{names.split()[day.weekday()]} {day:%d/%m}"

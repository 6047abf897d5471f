"""A replan's roster for the whole month: the published days before the replan day, the
solved days from it, the changed cells marked and, per rule or absence, what it forced."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import numpy.typing as npt

from wfh_solver.base.messages import t
from wfh_solver.domain.calendar import Calendar
from wfh_solver.model.replan import changed_cells
from wfh_solver.read.entries import CUTI, DL, WFH, WFO
from wfh_solver.solve.result import Result, Revision, Roster, RuleCount
from wfh_solver.solve.run import count_switches


def entry_codes(roster: Roster) -> npt.NDArray[np.int8]:
    """The roster's cells as `read/entries.py` codes (WFO 1, WFH 2, CUTI 3, DL 4)."""
    codes = np.where(roster.office, WFO, WFH).astype(np.int8)
    if roster.absent is not None:
        codes[roster.absent == 1] = CUTI
        codes[roster.absent == 2] = DL
    return codes


def merged(result: Result, past: npt.NDArray[np.int8], past_days: tuple[date, ...],
           published: npt.NDArray[np.int8], start: date, number: int, source: str,
           history: npt.NDArray[np.int64] | None) -> Result:
    """`result` (solved from `start`) after the published days `past_days` (cells `past`);
    `published`: the published cells from `start`; `history`: earlier rosters' WFH days
    only (the published days before are in the roster itself)."""
    now = entry_codes(result.roster)
    changed = changed_cells(published, now)
    before = len(past_days)
    office = np.concatenate([past == WFO, result.roster.office], axis=1)
    away = np.zeros(past.shape, dtype=np.int8)
    away[past == CUTI], away[past == DL] = 1, 2
    absent_now = result.roster.absent
    if absent_now is None:
        absent_now = np.zeros(result.roster.office.shape, dtype=np.int8)
    absent = np.concatenate([away, absent_now], axis=1)
    days = past_days + result.roster.days
    cal = result.calendar
    calendar = Calendar(days[0] if days else cal.start, cal.end, days, cal.skipped_holidays,
                        cal.workweek)
    roster = Roster(result.roster.employees, days, office,
                    absent if absent.any() else None)
    revision = Revision(source, start, number, np.concatenate([past, published], axis=1),
                        np.concatenate([np.zeros(past.shape, dtype=bool), changed], axis=1),
                        _reasons(result, published, now, start))
    switches, bound = count_switches(office, roster.absent)
    return replace(result, calendar=calendar, roster=roster, revision=revision,
                   rule_counts=tuple(_from_day(rc, before, len(result.roster.days))
                                     for rc in result.rule_counts),
                   switches=switches, switches_bound=bound, history=history)


def _from_day(rc: RuleCount, before: int, days: int) -> RuleCount:
    """A rule judged from the replan day on: the days before happened as published."""
    if not before:
        return rc
    low = rc.daily_minimum or (rc.minimum or 0,) * days
    high = rc.daily_maximum or ((rc.maximum,) * days if rc.maximum is not None else None)
    return replace(rc, daily_minimum=(0,) * before + tuple(low),
                   daily_maximum=None if high is None else (len(rc.members),) * before
                   + tuple(high))


def _reasons(result: Result, published: npt.NDArray[np.int8], now: npt.NDArray[np.int8],
             start: date) -> tuple[str, ...]:
    """Per rule (and for new leave or travel), the people whose published days it forced to
    change, in HR words: "batas … mulai 12/07: 14 pegawai Dinas Kesehatan dipindah ke WFH"."""
    lines: list[str] = []
    day = f"{start:%d/%m}"
    seen = np.zeros(len(published), dtype=bool)
    went_home = (published == WFO) & (now == WFH)
    came_in = (published == WFH) & (now == WFO)
    for rc in result.rule_counts:
        rows = np.asarray(rc.members, dtype=np.int64)
        if not len(rows):
            continue
        was_in = (published[rows] == WFO).sum(axis=0)
        cap = rc.daily_maximum or ((rc.maximum,) * now.shape[1] if rc.maximum is not None
                                   else None)
        if cap is not None and (was_in > np.asarray(cap)).any():
            moved = rows[went_home[rows].any(axis=1) & ~seen[rows]]
            if len(moved):
                seen[moved] = True
                lines.append(t("replan_forced_cap", rule=rc.rule, day=day, count=len(moved),
                               unit=rc.unit or t("whole_org")))
        low = rc.daily_minimum or ((rc.minimum,) * now.shape[1] if rc.minimum else None)
        if low is not None and (was_in < np.asarray(low)).any():
            moved = rows[came_in[rows].any(axis=1) & ~seen[rows]]
            if len(moved):
                seen[moved] = True
                lines.append(t("replan_forced_min", rule=rc.rule, day=day, count=len(moved),
                               unit=rc.unit or t("whole_org")))
    gone = ((now == CUTI) | (now == DL)) & (published != now) & (published != 0)
    units: dict[str, int] = {}
    for i in np.flatnonzero(gone.any(axis=1) & ~seen).tolist():
        unit = result.roster.employees[i].unit
        units[unit] = units.get(unit, 0) + 1
        seen[i] = True
    lines += [t("replan_forced_away", day=day, count=n, unit=u) for u, n in units.items()]
    rest = int((((published != now) & (published != 0)).any(axis=1) & ~seen).sum())
    if rest:
        lines.append(t("replan_forced_other", day=day, count=rest))
    return tuple(lines)

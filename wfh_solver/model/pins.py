"""Cells HR has already decided (`--pin`): kept exactly, everything else re-optimised.

A pinned person keeps their own group (their pins make them interchangeable only with
someone pinned alike), blocks of days split where pins differ, and in each block a pinned
group's office-days are fixed: all of its capacity for WFO, none for WFH. The wrap-around
layout then gives every member exactly the pinned cells. Pins that break a rule outright
are found before solving and named: person, day and rule (`check_pins`). Pins that say
nothing new (outside the period, on someone not in the staff list, or equal to what leave
or the person's own rule already decides) are left out and named (`place_pins`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Protocol

import numpy as np
import numpy.typing as npt

from wfh_solver.base.messages import t
from wfh_solver.policy.problem import FIXED_WFH, FIXED_WFO, LEAVE, PRESENT, TRAVEL, Problem
from wfh_solver.read.entries import CODES, CUTI, DL, WFH, WFO, DayEntries

_SHOWN = 5  # NIPs or cells named in a note; the rest are counted
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


class _Pinned(Protocol):
    pins: tuple[int, ...] | None


def office_range(group: _Pinned, block: list[int], capacity: int) -> tuple[int, int]:
    """Bounds of a group's office-days in a block: fixed where its pins decide the block."""
    if group.pins is None:
        return 0, capacity
    pin = group.pins[block[0]]
    if pin == FIXED_WFO:
        return capacity, capacity
    if pin == FIXED_WFH:
        return 0, 0
    return 0, capacity


def check_pins(problem: Problem) -> list[str]:
    """Pins that break a rule by themselves, in HR words (empty when none do)."""
    if problem.pins is None:
        return []
    pins, days = problem.pins, problem.calendar.days
    away = problem.absence() != PRESENT
    reasons = []
    for i, d in zip(*np.nonzero(pins), strict=True):
        e, code = problem.employees[i], ("WFO" if pins[i, d] == FIXED_WFO else "WFH")
        rule = problem.fixed_by[i]
        if away[i, d]:
            rule = t("pin_rule_absent")
        elif problem.fixed[i] in (FIXED_WFO, FIXED_WFH) and problem.fixed[i] != pins[i, d]:
            pass  # a rule fixes the person the other way: name it
        else:
            continue
        reasons.append(t("pin_clash", name=e.name, nip=e.nip, day=f"{days[d]:%d/%m/%Y}",
                         code=code, rule=rule))
    for req in problem.requirements:
        rows = np.asarray(req.members, dtype=np.int64)
        here = ~away[rows]
        home = (pins[rows] == FIXED_WFH) | (problem.fixed[rows] == FIXED_WFH)[:, None]
        office = here & ((pins[rows] == FIXED_WFO)
                         | ((problem.fixed[rows] == FIXED_WFO)[:, None] & (pins[rows] == 0)))
        for d in range(problem.n_days):
            available = int((here[:, d] & ~home[:, d]).sum())
            need, cap = req.minimum_on(d), req.maximum_on(d)
            short = available < need
            over = cap is not None and int(office[:, d].sum()) > cap
            if not (short or over):
                continue
            pinned = [problem.employees[int(rows[k])] for k in np.flatnonzero(
                pins[rows, d] == (FIXED_WFH if short else FIXED_WFO))]
            if not pinned:
                continue
            reasons.append(t("pin_count", people=", ".join(f"{e.name} (NIP {e.nip})"
                                                              for e in pinned[:5]),
                             day=f"{days[d]:%d/%m/%Y}", rule=req.rule,
                             where=req.unit or t("whole_org"),
                             code="WFH" if short else "WFO",
                             limit=need if short else cap))
    return reasons


@dataclass(frozen=True, slots=True)
class PlacedPins:
    """A pin file laid over a problem: the office/home cells kept, the leave and travel
    days it adds per employee, and a note for every kind of pin left out."""

    pins: npt.NDArray[np.int8]  # (employees, days): 0 free, FIXED_WFO, FIXED_WFH
    leave: dict[int, list[date]]
    travel: dict[int, list[date]]
    notes: tuple[str, ...]


def place_pins(problem: Problem, entries: DayEntries) -> PlacedPins:
    """The pins of `entries` (read `within` the period's working days) for this problem."""
    file = entries.path.name
    notes = []
    if entries.dropped and entries.dropped_span is not None:
        first, last = entries.dropped_span
        notes.append(t("pin_outside", file=file, count=entries.dropped,
                       first=f"{first:%d/%m/%Y}", last=f"{last:%d/%m/%Y}"))
    found = entries.find([e.nip for e in problem.employees])  # per employee, a person
    staff = np.full(len(entries.numbers), -1, dtype=np.int64)
    staff[found[found >= 0]] = np.flatnonzero(found >= 0)
    who = staff[entries.person]
    if (unknown := who < 0).any():
        people, at = np.unique(entries.person[unknown], return_index=True)
        nips = [entries.nip(int(p)) for p in people[np.argsort(at)][:_SHOWN]]
        notes.append(t("pin_unknown_staff", file=file, count=int(unknown.sum()),
                       people=len(people), nips=_listed(nips, len(people))))
    column = {d.toordinal(): k for k, d in enumerate(problem.calendar.days)}
    i, code = who[~unknown], entries.code[~unknown]
    d = np.asarray([column[o] for o in entries.day[~unknown].tolist()], dtype=np.int64)
    absent, fixed = problem.absence()[i, d], problem.fixed[i]
    here = absent == PRESENT
    same = (((code == CUTI) & (absent == LEAVE)) | ((code == DL) & (absent == TRAVEL))
            | ((code == WFO) & here & (fixed == FIXED_WFO))
            | ((code == WFH) & here & (fixed == FIXED_WFH)))
    if count := int(same.sum()):
        cells = [f"{problem.employees[a].name} (NIP {problem.employees[a].nip}, "
                 f"{problem.calendar.days[b]:%d/%m/%Y}, {CODES[c - 1]})"
                 for a, b, c in zip(i[same][:_SHOWN].tolist(), d[same][:_SHOWN].tolist(),
                                    code[same][:_SHOWN].tolist(), strict=True)]
        notes.append(t("pin_unchanged", file=file, count=count, cells=_listed(cells, count)))
    pins = np.zeros((len(problem.employees), problem.n_days), dtype=np.int8)
    i, d, code = i[~same], d[~same], code[~same]
    pins[i[code == WFO], d[code == WFO]] = FIXED_WFO
    pins[i[code == WFH], d[code == WFH]] = FIXED_WFH
    return PlacedPins(pins, _days_of(problem, i, d, code == CUTI),
                      _days_of(problem, i, d, code == DL), tuple(notes))


def _days_of(problem: Problem, rows: npt.NDArray[np.int64], days: npt.NDArray[np.int64],
             chosen: npt.NDArray[np.bool_]) -> dict[int, list[date]]:
    out: dict[int, list[date]] = {}
    for a, b in zip(rows[chosen].tolist(), days[chosen].tolist(), strict=True):
        out.setdefault(a, []).append(problem.calendar.days[b])
    return out


def _shown(text: str) -> str:
    """Text from a file, safe on a terminal: control characters written as `\\x1b`."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", text)


def _listed(items: list[str], count: int) -> str:
    """The first few of `count` items, and how many more."""
    shown = ", ".join(_shown(x) for x in items[:_SHOWN])
    return shown + (" " + t("and_more", count=count - _SHOWN) if count > _SHOWN else "")

"""What a solve returns: the roster plus everything the report must state honestly.

Writers render a `Result`; they never solve or re-derive rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Literal

import numpy as np
import numpy.typing as npt

from wfh_solver.domain.calendar import Calendar
from wfh_solver.domain.employee import Employee
from wfh_solver.solve.codes import CODES, LEAVE_CODE, TRAVEL_CODE, WFH_CODE, WFO_CODE

if TYPE_CHECKING:
    import pandas as pd

#: re-exported: the writers take the cell codes from here
__all__ = ["CODES", "LEAVE_CODE", "TRAVEL_CODE", "WFH_CODE", "WFO_CODE", "AppliedRule",
           "LevelResult", "Result", "Revision", "Roster", "RuleCount", "Status", "Violation"]


class Status(StrEnum):
    """Solver status as reported to the user; FEASIBLE is never called optimal."""

    OPTIMAL = "OPTIMAL"
    FEASIBLE = "FEASIBLE"
    INFEASIBLE = "INFEASIBLE"
    UNKNOWN = "UNKNOWN"


@dataclass(frozen=True, slots=True)
class LevelResult:
    """One level of the lexicographic objective, with its proven bound."""

    name: str
    description: str
    objective: int
    bound: int
    status: Status
    seconds: float

    @property
    def gap(self) -> float:
        if self.objective == self.bound:
            return 0.0
        return abs(self.objective - self.bound) / max(1, abs(self.objective))


@dataclass(frozen=True, slots=True)
class RuleCount:
    """One rule applied to one unit (or sub-unit, or the whole organisation).

    `members` index into `Roster.employees`; the per-day count in office is
    computed by the report from the roster, so the report checks the solve.
    """

    rule: str
    kind: str
    unit: str
    sub_unit: str
    members: tuple[int, ...]
    minimum: int | None = None
    maximum: int | None = None
    target_wfh: int | None = None
    daily_minimum: tuple[int, ...] | None = None  # lowered on days leave leaves too few
    daily_maximum: tuple[int, ...] | None = None  # a cap meaning "only the pinned staff"


@dataclass(frozen=True, slots=True)
class Roster:
    """`office[i, d]` is True when employee i works in the office on day d.

    `absent[i, d]` is 1 on leave (*cuti*) and 2 on official travel (*DL*): neither WFH
    nor WFO, and never in office; None when nobody is away.
    """

    employees: tuple[Employee, ...]
    days: tuple[date, ...]
    office: npt.NDArray[np.bool_]
    absent: npt.NDArray[np.int8] | None = None

    def __post_init__(self) -> None:
        if self.office.shape != (len(self.employees), len(self.days)):
            raise ValueError(
                f"roster shape {self.office.shape} does not match "
                f"{len(self.employees)} employees x {len(self.days)} days"
            )
        if self.absent is not None and self.absent.shape != self.office.shape:
            raise ValueError("absence matrix does not match the roster")

    def codes(self) -> npt.NDArray[np.int8]:
        """Per cell an index into `CODES`: WFH, WFO, CUTI or DL."""
        codes = self.office.astype(np.int8)
        if self.absent is not None:
            away = self.absent > 0
            codes[away] = self.absent[away] + 1
        return codes

    def wfo_days(self) -> npt.NDArray[np.int64]:
        return self.office.sum(axis=1).astype(np.int64)

    def away_days(self) -> npt.NDArray[np.int64]:
        if self.absent is None:
            return np.zeros(len(self.employees), dtype=np.int64)
        return (self.absent > 0).sum(axis=1).astype(np.int64)

    def wfh_days(self) -> npt.NDArray[np.int64]:
        return len(self.days) - self.wfo_days() - self.away_days()


@dataclass(frozen=True, slots=True)
class Violation:
    """One rule broken on one day (or, for fairness, over the period).

    `required`/`achieved` are people in office for count rules, days for a pin, WFH
    days for fairness. `people` index the problem's employees; `cells` are the
    roster cells to look at (`Jadwal!K17`), the ones that would mend it first.
    """

    kind: str
    rule: str
    unit: str
    sub_unit: str
    day: date | None
    required: int
    achieved: int
    people: tuple[int, ...]
    cells: tuple[str, ...]
    text: str
    rule_kind: str = ""  # the scenario rule's kind, for count rules

    @property
    def shortfall(self) -> int:
        """Person-days missing (or in excess) to mend this line."""
        return abs(self.required - self.achieved)


@dataclass(frozen=True, slots=True)
class AppliedRule:
    """A scenario rule as applied, for the `Aturan` sheet."""

    name: str
    kind: str
    description: str
    affected: int


@dataclass(frozen=True, slots=True)
class TeamReport:
    """Stable teams (`--tim`): the contacts figure of this roster and of the ordinary
    layout of the same levels, and each person's team (`model/teams.py`)."""

    contacts: float  # per person, distinct colleagues of the sub-unit met in the office
    contacts_plain: float  # the same figure for the ordinary wrap-around layout
    names: tuple[str, ...]  # per employee: "A", "B", …; "" for fixed staff, never in office


@dataclass(frozen=True, slots=True)
class Revision:
    """A replan of a published roster (`--replan FILE --from DAY`): what was published,
    which cells changed, and why the old roster could not be kept."""

    source: str  # the published workbook's file name
    start: date  # the first day replanned; days before are as published
    number: int  # "Revisi ke-N": one more than the published workbook's own revision
    #: (employees, days) the published cells (`read/entries.py` codes: 0 none, WFO 1,
    #: WFH 2, CUTI 3, DL 4) and the cells that differ from them now
    published: npt.NDArray[np.int8]
    changed: npt.NDArray[np.bool_]
    reasons: tuple[str, ...] = ()  # per rule or absence, the changes it forces, in HR words

    @property
    def count(self) -> int:
        return int(self.changed.sum())

    @property
    def people(self) -> int:
        return int(self.changed.any(axis=1).sum())


@dataclass(frozen=True, slots=True)
class Result:
    scenario_name: str
    scenario_title: str
    source: str
    calendar: Calendar
    roster: Roster
    status: Status
    levels: tuple[LevelResult, ...]
    rule_counts: tuple[RuleCount, ...]
    applied_rules: tuple[AppliedRule, ...]
    warnings: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    solve_seconds: float = 0.0
    switches: int = 0
    switches_bound: int = 0
    interrupted: bool = False
    stop_signal: int = 0  # the signal that stopped the search early (0: none)
    extra: dict[str, str] = field(default_factory=dict)
    #: rules this roster breaks (`solve --relax`), judged by `wfh_solver.evaluate`
    violations: tuple[Violation, ...] = ()
    #: per employee, the rule (or personal flag) that pinned them, "" when free
    pinned_by: tuple[str, ...] = ()
    #: per employee, vulnerable under the scenario's age threshold (50+, comorbid, pregnant)
    vulnerable: npt.NDArray[np.bool_] | None = None
    rows_skipped: int = 0  # input rows not read as staff (totals, signatures …); see validate
    #: per employee, WFH days of earlier rosters (`--previous`), None without a history
    history: npt.NDArray[np.int64] | None = None
    #: the circular's name and number (`SE Gubernur Jawa Tengah 965/932`) for printouts
    reference: str = ""
    #: warnings about the pin file and earlier rosters (`Problem.notes`), also in
    #: `warnings`: the CLI says each on the terminal
    notes: tuple[str, ...] = ()
    #: stable teams and the contacts figure, None unless `--tim` or `rotation = "tim"`
    teams: TeamReport | None = None
    #: a replan's published roster and changed cells, None for an ordinary solve
    revision: Revision | None = None

    @property
    def is_optimal(self) -> bool:
        return self.status is Status.OPTIMAL

    def to_frame(self, layout: Literal["long", "wide"] = "long") -> pd.DataFrame:
        """The roster as a table for analysis (pandas), one row per person and day ("long")
        or per person with one column per day ("wide"); days are pandas Timestamps in both
        (`wide[pd.Timestamp("2020-07-01")]`); see `wfh_solver.solve.frames`."""
        from wfh_solver.solve.frames import roster_frame

        return roster_frame(self, layout)

"""Who is where: a roster's NIP, name, unit and sub-unit against the staff list, by cell.

A roster can meet every rule and still be wrong for the head who signs it: a person typed
into another unit's rows, a unit renamed by hand, someone deleted or added. `check` reports
these apart from rule violations, each with the cell to look at (`Jadwal!C12`). Units are
compared as the staff list reads them (`unit_key`: case, spaces and known abbreviations do
not matter), names and sub-units by their words whatever the case.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from wfh_solver.base.cells import column_letter
from wfh_solver.base.messages import t
from wfh_solver.policy.problem import Problem
from wfh_solver.read.roster import RosterRow, RosterSheet
from wfh_solver.read.units import unit_key

#: Cells named in one line of a renamed unit; the rest are counted.
CELLS_SHOWN = 5
#: Kinds of difference, in the order a report lists them.
KINDS = ("missing", "added", "nip", "unit_renamed", "moved", "sub_unit_renamed", "sub_unit",
         "name")


@dataclass(frozen=True, slots=True)
class Difference:
    """One place where the roster and the staff list disagree on who someone is or where."""

    kind: str  # one of KINDS
    text: str  # the sentence shown, cells included
    cells: tuple[str, ...] = ()
    people: tuple[int, ...] = ()  # index the problem's employees

    @property
    def label(self) -> str:
        """The kind in the user's language (`pindah unit`)."""
        return t(f"ck_kind_{self.kind}")


@dataclass(slots=True)
class Matching:
    """Which roster row is whose (after NIPs), and what is left on either side."""

    rows: list[tuple[RosterRow, int]] = field(default_factory=list)
    added: list[RosterRow] = field(default_factory=list)
    missing: list[int] = field(default_factory=list)


def words(text: str) -> str:
    """A name or sub-unit as compared: its words, whatever the case and spacing."""
    return " ".join(text.split()).casefold()


def pair_renumbered(problem: Problem, unknown: Sequence[RosterRow],
                    absent: Sequence[int]) -> dict[int, int]:
    """Roster rows whose NIP is unknown but whose name is exactly one absent person's: the
    NIP was mistyped, so the row is that person's (Excel row → employee index)."""
    by_name: dict[str, list[int]] = {}
    for i in absent:
        by_name.setdefault(words(problem.employees[i].name), []).append(i)
    written: dict[str, list[RosterRow]] = {}
    for r in unknown:
        if r.name.strip():
            written.setdefault(words(r.name), []).append(r)
    return {rows[0].row: by_name[name][0] for name, rows in written.items()
            if len(rows) == 1 and len(by_name.get(name, ())) == 1}


def compare_people(problem: Problem, roster: RosterSheet, matching: Matching) -> list[
        Difference]:
    """Every difference between the roster's people and the staff list, kind by kind."""
    found = [*_missing(problem, matching), *_added(roster, matching), *_nips(problem, roster,
                                                                             matching)]
    found += _units(problem, roster, matching)
    found += _sub_units(problem, roster, matching)
    found += _names(problem, roster, matching)
    order = {kind: k for k, kind in enumerate(KINDS)}
    return sorted(found, key=lambda d: order[d.kind])


def _cell(roster: RosterSheet, column: int | None, row: int) -> str:
    return f"{roster.sheet}!{column_letter(column if column is not None else 0)}{row}"


def _missing(problem: Problem, matching: Matching) -> list[Difference]:
    return [Difference("missing", t("ck_missing", name=e.name, nip=e.nip, row=e.row,
                                    unit=e.unit), (), (i,))
            for i in matching.missing for e in [problem.employees[i]]]


def _added(roster: RosterSheet, matching: Matching) -> list[Difference]:
    found = []
    for r in matching.added:
        cell = _cell(roster, roster.nip_column, r.row)
        found.append(Difference("added", t("ck_unknown", nip=r.nip or "-", name=r.name or "-",
                                           cell=cell), (cell,)))
    return found


def _nips(problem: Problem, roster: RosterSheet, matching: Matching) -> list[Difference]:
    found = []
    for r, i in matching.rows:
        e = problem.employees[i]
        if r.nip != e.nip:
            cell = _cell(roster, roster.nip_column, r.row)
            found.append(Difference("nip", t("ck_diff_nip", cell=cell, written=r.nip,
                                             name=e.name, nip=e.nip), (cell,), (i,)))
    return found


def _names(problem: Problem, roster: RosterSheet, matching: Matching) -> list[Difference]:
    """A name written differently (a blank name cell is not a difference: many hand-made
    rosters carry NIPs only)."""
    found = []
    for r, i in matching.rows:
        e = problem.employees[i]
        if r.name.strip() and words(r.name) != words(e.name):
            cell = _cell(roster, roster.name_column, r.row)
            found.append(Difference("name", t("ck_diff_name", cell=cell, written=r.name,
                                              name=e.name, nip=e.nip), (cell,), (i,)))
    return found


def _units(problem: Problem, roster: RosterSheet, matching: Matching) -> list[Difference]:
    """Unit cells that name another unit: a unit whose every row says the same new name,
    one no staff-list unit has, was renamed (one line); anyone else was moved."""
    if roster.unit_column is None:
        return []
    known = {unit_key(e.unit) for e in problem.employees}
    listed: dict[str, int] = {}  # rows per staff-list unit
    changed: dict[tuple[str, str], list[tuple[RosterRow, int]]] = {}
    for r, i in matching.rows:
        unit = problem.employees[i].unit
        listed[unit] = listed.get(unit, 0) + 1
        written = r.unit or ""
        if unit_key(written) != unit_key(unit):
            changed.setdefault((unit, written), []).append((r, i))
    found = []
    for (unit, written), rows in changed.items():
        cells = tuple(_cell(roster, roster.unit_column, r.row) for r, _ in rows)
        if written and unit_key(written) not in known and len(rows) == listed[unit] > 1:
            found.append(Difference("unit_renamed", t(
                "ck_diff_unit_renamed", unit=unit, written=written, count=len(rows),
                cells=_cells_text(cells)), cells, tuple(i for _, i in rows)))
            continue
        for (_, i), cell in zip(rows, cells, strict=True):
            e = problem.employees[i]
            found.append(Difference("moved", t("ck_diff_moved", cell=cell, name=e.name,
                                               nip=e.nip, written=written or "-",
                                               unit=e.unit), (cell,), (i,)))
    return found


def _sub_units(problem: Problem, roster: RosterSheet, matching: Matching) -> list[
        Difference]:
    """Sub-unit cells that differ, for people whose unit agrees (a moved person is one line,
    not two); renamed or moved as for units, within the unit."""
    if roster.sub_unit_column is None:
        return []
    known: dict[str, set[str]] = {}
    for e in problem.employees:
        known.setdefault(e.unit, set()).add(words(e.sub_unit))
    listed: dict[tuple[str, str], int] = {}
    changed: dict[tuple[str, str, str], list[tuple[RosterRow, int]]] = {}
    for r, i in matching.rows:
        e = problem.employees[i]
        if r.unit is not None and unit_key(r.unit) != unit_key(e.unit):
            continue
        listed[(e.unit, e.sub_unit)] = listed.get((e.unit, e.sub_unit), 0) + 1
        written = r.sub_unit or ""
        if words(written) != words(e.sub_unit):
            changed.setdefault((e.unit, e.sub_unit, written), []).append((r, i))
    found = []
    for (unit, sub, written), rows in changed.items():
        cells = tuple(_cell(roster, roster.sub_unit_column, r.row) for r, _ in rows)
        if sub and written and words(written) not in known[unit] \
                and len(rows) == listed[(unit, sub)] > 1:
            found.append(Difference("sub_unit_renamed", t(
                "ck_diff_sub_renamed", unit=unit, sub=sub, written=written, count=len(rows),
                cells=_cells_text(cells)), cells, tuple(i for _, i in rows)))
            continue
        for (_, i), cell in zip(rows, cells, strict=True):
            e = problem.employees[i]
            found.append(Difference("sub_unit", t("ck_diff_sub", cell=cell, name=e.name,
                                                  nip=e.nip, written=written or "-",
                                                  sub=sub or "-", unit=unit), (cell,), (i,)))
    return found


def _cells_text(cells: Sequence[str]) -> str:
    """`Jadwal!C2, Jadwal!C3, … (+12 sel)`: a handful of cells, then a count."""
    shown = ", ".join(cells[:CELLS_SHOWN])
    rest = len(cells) - CELLS_SHOWN
    return shown if rest <= 0 else shown + t("ck_more_cells", count=rest)

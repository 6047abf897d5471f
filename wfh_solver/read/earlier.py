"""Earlier rosters for `--previous`: each person's WFH days, as HR's file really says them.

A roster comes back edited: a person listed twice (a copy, or one row per unit after a
move mid-month), `wfh ` retyped by hand, the long CSV layout. It is read under the same
rules as a pin file (`read/entries.py`): entries of one NIP are merged day by day, so a
copied row is not counted twice and complementary rows add up; two that disagree on a day
are refused, naming the cell.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import numpy.typing as npt

from wfh_solver.read.entries import WFH, DayEntries, read_entries


class NipCounts(Mapping[str, int]):
    """NIP → WFH days of one earlier roster, over the reader's numbers: a roster of
    2 million NIPs is not copied into 2 million strings and a dict. `known` looks the
    whole staff list up at once."""

    def __init__(self, entries: DayEntries, counts: npt.NDArray[np.int64]) -> None:
        self.entries, self.counts = entries, counts

    def known(self, nips: Sequence[str]) -> list[int | None]:
        """Per NIP (matched by its digits), its WFH days, None when it has no row."""
        found = self.entries.find(nips)
        days = self.counts[np.maximum(found, 0)] if len(self.counts) else found
        return [int(d) if k >= 0 else None for k, d in zip(found.tolist(), days.tolist(),
                                                            strict=True)]

    def __getitem__(self, nip: str) -> int:
        [days] = self.known([nip])
        if days is None:
            raise KeyError(nip)
        return days

    def __iter__(self) -> Iterator[str]:
        return (self.entries.nip(p) for p in range(len(self.counts)))

    def __len__(self) -> int:
        return len(self.counts)


@dataclass(frozen=True, slots=True)
class EarlierRoster:
    path: Path
    wfh: NipCounts  # NIP → WFH days
    days: tuple[date, ...]  # the days it fills, in order


def read_earlier(path: str | Path) -> EarlierRoster:
    """An earlier roster (ours, hand-edited, or the long CSV): WFH days per NIP."""
    entries = read_entries(path)
    return EarlierRoster(Path(path), NipCounts(entries, entries.per_person(WFH)),
                         tuple(entries.days()))


#: the summary sheets and the row key under which a replanned roster states its revision
REVISION_SHEETS = ("Ringkasan", "Summary")
REVISION_KEYS = ("revisi ke", "revision")


def revision_of(path: str | Path) -> int:
    """The revision a roster workbook states in its summary (`Revisi ke` N), 0 for an
    original roster, a CSV, or a workbook that says nothing."""
    if Path(path).suffix.lower() not in (".xlsx", ".xlsm", ".ods", ".xls"):
        return 0
    try:
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_path(str(path))
        for name in REVISION_SHEETS:
            if name not in book.sheet_names:
                continue
            for row in book.get_sheet_by_name(name).to_python(nrows=400):
                if len(row) > 1 and str(row[0]).strip().casefold() in REVISION_KEYS:
                    return int(float(str(row[1])))
    except Exception:  # an unreadable summary: no revision
        return 0
    return 0

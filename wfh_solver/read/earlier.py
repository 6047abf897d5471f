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

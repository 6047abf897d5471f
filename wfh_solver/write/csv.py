"""Long-format CSV (`nip,date,status`), one row per employee-day, for other systems."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from wfh_solver.result import CODES, Result
from wfh_solver.write.atomic import atomic_output

HEADER = ("nip", "date", "status")


def _rows(result: Result) -> Iterator[tuple[str, str, str]]:
    roster = result.roster
    days = [day.isoformat() for day in roster.days]
    for employee, codes in zip(roster.employees, roster.codes().tolist(), strict=True):
        nip = employee.nip
        for day, code in zip(days, codes, strict=True):
            yield nip, day, CODES[code]


def write_csv(result: Result, path: Path | str) -> None:
    """Write `nip,date,status` rows (ISO dates, WFO/WFH/CUTI/DL) as UTF-8, atomically."""
    with atomic_output(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(_rows(result))

"""Long-format CSV for Indonesian Excel: `nip;nama;unit;sub_unit;tanggal;status`.

One row per employee and working day. Indonesian Excel and LibreOffice (locale id-ID) split
columns on `;`, because the comma is their decimal mark; the file is UTF-8 with a byte-order
mark so that names such as `Ñoman` or `Dra. Sri Rahayu, M.Si.` open without mojibake.

The NIP is written in its official grouped form (`19650312 199003 1 005`): a spreadsheet keeps
it as text, where 18 bare digits would be rounded to `1.96503E+17` and lose the last three.
Other all-digit IDs of 12 digits or more (a NIK for non-ASN staff) are grouped by four for the
same reason; shorter IDs are written as they are. Dates are ISO (`2020-03-23`), which every
spreadsheet locale reads as a date. Every text goes through `neutralise` (formula injection).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from wfh_solver.solve.result import CODES, Result
from wfh_solver.write.atomic import atomic_output
from wfh_solver.write.neutral import neutralise

HEADER = ("nip", "nama", "unit", "sub_unit", "tanggal", "status")
DELIMITER = ";"
_NIP_DIGITS = 18
_LONG_ID = 12  # Excel shows 12+ digits in scientific notation and keeps only 15


def nip_as_text(nip: str) -> str:
    """The NIP as a spreadsheet keeps it: `19650312 199003 1 005`; a long NIK by fours."""
    if not nip.isdigit():
        return nip
    if len(nip) == _NIP_DIGITS:
        return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    if len(nip) >= _LONG_ID:
        return " ".join(nip[k:k + 4] for k in range(0, len(nip), 4))
    return nip


def _rows(result: Result) -> Iterator[tuple[str, str, str, str, str, str]]:
    roster = result.roster
    days = [day.isoformat() for day in roster.days]
    for employee, codes in zip(roster.employees, roster.codes().tolist(), strict=True):
        person = (neutralise(nip_as_text(employee.nip)), neutralise(employee.name),
                  neutralise(employee.unit), neutralise(employee.sub_unit))
        for day, code in zip(days, codes, strict=True):
            yield (*person, day, CODES[code])


def write_csv(result: Result, path: Path | str) -> None:
    """Write the roster's rows (WFO/WFH/CUTI/DL per employee and day) atomically."""
    with atomic_output(path) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=DELIMITER, lineterminator="\r\n")
        writer.writerow(HEADER)
        writer.writerows(_rows(result))

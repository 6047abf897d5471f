"""One printable workbook per unit (`--per-unit DIR`), named after the unit as HR wrote it."""

from __future__ import annotations

from pathlib import Path

from wfh_solver.base.labels import check_lang
from wfh_solver.solve.result import Result
from wfh_solver.write.excel import row_order, unit_order
from wfh_solver.write.outputs import unique_stems
from wfh_solver.write.printable import UnitPrintout, unit_printout
from wfh_solver.write.unit_book import write_unit_book


def unit_printouts(result: Result, lang: str = "id") -> list[UnitPrintout]:
    """Every unit's printout, in the order the main workbook lists the units."""
    members: dict[str, list[int]] = {}
    for i in row_order(result.roster.employees):
        members.setdefault(result.roster.employees[i].unit, []).append(i)
    return [unit_printout(result, unit, members[unit], lang) for unit in unit_order(members)]


def unit_file_names(printouts: list[UnitPrintout], suffix: str) -> list[str]:
    """Safe, distinct file names (case-insensitively) from the units' written names."""
    return [f"{stem}{suffix}" for stem in unique_stems([u.unit for u in printouts])]


def write_per_unit(result: Result, directory: Path | str, lang: str = "id") -> list[Path]:
    """Write one printable workbook per unit into `directory`; return the paths in unit order."""
    check_lang(lang)
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    printouts = unit_printouts(result, lang)
    paths = [out / name for name in unit_file_names(printouts, ".xlsx")]
    for printout, path in zip(printouts, paths, strict=True):
        write_unit_book(printout, path, lang)
    return paths

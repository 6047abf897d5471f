"""Writers: render a solved `Result` as an Excel workbook or a long-format CSV."""

from __future__ import annotations

from pathlib import Path

from wfh_solver.labels import LANGUAGES, check_lang, label
from wfh_solver.result import Result
from wfh_solver.write.atomic import atomic_output
from wfh_solver.write.csv import write_csv
from wfh_solver.write.excel import write_per_unit, write_xlsx

__all__ = [
    "LANGUAGES",
    "atomic_output",
    "label",
    "write_csv",
    "write_per_unit",
    "write_roster",
    "write_xlsx",
]

SUFFIXES = (".xlsx", ".csv")


def write_roster(result: Result, path: Path | str, lang: str = "id") -> None:
    """Write `result` to `path`: `.xlsx` gives the workbook, `.csv` the long format."""
    check_lang(lang)
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".xlsx":
        write_xlsx(result, target, lang)
    elif suffix == ".csv":
        write_csv(result, target)
    else:
        raise ValueError(
            f"cannot write {target.name!r}: unsupported file type {suffix or '(none)'!r}; "
            f"use one of {', '.join(SUFFIXES)}"
        )

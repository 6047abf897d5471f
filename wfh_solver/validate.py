"""`validate`: every problem of an input file, and a summary of how it was understood.

Kept beside the API (not in the CLI) so notebooks get the same report as a dict.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

from wfh_solver import api
from wfh_solver.read.columns import COLUMN_ALIASES
from wfh_solver.read.errors import InputError, file_error


def load_column_map(path: Path) -> dict[str, str]:
    """`--columns map.toml`: `"Header in the file" = "nip"` (or any canonical column)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise file_error(str(path), f"{exc}") from None
    mapping = data.get("columns", data)
    bad = {k: v for k, v in mapping.items() if v not in COLUMN_ALIASES}
    if bad:
        raise file_error(str(path), "unknown column name(s): " + ", ".join(
            f"{k} = {v!r}" for k, v in bad.items()), "use one of " + ", ".join(COLUMN_ALIASES))
    return {str(k): str(v) for k, v in mapping.items()}


def validation_report(path: Path, sheet: str | None = None,
                      column_map: dict[str, str] | None = None,
                      scenario: str | None = None) -> dict[str, Any]:
    report: dict[str, Any] = {"file": str(path), "problems": [], "summary": None}
    try:
        staff = api.read_employees(path, sheet, column_map)
    except InputError as exc:
        report["problems"] = [p.as_dict() for p in exc.problems + exc.warnings]
        return report
    report["problems"] = [p.as_dict() for p in staff.table.warnings + staff.table.skipped]
    employees = staff.employees
    report["summary"] = {
        "sheet": staff.table.sheet,
        "employees": len(employees),
        "categories": dict(sorted(Counter(e.category.value for e in employees).items())),
        # a blank Status reads as PNS (README, "Menyiapkan spreadsheet")
        "statuses": dict(sorted(Counter(e.status for e in employees).items())),
        "unit_types": dict(sorted(Counter(e.unit_type for e in employees).items())),
        "roles": dict(sorted(Counter(r for e in employees for r in e.roles).items())),
        "units": dict(sorted(Counter(e.unit for e in employees).items())),
        "columns": staff.table.columns,
        "unused_columns": staff.table.unused,
        "unit_spellings": staff.table.unit_spellings,
    }
    if scenario is not None:
        problem = api.make_problem(staff, scenario)
        report["problems"] += [
            {"severity": "warning", "file": str(path), "sheet": staff.table.sheet, "row": None,
             "column": "", "value": "", "reason": w, "hint": ""} for w in problem.warnings]
    return report

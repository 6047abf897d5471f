"""`validate`: every problem of an input file, and a summary of how it was understood.

Kept beside the API (not in the CLI) so notebooks get the same report as a dict.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from wfh_solver import api
from wfh_solver.base.messages import t
from wfh_solver.read.columns import COLUMN_ALIASES
from wfh_solver.read.errors import InputError, file_error
from wfh_solver.read.textfile import TextFileError, TomlError, read_toml


def load_column_map(path: Path) -> dict[str, str]:
    """`--columns map.toml`: `"Header in the file" = "nip"` (or any canonical column), at
    the top level or under `[columns]`. The map is input like any other file: a device, a
    huge file, or a value that is not a column name ends in one line naming the key."""
    try:
        data = read_toml(path)
    except (TextFileError, TomlError) as exc:
        raise file_error(str(path), str(exc)) from None
    section = data.get("columns")
    mapping = section if isinstance(section, dict) else data
    accepted = ", ".join(COLUMN_ALIASES)
    for key, value in mapping.items():
        if not isinstance(value, str):
            raise file_error(str(path), t("colmap_not_text", key=key, kind=_toml_kind(value)),
                             t("hint_colmap", columns=accepted))
    bad = {k: v for k, v in mapping.items() if v not in COLUMN_ALIASES}
    if bad:
        raise file_error(str(path), t("colmap_unknown", pairs=", ".join(
            f"{k} = {v!r}" for k, v in bad.items())), t("hint_colmap", columns=accepted))
    return {str(k): str(v) for k, v in mapping.items()}


def _toml_kind(value: object) -> str:
    """The TOML type of a value, in the user's language (`array`, `table`, …)."""
    if isinstance(value, dict):
        return t("toml_table")
    if isinstance(value, list):
        return t("toml_array")
    if isinstance(value, bool):
        return t("toml_boolean")
    if isinstance(value, int | float):
        return t("toml_number")
    return t("toml_date")


def validation_report(path: Path, sheet: str | None = None,
                      column_map: dict[str, str] | None = None,
                      scenario: str | None = None) -> dict[str, Any]:
    report: dict[str, Any] = {"file": str(path), "problems": [], "summary": None}
    rules = api.scenario_over(scenario) if scenario is not None else None
    period = (rules.start, rules.end) if rules is not None else None
    try:
        staff = api.read_employees(path, sheet, column_map, period)
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
        problem = api.make_problem(staff, rules or scenario)
        report["problems"] += [
            {"severity": "warning", "file": str(path), "sheet": staff.table.sheet, "row": None,
             "column": "", "value": "", "reason": w, "hint": ""} for w in problem.warnings]
    return report

"""Writers: render a solved `Result` as an Excel workbook or a long-format CSV.

Floor 8: may import every room up to `relax`; never the API, the CLI or the page.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from wfh_solver.base.labels import LANGUAGES, check_lang, label
from wfh_solver.solve.result import Result
from wfh_solver.write.atomic import atomic_output
from wfh_solver.write.csv import write_csv
from wfh_solver.write.excel import unit_order, write_xlsx
from wfh_solver.write.failure import WriteFailed, naming
from wfh_solver.write.outputs import (
    OutputClash,
    OutputPlan,
    OutputSet,
    plan_outputs,
    unique_stems,
)
from wfh_solver.write.per_unit import unit_printouts, write_per_unit
from wfh_solver.write.unit_book import write_unit_book

__all__ = [
    "LANGUAGES",
    "OutputClash",
    "OutputPlan",
    "WriteFailed",
    "plan_outputs",
    "write_outputs",
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


def roster_units(result: Result) -> list[str]:
    """The units of a roster in the order their per-unit files are written."""
    units: dict[str, list[int]] = {}
    for i, employee in enumerate(result.roster.employees):
        units.setdefault(employee.unit, []).append(i)
    return unit_order(units)


def write_outputs(result: Result, inputs: list[Path], out: Path | None, *,
                  per_unit: Path | None = None, pdf: Path | None = None, lang: str = "id",
                  overwrite: bool = False,
                  progress: Callable[[int, int], None] | None = None) -> OutputPlan:
    """Plan every output of a run, check the plan, then write it all or nothing.

    The roster, each unit's printable workbook (`per_unit`) and each unit's PDF (`pdf`) are
    staged under temporary names and renamed together at the end, so a failure or a signal
    part-way leaves every earlier output as it was. `progress(done, total)` is told after
    each unit's file (a PDF takes a second or more: the page shows how far it is).
    """
    check_lang(lang)
    if pdf is not None:  # fpdf2 and fontTools load in 0.3 s: only for a run that prints
        from wfh_solver.write.pdf import write_unit_pdf
    units = roster_units(result) if per_unit is not None or pdf is not None else []
    pdf_dirs = [(pdf, ".pdf")] if pdf is not None else []
    plan = plan_outputs(inputs, out, per_unit=per_unit, extra_dirs=pdf_dirs, units=units,
                        overwrite=overwrite)
    # A failure (a full disk, a read-only folder) names the file that failed, never its
    # temporary name, and leaves every earlier output as it was (`OutputSet`).
    with OutputSet() as outputs:
        if out is not None:
            with naming(out):
                write_roster(result, outputs.stage(out), lang)
        printouts = {u.unit: u for u in unit_printouts(result, lang)} if units else {}
        stems = dict(zip(units, unique_stems(units), strict=True))
        total = len(units) * ((per_unit is not None) + (pdf is not None))
        done = 0
        for unit in units:
            if per_unit is not None:
                target = per_unit / f"{stems[unit]}.xlsx"
                with naming(target):
                    write_unit_book(printouts[unit], outputs.stage(target), lang)
                done += 1
                if progress is not None:
                    progress(done, total)
            if pdf is not None:
                target = pdf / f"{stems[unit]}.pdf"
                with naming(target):
                    write_unit_pdf(printouts[unit], outputs.stage(target), lang)
                done += 1
                if progress is not None:
                    progress(done, total)
    return plan

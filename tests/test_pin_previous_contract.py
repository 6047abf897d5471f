"""Tests that a pin file and an earlier roster mean the same, whichever layout they are in.

`--pin` and `--previous` read the same files (`read/entries.py`). Each case below is a
list of rows, written once in our layout (a column per day) and once in the long layout
(a row per person and day, blank entries written out as empty `Status` cells), then read
by both readers: the outcome (the cells kept, or the refused cell) must be the same each
time (the long layout is also saved as a workbook, as Excel would).
"""

from __future__ import annotations

import csv
import time
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pytest

from tests import checker
from tests.factories import employee, problem
from tests.test_reliability import run_cli
from wfh_solver import api
from wfh_solver.policy.problem import FIXED_WFH, FIXED_WFO, LEAVE
from wfh_solver.read.entries import MAX_PERSON_DAYS
from wfh_solver.read.errors import InputError

A, B = "196501011990011001", "196501011990011002"
MON, TUE, WED = date(2020, 3, 16), date(2020, 3, 17), date(2020, 3, 18)
DAYS = [MON, TUE, WED]
Rows = Sequence[tuple[str, Mapping[date, str]]]

#: (name, rows in file order, outcome): the filled cells {(NIP, day): code} kept, or the
#: Excel (row, column) of the refused cell. Both layouts put the first day's cell of a
#: row in column C (wide: NIP, Nama, days; long: NIP, Tanggal, Status).
CASES: list[tuple[str, Rows, dict[tuple[str, date], str] | tuple[int, str]]] = [
    ("a copied row counts once",
     [(A, {MON: "WFH", TUE: "WFO"}), (A, {MON: "WFH", TUE: "WFO"})],
     {(A, MON): "WFH", (A, TUE): "WFO"}),
    ("filled, then blank", [(A, {MON: "WFH"}), (A, {MON: ""})], {(A, MON): "WFH"}),
    ("blank, then filled", [(A, {MON: ""}), (A, {MON: "WFH"})], {(A, MON): "WFH"}),
    ("rows that complete each other", [(A, {MON: "WFH"}), (A, {TUE: "WFH"})],
     {(A, MON): "WFH", (A, TUE): "WFH"}),
    ("the same code retyped", [(A, {MON: "WFH"}), (A, {MON: " wfh "})], {(A, MON): "WFH"}),
    ("leave and travel", [(A, {MON: "cuti"}), (B, {MON: "DL", TUE: "WFO"})],
     {(A, MON): "CUTI", (B, MON): "DL", (B, TUE): "WFO"}),
    ("two rows disagreeing on a day", [(A, {MON: "WFH"}), (B, {MON: "WFO"}),
                                       (A, {MON: "WFO"})], (4, "C")),
    ("disagreeing after a blank", [(A, {MON: "WFO"}), (A, {MON: ""}), (A, {MON: "WFH"})],
     (4, "C")),
    ("a cell that is no code", [(A, {MON: "WFH"}), (B, {MON: "X"})], (3, "C")),
    ("a dash is no blank", [(A, {MON: "-"})], (2, "C")),
]


def wide_file(path: Path, rows: Rows) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Jadwal"
    sheet.append(["NIP", "Nama", *DAYS])
    for nip, cells in rows:
        sheet.append([nip, "", *[cells.get(day, "") for day in DAYS]])
    book.save(path)
    return path


def long_file(path: Path, rows: Rows) -> Path:
    """One CSV row per person and day a row names; a row's first day comes first."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, delimiter=";")
        out.writerow(["NIP", "Tanggal", "Status"])
        for nip, cells in rows:
            for day, code in cells.items():
                out.writerow([nip, f"{day:%d/%m/%Y}", code])
    return path


def day_columns(header: Sequence[object]) -> dict[date, int]:
    """A roster's date columns as openpyxl gives them (datetimes)."""
    return {h.date(): k for k, h in enumerate(header) if isinstance(h, datetime)}


def long_book(path: Path, rows: Rows) -> Path:
    """The long layout saved from Excel: a workbook, dates as date cells."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["NIP", "Tanggal", "Status"])
    for nip, cells in rows:
        for day, code in cells.items():
            sheet.append([nip, datetime(day.year, day.month, day.day), code])
    book.save(path)
    return path


def from_previous(path: Path) -> dict[str, int] | tuple[int | None, str]:
    try:
        return api.previous_wfh(path)
    except InputError as error:
        return error.problems[0].row, error.problems[0].column


def from_pins(path: Path) -> dict[tuple[str, date], str] | tuple[int | None, str]:
    staff = [employee(nip=A), employee(nip=B)]
    plain = problem(staff, [], start=MON, end=date(2020, 3, 20))
    try:
        pinned = api.with_pins(plain, path)
    except InputError as error:
        return error.problems[0].row, error.problems[0].column
    kept: dict[tuple[str, date], str] = {}
    pins, absent = pinned.pinned(), pinned.absence()
    for i, e in enumerate(pinned.employees):
        for d, day in enumerate(pinned.calendar.days):
            code = {FIXED_WFO: "WFO", FIXED_WFH: "WFH"}.get(int(pins[i, d]))
            if absent[i, d]:
                code = "CUTI" if absent[i, d] == LEAVE else "DL"
            if code:
                kept[(e.nip, day)] = code
    return kept


@pytest.mark.parametrize(("name", "rows", "outcome"), CASES, ids=[c[0] for c in CASES])
def test_both_readers_and_both_layouts_agree(tmp_path: Path, name: str, rows: Rows,
                                             outcome: Any) -> None:
    """Tests one case of the table through `--pin` and `--previous`, each in our layout
    and in the long one (as CSV and as a workbook): the same cells kept, or the same cell
    refused."""
    for layout, write in (("wide.xlsx", wide_file), ("long.csv", long_file),
                          ("long.xlsx", long_book)):
        path = write(tmp_path / layout, rows)
        if isinstance(outcome, tuple):
            assert from_pins(path) == outcome, layout
            assert from_previous(path) == outcome, layout
            continue
        assert from_pins(path) == outcome, layout
        wfh = {nip: sum(1 for (n, _), c in outcome.items() if n == nip and c == "WFH")
               for nip, _ in rows}
        assert from_previous(path) == wfh, layout


def test_the_overlap_warning_counts_working_days_and_survives_leave_pins(
        tmp_path: Path) -> None:
    """Tests the warning for an earlier roster that fills days of this period, by hand:
    the period is Mon 16 – Sun 22/03 on a Mon–Fri week, the roster fills Fri 20 and Sat
    21/03, so it covers 1 working day (not 2); a pin file with a `CUTI` cell (which builds
    the problem again) keeps the warning."""
    rows: Rows = [(A, {date(2020, 3, 20): "WFH", date(2020, 3, 21): "WFH"})]
    earlier = long_file(tmp_path / "draft.csv", rows)
    plain = problem([employee(nip=A), employee(nip=B)], [], start=MON, end=date(2020, 3, 22))
    counted = api.with_history(plain, [earlier])
    [note] = counted.notes
    assert "draft.csv" in note and " 1 " in note and "20/03/2020–20/03/2020" in note
    pinned = api.with_pins(counted, long_file(tmp_path / "pins.csv", [(B, {TUE: "CUTI"})]))
    assert pinned.absence()[1, 1] == LEAVE
    assert note in pinned.warnings and pinned.notes == (note,)


def test_pins_left_out_are_named_on_the_terminal_and_in_ringkasan(tmp_path: Path) -> None:
    """Tests, through the installed script, the pins that say nothing new: one outside the
    period, two for a NIP not in the staff list, one `CUTI` on a day the staff list
    already gives as leave; each kind is a warning line and a line of `Ringkasan`, and
    the one real pin is kept. A pin file whose days all fall outside the period says so."""
    people = [checker.person(1, "Dinas A", "", "Pengadministrasi Umum",
                             leave=[date(2020, 3, 23)]),
              checker.person(2, "Dinas A", "", "Pengadministrasi Umum")]
    source = checker.write_input(tmp_path / "pegawai.xlsx", people)
    scenario = checker.write_scenario(tmp_path / "s.toml", [])
    one, two = (str(p["NIP"]) for p in people)
    pins = long_file(tmp_path / "pins.csv", [
        (one, {date(2020, 3, 23): "CUTI"}), (two, {date(2020, 3, 24): "WFO"}),
        (two, {date(2020, 4, 1): "WFH"}), ("199001012020011999", {date(2020, 3, 23): "WFH",
                                                                  date(2020, 3, 24): "WFO"})])
    out = tmp_path / "jadwal.xlsx"
    code, stderr, _ = run_cli("solve", source, "-s", scenario, "--pin", pins, "-o", out,
                              "--quiet", "--lang", "en")
    assert code == 0, stderr
    lines = [line for line in stderr.splitlines() if line.startswith("warning: pin file")]
    assert len(lines) == 3, stderr
    assert "1 cells outside this period's working days (01/04/2020–01/04/2020)" in lines[0]
    assert "2 cells for 1 NIPs not in the staff list ignored: 199001012020011999" in lines[1]
    assert "1 cells change nothing" in lines[2] and "23/03/2020, CUTI" in lines[2]
    book = openpyxl.load_workbook(out, read_only=True)
    summary = [str(v) for row in book["Summary"].iter_rows(values_only=True) for v in row]
    for line in lines:
        assert any(line.removeprefix("warning: ") in cell for cell in summary), line
    roster = list(book["Roster"].iter_rows(values_only=True))
    column = day_columns(roster[0])[date(2020, 3, 24)]
    assert {str(r[0]): r[column] for r in roster[1:]}[two.replace(" ", "")] == "WFO"

    outside = long_file(tmp_path / "april.csv", [(two, {date(2020, 4, 1): "WFH"})])
    code, stderr, _ = run_cli("solve", source, "-s", scenario, "--pin", outside, "-o",
                              tmp_path / "j2.xlsx", "--quiet")
    assert code == 0 and "berkas pin april.csv: 1 sel di luar hari kerja" in stderr, stderr


def _bomb(path: Path, rows: int) -> Path:
    """A long CSV of `rows` rows, each a new NIP and a new date: the reader once built
    every NIP × every date (20,000 rows: 3.2 GB, 117 s)."""
    first = date(1900, 1, 1)
    with path.open("w", encoding="ascii") as handle:
        handle.write("NIP;Tanggal;Status\n")
        handle.writelines(f"{196501011990011001 + k};{first + timedelta(days=k)};WFH\n"
                          for k in range(rows))
    return path


def test_a_long_layout_bomb_reads_in_memory_proportional_to_its_rows(tmp_path: Path) -> None:
    """Tests, through the installed script under an address-space limit, long CSVs whose
    rows are each a new NIP and a new date, as `--previous` and as `--pin`: 140,000 rows
    (once a MemoryError) and the limit itself, `MAX_PERSON_DAYS` rows, each read under
    1 GiB and within 60 s; one row more is refused in one line."""
    staff = checker.write_input(tmp_path / "pegawai.xlsx", [
        checker.person(k, "Dinas A", "", "Pengadministrasi Umum") for k in range(1, 4)])
    scenario = checker.write_scenario(tmp_path / "s.toml", [])
    for rows in (140_000, MAX_PERSON_DAYS):
        bomb = _bomb(tmp_path / f"bomb{rows}.csv", rows)
        for option in ("--previous", "--pin"):
            started = time.monotonic()
            code, stderr, peak = run_cli("solve", staff, "-s", scenario, option, bomb,
                                         "-o", tmp_path / "j.xlsx", "--overwrite", "--quiet")
            seconds = time.monotonic() - started
            assert code == 0, stderr
            assert peak < 2**30 and seconds < 60, (rows, option, peak / 2**20, seconds)
    with bomb.open("a") as handle:
        handle.write("196501011990011000;1900-01-01;WFH\n")
    code, stderr, _ = run_cli("solve", staff, "-s", scenario, "--previous", bomb, "-o",
                              tmp_path / "j.xlsx", "--overwrite", "--quiet", "--lang", "en")
    assert code == 2 and f"more than {MAX_PERSON_DAYS} rows" in stderr, stderr
    assert len(stderr.strip().splitlines()) == 1


def test_the_samples_own_csv_reads_back_as_previous_and_as_pins(tmp_path: Path) -> None:
    """Tests the shipped 9,000-staff sample solved for July 2020 and written as CSV
    (198,001 lines, once refused for 'more than 150000 rows'): as `--previous` for August
    every NIP carries its July WFH days into `WFH kumulatif`, and as `--pin` for July the
    roster comes back cell for cell."""
    sample = Path(__file__).parents[1] / "data" / "pegawai.xlsx"
    july = tmp_path / "juli.csv"
    period = ("--from", "2020-07-01", "--to", "2020-07-31")
    code, stderr, _ = run_cli("solve", sample, *period, "-s", "jateng-2020", "-o", july,
                              "--quiet")
    assert code == 0, stderr
    with july.open(encoding="utf-8-sig") as handle:
        body = list(csv.reader(handle, delimiter=";"))[1:]
    assert len(body) == 198_000
    wfh: dict[str, int] = {}
    for row in body:
        wfh[row[0].replace(" ", "")] = wfh.get(row[0].replace(" ", ""), 0) + (row[-1] == "WFH")

    august = tmp_path / "agustus.xlsx"
    code, stderr, peak = run_cli("solve", sample, "--from", "2020-08-01", "--to", "2020-08-31",
                                 "-s", "jateng-2020", "--previous", july, "-o", august,
                                 "--quiet")
    assert code == 0 and peak < 2**30, stderr
    sheet = list(openpyxl.load_workbook(august, read_only=True)["Jadwal"].iter_rows(
        values_only=True))
    head = list(sheet[0])
    total, days = head.index("WFH kumulatif"), head.index("Hari WFH")
    carried = {str(r[0]): int(r[total]) - int(r[days]) for r in sheet[1:]}
    assert carried == wfh

    again = tmp_path / "juli2.xlsx"
    code, stderr, peak = run_cli("solve", sample, *period, "-s", "jateng-2020", "--pin", july,
                                 "-o", again, "--quiet")
    assert code == 0 and peak < 2**30, stderr
    rows = list(openpyxl.load_workbook(again, read_only=True)["Jadwal"].iter_rows(
        values_only=True))
    back = {(str(r[0]), d): r[k] for r in rows[1:] for d, k in day_columns(rows[0]).items()}
    assert all(back[(row[0].replace(" ", ""), date.fromisoformat(row[-2]))] == row[-1]
               for row in body)
    assert np.count_nonzero([row[-1] in ("WFO", "WFH") for row in body]) > 0

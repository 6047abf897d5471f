"""Tests for the roster writers (`wfh_solver.write`)."""

from __future__ import annotations

import csv
import shutil
import subprocess
import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import numpy as np
import openpyxl
import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

from wfh_solver.domain.calendar import Calendar
from wfh_solver.domain.employee import Category, Employee
from wfh_solver.solve.result import AppliedRule, LevelResult, Result, Roster, RuleCount, Status
from wfh_solver.write import (
    atomic_output,
    excel,
    label,
    ooxml,
    write_csv,
    write_per_unit,
    write_roster,
)
from wfh_solver.write.excel import unique_stems, unit_summary, write_xlsx

DAYS = tuple(date(2024, 6, d) for d in range(3, 8))
NIP = "196503121990031005"
HYPERLINK = '=HYPERLINK("http://x","y")'
SHOWN_HYPERLINK = "'" + HYPERLINK  # in a CSV (OWASP); a workbook cell keeps the text, quoted
RICH = "<r><t>x</t></r>"
KES, BKD, KEC = "Dinas Kesehatan", "Badan Keuangan Daerah", "Kecamatan Ungaran/Barat"
VIOLATED_DAY = 2

# (unit, sub unit, name, position); the list order is the "original order".
STAFF = [
    (KES, "Sekretariat", "Siti Aminah", "Sekretaris Dinas"),
    (BKD, "Bidang Anggaran", HYPERLINK, "Analis Anggaran"),
    (KEC, "Seksi Pemerintahan", "Budi Santoso", "Camat"),
    (KES, "Bidang P2P", "Ahmad Fauzi", "Epidemiolog"),
    (BKD, "Bidang Anggaran", "Dewi Lestari", "+62 Pelaksana"),
    (KEC, "Seksi Pemerintahan", "Rina Marlina", "-Staf"),
    (KES, "Sekretariat", "Joko Widodo", "@Pengadministrasi"),
    (BKD, "Sekretariat", "Agus Salim", "Kasubbag Umum"),
    (KEC, "Sekretariat", "Nur Hidayah", "Sekretaris Camat"),
    (KES, "Bidang P2P", "Bambang Pamungkas", "Kepala Bidang"),
    (BKD, "Sekretariat", "Yuni Shara", "Pelaksana"),
    (KEC, "Sekretariat", RICH, "Pelaksana"),
]


def _employees() -> tuple[Employee, ...]:
    return tuple(
        Employee(
            nip=NIP if i == 0 else f"19800101200501{i:04d}",
            name=name,
            unit=unit,
            sub_unit=sub,
            position=pos,
            category=Category.PELAKSANA,
        )
        for i, (unit, sub, name, pos) in enumerate(STAFF)
    )


def _office() -> np.ndarray:
    office = np.array([[(i + d) % 2 == 0 for d in range(len(DAYS))] for i in range(len(STAFF))])
    office[0, VIOLATED_DAY] = False  # Dinas Kesehatan drops to 1 in office that day
    return office


@pytest.fixture
def result() -> Result:
    """A hand-built result: 3 units, 12 employees, 5 days, one violated rule-day."""
    kes = tuple(i for i, s in enumerate(STAFF) if s[0] == KES)
    counts = (
        RuleCount("min_hadir", "min_office", KES, "", kes, minimum=2),
        RuleCount("target_wfh", "target", BKD, "Bidang Anggaran", (1, 4), target_wfh=1),
        RuleCount("batas_org", "max_office", "", "", tuple(range(len(STAFF))), maximum=12),
    )
    cal = Calendar(
        DAYS[0], DAYS[-1], DAYS, ((date(2024, 6, 1), "Hari Lahir Pancasila"),), "mon-fri"
    )
    return Result(
        scenario_name="uji",
        scenario_title="Skenario uji",
        source="pegawai.xlsx",
        calendar=cal,
        roster=Roster(_employees(), DAYS, _office()),
        status=Status.OPTIMAL,
        levels=(LevelResult("hadir", "Minimum kehadiran", 3, 3, Status.OPTIMAL, 0.5),),
        rule_counts=counts,
        applied_rules=(
            AppliedRule("min_hadir", "min_office", "Minimal 2 pegawai hadir", 4),
            AppliedRule("target_wfh", "target", "Tepat 1 pegawai WFH", 2),
            AppliedRule("batas_org", "max_office", "Paling banyak 12 hadir", 12),
            AppliedRule("rentan", "vulnerable", "=cmd|' /C calc'!A0", 0),
        ),
        warnings=("Satu peringatan",),
        choices=("Pilihan satu", "Pilihan dua"),
        solve_seconds=1.25,
        switches=7,
        switches_bound=5,
        extra={"Catatan": "@SUM(1)"},
    )


@pytest.fixture
def xlsx(result: Result, tmp_path: Path) -> Path:
    """The fixture result written as an Indonesian workbook."""
    path = tmp_path / "jadwal.xlsx"
    write_xlsx(result, path)
    return path


def _rows(ws: Any) -> list[list[Any]]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def _as_date(value: object) -> date:
    assert isinstance(value, datetime)
    return value.date()


def test_sheet_names_and_order(xlsx: Path) -> None:
    """Tests the sheets: Jadwal, Rekap Unit, Rincian Aturan, Ringkasan, Aturan in that order."""
    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames == ["Jadwal", "Rekap Unit", "Rincian Aturan", "Ringkasan",
                         "Telaah", "Aturan", "Teknis"]
    assert wb.properties.title is not None and "Skenario uji" in wb.properties.title


def test_roster_header_row_is_exact(xlsx: Path) -> None:
    """Tests that the Jadwal header is the fixed columns, one date per day, then totals."""
    header = _rows(openpyxl.load_workbook(xlsx)["Jadwal"])[0]
    assert header[:5] == ["NIP", "Nama", "Unit Kerja", "Sub Unit", "Jabatan"]
    assert [_as_date(v) for v in header[5:10]] == list(DAYS)
    assert header[10:] == ["Hari WFO", "Hari WFH"]


def test_day_headers_are_excel_dates(xlsx: Path) -> None:
    """Tests that day header cells are real Excel dates, not text."""
    ws = openpyxl.load_workbook(xlsx)["Jadwal"]
    cells = [ws.cell(row=1, column=c) for c in range(6, 11)]
    assert all(c.is_date for c in cells)
    assert all(c.data_type == "d" or c.data_type == "n" for c in cells)


def test_nip_and_formula_like_text_stay_literal(xlsx: Path) -> None:
    """Tests that NIP and <r> markup are strings, and =/+/-/@ text is kept exactly, under the
    quote prefix."""
    ws = openpyxl.load_workbook(xlsx, data_only=False)["Jadwal"]
    by_nip = {ws.cell(row=r, column=1).value: r for r in range(2, ws.max_row + 1)}
    nip_cell = ws.cell(row=by_nip[NIP], column=1)
    assert nip_cell.value == NIP and nip_cell.data_type == "s"
    names = {ws.cell(row=r, column=2).value: ws.cell(row=r, column=2) for r in by_nip.values()}
    for text in (HYPERLINK, RICH):
        assert names[text].data_type == "s"
        assert names[text].value == text
    assert names[HYPERLINK].quotePrefix and not names[RICH].quotePrefix
    positions = {ws.cell(row=r, column=5).value: ws.cell(row=r, column=5)
                 for r in by_nip.values()}
    for text in ("+62 Pelaksana", "-Staf", "@Pengadministrasi"):
        assert positions[text].quotePrefix and positions[text].data_type == "s"
    rules = openpyxl.load_workbook(xlsx)["Aturan"]
    assert rules.cell(row=5, column=3).value == "=cmd|' /C calc'!A0"
    assert rules.cell(row=5, column=3).data_type == "s" and rules.cell(row=5, column=3).quotePrefix


def test_rows_sorted_by_unit_then_sub_unit_then_original_order(xlsx: Path) -> None:
    """Tests that roster rows are sorted by unit and sub unit, stably."""
    body = _rows(openpyxl.load_workbook(xlsx)["Jadwal"])[1:]
    expected = sorted(
        range(len(STAFF)), key=lambda i: (STAFF[i][0].casefold(), STAFF[i][1].casefold())
    )
    assert [row[1] for row in body] == [STAFF[i][2] for i in expected]


def test_wfo_wfh_cells_and_totals(xlsx: Path, result: Result) -> None:
    """Tests that day cells are WFO/WFH matching the roster and the totals add up."""
    body = _rows(openpyxl.load_workbook(xlsx)["Jadwal"])[1:]
    by_nip = {e.nip: i for i, e in enumerate(result.roster.employees)}
    for row in body:
        i = by_nip[str(row[0])]
        codes = row[5:10]
        assert codes == ["WFO" if x else "WFH" for x in result.roster.office[i]]
        assert row[10] == codes.count("WFO") and row[11] == codes.count("WFH")
    assert sum(int(row[10]) for row in body) == int(result.roster.office.sum())


def test_roster_layout_and_print_setup(xlsx: Path) -> None:
    """Tests freeze panes, autofilter, colouring rules, A4 landscape and unit page breaks."""
    ws = openpyxl.load_workbook(xlsx)["Jadwal"]
    assert ws.freeze_panes == "C2"
    assert ws.auto_filter.ref == "A1:L13"
    ranges = [str(cf.sqref) for cf in ws.conditional_formatting]
    assert ranges == ["F2:J13", "F2:J13"] or ranges == ["F2:J13"]
    assert sum(len(cf.rules) for cf in ws.conditional_formatting) == 2
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9
    # printed at 100 % (no shrink to one page width): NIP and name repeat on every page
    assert not (ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage)
    assert ws.print_title_rows == "$1:$1" and ws.print_title_cols == "$A:$B"
    assert ws.oddFooter.center.text == "Halaman &P dari &N"
    assert [b.id for b in ws.row_breaks.brk] == [5, 9]
    # text columns wrap (never spill into the next cell) and rows are high enough
    assert ws.cell(row=2, column=3).alignment.wrap_text
    assert all(ws.column_dimensions[c].width <= 23 for c in "CDE")


def test_rekap_unit_is_a_unit_by_day_grid(xlsx: Path, result: Result) -> None:
    """Tests Rekap Unit: a row per unit, its headcount, and in-office counts per day."""
    rows = _rows(openpyxl.load_workbook(xlsx)["Rekap Unit"])
    assert rows[0][:2] == ["Unit Kerja (di kantor per hari / jumlah pegawai)", "Jumlah pegawai"]
    assert [_as_date(v) for v in rows[0][2:]] == list(DAYS)
    by_unit = {r[0]: r for r in rows[1:]}
    assert set(by_unit) == {KES, BKD, KEC, "(seluruh organisasi)"}
    kes = [i for i, s in enumerate(STAFF) if s[0] == KES]
    office = result.roster.office
    assert by_unit[KES][1] == 4
    assert by_unit[KES][2:] == [int(office[kes, d].sum()) for d in range(len(DAYS))]
    ws = openpyxl.load_workbook(xlsx)["Rekap Unit"]
    kes_row = next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value == KES)
    bad = [d for d in range(len(DAYS)) if ws.cell(row=kes_row, column=3 + d).font.b]
    assert bad == [VIOLATED_DAY]  # the day a rule of the unit is not met stands out


def _rekap(xlsx: Path) -> list[list[Any]]:
    return _rows(openpyxl.load_workbook(xlsx)["Rincian Aturan"])


def test_rekap_unit_header_and_totals(xlsx: Path, result: Result) -> None:
    """Tests the Rincian Aturan header and that each unit-day starts with a correct total row."""
    rows = _rekap(xlsx)
    assert rows[0] == [
        "Unit Kerja", "Sub Unit", "Tanggal", "Aturan", "Jumlah pegawai", "Hadir (WFO)",
        "Persentase hadir", "Minimum", "Maksimum", "Target WFH", "Memenuhi",
    ]  # fmt: skip
    totals = [r for r in rows[1:] if r[3] == "Total unit" and r[0] == KES]
    assert [_as_date(r[2]) for r in totals] == list(DAYS)
    kes = [i for i, s in enumerate(STAFF) if s[0] == KES]
    office = result.roster.office
    assert [r[5] for r in totals] == [int(office[kes, d].sum()) for d in range(len(DAYS))]
    assert totals[0][4] == 4 and totals[0][6] == pytest.approx(totals[0][5] / 4)


def test_rekap_marks_violation_on_exactly_that_day(xlsx: Path) -> None:
    """Tests that Memenuhi is Tidak only for the violated rule on the violated day."""
    rows = _rekap(xlsx)[1:]
    failing = [(r[0], r[3], _as_date(r[2])) for r in rows if r[10] == "Tidak"]
    assert failing == [(KES, "min_hadir", DAYS[VIOLATED_DAY])]
    rule_rows = [r for r in rows if r[3] != "Total unit"]
    assert all(r[10] in ("Ya", "Tidak") for r in rule_rows)
    assert len(rule_rows) == 3 * len(DAYS)
    assert any(r[0] == "(seluruh organisasi)" and r[3] == "batas_org" for r in rule_rows)


def test_unit_summary_matches_naive_count() -> None:
    """Tests that the vectorised unit summary equals a plain loop on random data."""
    rng = np.random.default_rng(1)
    n, days = 200, 7
    units = [f"U{k}" for k in rng.integers(0, 5, n)]
    employees = tuple(
        Employee(f"{i:018d}", f"P{i}", u, "S", "X", Category.PELAKSANA) for i, u in enumerate(units)
    )
    office = rng.random((n, days)) < 0.5
    counts = tuple(
        RuleCount(
            f"r{k}", "k", f"U{k % 5}", "", tuple(sorted(rng.choice(n, rng.integers(0, 30), False))),
            minimum=int(rng.integers(0, 8)), maximum=int(rng.integers(5, 20)),
        )
        for k in range(40)
    )  # fmt: skip
    day_list = tuple(date(2024, 1, d) for d in range(1, days + 1))
    cal = Calendar(day_list[0], day_list[-1], day_list, (), "mon-fri")
    res = Result("s", "t", "src", cal, Roster(employees, day_list, office), Status.FEASIBLE, (),
                 counts, ())  # fmt: skip
    summary = unit_summary(res)
    for k, line in enumerate(summary.lines):
        if line.rule is None:
            members = [i for i, e in enumerate(employees) if e.unit == line.unit]
        else:
            rc = next(rc for rc in counts if rc.rule == line.rule)
            members = list(rc.members)
        for d in range(days):
            count = int(office[members, d].sum()) if members else 0
            assert summary.in_office[k, d] == count
            if line.rule is not None:
                assert line.minimum is not None and line.maximum is not None
                assert summary.met[k, d] == (line.minimum <= count <= line.maximum)


def test_summary_sheet_speaks_plain_words_and_technical_sheet_holds_the_solver(
        xlsx: Path, result: Result) -> None:
    """Tests that Ringkasan opens with the verdict and figures in words, and that levels,
    bounds and the scenario's code name sit on Teknis alone."""
    rows = _rows(openpyxl.load_workbook(xlsx)["Ringkasan"])
    assert rows[0] == ["Butir", "Nilai"]
    assert rows[1][0] == "Kesimpulan" and rows[1][1].startswith("Semua aturan terpenuhi")
    values = {str(k): v for k, v in rows[1:]}
    assert values["Periode"] == f"{DAYS[0]:%d/%m/%Y} – {result.calendar.end:%d/%m/%Y}"
    assert values["Hari kerja"] == "5 hari (Senin–Jumat)"
    assert values["Hari libur (tidak dijadwalkan)"] == "01/06/2024 Hari Lahir Pancasila"
    assert [v for k, v in rows if k == "Perlu diperiksa"] == ["Satu peringatan"]
    assert [v for k, v in rows if k == "Cara aturan ditafsirkan"] == ["Pilihan satu",
                                                                       "Pilihan dua"]
    shares = [v for k, v in rows if k == "Gambaran"]
    assert shares and shares[0].startswith("Rata-rata ")
    solver_words = ("objektif", "batas terbukti", "intent", "fairness", "vulnerable",
                    "Tingkat", "OPTIMAL")
    for key, value in rows[1:]:
        assert not any(w in f"{key} {value}" for w in solver_words), (key, value)
    technical = {str(k): v for k, v in _rows(openpyxl.load_workbook(xlsx)["Teknis"])[1:]}
    assert technical["Skenario"] == "uji"
    assert technical["Status solver"] == "OPTIMAL"
    assert technical["Tingkat 1: batas terbukti"] == 3
    assert technical["Dihentikan sebelum selesai"] == "Tidak"
    assert technical["Catatan"] == "@SUM(1)"


def test_reads_back_with_calamine(xlsx: Path, result: Result) -> None:
    """Tests that python-calamine (via pandas) reads every sheet with the right shape."""
    sheets = pd.read_excel(xlsx, sheet_name=None, engine="calamine", dtype=object)
    assert list(sheets) == ["Jadwal", "Rekap Unit", "Rincian Aturan", "Ringkasan",
                         "Telaah", "Aturan", "Teknis"]
    roster = sheets["Jadwal"]
    assert roster.shape == (12, 12)
    assert NIP in set(roster["NIP"]) and HYPERLINK in set(roster["Nama"])
    assert (sheets["Rincian Aturan"]["Memenuhi"] == "Tidak").sum() == 1
    assert len(sheets["Aturan"]) == len(result.applied_rules)


def test_english_labels(result: Result, tmp_path: Path) -> None:
    """Tests that lang="en" gives English sheet names, headers and values."""
    path = tmp_path / "roster.xlsx"
    write_xlsx(result, path, lang="en")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Roster", "Unit Summary", "Rule Detail", "Summary", "Review", "Rules",
                             "Technical"]
    header = _rows(wb["Roster"])[0]
    assert header[:5] == ["NIP", "Name", "Unit", "Sub unit", "Position"]
    assert header[10:] == ["WFO days", "WFH days"]
    rekap = _rows(wb["Rule Detail"])
    assert {r[10] for r in rekap[1:] if r[3] != "Unit total"} == {"Yes", "No"}
    assert any(r[0] == "(whole organisation)" for r in rekap)
    assert label("sheet_roster", "en") == "Roster"
    with pytest.raises(ValueError, match="language"):
        write_xlsx(result, path, lang="fr")


def test_failed_write_leaves_existing_file_untouched(
    result: Result, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests that an exception mid-write keeps the old workbook and leaves no temp file."""
    path = tmp_path / "jadwal.xlsx"
    path.write_bytes(b"old workbook")

    def boom(*args: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(excel, "_write_items", boom)
    with pytest.raises(RuntimeError, match="disk on fire"):
        write_xlsx(result, path)
    assert path.read_bytes() == b"old workbook"
    assert [p.name for p in tmp_path.iterdir()] == ["jadwal.xlsx"]


def test_atomic_output_replaces_only_on_success(tmp_path: Path) -> None:
    """Tests that atomic_output writes via a sibling temp file and replaces on success."""
    path = tmp_path / "out.csv"
    with atomic_output(path) as tmp:
        assert tmp.parent == tmp_path and tmp != path and tmp.exists()
        tmp.write_text("new")
    assert path.read_text() == "new"
    with pytest.raises(KeyError), atomic_output(path) as tmp:
        tmp.write_text("half")
        raise KeyError("stop")
    assert path.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_write_per_unit(result: Result, tmp_path: Path) -> None:
    """Tests one safe-named printable workbook per unit, each holding only that unit's staff."""
    paths = write_per_unit(result, tmp_path / "per_unit")
    assert [p.name for p in paths] == [
        "Badan Keuangan Daerah.xlsx",
        "Dinas Kesehatan.xlsx",
        "Kecamatan Ungaran_Barat.xlsx",
    ]
    kes = openpyxl.load_workbook(paths[1])
    assert kes.sheetnames == ["Jadwal", "Ringkasan"]
    cells = [c for row in _rows(kes["Jadwal"]) for c in row if isinstance(c, str)]
    assert cells[:2] == ["JADWAL KERJA PEGAWAI (WFO/WFH)", KES]
    assert cells.count(KES) == 1  # the unit named once, in the title
    rows = _rows(kes["Jadwal"])
    staff_rows = [r for r in rows if isinstance(r[0], int) and isinstance(r[1], str)]
    assert {r[1] for r in staff_rows} == {s[2] for s in STAFF if s[0] == KES}
    assert "Sen" in cells and "Bidang P2P" in cells  # day names, sub-unit groups
    assert "19650312 199003 1 005" in {r[2] for r in staff_rows}


def test_unique_stems_are_safe_and_distinct() -> None:
    """Tests file-name sanitising, the 100-char cap and collision de-duplication."""
    stems = unique_stems(["A/B", "A:B", "a?b", "..", "x" * 150, "Dinas PU-PR 2.0", "CON"])
    assert stems[:3] == ["A_B", "A_B_2", "a_b_3"]
    assert stems[3] == "unit"
    assert stems[4] == "x" * 100
    assert stems[5] == "Dinas PU-PR 2.0"
    assert stems[6] == "_CON"
    assert unique_stems(["x" * 150, "x" * 120]) == ["x" * 100, "x" * 98 + "_2"]


def test_csv_long_format(result: Result, tmp_path: Path) -> None:
    """Tests the ;-separated UTF-8-with-BOM CSV: one row per employee-day, NIP grouped as text."""
    path = tmp_path / "jadwal.csv"
    write_csv(result, path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbfnip;nama;unit;sub_unit;tanggal;status\r\n")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert rows[0] == ["nip", "nama", "unit", "sub_unit", "tanggal", "status"]
    assert len(rows) - 1 == len(STAFF) * len(DAYS)
    spaced = "19650312 199003 1 005"
    assert rows[1] == [spaced, "Siti Aminah", KES, "Sekretariat", "2024-06-03", "WFO"]
    assert rows[1 + VIOLATED_DAY] == [spaced, "Siti Aminah", KES, "Sekretariat", "2024-06-05",
                                      "WFH"]
    assert {r[5] for r in rows[1:]} == {"WFO", "WFH"}
    assert SHOWN_HYPERLINK in {r[1] for r in rows} and "'-Staf" not in {r[1] for r in rows}


def test_write_roster_dispatches_on_suffix(result: Result, tmp_path: Path) -> None:
    """Tests that write_roster picks xlsx or csv by suffix and rejects anything else."""
    write_roster(result, tmp_path / "a.XLSX")
    assert openpyxl.load_workbook(tmp_path / "a.XLSX").sheetnames[0] == "Jadwal"
    write_roster(result, tmp_path / "a.csv")
    assert (tmp_path / "a.csv").read_text(encoding="utf-8-sig").startswith("nip;nama;")
    with pytest.raises(ValueError, match=r"unsupported file type '\.ods'"):
        write_roster(result, tmp_path / "a.ods")


_SOFFICE = shutil.which("libreoffice") or shutil.which("soffice")


@pytest.mark.skipif(_SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_workbook(xlsx: Path, tmp_path: Path) -> None:
    """Tests that LibreOffice opens the workbook headless and converts every sheet to csv."""
    out = tmp_path / "lo"
    profile = (tmp_path / "lo-profile").as_uri()
    every_sheet = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    done = subprocess.run(
        [str(_SOFFICE), f"-env:UserInstallation={profile}", "--headless",
         "--convert-to", every_sheet, "--outdir", str(out), str(xlsx)],
        capture_output=True, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr

    def read(sheet: str) -> list[list[str]]:
        text = (out / f"jadwal-{sheet}.csv").read_text(encoding="utf-8")
        return list(csv.reader(text.splitlines()))

    roster = read("Jadwal")
    assert roster[0][:5] == ["NIP", "Nama", "Unit Kerja", "Sub Unit", "Jabatan"]
    assert len(roster) == 1 + len(STAFF) and len(roster[0]) == 12
    assert NIP in {r[0] for r in roster} and HYPERLINK in {r[1] for r in roster}
    assert {c for r in roster[1:] for c in r[5:10]} == {"WFO", "WFH"}
    rekap = read("Rincian Aturan")
    assert sum(r[10] == "Tidak" for r in rekap) == 1
    assert ["Catatan", "@SUM(1)"] in read("Teknis")
    assert "=cmd|' /C calc'!A0" in {r[2] for r in read("Aturan")}


# --------------------------------------------------------------------------- #
# The streaming OOXML writer: well-formed parts, determinism, text safety.
# --------------------------------------------------------------------------- #

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

# CT_Worksheet is a sequence: Excel asks to repair a sheet whose children are out of order.
_SHEET_ORDER = [
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "autoFilter",
    "conditionalFormatting", "pageMargins", "pageSetup", "headerFooter", "rowBreaks",
    "ignoredErrors",
]  # fmt: skip


@pytest.mark.skipif(_SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_csv_with_nip_as_text_and_dates(result: Result,
                                                              tmp_path: Path) -> None:
    """Tests the CSV as a spreadsheet opens it (`;`, UTF-8): the NIP keeps all 18 digits."""
    write_csv(result, tmp_path / "j.csv")
    profile = (tmp_path / "lo-profile").as_uri()
    done = subprocess.run(
        [str(_SOFFICE), f"-env:UserInstallation={profile}", "--headless",
         "--infilter=CSV:59,34,76,1", "--convert-to", "xlsx", "--outdir", str(tmp_path),
         str(tmp_path / "j.csv")],
        capture_output=True, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = list(openpyxl.load_workbook(tmp_path / "j.xlsx").active.iter_rows(values_only=True))
    assert rows[0] == ("nip", "nama", "unit", "sub_unit", "tanggal", "status")
    assert rows[1][0] == "19650312 199003 1 005" and rows[1][1] == "Siti Aminah"
    assert isinstance(rows[1][4], datetime) and rows[1][4].date() == DAYS[0]
    assert all(isinstance(r[0], str) and len(r[0].replace(" ", "")) == 18 for r in rows[1:])


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def test_every_part_is_well_formed_and_declared(xlsx: Path) -> None:
    """Tests that each zip part parses as XML and the content types name every part."""
    parts = _parts(xlsx)
    trees = {name: ElementTree.fromstring(data) for name, data in parts.items()}
    assert set(parts) == {
        "[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml",
        "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml",
        *(f"xl/worksheets/sheet{k}.xml" for k in range(1, 8)),
    }  # fmt: skip
    declared = {
        o.get("PartName") for o in trees["[Content_Types].xml"] if o.tag.endswith("Override")
    }
    assert declared == {f"/{name}" for name in parts if not name.endswith(".rels")} - {
        "/[Content_Types].xml"
    }
    for k in range(1, 6):
        children = [c.tag.removeprefix(_MAIN) for c in trees[f"xl/worksheets/sheet{k}.xml"]]
        assert children == sorted(children, key=_SHEET_ORDER.index), children
    sst = trees["xl/sharedStrings.xml"]
    assert int(sst.get("uniqueCount", -1)) == len(sst)
    sheet_xml = b"".join(parts[f"xl/worksheets/sheet{k}.xml"] for k in range(1, 8))
    assert int(sst.get("count", -1)) == sheet_xml.count(b' t="s"')
    assert b"<f>" not in sheet_xml  # no formulas anywhere


def test_same_result_gives_identical_bytes(result: Result, xlsx: Path, tmp_path: Path) -> None:
    """Tests determinism: fixed zip timestamps, no creation dates, same bytes every time."""
    again = tmp_path / "again.xlsx"
    write_xlsx(result, again)
    assert again.read_bytes() == xlsx.read_bytes()
    with zipfile.ZipFile(xlsx) as zf:
        assert {info.date_time for info in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert {info.compress_type for info in zf.infolist()} == {zipfile.ZIP_DEFLATED}
        assert zf.namelist()[0] == "[Content_Types].xml"
        assert b"dcterms:created" not in zf.read("docProps/core.xml")


def test_chunked_rows_give_the_same_bytes(
    result: Result, xlsx: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests that streaming the big sheets in small row chunks changes nothing."""
    monkeypatch.setattr(ooxml, "CHUNK_ROWS", 5)
    small = tmp_path / "small.xlsx"
    write_xlsx(result, small)
    assert small.read_bytes() == xlsx.read_bytes()


def test_reads_back_with_calamine_types(xlsx: Path) -> None:
    """Tests with python-calamine directly: sheet names, date headers, NIP and names as text."""
    wb = CalamineWorkbook.from_path(str(xlsx))
    assert wb.sheet_names == ["Jadwal", "Rekap Unit", "Rincian Aturan", "Ringkasan",
                         "Telaah", "Aturan", "Teknis"]
    rows = wb.get_sheet_by_name("Jadwal").to_python()
    assert rows[0][5:10] == list(DAYS)
    nips = [row[0] for row in rows[1:]]
    assert NIP in nips and all(isinstance(n, str) and len(n) == 18 for n in nips)
    names = {row[1] for row in rows[1:]}
    assert {HYPERLINK, RICH} <= names
    assert all(isinstance(v, int | float) for row in rows[1:] for v in row[10:])
    rekap = wb.get_sheet_by_name("Rincian Aturan").to_python()
    assert {row[2] for row in rekap[1:]} == set(DAYS)
    technical = dict(row[:2] for row in wb.get_sheet_by_name("Teknis").to_python()[1:])
    assert technical["Tingkat 1: batas terbukti"] == 3 and technical["Catatan"] == "@SUM(1)"


def test_formats_print_setup_and_properties(xlsx: Path) -> None:
    """Tests header, date, percent and number formats, print titles and document title."""
    wb = openpyxl.load_workbook(xlsx)
    ws = wb["Jadwal"]
    name_header, day_header = ws.cell(row=1, column=2), ws.cell(row=1, column=6)
    assert name_header.font.b and day_header.font.b
    assert name_header.fill.fgColor.rgb == "FFD9E1F2" and name_header.alignment.wrap_text
    assert day_header.number_format == "[$-421]ddd dd/mm"  # Indonesian day names: Sen 23/03
    assert ws.cell(row=2, column=1).number_format == "General"
    rekap = wb["Rincian Aturan"]
    assert rekap.cell(row=2, column=3).number_format == "dd/mm/yyyy"
    assert rekap.cell(row=2, column=7).number_format == "0.0%"
    assert rekap.freeze_panes == "B2" and rekap.auto_filter.ref == "A1:K36"
    assert [str(cf.sqref) for cf in rekap.conditional_formatting] == ["K2:K36"]
    summary = wb["Ringkasan"]
    assert summary.page_setup.orientation == "portrait" and summary.freeze_panes == "A2"
    values = {summary.cell(row=r, column=1).value: summary.cell(row=r, column=2)
              for r in range(2, summary.max_row + 1)}  # fmt: skip
    assert values["Jumlah pegawai"].number_format == "0.###"
    technical = wb["Teknis"]
    tech = {technical.cell(row=r, column=1).value: technical.cell(row=r, column=2)
            for r in range(2, technical.max_row + 1)}  # fmt: skip
    assert tech["Tingkat 1: batas terbukti"].number_format == "0.###"
    for sheet in wb.worksheets:
        assert sheet.print_title_rows == "$1:$1"
        assert int(sheet.page_setup.paperSize) == 9
        fits = sheet.sheet_properties.pageSetUpPr and sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.title in ("Jadwal", "Rekap Unit") or sheet.page_setup.fitToHeight == 0
        assert sheet.title not in ("Jadwal", "Rekap Unit") or not fits
    assert wb["Aturan"].auto_filter.ref == "A1:D5"
    assert ws.column_dimensions["A"].width == pytest.approx(20.7109375)  # len(NIP) + 2
    assert wb.properties.title == "Jadwal WFH/WFO: Skenario uji"
    assert wb.properties.subject == "uji" and wb.properties.description == "pegawai.xlsx"


AWKWARD = {
    "markup": "a & b <c> \"q\" 'z'",
    "controls": "x\x01y\x0bz\x00",
    "escape_like": "_x0041_ and _x005F_x0042_",
    "padded": "  pad  ",
    "line_breaks": "a\r\nb\tc\nd",
    "astral": "emoji \U0001f600 é ñ",
    "surrogate": "\ud800bad",
    "long": "n" * 40_000,
}
AWKWARD_READ = {
    **AWKWARD,  # controls kept, as Excel keeps them (_x0001_), and read back by calamine
    "surrogate": "bad",
    "long": "n" * 32_767,
}


def _awkward(result: Result) -> Result:
    employees = list(result.roster.employees)
    for k, text in enumerate(AWKWARD.values()):
        employees[k] = replace(employees[k], name=text)
    roster = Roster(tuple(employees), result.roster.days, result.roster.office)
    return replace(result, roster=roster, extra={"Catatan": AWKWARD["markup"]})


def test_awkward_text_is_escaped_cleaned_and_truncated(result: Result, tmp_path: Path) -> None:
    """Tests XML escaping, controls kept as _xHHHH_, lone surrogates removed, _xHHHH_ literals,
    CR and the 32,767 cap."""
    path = tmp_path / "awkward.xlsx"
    awkward = _awkward(result)
    write_xlsx(awkward, path)
    for data in _parts(path).values():
        ElementTree.fromstring(data)
    nips = [e.nip for e in awkward.roster.employees]
    by_nip = {nip: AWKWARD_READ[k] for k, nip in zip(AWKWARD, nips, strict=False)}
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Jadwal").to_python()[1:]
    read = {row[0]: row[1] for row in rows if row[0] in by_nip}
    assert read == by_nip
    ws = openpyxl.load_workbook(path)["Jadwal"]
    cells = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2) for r in range(2, 14)}
    for nip, text in by_nip.items():
        assert cells[nip].data_type == "s"
        if "_x005F" not in text and text != AWKWARD["controls"]:  # openpyxl decodes neither
            assert cells[nip].value == text


def test_empty_roster_and_memberless_rules(result: Result, tmp_path: Path) -> None:
    """Tests a workbook with no employees and a rule count without members."""
    roster = Roster((), DAYS, np.zeros((0, len(DAYS)), dtype=bool))
    empty = replace(
        result,
        roster=roster,
        rule_counts=(RuleCount("kosong", "min_office", "", "", (), minimum=0),),
    )
    path = tmp_path / "empty.xlsx"
    write_xlsx(empty, path)
    wb = openpyxl.load_workbook(path)
    assert _rows(wb["Jadwal"]) == [_rows(wb["Jadwal"])[0]] and wb["Jadwal"].auto_filter.ref
    rekap = _rows(wb["Rincian Aturan"])[1:]
    assert len(rekap) == 2 * len(DAYS)
    assert all(r[4] == 0 and r[5] == 0 and r[6] is None for r in rekap)  # no share of nobody
    assert {r[10] for r in rekap if r[3] == "kosong"} == {"Ya"}


def test_ooxml_helpers(tmp_path: Path) -> None:
    """Tests column letters, Excel date serials, stored widths, sheet-name quoting and limits."""
    assert [ooxml.column_letter(c) for c in (0, 25, 26, 27, 701, 702, 16383)] == [
        "A", "Z", "AA", "AB", "ZZ", "AAA", "XFD",
    ]  # fmt: skip
    assert ooxml.excel_serial(date(2024, 6, 3)) == 45446
    assert ooxml.excel_serial(date(1900, 3, 1)) == 61
    assert ooxml.excel_serial(date(1900, 2, 28)) == 59
    assert ooxml.excel_serial(datetime(2024, 6, 3, 12)) == 45446.5
    assert ooxml.excel_width(10.5) == 11.28515625 and ooxml.excel_width(20) == 20.7109375
    assert [ooxml.quote_sheet(n) for n in ("Jadwal", "Rekap Unit", "A1", "it's")] == [
        "Jadwal", "'Rekap Unit'", "'A1'", "'it''s'",
    ]  # fmt: skip
    with pytest.raises(ValueError, match="sheet name"):
        ooxml.check_sheet_name("a/b")
    book = ooxml.Workbook(tmp_path / "tiny.xlsx", ["S"])
    with pytest.raises(ValueError, match="rows"):
        next(book.rows(ooxml.MAX_ROWS, 1, []))
    book.write_sheet(ooxml.Sheet("S", last_row=0, last_col=0), [])
    book.close()
    assert openpyxl.load_workbook(tmp_path / "tiny.xlsx").sheetnames == ["S"]

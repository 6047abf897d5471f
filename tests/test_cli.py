"""Tests of the command line: exit codes, messages, outputs and the input left untouched."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from tests import workbooks


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "wfh_solver.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def staff_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return workbooks.clean(tmp_path_factory.mktemp("cli") / "pegawai.xlsx")


def test_scenarios_lists_the_five_circulars():
    """Tests that every bundled circular is listed with its period."""
    result = run("scenarios")
    assert result.returncode == 0
    for name in ("sragen-2020", "kebumen-2020", "jateng-2020", "pasuruan-2020", "paser-2020"):
        assert name in result.stdout


def test_solve_writes_the_roster_and_leaves_the_input_untouched(staff_file, tmp_path):
    """Tests exit 0, the written workbook, and the input's bytes unchanged."""
    before = staff_file.read_bytes()
    result = run("solve", staff_file, "-s", "jateng-2020", "-o", tmp_path / "j.xlsx", "-q")
    assert result.returncode == 0, result.stderr
    assert staff_file.read_bytes() == before
    book = openpyxl.load_workbook(tmp_path / "j.xlsx", read_only=True)
    assert book.sheetnames[:7] == ["Jadwal", "Rekap Unit", "Rincian Aturan", "Ringkasan",
                                  "Telaah", "Aturan", "Teknis"]


def _csv_days(path: Path) -> set[str]:
    return {line.split(";")[4] for line in path.read_text(encoding="utf-8-sig").splitlines()[1:]}


def test_csv_output_is_long_format(staff_file, tmp_path):
    """Tests the nip;nama;unit;sub_unit;tanggal;status CSV with one row per employee-day."""
    result = run("solve", staff_file, "-s", "kebumen-2020", "-o", tmp_path / "k.csv", "-q")
    assert result.returncode == 0, result.stderr
    lines = (tmp_path / "k.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "nip;nama;unit;sub_unit;tanggal;status"
    assert len(lines) == 1 + len(workbooks.ROWS) * 3  # Kebumen: Thu, Fri, Sat


def test_from_and_to_apply_the_rules_to_another_period(staff_file, tmp_path):
    """Tests that --from/--to give one column per working day of April 2020."""
    out = tmp_path / "april.csv"
    result = run("solve", staff_file, "-s", "jateng-2020", "--from", "2020-04-01",
                 "--to", "2020-04-30", "-o", out, "-q")
    assert result.returncode == 0, result.stderr
    days = _csv_days(out)
    assert len(days) == 21 and "2020-04-10" not in days  # Good Friday


def test_unknown_scenario_key_exits_2_naming_key_and_file(staff_file, tmp_path):
    """Tests that a typo in a scenario file is an error naming the key and the file."""
    bad = tmp_path / "bad.toml"
    text = Path("wfh_solver/scenarios/jateng-2020.toml").read_text()
    bad.write_text(text.replace('per = "unit"\nshare', 'per = "unit"\nshares = 1\nshare', 1))
    result = run("solve", staff_file, "-s", bad, "-o", tmp_path / "x.xlsx")
    assert result.returncode == 2
    assert "bad.toml" in result.stderr and "shares" in result.stderr


def test_bad_scenario_value_exits_2(staff_file, tmp_path):
    """Tests that a share above 1 is refused with the rule named."""
    bad = tmp_path / "bad.toml"
    text = Path("wfh_solver/scenarios/jateng-2020.toml").read_text()
    bad.write_text(text.replace("share = 0.30", "share = 3.0"))
    result = run("solve", staff_file, "-s", bad, "-o", tmp_path / "x.xlsx")
    assert result.returncode == 2 and "share" in result.stderr and "30%" in result.stderr


def test_wfh_share_target_under_another_intent_is_refused_when_the_scenario_loads(staff_file,
                                                                                 tmp_path):
    """Tests that a WFH target under `max_wfh` is refused (exit 2), not silently missed.

    By hand: sragen-2020 with `intent = "max_wfh"` keeps its rule "30% ASN bekerja dari
    rumah"; max_wfh would send everyone free home (far above 30%), so the target could
    only be missed. The message names the file, the rule and the intent to use.
    """
    bad = tmp_path / "sragen-max-wfh.toml"
    text = Path("wfh_solver/scenarios/sragen-2020.toml").read_text()
    bad.write_text(text.replace('intent = "wfh_target"', 'intent = "max_wfh"'))
    result = run("solve", staff_file, "-s", bad, "-o", tmp_path / "x.xlsx")
    assert result.returncode == 2, result.stderr
    assert "sragen-max-wfh.toml" in result.stderr
    assert "30% ASN bekerja dari rumah" in result.stderr and "wfh_target" in result.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_impossible_policy_exits_3_and_keeps_an_existing_output(staff_file, tmp_path):
    """Tests exit 3 with the rule and unit named, and no half-written output."""
    scenario = tmp_path / "cap.toml"
    scenario.write_text(Path("wfh_solver/scenarios/jateng-2020.toml").read_text()
                        + '\n[[rules]]\nname = "Maks 10%"\nkind = "max_office_share"\n'
                          'share = 0.10\n')
    out = tmp_path / "j.xlsx"
    out.write_bytes(b"previous roster")
    result = run("solve", staff_file, "-s", scenario, "-o", out, "--lang", "en",
                 "--overwrite")
    assert result.returncode == 3, result.stderr
    assert "Maks 10%" in result.stderr and "Dinas Kesehatan" in result.stderr
    assert out.read_bytes() == b"previous roster"


def test_validate_clean_file_exits_0_with_counts(staff_file):
    """Tests that validate reports employees per category and exits 0."""
    result = run("validate", staff_file, "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["summary"]["employees"] == len(workbooks.ROWS)
    assert report["summary"]["categories"]["jpt"] == 1


def test_validate_bad_file_exits_2_with_a_problem_table(tmp_path):
    """Tests that validate lists each problem with its row and column."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(workbooks.HEADER)
    sheet.append(workbooks.ROWS[0])
    sheet.append(["123", "Tanpa NIP Lengkap", "Dinas A", "", "Staf", "-", "", "PNS"])
    book.save(tmp_path / "bad.xlsx")
    result = run("validate", tmp_path / "bad.xlsx", "--format", "json", "--lang", "en")
    assert result.returncode == 2
    problems = json.loads(result.stdout)["problems"]
    assert problems[0]["row"] == 3 and problems[0]["column"].startswith("A")


def test_columns_map_reads_unusual_headers(tmp_path):
    """Tests that --columns maps a header no alias covers."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Nomor Pegawai", *workbooks.HEADER[1:]])
    for row in workbooks.ROWS:
        sheet.append(row)
    book.save(tmp_path / "odd.xlsx")
    mapping = tmp_path / "map.toml"
    mapping.write_text('"Nomor Pegawai" = "nip"\n')
    assert run("validate", tmp_path / "odd.xlsx").returncode == 2
    assert run("validate", tmp_path / "odd.xlsx", "--columns", mapping).returncode == 0


def test_formula_like_name_stays_text_in_the_output(tmp_path):
    """Tests that =HYPERLINK(...) in the input is the same text in the roster, a string cell
    under the quote prefix (never a formula, no apostrophe added)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(workbooks.HEADER)
    rows = [list(r) for r in workbooks.ROWS]
    rows[3][1] = '=HYPERLINK("http://x","y")'
    for row in rows:
        sheet.append(row)
    book.save(tmp_path / "f.xlsx")
    # openpyxl stores a leading "=" as a formula; calamine reads its cached value (none),
    # so write the name as a quoted string cell instead, as an export would.
    book = openpyxl.load_workbook(tmp_path / "f.xlsx")
    book.active.cell(row=5, column=2).data_type = "s"
    book.save(tmp_path / "f.xlsx")
    result = run("solve", tmp_path / "f.xlsx", "-s", "paser-2020", "-o", tmp_path / "o.xlsx")
    assert result.returncode == 0, result.stderr
    cells = [c for c in openpyxl.load_workbook(tmp_path / "o.xlsx")["Jadwal"]["B"]
             if c.value == '=HYPERLINK("http://x","y")']
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_a_period_without_working_days_exits_2(staff_file, tmp_path):
    """Tests that Nyepi alone as the period is refused clearly."""
    result = run("solve", staff_file, "-s", "sragen-2020", "--from", "2020-03-25",
                 "--to", "2020-03-25", "-o", tmp_path / "x.xlsx", "--lang", "en")
    assert result.returncode == 2 and "no working days" in result.stderr


@pytest.mark.parametrize("week", ["mon-sat", "senin-sabtu", "Senin–Sabtu", "6 hari"])
def test_workweek_option_adds_saturdays(staff_file, tmp_path, week):
    """Tests that --workweek mon-sat, or as HR says it, gives the Jateng period its
    Saturdays."""
    out = tmp_path / "sat.csv"
    result = run("solve", staff_file, "-s", "jateng-2020", "--workweek", week, "-o", out,
                 "-q")
    assert result.returncode == 0, result.stderr
    days = _csv_days(out)
    assert {"2020-03-21", "2020-03-28"} <= days and len(days) == 11


def test_an_unknown_workweek_is_refused_in_indonesian(staff_file, tmp_path):
    """Tests one line naming the value and the Indonesian choices, exit 2, nothing written."""
    out = tmp_path / "x.xlsx"
    result = run("solve", staff_file, "-s", "jateng-2020", "--workweek", "selasa-kamis",
                 "-o", out, "-q")
    assert result.returncode == 2 and not out.exists()
    assert result.stderr.strip() == ("error: --workweek 'selasa-kamis' tidak dikenal; "
                                     "gunakan senin-jumat atau senin-sabtu")


def test_leave_days_are_written_as_cuti_and_dl(tmp_path):
    """Tests that Cuti/Dinas Luar days appear as CUTI/DL cells with their own total."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([*workbooks.HEADER, "Cuti", "Dinas Luar"])
    for k, row in enumerate(workbooks.ROWS):
        sheet.append([*row, "19/03/2020" if k == 3 else "", "20/03/2020" if k == 0 else ""])
    book.save(tmp_path / "cuti.xlsx")
    out = tmp_path / "j.xlsx"
    result = run("solve", tmp_path / "cuti.xlsx", "-s", "jateng-2020", "-o", out, "-q")
    assert result.returncode == 0, result.stderr
    rows = list(openpyxl.load_workbook(out)["Jadwal"].iter_rows(values_only=True))
    header, body = rows[0], {r[0]: r for r in rows[1:]}
    assert header[-1] == "Hari Cuti/DL"
    dates = [c.date() if hasattr(c, "date") else c for c in header]
    budi, dewi = body[workbooks.ROWS[0][0]], body[workbooks.ROWS[3][0]]
    assert budi[dates.index(date(2020, 3, 20))] == "DL" and budi[-1] == 1
    assert dewi[dates.index(date(2020, 3, 19))] == "CUTI" and dewi[-1] == 1
    assert budi[-3] + budi[-2] + budi[-1] == len([d for d in dates if isinstance(d, date)])


def test_validate_on_the_shipped_sample_exits_0_with_counts_per_category():
    """Tests the shipped 9,000-employee sample: clean, with every category counted."""
    sample = Path(__file__).resolve().parents[1] / "data" / "pegawai.xlsx"
    result = run("validate", sample, "--format", "json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)["summary"]
    assert summary["employees"] == 9000
    assert set(summary["categories"]) == {"jpt", "administrator", "pengawas", "pelaksana",
                                          "fungsional"}
    assert sum(summary["categories"].values()) == 9000


def test_validate_says_a_blank_status_reads_as_pns(tmp_path):
    """Tests that a blank Status is an ASN (PNS) and that validate's summary says so.

    By hand: 3 rows with Status PNS, blank and Honorer → statuses {honorer: 1, pns: 2}.
    """
    source = tmp_path / "status.csv"
    source.write_text("NIP;Nama;Unit Kerja;Jabatan;Status\n"
                      "197001011995011001;A;Dinas Kesehatan;Pengadministrasi Umum;PNS\n"
                      "197001011995011002;B;Dinas Kesehatan;Pengadministrasi Umum;\n"
                      "197001011995011003;C;Dinas Kesehatan;Pengadministrasi Umum;Honorer\n",
                      encoding="utf-8")
    result = run("validate", source, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["statuses"] == {"honorer": 1, "pns": 2}
    text = run("validate", source, "--lang", "en")
    assert "a blank Status reads as PNS" in text.stdout

"""Tests that cells HR has already decided (`solve --pin`) are kept, or named when impossible."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import numpy as np
import openpyxl
from python_calamine import CalamineWorkbook

from tests import checker
from tests.workbooks import pin_workbook


def run(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "wfh_solver.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=300)


def jadwal(path: Path) -> tuple[list[object], dict[str, list[object]]]:
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Jadwal").to_python()
    return rows[0], {str(r[0]): list(r) for r in rows[1:]}


def write_pins(path: Path, header: list[object], cells: dict[str, dict[int, str]]) -> Path:
    """Our own layout: NIP, Nama, then the period's date columns, only pinned cells filled."""
    days = [h for h in header if isinstance(h, date)]
    return pin_workbook(path, days, {nip: {days[k]: code for k, code in pinned.items()}
                                     for nip, pinned in cells.items()})


def test_a_few_hundred_pins_are_kept_cell_for_cell(tmp_path: Path) -> None:
    """Tests that 300 pinned cells (half of them the opposite of the unpinned roster's) come
    back unchanged, and the roster still passes the independent checker."""
    source = tmp_path / "pegawai.xlsx"
    assert run("sample", "--size", 300, "--seed", 4, "-o", source).returncode == 0
    first = run("solve", source, "-s", "pasuruan-2020", "-o", tmp_path / "j1.xlsx", "--quiet")
    assert first.returncode == 0, first.stderr
    header, rows = jadwal(tmp_path / "j1.xlsx")
    day_cols = [k for k, h in enumerate(header) if isinstance(h, date)]
    rng = np.random.default_rng(0)
    cells: dict[str, dict[int, str]] = {}
    flipped = 0
    for nip in sorted(rows):
        for k, col in enumerate(day_cols):
            value = rows[nip][col]
            if value in ("WFO", "WFH") and rng.random() < 0.12 and sum(
                    len(c) for c in cells.values()) < 300:
                # staff the roster sends home may be pinned in: flipping WFH→WFO never
                # breaks a minimum, and max_wfh only pays for it
                if value == "WFH" and flipped < 150:
                    value, flipped = "WFO", flipped + 1
                cells.setdefault(nip, {})[k] = value
    assert sum(len(c) for c in cells.values()) == 300 and flipped == 150
    pins = write_pins(tmp_path / "pins.xlsx", header, cells)
    second = run("solve", source, "-s", "pasuruan-2020", "--pin", pins,
                 "-o", tmp_path / "j2.xlsx", "--quiet")
    assert second.returncode == 0, second.stderr
    _, after = jadwal(tmp_path / "j2.xlsx")
    for nip, pinned in cells.items():
        for k, value in pinned.items():
            assert after[nip][day_cols[k]] == value, (nip, header[day_cols[k]])
    scenario = Path(__file__).parents[1] / "wfh_solver" / "scenarios" / "pasuruan-2020.toml"
    report = checker.check(tmp_path / "j2.xlsx", source, scenario)
    assert not [v for v in report.violations if not v.startswith(
        ("[optimality]", "[fairness]", "[fairness_level]"))], report.summary()


def test_a_pin_that_breaks_a_rule_exits_3_naming_person_day_and_rule(tmp_path: Path) -> None:
    """Tests exit 3 for a head the circular keeps in office, pinned WFH on Tuesday, with
    and without --relax, explained like any conflict (unit, day, person, rule, Konflik).

    By hand: 'Kepala tetap masuk' pins the Kepala in office every day; the pin file says
    WFH on 24/03/2020, so the message names the Kepala, that day and the rule.
    """
    people = [checker.person(1, "Dinas A", "", "Kepala Dinas", eselon="II.a",
                             kind="Struktural", name="Budi Kepala"),
              checker.person(2, "Dinas A", "", "Pengadministrasi Umum")]
    source = checker.write_input(tmp_path / "pegawai.xlsx", people)
    rules = [{"name": "Kepala tetap masuk", "kind": "always_in_office",
              "who": {"eselon": ["II"]}}]
    scenario = checker.write_scenario(tmp_path / "s.toml", rules)
    header: list[object] = ["NIP", "Nama", date(2020, 3, 23), date(2020, 3, 24)]
    pins = write_pins(tmp_path / "pins.xlsx", header,
                      {str(people[0]["NIP"]): {1: "WFH"}})
    relaxed = run("solve", source, "-s", scenario, "--pin", pins, "-o", tmp_path / "j.xlsx",
                  "--lang", "en", "--relax")  # a pin against a person's own rule never gives
    assert relaxed.returncode == 3 and "Kepala tetap masuk" in relaxed.stderr, relaxed.stderr
    assert not (tmp_path / "j.xlsx").exists()
    out = run("solve", source, "-s", scenario, "--pin", pins, "-o", tmp_path / "j.xlsx",
              "--lang", "en")
    assert out.returncode == 3, out.stderr
    assert "Dinas A (24/03)" in out.stderr and "Budi Kepala" in out.stderr
    assert "Kepala tetap masuk" in out.stderr
    assert not (tmp_path / "j.xlsx").exists()
    sheet = openpyxl.load_workbook(tmp_path / "j-konflik.xlsx")["Konflik"]
    [row, hint] = sheet.iter_rows(min_row=2, values_only=True)
    assert (row[0], row[2]) == ("Dinas A", "24/03/2020")
    assert "release Budi Kepala" in str(row[7]) and "--relax" in str(hint[6])


def test_pins_in_the_long_csv_layout_are_kept_and_bad_rows_named(tmp_path: Path) -> None:
    """Tests `--pin` with the long layout `solve` writes as CSV (a row per person and
    day): 200 of the roster's own rows as pins, then the same rows written in the order
    and spelling HR might use (comma, `Tanggal` as 2/7/2020), all kept; a person given two
    different entries for one day, and a date that is not one, exit 2 naming the row
    and column as a spreadsheet shows them."""
    source = tmp_path / "pegawai.xlsx"
    assert run("sample", "--size", 300, "--seed", 4, "-o", source).returncode == 0
    first = run("solve", source, "-s", "jateng-2020", "--from", "2020-07-01", "--to",
                "2020-07-10", "-o", tmp_path / "j1.csv", "--quiet")
    assert first.returncode == 0, first.stderr
    lines = (tmp_path / "j1.csv").read_text(encoding="utf-8-sig").splitlines()
    header, body = lines[0], lines[1:]
    assert header.split(";")[-2:] == ["tanggal", "status"]
    picked = [body[k] for k in np.random.default_rng(1).choice(len(body), 200, replace=False)]
    for name, text in [
        ("ours.csv", "\n".join([header, *picked]) + "\n"),
        ("hr.csv", "NIP,Tanggal,Status\n" + "".join(
            f"{row.split(';')[0].replace(' ', '')},"
            f"{date.fromisoformat(row.split(';')[-2]):%-d/%-m/%Y},{row.split(';')[-1]}\n"
            for row in reversed(picked))),
    ]:
        (tmp_path / name).write_text(text, encoding="utf-8")
        second = run("solve", source, "-s", "jateng-2020", "--from", "2020-07-01", "--to",
                     "2020-07-10", "--pin", tmp_path / name, "-o", tmp_path / "j2.xlsx",
                     "--quiet")
        assert second.returncode == 0, second.stderr
        top, after = jadwal(tmp_path / "j2.xlsx")
        column = {h: k for k, h in enumerate(top) if isinstance(h, date)}
        for row in picked:
            nip, *_, day, status = row.split(";")
            assert after[nip.replace(" ", "")][column[date.fromisoformat(day)]] == status

    nip = picked[0].split(";")[0].replace(" ", "")
    (tmp_path / "twice.csv").write_text(
        f"NIP,Tanggal,Status\n{nip},02/07/2020,WFO\n{nip},2020-07-02,WFH\n")
    twice = run("solve", source, "-s", "jateng-2020", "--from", "2020-07-01", "--to",
                "2020-07-10", "--pin", tmp_path / "twice.csv", "-o", tmp_path / "j3.xlsx",
                "--lang", "en")
    assert twice.returncode == 2 and "row 3, column C" in twice.stderr, twice.stderr
    assert "two different entries" in twice.stderr and "Traceback" not in twice.stderr
    (tmp_path / "bad.csv").write_text(f"NIP,Tanggal,Status\n{nip},besok,WFO\n")
    bad = run("solve", source, "-s", "jateng-2020", "--pin", tmp_path / "bad.csv",
              "-o", tmp_path / "j3.xlsx", "--lang", "en")
    assert bad.returncode == 2 and "row 2, column B" in bad.stderr, bad.stderr
    assert "'besok'" in bad.stderr and not (tmp_path / "j3.xlsx").exists()

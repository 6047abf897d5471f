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
    [row] = sheet.iter_rows(min_row=2, values_only=True)
    assert (row[0], row[2]) == ("Dinas A", "24/03/2020")

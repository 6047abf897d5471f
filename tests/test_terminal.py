"""Tests that nothing from a file reaches the terminal raw: controls, escape sequences, bidi
overrides and rich markup in a NIP, name, unit, scenario or file name are printed escaped by
every command, through the installed console script (`wfh_solver/cli/terminal.py`)."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests import workbooks
from wfh_solver.cli.terminal import json_visible, visible

CLI = Path(sys.executable).with_name("wfh-solver")
SCENARIO = Path("wfh_solver/scenarios/kebumen-2020.toml").resolve()
OSC = "\x1b]0;PWNED\x07"  # retitles the window
CSI = "\x1b[2J\x1b[31m"  # clears the screen, turns the text red
C1 = "\x9b31m\x9d0;x\x9c"  # the same as single C1 bytes
HOSTILE = OSC + CSI + C1 + "\x7f\u202eexe.gnp\u2066\x08"  # readers strip CR as space
MARKUP = "[bold]tebal[/bold] :smile:"
# Anything a terminal obeys: C0 but the line break, DEL, C1, bidi controls, separators.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                 "\u2066-\u2069]")
DAYS = ("26/03/2020", "27/03/2020", "28/03/2020")


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANG": "C.UTF-8", "COLUMNS": "400"}
    return subprocess.run([str(CLI), *map(str, args)], capture_output=True, text=True,
                          timeout=300, cwd=cwd, env=env, errors="surrogateescape")


def assert_shown_escaped(done: subprocess.CompletedProcess[str]) -> str:
    """Nothing raw on either stream, and the hostile text is there, escaped."""
    text = done.stdout + done.stderr
    assert not RAW.search(text), repr(RAW.findall(text)[:5])
    assert visible(OSC + CSI) in text, text
    return text


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A staff list with a hostile NIP, name and unit; a hostile pin file, roster, scenario."""
    here = tmp_path_factory.mktemp("terminal")
    write_csv(here / "p.csv", [workbooks.HEADER, *workbooks.ROWS,
                               ["X" + HOSTILE + "1", "Rina " + HOSTILE + MARKUP,
                                "Dinas Kesehatan", "", "Staf", "-", "", "PTT"],
                               ["Y2", "Budi", "Dinas " + HOSTILE + "Jahat", "", "Staf", "-", "",
                                "Honorer"]])
    stranger = ["Z" + HOSTILE + "9", "Orang " + MARKUP + HOSTILE, "Dinas Kesehatan"]
    write_csv(here / "pin.csv", [["NIP", "Nama", "Unit Kerja", *DAYS], [*stranger, "WFO", "", ""]])
    write_csv(here / "roster.csv", [["NIP", "Nama", "Unit Kerja", *DAYS],
                                    *[[r[0], r[1], r[2], "WFO", "WFO", "WFO"]
                                      for r in workbooks.ROWS],
                                    [*stranger, "WFO", "WF0" + CSI, "WFH"]])
    text = SCENARIO.read_text(encoding="utf-8")
    text = text.replace('name = "kebumen-2020"', f'name = {json.dumps("keb" + OSC + MARKUP)}', 1)
    text = text.replace('title = "Kabupaten', f'title = {json.dumps(HOSTILE + MARKUP)[:-1]}', 1)
    (here / "hostile.toml").write_text(text, encoding="utf-8")
    return here


def test_visible_escapes_every_control_and_keeps_the_rest():
    """Tests the one escaping function: controls as \\xHH or \\uHHHH, text and markup kept."""
    assert visible("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert visible("\x9b\x7f\t\n\r") == "\\x9b\\x7f\\x09\\x0a\\x0d"
    assert visible("\u202eabc\u2066\u200f\u2028") == "\\u202eabc\\u2066\\u200f\\u2028"
    assert visible("Ñoman Sri Rahayu, M.Si. [bold] :smile: 北京") == (
        "Ñoman Sri Rahayu, M.Si. [bold] :smile: 北京")
    assert visible("\udcff") == "\\udcff"  # a file name that is not UTF-8
    assert json.loads(json_visible(json.dumps({"k": HOSTILE}, ensure_ascii=False, indent=2))) == {
        "k": HOSTILE}


def test_validate_table_and_json_show_hostile_values_escaped(folder):
    """Tests validate's report (table and JSON): escaped, markup literal, JSON still exact."""
    done = run("validate", "p.csv", "-s", "kebumen-2020", cwd=folder)
    assert done.returncode == 0, done.stderr
    assert_shown_escaped(done)
    done = run("validate", "p.csv", "--format", "json", cwd=folder)
    assert not RAW.search(done.stdout.replace("\n", ""))
    units = json.loads(done.stdout)["summary"]["units"]  # the reader's own text, exactly
    # the reader drops direction marks (read/text.py) and keeps every other character
    assert any(unit.startswith("Dinas " + OSC + CSI + C1 + "\x7f") for unit in units)


def test_pin_file_with_an_unknown_hostile_nip_is_one_escaped_line(folder, tmp_path):
    """Tests the unknown-NIP warning of --pin (its cells are left out, the roster written):
    the NIP shown escaped, nothing raw."""
    done = run("solve", "p.csv", "-s", "kebumen-2020", "--pin", "pin.csv", "-o",
               tmp_path / "j.xlsx", "-q", cwd=folder)
    assert done.returncode == 0, done.stderr
    text = assert_shown_escaped(done)
    assert "Z" + visible(HOSTILE) + "9" in text


def test_check_lines_show_hostile_nip_name_and_cell_escaped(folder):
    """Tests check's violation lines: NIP, name and a mistyped cell escaped, markup literal."""
    done = run("check", "roster.csv", "-i", "p.csv", "-s", "kebumen-2020", "--limit", "0",
               cwd=folder)
    assert done.returncode == 4, done.stderr
    text = assert_shown_escaped(done)
    assert "Orang " + MARKUP + visible(HOSTILE) in text  # [bold] and :smile: printed as typed
    # the staff list's name as the reader keeps it: direction marks dropped (read/text.py)
    read = HOSTILE.replace("\u202e", "").replace("\u2066", "")
    assert "Rina " + visible(read) + MARKUP in text


def test_solve_summary_shows_a_hostile_scenario_title_escaped(folder, tmp_path):
    """Tests solve's summary line (the scenario's title from a TOML file)."""
    done = run("solve", "p.csv", "-s", "hostile.toml", "-o", tmp_path / "j.xlsx", cwd=folder)
    assert done.returncode == 0, done.stderr
    text = assert_shown_escaped(done)
    assert MARKUP in text


def test_compare_table_shows_a_hostile_scenario_name_escaped(folder, tmp_path):
    """Tests compare's table (a case labelled by a hostile scenario name)."""
    done = run("compare", "p.csv", "-s", "hostile.toml", "-s", "kebumen-2020", "--workers", "1",
               "-o", tmp_path / "c.xlsx", cwd=folder)
    assert done.returncode == 0, done.stderr
    text = done.stdout + done.stderr
    assert not RAW.search(text), text
    assert "keb" + visible(OSC) in text


def test_batch_failure_lines_show_a_hostile_file_name_escaped(folder, tmp_path):
    """Tests batch's error lines: a staff list whose file name and content are hostile."""
    lists = tmp_path / "lists"
    lists.mkdir()
    write_csv(lists / ("r" + OSC + CSI + ".csv"), [["x", "y"], ["1", "2"]])
    done = run("batch", lists, "-s", "kebumen-2020", "--workers", "1", "-o",
               tmp_path / "s.xlsx", cwd=folder)
    assert done.returncode == 6, done.stderr
    assert_shown_escaped(done)


def test_error_lines_show_a_hostile_file_name_and_value_escaped(folder, tmp_path):
    """Tests the `error:` lines of a refused staff list (hostile file name and Eselon value)."""
    rows = [list(r) for r in workbooks.ROWS]
    rows[0][5] = "II" + HOSTILE
    bad = write_csv(tmp_path / ("bad" + OSC + CSI + ".csv"), [workbooks.HEADER, *rows])
    done = run("solve", bad, "-s", "kebumen-2020", "-o", tmp_path / "j.xlsx", cwd=folder)
    assert done.returncode == 2, done.stderr
    assert_shown_escaped(done)
    assert "Traceback" not in done.stderr


def test_library_log_records_and_warnings_are_shown_escaped():
    """Tests that a library's log record or warning (fpdf2 names the glyphs a font lacks)
    goes through the same escaping console as our own lines."""
    import io
    import logging
    import warnings

    from wfh_solver.cli.terminal import Terminal, route_library_chatter

    buffer = io.StringIO()
    last, shown, hook = logging.lastResort, warnings.showwarning, sys.unraisablehook
    try:
        route_library_chatter(Terminal(file=buffer, soft_wrap=True))
        library = logging.getLogger("tests.fpdf.output")
        library.propagate = False  # no handler anywhere (pytest's own is on the root)
        library.warning("missing glyphs: '%s'", OSC)
        warnings.warn("name " + CSI, UserWarning, stacklevel=1)
    finally:
        logging.lastResort, warnings.showwarning, sys.unraisablehook = last, shown, hook
    text = buffer.getvalue()
    assert not RAW.search(text)
    assert "missing glyphs: '" + visible(OSC) + "'" in text
    assert "UserWarning: name " + visible(CSI) in text


def test_a_roster_of_hostile_names_reads_back_as_the_same_staff(folder, tmp_path):
    """Tests that controls in a NIP survive the workbook (Excel's `_x001B_`): `check` of the
    tool's own roster is clean, and the roster pins itself (the NIPs match the staff list)."""
    roster = tmp_path / "j.xlsx"
    done = run("solve", "p.csv", "-s", "kebumen-2020", "-o", roster, "-q", cwd=folder)
    assert done.returncode == 0, done.stderr
    done = run("check", roster, "-i", "p.csv", "-s", "kebumen-2020", cwd=folder)
    assert done.returncode == 0, done.stdout + done.stderr
    assert not RAW.search(done.stdout + done.stderr)
    done = run("solve", "p.csv", "-s", "kebumen-2020", "--pin", roster, "-o",
               tmp_path / "again.xlsx", "-q", cwd=folder)
    assert done.returncode == 0, done.stderr

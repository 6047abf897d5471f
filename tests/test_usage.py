"""Tests of the command line's usage behaviour through the installed console script.

A person who mistypes gets one line, exit 2, and the right `--help` hint; never a traceback or
"internal error". Run as a subprocess of `.venv/bin/wfh-solver`, the script pip installed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from tests import workbooks
from wfh_solver.base.messages import CATALOGUE
from wfh_solver.cli.app import app

SCRIPT = Path(sys.executable).with_name("wfh-solver")


def script(*args: str | Path, lang: str = "C.UTF-8",
           columns: int = 80) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANG": lang, "LC_ALL": "", "LC_MESSAGES": "",
           "COLUMNS": str(columns)}
    return subprocess.run([str(SCRIPT), *map(str, args)], capture_output=True, text=True,
                          timeout=120, env=env)


@pytest.fixture(scope="module")
def staff(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return workbooks.clean(tmp_path_factory.mktemp("usage") / "pegawai.xlsx")


MISTAKES = [
    ((), "perintah belum diberikan", "`wfh-solver --help`"),
    (("solve",), "INPUT wajib diisi", "`wfh-solver solve --help`"),
    (("solve", "{staff}"), "--scenario (-s) wajib diisi", "`wfh-solver solve --help`"),
    (("solve", "{staff}", "-s", "jateng-2020", "--output", "x.xlsx"),
     "opsi --output tidak dikenal; maksud Anda --out?", "`wfh-solver solve --help`"),
    (("solv", "{staff}"), "tidak ada perintah 'solv'; maksud Anda solve?", "`wfh-solver --help`"),
    (("solve", "{staff}", "-s", "jateng-2020", "--quite"), "opsi --quite tidak dikenal",
     "`wfh-solver solve --help`"),
    (("--verbose",), "opsi --verbose tidak dikenal", "`wfh-solver --help`"),
    (("solve", "{staff}", "-s"), "opsi -s memerlukan nilai", "`wfh-solver solve --help`"),
    (("sample", "--size", "banyak"), "nilai --size tidak sah: harus bilangan bulat 1 s.d.",
     "`wfh-solver sample --help`"),
    (("solve", "{staff}", "extra", "-s", "jateng-2020"), "argumen berlebih: extra",
     "`wfh-solver solve --help`"),
]


@pytest.mark.parametrize(("args", "says", "hint"), MISTAKES,
                         ids=[" ".join(m[0]) or "no-arguments" for m in MISTAKES])
def test_usage_mistake_exits_2_with_one_indonesian_line(staff, tmp_path, args, says, hint):
    """Tests exit 2, a single stderr line naming the mistake, and the right help hint."""
    result = script(*(a.format(staff=staff) for a in args))
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and says in lines[0] and hint in lines[0]
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert result.stdout == ""


PERIOD_MISTAKES = [
    (("--from", "2020-05-01"), "periode tidak sah: awal 01/05/2020 sesudah akhir 31/03/2020 "
                               "(akhir skenario jateng-2020; berikan juga --to)"),
    (("--to", "01/01/2020"), "periode tidak sah: akhir 01/01/2020 sebelum awal 18/03/2020"),
    (("--from", "10/04/2020", "--to", "2020-04-01"),
     "periode tidak sah: awal 10/04/2020 sesudah akhir 01/04/2020"),
    (("--from", "31/31/2020"), "--from '31/31/2020' bukan tanggal (tulis 01/04/2020 atau "
                               "2020-04-01)"),
]


@pytest.mark.parametrize(("period", "says"), PERIOD_MISTAKES)
def test_a_wrong_period_is_one_sentence_without_a_pydantic_dump(staff, tmp_path, period, says):
    """Tests that a reversed or unreadable period is one line, before the file is solved."""
    result = script("solve", staff, "-s", "jateng-2020", *period, "-o", tmp_path / "x.xlsx")
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and says in lines[0]
    assert "pydantic" not in result.stderr and not (tmp_path / "x.xlsx").exists()


@pytest.mark.parametrize("typed", ["Jateng-2020", "jateng2020", "JATENG-2020", "kebumen2020"])
def test_a_misspelled_scenario_gets_did_you_mean(staff, tmp_path, typed):
    """Tests that a near-miss or differently-cased scenario name suggests the bundled one."""
    result = script("solve", staff, "-s", typed, "-o", tmp_path / "x.xlsx")
    guess = "kebumen-2020" if typed.startswith("keb") else "jateng-2020"
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"error: skenario {typed!r} tidak ditemukan; maksud Anda {guess}?"]


def test_day_month_year_dates_are_accepted(staff, tmp_path):
    """Tests that --from/--to in dd/mm/yyyy give the same April as ISO dates."""
    out = tmp_path / "april.csv"
    result = script("solve", staff, "-s", "jateng-2020", "--from", "01/04/2020", "--to",
                    "30/04/2020", "-o", out, "-q")
    assert result.returncode == 0, result.stderr
    assert "2020-04-30" in out.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help_is_indonesian_and_exits_0(flag):
    """Tests -h and --help on the program and on solve: Indonesian, with --quiet explained."""
    top = script(flag, columns=200)
    assert top.returncode == 0 and "Susun jadwal" in top.stdout and "Perintah" in top.stdout
    solve = script("solve", flag, columns=200)
    assert solve.returncode == 0
    assert "Tanpa tampilan kemajuan" in solve.stdout and "Tampilkan bantuan" in solve.stdout


@pytest.mark.parametrize("how", ["locale", "option"])
def test_help_is_english_with_an_english_locale_or_lang_en(how):
    """Tests that LANG=en_US.UTF-8 or --lang en gives English help and usage lines."""
    if how == "locale":
        help_, mistake = script("solve", "--help", lang="en_US.UTF-8", columns=200), \
            script("solve", "--outt", "x", lang="en_US.UTF-8")
    else:
        help_, mistake = script("solve", "--help", "--lang", "en", columns=200), \
            script("solve", "--lang", "en", "--outt", "x")
    assert "Solve a roster" in help_.stdout and "No progress display" in help_.stdout
    assert mistake.returncode == 2
    assert mistake.stderr.startswith("error: unknown option --outt; did you mean --out?")


def test_version_prints_the_installed_version():
    """Tests that --version exits 0 with the package's version."""
    from importlib.metadata import version

    result = script("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"wfh-solver {version('wfh-solver')}"


def test_every_command_and_option_has_help_in_both_languages():
    """Tests the catalogue: a help text for each command and parameter, Indonesian and English.

    A new option needs `help.<command>.<parameter>` in both `_HELP_ID` and `_HELP_EN`
    (wfh_solver/base/messages.py).
    """
    group = typer.main.get_command(app)
    missing = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        keys = [f"help.{name}"] + [f"help.{name}.{p.name}" for p in command.params]
        missing += [f"{lang}:{key}" for key in keys for lang in ("id", "en")
                    if key not in CATALOGUE[lang]]
    assert missing == [], ("add these help texts to _HELP_ID (id) and _HELP_EN (en) in "
                           f"wfh_solver/base/messages.py: {missing}")


def test_scenarios_shows_whole_names_and_the_circular_as_source():
    """Tests whole names and the circular's number at 80 columns, and no file paths."""
    result = script("scenarios")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    for name, circular in (("se67-2020-risiko-rendah", "SE MenPAN-RB 67/2020"),
                           ("pasuruan-2020", "SE Bupati Pasuruan 800/431/424.103/2020"),
                           ("jateng-2020", "SE Gubernur Jawa Tengah 965/932")):
        assert any(line.split()[0] == name and circular in line for line in lines), name
    assert "shared/" not in result.stdout and ".txt" not in result.stdout

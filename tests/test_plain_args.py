"""Tests that a plain `solve` line read without typer (`cli/plain.py`) gives the command the
very arguments typer would, and that every other line is left to typer."""

from __future__ import annotations

import functools
import inspect
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st

from wfh_solver.cli import app as cli_app
from wfh_solver.cli import plain

try:  # typer ≥ 0.2x bundles its own click
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover
    from click import exceptions as click_errors  # type: ignore[no-redef]

DECLARED = plain.params(cli_app.solve_command)
DEFAULTS = {name: p.default for name, p in inspect.signature(cli_app.solve_command)
            .parameters.items() if p.default is not inspect.Parameter.empty}


def typer_reading(args: list[str]) -> dict[str, Any] | None:
    """The keyword arguments typer hands `solve_command` for `args` (None: it refused)."""
    seen: dict[str, Any] = {}

    @functools.wraps(cli_app.solve_command)
    def capture(**kwargs: Any) -> None:
        seen.update(kwargs)

    app = typer.Typer(add_completion=False)
    app.command("solve")(capture)
    app.command("other")(lambda: None)  # two commands: `solve` is named, as in ours
    try:
        typer.main.get_command(app).main(list(args), prog_name="wfh-solver",
                                         standalone_mode=False)
    except (click_errors.ClickException, click_errors.Exit, typer.Exit, SystemExit):
        return None
    return seen


def test_the_declared_names_are_typers():
    """Tests that the names read here are the option names typer's parser accepts."""
    command = typer.main.get_command(cli_app.app).commands["solve"]  # type: ignore[attr-defined]
    theirs = {p.name: (tuple(sorted(p.opts)), tuple(sorted(p.secondary_opts)),
                       bool(getattr(p, "multiple", False))) for p in command.params}
    ours = {p.name: (tuple(sorted(p.names)), tuple(sorted(p.off)), p.many)
            for p in DECLARED}
    assert {k: v for k, v in theirs.items() if v[0] != (k,)} == \
        {k: v for k, v in ours.items() if v[0]}
    assert set(theirs) == set(ours)


@pytest.mark.parametrize("args", [
    ["solve", "pegawai.xlsx", "-s", "jateng-2020"],
    ["solve", "pegawai.xlsx", "-s", "jateng-2020", "--from", "2020-07-01", "--to",
     "2020-07-31", "-o", "out/jadwal.xlsx", "--overwrite"],
    ["solve", "--scenario=sragen-2020", "staf kantor.xlsx", "-q", "--workers", "2",
     "--time-limit", "30.5", "--seed", "7", "--lang", "en", "--per-unit", "per",
     "--pdf", "pdf", "--previous", "juni.xlsx", "--previous", "mei.xlsx", "--pin", "p.xlsx",
     "--relax", "--no-overwrite", "--sheet", "Sheet 1", "--columns", "c.toml",
     "--workweek", "senin-sabtu"],
])
def test_plain_lines_are_read_here_as_typer_reads_them(args: list[str]):
    """Tests everyday lines: read here (not left to typer), with typer's very arguments."""
    mine = plain.read(args, "solve", DECLARED)
    assert mine is not None
    assert {**DEFAULTS, **mine} == typer_reading(args)


@pytest.mark.parametrize("args", [
    [], ["--version"], ["scenarios"], ["solve"], ["solve", "--help"],
    ["solve", "p.xlsx", "-h", "-s", "x"], ["solve", "p.xlsx"],  # no scenario
    ["solve", "p.xlsx", "q.xlsx", "-s", "x"], ["solve", "p.xlsx", "-s"],
    ["solve", "p.xlsx", "-s", "x", "--workers", "-1"], ["solve", "p.xlsx", "-s", "x", "-s", "y"],
    ["solve", "p.xlsx", "-s", "x", "--bogus"], ["solve", "p.xlsx", "-sjateng-2020"],
    ["solve", "p.xlsx", "-s", "x", "--time-limit", "1e3"], ["solve", "--", "p.xlsx", "-s", "x"],
    ["solve", "p.xlsx", "-s", "x", "--overwrite=yes"],
])
def test_other_lines_are_left_to_typer(args: list[str]):
    """Tests help, mistakes and unusual spellings: None, so typer answers them."""
    assert plain.read(args, "solve", DECLARED) is None


_VALUES = {
    "-s": ["jateng-2020", "a.toml"], "--scenario": ["sragen-2020"], "-o": ["j.xlsx", "j.csv"],
    "--out": ["x/y.xlsx"], "--from": ["2020-07-01", "01/07/2020"], "--to": ["2020-07-31"],
    "--workweek": ["senin-jumat"], "--per-unit": ["per"], "--pdf": ["pdf"],
    "--sheet": ["Sheet1", " S ", "-x"], "--columns": ["c.toml"],
    "--time-limit": ["60", "1.5", "0", "-3", "abc", "1e2", " 5"],
    "--seed": ["3", "-1", "007", "x"], "--workers": ["0", "2", "-1", "1.0"],
    "--lang": ["id", "en", "fr"], "--previous": ["a.xlsx", "b.xlsx"], "--pin": ["p.xlsx"],
}
_FLAGS = ["-q", "--quiet", "--overwrite", "--no-overwrite", "--relax", "--help"]


@st.composite
def lines(draw: st.DrawFn) -> list[str]:
    pieces: list[list[str]] = [[draw(st.sampled_from(["pegawai.xlsx", "a b.xlsx"]))],
                               ["-s", draw(st.sampled_from(["jateng-2020", "a.toml"]))]]
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["option", "equals", "flag", "file"]))
        if kind == "flag":
            pieces.append([draw(st.sampled_from(_FLAGS))])
        elif kind == "file":
            pieces.append([draw(st.sampled_from(["pegawai.xlsx", "a b.xlsx", ""]))])
        else:
            name = draw(st.sampled_from(sorted(_VALUES)))
            value = draw(st.sampled_from(_VALUES[name]))
            pieces.append([f"{name}={value}"] if kind == "equals" else [name, value])
    pieces = draw(st.permutations(pieces))
    return ["solve", *(token for piece in pieces for token in piece)]


@settings(max_examples=300, deadline=None)
@given(args=lines())
def test_any_line_read_here_is_read_as_typer_reads_it(args: list[str]):
    """Tests random lines of the options' spellings: whenever one is read here, typer
    accepts it too and hands the command the same arguments."""
    mine = plain.read(args, "solve", DECLARED)
    if mine is None:
        return
    assert {**DEFAULTS, **mine} == typer_reading(args), args


def test_a_plain_solve_runs_without_building_typers_parser(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch):
    """Tests the command line's main on a plain line: the command runs and typer's parser
    is never built."""
    ran: list[dict[str, Any]] = []
    monkeypatch.setattr(cli_app, "solve_command", functools.wraps(cli_app.solve_command)(
        lambda **kwargs: ran.append(kwargs)))
    monkeypatch.setattr(typer.main, "get_command", lambda app: pytest.fail("typer built"))
    with pytest.raises(SystemExit) as done:
        cli_app.main(["solve", "p.xlsx", "-s", "jateng-2020", "-q"])
    assert done.value.code == 0
    assert ran == [{"input": Path("p.xlsx"), "scenario": "jateng-2020", "quiet": True}]

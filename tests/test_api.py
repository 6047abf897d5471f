"""Tests that the planner's front door (`import wfh_solver as wfh`) is one light, obvious API:
`wfh.solve` from a file to a `Result` that writes, shows and draws itself, `compare` and `sweep`
on one index, and docstring examples that run."""

from __future__ import annotations

import doctest
import importlib
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.figure import Figure

import wfh_solver as wfh
from wfh_solver.write.outputs import OutputClash

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def staff_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return wfh.sample_staff(tmp_path_factory.mktemp("api") / "pegawai.xlsx", size=150)


@pytest.fixture(scope="module")
def result(staff_file: Path) -> wfh.Result:
    return wfh.solve(staff_file, "jateng-2020", start="2020-07-01", end="2020-07-03")


def test_importing_the_front_door_loads_nothing_heavy() -> None:
    """Tests that `import wfh_solver` imports no pandas, numpy, OR-Tools or matplotlib, and
    that every public name is there once asked for."""
    code = ("import sys, wfh_solver as w; heavy = [m for m in ('pandas', 'numpy', 'ortools',"
            " 'matplotlib') if m in sys.modules]; print(heavy, sorted(w.__all__) == "
            "sorted(set(dir(w)) & set(w.__all__)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[] True"
    for name in wfh.__all__:
        assert getattr(wfh, name) is not None, name
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        wfh.nope  # noqa: B018


def test_solve_stays_the_function_after_its_room_is_imported() -> None:
    """Tests that importing the `wfh_solver.solve` package (which sets it on its parent)
    leaves `wfh.solve` callable, while dotted access still reaches the package's modules."""
    run = importlib.import_module("wfh_solver.solve.run")
    import wfh_solver.solve.result as result_module

    assert callable(wfh.solve) and "staff" in (wfh.solve.__doc__ or "")
    assert wfh.solve.run is run and result_module.Result is not None


def test_solve_takes_dates_as_strings_and_gives_a_result_that_writes(
        staff_file: Path, result: wfh.Result, tmp_path: Path) -> None:
    """Tests the period from ISO strings, to_excel/to_csv through the output plan (the
    input is never replaced, a stranger's file only with overwrite) and a bad date."""
    assert result.is_optimal
    assert (result.calendar.start, result.calendar.end) == (date(2020, 7, 1), date(2020, 7, 3))
    assert result.to_excel(tmp_path / "jadwal.xlsx").exists()
    csv = result.to_csv(tmp_path / "jadwal.csv")
    assert csv.read_text(encoding="utf-8-sig").splitlines()[0].lower().startswith("nip")
    with pytest.raises(OutputClash):
        result.to_excel(staff_file)  # the staff list it was read from
    stranger = tmp_path / "punya-orang.xlsx"
    stranger.write_bytes(b"not ours")
    with pytest.raises(OutputClash):
        result.to_excel(stranger)
    result.to_excel(stranger, overwrite=True)
    with pytest.raises(ValueError, match="expected a .csv file"):
        result.to_csv(tmp_path / "jadwal.xlsx")
    with pytest.raises(ValueError, match="2020-13-01"):
        wfh.solve(staff_file, "jateng-2020", start="2020-13-01")


def test_read_staff_solves_the_same_as_the_file(staff_file: Path, result: wfh.Result) -> None:
    """Tests that staff read once (`wfh.read_staff`) give the roster the file gives."""
    again = wfh.solve(wfh.read_staff(staff_file), "jateng-2020", start=date(2020, 7, 1),
                      end=date(2020, 7, 3))
    assert (again.roster.office == result.roster.office).all()


def test_one_date_type_in_both_frames(result: wfh.Result) -> None:
    """Tests that a day of the long frame is a Timestamp naming a column of the wide one."""
    long, wide = result.to_frame("long"), result.to_frame("wide")
    day = long["day"].iloc[0]
    assert isinstance(day, pd.Timestamp)
    assert (wide[day] == long[long["day"] == day].set_index("nip")["status"]
            .reindex(wide["nip"]).to_numpy()).all()


def test_plot_returns_figures_in_both_languages(result: wfh.Result, tmp_path: Path) -> None:
    """Tests the chart methods, English with lang="en", and `save` writing PNG and SVG."""
    for draw in (result.plot.presence, result.plot.wfh_days, result.plot.heatmap):
        figure = draw()
        assert isinstance(figure, Figure)
    text = " ".join(t.get_text() for t in result.plot.presence(lang="en").findobj(
        lambda a: hasattr(a, "get_text")))
    assert "July 2020" in text and "In office (WFO)" in text and "01/07" in text
    text = " ".join(t.get_text() for t in result.plot.presence().findobj(
        lambda a: hasattr(a, "get_text")))
    assert "Juli 2020" in text and "Di kantor (WFO)" in text
    assert "Provinsi Jawa Tengah" in text and "jateng-2020" not in text
    saved = result.plot.save(tmp_path / "grafik")
    assert sorted(p.name for p in saved) == sorted(
        f"{s}.{x}" for s in ("presence", "wfh_days", "heatmap") for x in ("png", "svg"))


def test_compare_and_sweep_share_one_index(staff_file: Path) -> None:
    """Tests that `wfh.compare(...).summary()` and `wfh.sweep(...)` are indexed alike, by case
    label, with the same columns and numbers (times aside)."""
    cases = ["kebumen-2020", wfh.Case("kebumen-2020", date(2020, 7, 6), date(2020, 7, 7))]
    summary = wfh.compare(staff_file, cases, workers=1).summary()
    table = wfh.sweep(staff_file, cases)
    assert list(summary.index) == list(table.index) == [
        "kebumen-2020", "kebumen-2020 2020-07-06..2020-07-07"]
    assert summary.index.name == table.index.name == "scenario"
    timing = ["solve_seconds", "seconds"]
    assert list(summary.columns) == list(table.columns)
    pd.testing.assert_frame_equal(summary.drop(columns=timing), table.drop(columns=timing))


@pytest.mark.parametrize("module", ["wfh_solver.api", "wfh_solver.write.charts"])
def test_docstring_examples_run(module: str, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests every `>>>` example of the API's docstrings (in a fresh folder: they write)."""
    monkeypatch.chdir(tmp_path)
    outcome = doctest.testmod(importlib.import_module(module), verbose=False)
    assert outcome.attempted > 3 and outcome.failed == 0


def test_a_planner_session_to_a_saved_chart_is_five_lines(tmp_path: Path) -> None:
    """Tests the session docs/planner.md shows first: from the import to a saved chart in at
    most five lines, run as written (in a folder holding the sample as pegawai.xlsx)."""
    text = (ROOT / "docs" / "planner.md").read_text(encoding="utf-8")
    block = text.split("```python\n", 1)[1].split("```", 1)[0]
    lines = [line for line in block.splitlines() if line.strip() and
             not line.lstrip().startswith("#")]
    assert lines[0] == "import wfh_solver as wfh"
    assert len(lines) <= 5 and "savefig" in lines[-1]
    wfh.sample_staff(tmp_path / "pegawai.xlsx", size=120)
    done = subprocess.run([sys.executable, "-c", block], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    charts = [p for p in tmp_path.iterdir() if p.suffix == ".png"]
    assert charts and charts[0].stat().st_size > 10_000


def test_no_public_name_is_a_room_but_solve() -> None:
    """Tests that importing a room can never replace a public name (`wfh.read` would become
    the package `wfh_solver.read` once anything reads a file): only `solve` shares a room's
    name, and the front door keeps it callable."""
    rooms = {p.name for p in (ROOT / "wfh_solver").iterdir() if (p / "__init__.py").exists()}
    assert set(wfh.__all__) & rooms == {"solve"}


def test_every_python_block_of_the_planner_guide_runs(tmp_path: Path) -> None:
    """Tests the guide's Python as shown: its blocks run one after another, in a folder
    holding a small staff list as `pegawai.xlsx` (the guide's file name)."""
    text = (ROOT / "docs" / "planner.md").read_text(encoding="utf-8")
    blocks = [part.split("```", 1)[0] for part in text.split("```python\n")[1:]]
    assert len(blocks) >= 3
    wfh.sample_staff(tmp_path / "pegawai.xlsx", size=120)
    done = subprocess.run([sys.executable, "-c", "\n".join(blocks)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert (tmp_path / "kehadiran.png").stat().st_size > 10_000


def test_the_planning_charts_take_one_result_and_name_files_in_ascii(
        result: wfh.Result) -> None:
    """Tests `plots.daily_presence` etc. on a single result (it once needed a comparison),
    chart file names without spaces, and a swept case titled by its circular and value."""
    for draw in (wfh.plots.daily_presence, wfh.plots.wfh_histogram, wfh.plots.unit_heatmap):
        assert isinstance(draw(result), Figure)
    stems = wfh.plots.chart_stems(["jateng-2020 share=0.5", "Kab. Ciamis — SE/2020"])
    assert stems == ["daily_presence", "wfh_days", "heatmap_jateng-2020-share-0.5",
                     "heatmap_kab.-ciamis-se-2020"]
    swept = wfh.sweep_cases(["jateng-2020"], "Minimal 30% pegawai masuk per OPD.share=0.5")
    assert isinstance(swept[0].scenario, wfh.Scenario)
    assert swept[0].scenario.title == "Provinsi Jawa Tengah — SE 965/932 (share 50%)"
    comparison = wfh.Comparison.of({"a": result, "b": result})
    titles = comparison.titles()
    assert titles["a"] != titles["b"] and titles["a"].startswith("Provinsi Jawa Tengah")

"""Tests that each command loads only what it uses (issue 24): `solve` neither pandas nor the
charts, the page or Dask; `--version` and `--help` not the library at all.

Not timed (the shared machine's load would make a timing flaky): the modules a fresh process
holds after the command ran, in process, on a tiny staff list. The times are measured by
`benchmarks/startup.py`.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from wfh_solver.sample import write_sample

#: What a plain `solve` must never load: the planner's tables, the charts, the page, the
#: cluster, the PDF writer (only `--pdf` needs it) and the per-unit workbook writer.
NOT_FOR_SOLVE = ("pandas", "matplotlib", "starlette", "uvicorn", "jinja2", "dask",
                 "distributed", "fpdf", "fontTools", "xlsxwriter")
LIBRARY = ("numpy", "ortools", "pandas", "wfh_solver.api", "wfh_solver.read")

_RUN = """
import json, sys
sys.argv = ["wfh-solver", *json.loads(sys.argv[1])]
from wfh_solver.cli.entry import main
try:
    main()
except SystemExit as done:
    code = done.code
else:
    code = 0
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _loaded(args: list[str], cwd: Path) -> tuple[object, set[str]]:
    done = subprocess.run([sys.executable, "-c", _RUN, json.dumps(args)], cwd=cwd,
                          capture_output=True, text=True, timeout=300)
    last = done.stdout.strip().splitlines()[-1]
    answer = json.loads(last)
    return answer["code"], set(answer["modules"])


def _packages(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return [n for n in names if any(m == n or m.startswith(n + ".") for m in modules)]


@pytest.fixture(scope="module")
def staff(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("startup") / "pegawai.xlsx"
    write_sample(path, size=40, seed=0)
    return path


def test_solve_loads_neither_pandas_nor_charts_page_or_cluster(staff: Path):
    """Tests a whole `solve` (read, solve, styled workbook, summary): exit 0, a roster
    written, and none of pandas, matplotlib, starlette, Dask, fpdf2 or XlsxWriter loaded."""
    out = staff.with_name("jadwal.xlsx")
    code, modules = _loaded(["solve", str(staff), "-s", "jateng-2020", "--from",
                             "2020-07-01", "--to", "2020-07-14", "-o", str(out),
                             "--overwrite"], staff.parent)
    assert code == 0 and out.is_file()
    assert "ortools.sat.python.cp_model" in modules  # it did solve
    assert _packages(modules, NOT_FOR_SOLVE) == []


def test_solve_to_pdf_loads_the_pdf_writer_only_then(staff: Path):
    """Tests that `--pdf` still works: the PDF writer is loaded when asked for."""
    code, modules = _loaded(["solve", str(staff), "-s", "jateng-2020", "--from",
                             "2020-07-01", "--to", "2020-07-03", "-o",
                             str(staff.with_name("j2.xlsx")), "--pdf",
                             str(staff.with_name("pdf")), "--overwrite", "-q"], staff.parent)
    assert code == 0 and any(staff.with_name("pdf").glob("*.pdf"))
    assert "fpdf" in modules and "pandas" not in modules


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["solve", "--help"]])
def test_version_and_help_load_no_library(staff: Path, args: list[str]):
    """Tests `--version`, `--help` and `solve --help`: exit 0 without numpy, OR-Tools,
    pandas or any of our rooms below the command line."""
    code, modules = _loaded(args, staff.parent)
    assert code == 0
    assert _packages(modules, LIBRARY) == []


def test_cp_model_without_pandas_still_serves_its_pandas_helpers():
    """Tests the stand-in of `model/sat.py`: cp_model loads without pandas, and its
    pandas-indexed helpers import the real pandas when used, and work."""
    code = ("import sys; from wfh_solver.model.sat import cp_model; "
            "assert 'pandas' not in sys.modules; import pandas as pd; "
            "m = cp_model.CpModel(); s = m.new_bool_var_series('x', pd.Index(range(3))); "
            "assert isinstance(s, pd.Series) and len(s) == 3; print('ok')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert done.stdout.strip() == "ok", done.stderr

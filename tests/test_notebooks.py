"""Tests that the planners' notebooks run in a real Jupyter kernel and draw their charts,
are stored without outputs, and have an up-to-date rendered copy in docs/."""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
DOCS = ROOT / "docs" / "notebooks"


def test_the_two_planner_notebooks_are_there() -> None:
    """Tests the notebook names the README points to."""
    assert [p.name for p in NOTEBOOKS] == ["01_quickstart.ipynb", "02_compare_scenarios.ipynb"]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_in_a_kernel_and_draws(notebook: Path) -> None:
    """Tests that every cell executes in an IPython kernel (an error fails the test) and
    that the charts come out as PNG images and the DataFrames as tables."""
    nb = nbformat.read(notebook, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(notebook.parent)}})
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 3
    assert [o for o in outputs if "text/html" in o.get("data", {})]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs(notebook: Path) -> None:
    """Tests that the repository keeps sources only (rendered outputs live in docs/)."""
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_docs_hold_a_rendered_copy_with_the_current_code(notebook: Path) -> None:
    """Tests that docs/notebooks/<name>.html shows every word of the code and the charts
    (regenerate with `make docs` after editing a notebook)."""
    page = (DOCS / f"{notebook.stem}.html").read_text(encoding="utf-8")
    assert "data:image/png;base64" in page
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            for line in cell.source.splitlines():
                assert all(word in text for word in line.split()), (notebook.name, line)

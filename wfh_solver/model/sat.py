"""OR-Tools' CP-SAT module (`cp_model`), loaded without loading pandas.

`ortools.sat.python.cp_model` imports pandas at its top, for its `*_series` helpers (variables
and intervals indexed by a pandas Index), which the model never calls. Pandas takes a third of
a second to import: a third of what `wfh-solver solve` may spend on a 10,000-staff month in
all (issue 24). So while cp_model loads, a stand-in module named `pandas` offers the two names
cp_model's own top level reads (`Index` and `Series`, in annotations); once it is loaded, its
`pd` is a proxy that imports the real pandas the first time any function of cp_model uses it,
so the series helpers work as before. If pandas is already loaded, or cp_model asks the
stand-in for anything else (another OR-Tools version), cp_model is imported the plain way.

Every module of ours imports cp_model from here (`from wfh_solver.model.sat import cp_model`);
the first one to do so decides how it is loaded.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

from wfh_solver.base.signals import raise_if_stopped

_CP_MODEL = "ortools.sat.python.cp_model"


class _StandIn(types.ModuleType):
    """`pandas` while cp_model is imported: the names its top level evaluates, nothing else."""

    class Index:
        """Stands for `pandas.Index` in cp_model's annotations."""

    class Series:
        """Stands for `pandas.Series` in cp_model's annotations."""


class _Pandas:
    """cp_model's `pd` once loaded: the real pandas, imported on first use."""

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module("pandas"), name)


def _load() -> types.ModuleType:
    if _CP_MODEL in sys.modules or "pandas" in sys.modules:
        return importlib.import_module(_CP_MODEL)
    stand_in = _StandIn("pandas")
    sys.modules["pandas"] = stand_in
    try:
        module = importlib.import_module(_CP_MODEL)
    except (AttributeError, ImportError):  # it wanted more of pandas: load both the plain way
        sys.modules.pop(_CP_MODEL, None)
        module = None
        raise_if_stopped()  # unless a Ctrl-C interrupted the import (`base/signals.py`)
    finally:
        if sys.modules.get("pandas") is stand_in:
            del sys.modules["pandas"]
    if module is None:
        return importlib.import_module(_CP_MODEL)
    module.pd = _Pandas()  # type: ignore[attr-defined]
    return module


_load()

from ortools.sat.python import cp_model  # noqa: E402  (loaded above, without pandas)

__all__ = ["cp_model"]

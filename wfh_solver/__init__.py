"""wfh-solver: proven-optimal, fair WFH/WFO rosters for Indonesian civil servants.

The planner's front door, `import wfh_solver as wfh`:

    result = wfh.solve("pegawai.xlsx", "jateng-2020", start="2020-07-01", end="2020-07-31")
    result.to_excel("jadwal.xlsx")            # also to_csv, to_frame("long" | "wide")
    result.plot.presence().savefig("kehadiran.png")
    wfh.compare("pegawai.xlsx", ["jateng-2020", "kebumen-2020"]).summary()
    wfh.sweep("pegawai.xlsx", ["jateng-2020", "kebumen-2020"])   # the same index

Nothing is imported until a name is used (`wfh-solver --version` stays instant): each name
below is looked up in its room on first use (`__getattr__`). A public name never repeats a
room's name (`read_staff`, not `read`: importing the room `wfh_solver.read` would set it here),
but for `solve`, which `_keep_solve_callable` keeps.
"""

from __future__ import annotations

__version__ = "0.1.0"

TYPE_CHECKING = False  # `typing` itself is not imported here: the front door stays light
if TYPE_CHECKING:  # what mypy and editors see; `X as X` marks a re-export
    from wfh_solver.api import Result as Result
    from wfh_solver.api import Staff as Staff
    from wfh_solver.api import read_employees as read_staff  # noqa: F401 - in __all__
    from wfh_solver.api import solve as solve
    from wfh_solver.plan import analysis as analysis
    from wfh_solver.plan import plots as plots
    from wfh_solver.plan.batch import Case as Case
    from wfh_solver.plan.compare import Comparison as Comparison
    from wfh_solver.plan.compare import compare as compare
    from wfh_solver.plan.compare import sweep_cases as sweep_cases
    from wfh_solver.plan.sweep import sweep as sweep
    from wfh_solver.policy.scenario import Scenario as Scenario
    from wfh_solver.policy.scenario import load_scenario as load_scenario
    from wfh_solver.sample.generator import sample_staff as sample_staff

#: public name → (module, attribute; "" for the module itself)
_LAZY: dict[str, tuple[str, str]] = {
    "solve": ("wfh_solver.api", "solve"),
    "read_staff": ("wfh_solver.api", "read_employees"),
    "Result": ("wfh_solver.api", "Result"),
    "Staff": ("wfh_solver.api", "Staff"),
    "compare": ("wfh_solver.plan.compare", "compare"),
    "Comparison": ("wfh_solver.plan.compare", "Comparison"),
    "sweep": ("wfh_solver.plan.sweep", "sweep"),
    "sweep_cases": ("wfh_solver.plan.compare", "sweep_cases"),
    "Case": ("wfh_solver.plan.batch", "Case"),
    "load_scenario": ("wfh_solver.policy.scenario", "load_scenario"),
    "Scenario": ("wfh_solver.policy.scenario", "Scenario"),
    "sample_staff": ("wfh_solver.sample.generator", "sample_staff"),
    "analysis": ("wfh_solver.plan.analysis", ""),
    "plots": ("wfh_solver.plan.plots", ""),
}

__all__ = ["Case", "Comparison", "Result", "Scenario", "Staff", "__version__", "analysis",
           "compare", "load_scenario", "plots", "read_staff", "sample_staff", "solve", "sweep",
           "sweep_cases"]


def __getattr__(name: str) -> object:
    """The public name from its room, imported now (and kept, but `solve`: see below)."""
    if name not in _LAZY:
        raise AttributeError(f"module 'wfh_solver' has no attribute {name!r}")
    from importlib import import_module

    module, attribute = _LAZY[name]
    value = import_module(module)
    return getattr(value, attribute) if attribute else value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


def _keep_solve_callable() -> None:
    """`wfh.solve` is the API's function, yet `wfh_solver.solve` is also a room (a package),
    and importing a package sets it as an attribute of its parent: after the first solve,
    `wfh.solve` would be that package. So this module's class answers `solve` itself, with
    a callable that is the function when called and the package for its modules
    (`wfh_solver.solve.run`), and ignores the import system's assignment."""
    import sys
    from types import ModuleType

    class _Solve:
        """`wfh.solve(...)`: see `wfh_solver.api.solve`."""

        def __call__(self, *args: object, **kwargs: object) -> object:
            return self.__wrapped__(*args, **kwargs)

        @property
        def __wrapped__(self):  # type: ignore[no-untyped-def]  # noqa: ANN204
            from wfh_solver.api import solve

            return solve

        @property
        def __doc__(self) -> str | None:  # type: ignore[override]
            return self.__wrapped__.__doc__

        def __getattr__(self, name: str) -> object:
            if name.startswith("__"):
                raise AttributeError(name)
            from importlib import import_module

            return getattr(import_module("wfh_solver.solve"), name)

        def __repr__(self) -> str:
            return "<function wfh_solver.solve>"

    door = _Solve()

    class _FrontDoor(ModuleType):
        @property
        def solve(self) -> _Solve:
            return door

        @solve.setter
        def solve(self, value: object) -> None:
            """The package `wfh_solver.solve` stays in `sys.modules` (and behind `door`)."""

    sys.modules[__name__].__class__ = _FrontDoor


_keep_solve_callable()

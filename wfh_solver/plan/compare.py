"""One staff list under several circulars (or one rule at several values), side by side.

A thin layer over `batch`: each case is one job that solves and returns its analysis
tables (`wfh_solver.plan.analysis`), so the numbers are those of a single `solve` run. This
module only lines the cases up and writes them to one workbook.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from wfh_solver.api import Staff
from wfh_solver.base.labels import check_lang, label
from wfh_solver.domain.employee import Employee
from wfh_solver.model.cpsat import SolveOptions
from wfh_solver.plan.batch import Case, Job, Outcome, localised, outcome, run_jobs, whole_numbers
from wfh_solver.policy.scenario import Scenario, ScenarioError, load_scenario
from wfh_solver.solve.result import Result
from wfh_solver.write.tables import write_tables


@dataclass(frozen=True, slots=True)
class Comparison:
    """The outcome of every case, in the order given, with tables across cases."""

    labels: tuple[str, ...]
    outcomes: tuple[Outcome, ...]

    @classmethod
    def of(cls, results: Mapping[str, Result]) -> Comparison:
        """A comparison of results already solved here (a notebook's), by label."""
        return cls(tuple(results), tuple(outcome(r) for r in results.values()))

    def solved(self) -> list[tuple[str, Outcome]]:
        return [(k, o) for k, o in zip(self.labels, self.outcomes, strict=True) if o.ok]

    def summary(self) -> pd.DataFrame:
        """One row per case: period, status, every level's value and proven bound, times."""
        rows = [{**o.row, "scenario": k} for k, o in zip(self.labels, self.outcomes,
                                                         strict=True)]
        frame = pd.DataFrame(rows).drop(columns=["input"], errors="ignore")
        return whole_numbers(frame).set_index("scenario")

    def daily(self) -> pd.DataFrame:
        """Per case and working day: in office, at home, on leave or travel, office share."""
        parts = []
        for k, o in self.solved():
            assert o.daily is not None
            part = o.daily.reset_index()
            part.insert(0, "day_number", range(1, len(part) + 1))
            part.insert(0, "scenario", k)
            parts.append(part)
        if not parts:
            return pd.DataFrame(columns=["scenario", "day_number", "day", "in_office",
                                         "at_home", "leave", "travel", "office_share"])
        return pd.concat(parts, ignore_index=True)

    def unit_shares(self) -> pd.DataFrame:
        """Office share over the period: one row per unit, one column per case."""
        columns = {k: o.units["office_share"] for k, o in self.solved() if o.units is not None}
        frame = pd.DataFrame(columns)
        frame.index.name = "unit"
        return frame

    def fairness(self) -> pd.DataFrame:
        """Fairness in words, one row per case (see `analysis.fairness`)."""
        return pd.DataFrame({k: o.fairness for k, o in self.solved()
                             if o.fairness is not None}).T.rename_axis("scenario")

    def rules(self) -> pd.DataFrame:
        """Per case and rule: scopes, scope-days at the limit, and whether it binds."""
        parts = [o.rules.reset_index().assign(scenario=k) for k, o in self.solved()
                 if o.rules is not None]
        if not parts:
            return pd.DataFrame()
        frame = pd.concat(parts, ignore_index=True)
        return frame[["scenario", *[c for c in frame.columns if c != "scenario"]]]

    def wfh_days(self) -> pd.DataFrame:
        """How many staff got 0, 1, 2 … WFH days, one column per case."""
        frame = pd.DataFrame({k: o.wfh_days for k, o in self.solved()
                              if o.wfh_days is not None}).fillna(0).astype(int)
        frame.index.name = "wfh_days"
        return frame

    def unit_day(self, label: str) -> pd.DataFrame:
        """Unit × day office share of one case (the heatmap)."""
        outcome = self.outcomes[self.labels.index(label)]
        if outcome.unit_day is None:
            raise ValueError(f"case {label!r} has no roster: {outcome.row.get('error')}")
        return outcome.unit_day


def unique_labels(cases: Sequence[Case]) -> list[str]:
    """Case names, with the period added where a name repeats, then a counter."""
    names = [c.name for c in cases]
    out: list[str] = []
    for case, name in zip(cases, names, strict=True):
        if names.count(name) > 1 and (case.start or case.end) and not case.label:
            name = f"{name} {case.start or ''}..{case.end or ''}"
        base, k = name, 1
        while name in out:
            k += 1
            name = f"{base} #{k}"
        out.append(name)
    return out


def compare(staff: Staff | tuple[Employee, ...], cases: Iterable[Case | str | Scenario], *,
            scheduler: Any = None, workers: int = 0,
            options: SolveOptions | None = None) -> Comparison:
    """Solve every case on the same staff and line the results up.

    Runs through `batch.run_jobs`: a local process pool by default, a Dask cluster with
    `scheduler` (see there). Each case is solved exactly as `solve` would, with the same
    seed, so its numbers equal a single run's.
    """
    employees = staff.employees if isinstance(staff, Staff) else staff
    todo = [c if isinstance(c, Case) else Case(c) for c in cases]
    options = options or SolveOptions(workers=1)
    jobs = [Job(employees, c, options, detail=True) for c in todo]
    outcomes = run_jobs(jobs, scheduler=scheduler, workers=workers)
    return Comparison(tuple(unique_labels(todo)), tuple(outcomes))


def sweep_cases(scenarios: Sequence[str | Scenario], spec: str) -> list[Case]:
    """`RULE.FIELD=v1,v2,…` → one case per scenario having that rule and per value,
    labelled `scenario RULE.FIELD=v`; each edit is validated like a TOML file."""
    target, _, values = spec.rpartition("=")
    rule, dot, fieldname = target.rpartition(".")
    if not (rule and dot and fieldname and values.strip()):
        raise ScenarioError(f"--sweep {spec!r}: expected RULE.FIELD=v1,v2 "
                            "(e.g. 'Minimal 30% pegawai masuk per OPD.share=0.3,0.5')")
    loaded = [s if isinstance(s, Scenario) else load_scenario(s) for s in scenarios]
    having = [s for s in loaded if any(r.name == rule for r in s.rules)]
    if not having:
        raise ScenarioError(f"--sweep: no scenario has a rule {rule!r}; rules: " + "; ".join(
            f"{s.name}: " + ", ".join(repr(r.name) for r in s.rules) for s in loaded))
    cases = []
    for scenario in having:
        for value in (v.strip() for v in values.split(",") if v.strip()):
            edited = scenario.with_rule(rule, **{fieldname: value})
            cases.append(Case(edited, label=f"{scenario.name} {fieldname}={value}"))
    return cases


def comparison_frames(comparison: Comparison, lang: str = "id") -> dict[str, pd.DataFrame]:
    """The workbook's sheets, by (localised) sheet name, with localised headers."""
    check_lang(lang)
    sheets = {
        "sheet_cmp_summary": comparison.summary().reset_index(),
        "sheet_cmp_daily": comparison.daily(),
        "sheet_cmp_units": comparison.unit_shares().reset_index(),
        "sheet_cmp_fairness": comparison.fairness().reset_index(),
        "sheet_cmp_rules": comparison.rules(),
        "sheet_cmp_wfh_days": comparison.wfh_days().reset_index(),
    }
    return {label(key, lang): localised(frame, lang) for key, frame in sheets.items()}


def output_paths(labels: Sequence[str], out: Path, plots: Path | None) -> list[Path]:
    """The workbook, then every chart of these cases: what a comparison run writes."""
    from wfh_solver.plan.plots import chart_paths

    return [out, *(chart_paths(list(labels), plots) if plots is not None else [])]


def write_comparison(comparison: Comparison, path: Path | str, lang: str = "id", *,
                     plots: Path | None = None, inputs: Sequence[Path] = (),
                     overwrite: bool = False) -> list[Path]:
    """The comparison workbook (and with `plots` its charts), written as one set.

    The set is planned first (`write.outputs`): no output may be one of `inputs`, and an
    existing file wfh-solver did not make is refused unless `overwrite`. Then everything
    is written under temporary names and renamed at the end, so a failure or a signal
    leaves every earlier file as it was. Text is never read as a formula.
    """
    from wfh_solver.plan.plots import write_plots
    from wfh_solver.write.failure import naming
    from wfh_solver.write.outputs import OutputSet, plan_outputs

    target = Path(path)
    labels = [k for k, _ in comparison.solved()]
    out, *charts = output_paths(labels, target, plots)
    plan_outputs(list(inputs), out, files=charts, overwrite=overwrite)
    with OutputSet() as outputs:
        with naming(out):
            write_tables(comparison_frames(comparison, lang), outputs.stage(out))
        if plots is not None:
            write_plots(comparison, plots, lang, outputs=outputs)
    return [out, *charts]

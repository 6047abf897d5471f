"""The Python API that the CLI and notebooks share: read → classify → apply → solve.

`solve` is the planner's one call (`wfh.solve` at the front door): a staff list and a
circular in, a `Result` out that writes itself (`to_excel`, `to_csv`, through the same output
plan as the CLI), shows itself as pandas (`to_frame`) and draws itself (`plot`).

>>> import pandas as pd
>>> import wfh_solver as wfh
>>> staff = wfh.sample_staff("pegawai.xlsx", size=120)
>>> result = wfh.solve(staff, "jateng-2020", start="2020-07-01", end="2020-07-03")
>>> result.status.value, len(result.roster.employees), len(result.roster.days)
('OPTIMAL', 120, 3)
>>> result.to_excel("jadwal.xlsx").name
'jadwal.xlsx'
>>> wide = result.to_frame("wide")
>>> wide[pd.Timestamp("2020-07-01")].value_counts().to_dict()["WFO"] > 0
True
>>> result.plot.presence().savefig("kehadiran.png")
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextvars import copy_context
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from wfh_solver.base.messages import t
from wfh_solver.domain.build import build_employees
from wfh_solver.domain.calendar import Calendar, PeriodError, check_period, working_days
from wfh_solver.domain.employee import Employee
from wfh_solver.model.cpsat import SolveOptions, StopSignal
from wfh_solver.model.history import earlier_cells, earlier_lead, prior_wfh_days
from wfh_solver.model.pins import check_pins, place_pins
from wfh_solver.policy.problem import PolicyInfeasible, Problem, build_problem
from wfh_solver.policy.scenario import Scenario, ScenarioError, load_scenario
from wfh_solver.read.earlier import EarlierRoster, read_earlier, revision_of
from wfh_solver.read.entries import WFH, DayEntries, read_entries
from wfh_solver.read.errors import file_error
from wfh_solver.read.table import StaffTable, read_staff
from wfh_solver.solve.replan import merged
from wfh_solver.solve.result import Result as SolvedResult
from wfh_solver.solve.run import Progress
from wfh_solver.solve.run import solve as solve_problem

if TYPE_CHECKING:
    from wfh_solver.write.charts import Charts


@dataclass(frozen=True, slots=True)
class Staff:
    """The employees of one input file, with how the file was understood."""

    table: StaffTable
    employees: tuple[Employee, ...]


def read_employees(path: str | Path, sheet: str | None = None,
                   column_map: dict[str, str] | None = None,
                   period: tuple[date, date] | None = None) -> Staff:
    """The staff of one file. `period`: the days Cuti/DL cells are read for (a range is cut
    to it before it is expanded); give the period of every problem to be made from them."""
    table = read_staff(Path(path), sheet, column_map, period)
    return Staff(table, build_employees(table.data))


def make_problem(staff: Staff | tuple[Employee, ...], scenario: str | Path | Scenario,
                 start: date | None = None, end: date | None = None,
                 workweek: str | None = None) -> Problem:
    """The scenario's rules applied to these employees, over its period or another one."""
    employees = staff.employees if isinstance(staff, Staff) else staff
    rules, calendar = checked_period(scenario, len(employees), start, end, workweek)
    problem = build_problem(rules, calendar, employees)
    _check_detail_sheet(problem)
    return problem


def _check_detail_sheet(problem: Problem) -> None:
    """Refuse, before solving, a problem whose Rincian Aturan sheet (a line per unit, rule
    scope and day) would pass Excel's 1,048,576 rows: found only when writing, after the
    search, it cost 2.5 GB and 10 s for 10 years × 9,000 staff."""
    from wfh_solver.write.excel import detail_rows
    from wfh_solver.write.ooxml import MAX_ROWS

    rule_units = [r.unit for r in problem.requirements] + [w.unit for w in problem.targets]
    rows = detail_rows((e.unit for e in problem.employees), rule_units, problem.n_days)
    if rows >= MAX_ROWS:
        raise PeriodError(t("period_detail_rows", rows=f"{rows:,}", limit=f"{MAX_ROWS:,}",
                            days=problem.n_days))


def checked_period(scenario: str | Path | Scenario, staff: int, start: date | None = None,
                   end: date | None = None, workweek: str | None = None
                   ) -> tuple[Scenario, Calendar]:
    """The scenario over its period (or the one given) and that period's working days, once
    `check_period` has found a roster for `staff` people within the limits: what
    `make_problem` does before building, for callers that build later or elsewhere
    (`compare`'s workers, the page)."""
    scenario = scenario_over(scenario, start, end, workweek)
    calendar = working_days(scenario.start, scenario.end, scenario.workweek)
    if not calendar.days:
        raise ScenarioError(t("no_working_days", start=scenario.start, end=scenario.end))
    check_period(calendar.start, calendar.end, calendar.workweek, staff=staff,
                 days=len(calendar.days))  # before any model: the roster must fit 1 GiB
    return scenario, calendar


def scenario_over(scenario: str | Path | Scenario, start: date | None = None,
                  end: date | None = None, workweek: str | None = None) -> Scenario:
    """The scenario (a name, a path or loaded) over its own period or the one given."""
    if not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    if start is not None or end is not None or workweek is not None:
        scenario = scenario.with_period(start, end, workweek)
    return scenario


def previous_wfh(path: str | Path) -> dict[str, int]:
    """An earlier roster (ours, hand-edited, or the long CSV): NIP → its `WFH` cells."""
    return dict(read_earlier(path).wfh)


def with_history(problem: Problem, previous: list[str | Path]) -> Problem:
    """The problem with the WFH days of earlier rosters, so fairness spans them all."""
    if not previous:
        return problem
    with ThreadPoolExecutor(2) as pool:
        return _counted_in(problem, _reading(pool, previous))


def _reading(pool: ThreadPoolExecutor, previous: list[str | Path]
             ) -> list[Future[EarlierRoster]]:
    """Earlier rosters being read in `pool`, each in a copy of this context, so that
    their messages keep the caller's language (`--lang`)."""
    return [pool.submit(copy_context().run, read_earlier, p) for p in previous]


def _counted_in(problem: Problem, earlier: list[Future[EarlierRoster]]) -> Problem:
    """The problem with the WFH days of earlier rosters read (or being read) beside it;
    a note for each that fills working days of this period (this month's draft given as
    last month's roster, say), whose WFH days would count twice."""
    if not earlier:
        return problem
    rosters = [f.result() for f in earlier]
    working = frozenset(problem.calendar.days)  # a Saturday of a Mon–Fri week is no overlap
    notes = tuple(t("previous_overlap", file=r.path.name, count=len(inside),
                    first=f"{inside[0]:%d/%m/%Y}", last=f"{inside[-1]:%d/%m/%Y}")
                  for r in rosters if (inside := [d for d in r.days if d in working]))
    lead: tuple[date, ...] = ()
    cells = None
    if problem.person_rules:  # a week or a run of days that began there goes on
        lead = earlier_lead(problem.calendar.start, problem.calendar.workweek,
                            [day for r in rosters for day in r.days])
        cells = earlier_cells(problem.employees, [r.wfh.entries for r in rosters], lead)
    return replace(problem, history=prior_wfh_days(problem.employees, [r.wfh for r in rosters]),
                   warnings=problem.warnings + notes, notes=problem.notes + notes,
                   earlier=cells, earlier_days=lead)


def with_pins(problem: Problem, path: str | Path, *, check: bool = True) -> Problem:
    """The problem with the cells HR has already decided in a roster (`--pin`): `WFO`/`WFH`
    kept exactly, `CUTI`/`DL` as leave/travel; blank cells stay free. Pins outside the
    period, on staff not in the list, or changing nothing are left out with a note (in
    `warnings` and `notes`). With `check`, pins that break a rule by themselves raise
    `PolicyInfeasible` naming person, day and rule (`plan` checks later, so that every
    unit's clash is explained)."""
    placed = place_pins(problem, read_entries(path, within=problem.calendar.days))
    if placed.leave or placed.travel:  # they change the rules' daily minimums: build again
        employees = tuple(
            replace(e, leave=e.leave + tuple(placed.leave.get(i, ())),
                    travel=e.travel + tuple(placed.travel.get(i, ())))
            if i in placed.leave or i in placed.travel else e
            for i, e in enumerate(problem.employees))
        rebuilt = build_problem(problem.scenario, problem.calendar, employees)
        problem = replace(rebuilt, history=problem.history, notes=problem.notes,
                          earlier=problem.earlier, earlier_days=problem.earlier_days,
                          warnings=rebuilt.warnings + problem.notes)
    problem = replace(problem, pins=placed.pins if placed.pins.any() else None,
                      warnings=problem.warnings + placed.notes,
                      notes=problem.notes + placed.notes)
    reasons = check_pins(problem) if check else []
    if reasons:
        raise PolicyInfeasible(reasons)
    return problem


def plan(path: str | Path, scenario: str | Path | Scenario, *, start: date | None = None,
         end: date | None = None, workweek: str | None = None, time_limit: float = 60.0,
         seed: int = 0, workers: int = 0,
         sheet: str | None = None, column_map: dict[str, str] | None = None,
         progress: Progress | None = None, relax: bool = False,
         roster_sheet: str = "Jadwal", previous: list[str | Path] | None = None,
         pin: str | Path | None = None, stop: StopSignal | None = None,
         teams: bool = False, replan: str | Path | None = None,
         replan_from: date | None = None) -> SolvedResult:
    """One call from a spreadsheet to a roster: what `wfh-solver solve` does.

    `relax`: every count rule may give, as little as can be proven; the result's
    `violations` then name the cells of `roster_sheet` (the Jadwal sheet's name).
    `previous`: earlier rosters whose WFH days fairness counts in (`model/history.py`).
    `stop.stop()` from another thread ends the search and keeps the best roster so far.
    `teams`: fixed teams per sub-unit among rosters of the same levels (also the
    scenario's `rotation = "tim"`; `model/teams.py`).
    `replan`, `replan_from`: a published roster kept as it is before `replan_from`, and
    from that day on changed in as few cells as the scenario (and leave, travel, pins)
    allows (`model/replan.py`); the period is then the published one.
    """
    report = progress or (lambda phase, done, total: None)
    published: DayEntries | None = None
    if replan is not None:
        if relax:
            raise ValueError(t("replan_relax"))
        published, past_days, start, end = _published(replan, replan_from)
    rules = scenario_over(scenario, start, end, workweek)  # its period bounds the reading
    report("read", 0, 1)
    # Earlier rosters are read beside the staff list: calamine's part runs outside the
    # GIL, so on two cores four 60,000-row rosters add 1.9 s to the read instead of 3.6 s.
    with ThreadPoolExecutor(2) as pool:
        earlier = _reading(pool, list(previous or []))
        try:
            staff = read_employees(path, sheet, column_map, (rules.start, rules.end))
            report("read", 1, 1)
            report("build", 0, 1)
            problem = _counted_in(make_problem(staff, rules), earlier)
        finally:
            for future in earlier:
                future.cancel()
    history = problem.history
    if published is not None:
        assert replan is not None
        past, ahead = _published_cells(problem, published, past_days, Path(replan))
        problem = _after_published(problem, past, past_days, earlier, published)
    if pin is not None:
        problem = with_pins(problem, pin, check=False)
    report("build", 1, 1)
    options = SolveOptions(time_limit, seed, workers, teams=teams)
    if published is not None:
        assert replan is not None
        problem = replace(problem, published=ahead)
        result = merged(_solved(problem, options, False, progress, stop, roster_sheet),
                        past, past_days, ahead, problem.calendar.start,
                        revision_of(replan) + 1, Path(replan).name, history)
    else:
        result = _solved(problem, options, relax, progress, stop, roster_sheet)
    # reading warnings (file, sheet, row) come first in Ringkasan, then the policy's
    return replace(result, warnings=tuple(p.line() for p in staff.table.warnings)
                   + result.warnings, rows_skipped=len(staff.table.skipped))


def _published(path: str | Path, start: date | None
               ) -> tuple[DayEntries, tuple[date, ...], date, date]:
    """A published roster, the days it fills before `start`, and the period replanned:
    `start` to its last day. Refused, naming the file, when `start` is missing or outside."""
    if start is None:
        raise ValueError(t("replan_needs_from"))
    entries = read_entries(path)
    days = entries.days()
    if not days:
        raise file_error(str(path), t("replan_empty"))
    if not days[0] <= start <= days[-1]:
        raise PeriodError(t("replan_from_outside", day=f"{start:%d/%m/%Y}", file=Path(path).name,
                            first=f"{days[0]:%d/%m/%Y}", last=f"{days[-1]:%d/%m/%Y}"))
    return entries, tuple(d for d in days if d < start), start, days[-1]


def _published_cells(problem: Problem, entries: DayEntries, past_days: tuple[date, ...],
                     path: Path) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.int8]]:
    """Each employee's published cells before the replan day and from it; refused when the
    roster is another staff's or leaves someone of this staff list out."""
    found = entries.find([e.nip for e in problem.employees])
    if len(found) and not (found >= 0).any():
        raise file_error(str(path), t("replan_other_staff", file=path.name),
                         t("replan_hint_staff"))
    if (missing := np.flatnonzero(found < 0)).size:
        people = ", ".join(f"{problem.employees[i].name} (NIP {problem.employees[i].nip})"
                           for i in missing[:5].tolist())
        raise file_error(str(path), t("replan_missing", count=len(missing), file=path.name,
                                      people=people + (" …" if len(missing) > 5 else "")),
                         t("replan_hint_missing"))
    past = earlier_cells(problem.employees, [entries], past_days)
    return past, earlier_cells(problem.employees, [entries], problem.calendar.days)


def _after_published(problem: Problem, past: npt.NDArray[np.int8],
                     past_days: tuple[date, ...], earlier: list[Future[EarlierRoster]],
                     entries: DayEntries) -> Problem:
    """The published days before the replan day as history: their WFH days count in
    fairness, and a week or a run of days that began there goes on."""
    history = problem.prior_wfh() + (past == WFH).sum(axis=1).astype(np.int64)
    problem = replace(problem, history=history)
    if not problem.person_rules:
        return problem
    rosters = [f.result() for f in earlier]
    lead = earlier_lead(problem.calendar.start, problem.calendar.workweek,
                        [day for r in rosters for day in r.days] + list(past_days))
    cells = earlier_cells(problem.employees, [r.wfh.entries for r in rosters] + [entries], lead)
    return replace(problem, earlier=cells, earlier_days=lead)


def _solved(problem: Problem, options: SolveOptions, relax: bool = False,
            progress: Progress | None = None, stop: StopSignal | None = None,
            roster_sheet: str = "Jadwal") -> SolvedResult:
    """The problem solved (or, with `relax`, as little broken as can be proven); pins that
    break a rule, or rules that clash, raise `PolicyInfeasible` unit by unit."""
    try:
        if not relax and (reasons := check_pins(problem)):
            raise PolicyInfeasible(reasons)  # explained below, unit by unit
        if relax:
            from wfh_solver.relax import solve_relaxed

            return solve_relaxed(problem, options, progress, stop, sheet=roster_sheet)
        return solve_problem(problem, options, progress, stop)
    except PolicyInfeasible as error:  # say which units clash, each with a minimal clash
        from wfh_solver.explain import explained  # only a run that cannot be solved needs it

        raise explained(problem, error) from None


@dataclass(frozen=True, slots=True)
class Result(SolvedResult):
    """A solved roster that writes and draws itself: what `wfh.solve` returns.

    Everything `wfh_solver.solve.result.Result` holds (status, levels, roster, warnings),
    and the files it was read from (`inputs`), which no output may replace.
    """

    inputs: tuple[Path, ...] = ()

    @classmethod
    def of(cls, result: SolvedResult, inputs: Sequence[str | Path] = ()) -> Result:
        """`result` with its writers and charts (`inputs`: files no output may replace)."""
        values = {f.name: getattr(result, f.name) for f in fields(SolvedResult)}
        return cls(**values, inputs=tuple(Path(p) for p in inputs))

    def to_excel(self, path: str | Path, lang: str = "id", *, per_unit: str | Path | None = None,
                 pdf: str | Path | None = None, overwrite: bool = False) -> Path:
        """The roster workbook (Jadwal, Rekap Unit, Ringkasan …) at `path` (`.xlsx`), as
        `wfh-solver solve -o` writes it: planned first (no input is replaced, nor a file
        wfh-solver did not make unless `overwrite`), then written all or nothing.
        `per_unit`/`pdf`: also each unit's printable workbook / PDF in those folders."""
        return self._write(path, ".xlsx", lang, per_unit, pdf, overwrite)

    def to_csv(self, path: str | Path, *, overwrite: bool = False) -> Path:
        """The roster in the long CSV layout (one line per person and day) at `path`."""
        return self._write(path, ".csv", "id", None, None, overwrite)

    def _write(self, path: str | Path, suffix: str, lang: str, per_unit: str | Path | None,
               pdf: str | Path | None, overwrite: bool) -> Path:
        from wfh_solver.write import write_outputs

        target = Path(path)
        if target.suffix.lower() != suffix:
            raise ValueError(f"{target.name}: expected a {suffix} file")
        write_outputs(self, list(self.inputs), target, lang=lang, overwrite=overwrite,
                      per_unit=Path(per_unit) if per_unit is not None else None,
                      pdf=Path(pdf) if pdf is not None else None)
        return target

    @property
    def plot(self) -> Charts:
        """The roster's charts: `presence()`, `wfh_days()`, `heatmap()` return matplotlib
        figures (`lang="en"` for English); `save(folder)` writes them all as PNG and SVG."""
        from wfh_solver.write.charts import Charts

        return Charts(self)


def _day(value: date | str | None) -> date | None:
    """A date given as a date or as `"2020-07-01"`."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r}: expected a date like 2020-07-01") from None


def solve(staff: str | Path | Staff | tuple[Employee, ...], scenario: str | Path | Scenario, *,
          start: date | str | None = None, end: date | str | None = None,
          previous: Sequence[str | Path] = (), pins: str | Path | None = None,
          workweek: str | None = None, time_limit: float = 60.0, seed: int = 0,
          workers: int = 0, relax: bool = False, sheet: str | None = None,
          column_map: dict[str, str] | None = None, replan: str | Path | None = None,
          replan_from: date | str | None = None) -> Result:
    """A roster for `staff` (a staff list file, or `read_employees`' result) under a circular
    (a bundled name like `"jateng-2020"`, a TOML path, or a `Scenario`), over its period or
    `start`–`end` (dates or `"2020-07-01"`): what `wfh-solver solve` does.

    `previous`: earlier rosters whose WFH days fairness counts in; `pins`: a roster whose
    filled cells HR has decided; `relax`: rules may give, as little as can be proven.
    `replan`, `replan_from`: a published roster kept before that day and changed from it
    in as few cells as the rules allow (a staff list file only).
    A policy that cannot hold raises `PolicyInfeasible` naming the clashing rules.

    >>> import wfh_solver as wfh
    >>> result = wfh.solve(wfh.sample_staff("staf.xlsx", size=100), "kebumen-2020")
    >>> result.is_optimal, result.calendar.start
    (True, datetime.date(2020, 3, 26))
    """
    first, last = _day(start), _day(end)
    if isinstance(staff, str | Path):
        result = plan(staff, scenario, start=first, end=last, workweek=workweek,
                      time_limit=time_limit, seed=seed, workers=workers, sheet=sheet,
                      column_map=column_map, relax=relax, previous=list(previous), pin=pins,
                      replan=replan, replan_from=_day(replan_from))
        return Result.of(result, [staff, *previous, *([pins] if pins is not None else []),
                                  *([replan] if replan is not None else [])])
    if replan is not None:
        raise ValueError("replan: give the staff list as a file name (the published roster "
                         "is matched to it by NIP)")
    problem = with_history(make_problem(staff, scenario, first, last, workweek), list(previous))
    if pins is not None:
        problem = with_pins(problem, pins, check=False)
    result = _solved(problem, SolveOptions(time_limit, seed, workers), relax)
    return Result.of(result, [*previous, *([pins] if pins is not None else [])])

"""Problem → Result: solve every component, lay the days out, report honestly."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager

import numpy as np

from wfh_solver.base.messages import t
from wfh_solver.base.signals import raise_if_stopped
from wfh_solver.model.cpsat import (
    LEVELS,
    REPLAN_LEVELS,
    WALL_SAFETY_FACTOR,
    WALL_SAFETY_SECONDS,
    ComponentSolution,
    SolveOptions,
    StopSignal,
    model_size,
    share_budget,
    solve_component,
)
from wfh_solver.model.groups import (
    Component,
    Group,
    components,
    day_blocks,
    laminar_order,
    make_groups,
)
from wfh_solver.model.layout import lay_out
from wfh_solver.model.replan import forced_changes
from wfh_solver.model.teams import Teams, keep_better, team_names
from wfh_solver.policy.problem import FIXED_WFO, FREE, PRESENT, PolicyInfeasible, Problem
from wfh_solver.policy.wording import describe_rule
from wfh_solver.solve.result import (
    AppliedRule,
    LevelResult,
    Result,
    Roster,
    RuleCount,
    Status,
    TeamReport,
)

Progress = Callable[[str, int, int], None]


def solve(problem: Problem, options: SolveOptions | None = None,
          progress: Progress | None = None, stop: StopSignal | None = None) -> Result:
    """The proven-optimal roster (or the best found, with its gap) for a problem.

    `stop` lets a caller (a notebook, a service) end the search early; Ctrl-C does the
    same when solving in the main thread.
    """
    raise_if_stopped()  # a Ctrl-C during start-up that a library's import swallowed
    options = options or SolveOptions()
    started = time.perf_counter()
    deadline = time.monotonic() + options.time_limit * WALL_SAFETY_FACTOR + WALL_SAFETY_SECONDS
    groups, sets = make_groups(problem)
    parts = components(groups, sets)
    days = problem.n_days
    office = np.zeros((len(problem.employees), days), dtype=bool)
    office[problem.fixed == FIXED_WFO, :] = True
    tim = Teams(problem.employees) if options.teams or problem.scenario.rotation == "tim" \
        else None
    plain = office.copy() if tim is not None else None
    plain_cursor = 0
    replanning = problem.published is not None
    names = REPLAN_LEVELS if replanning else LEVELS
    totals = [LevelTotals() for _ in names]
    if replanning:  # cells no roster can keep: the changes level's constant
        forced = int(forced_changes(problem).sum())
        totals[0].add(forced, forced, True, 0.0)
    intent = problem.scenario.intent
    if intent == "wfh_target" and not problem.targets:
        intent = "max_wfh"
    if intent == "wfh_target":  # a target whose members are all fixed misses by a constant
        constant = sum(sum(abs(x) for x in cs.target_office) for cs in sets
                       if cs.target_office is not None and not cs.groups)
        totals[names.index("intent")].add(constant, constant, True, 0.0)
    cursor = 0
    stop = stop or StopSignal()
    orders = [laminar_order(comp, groups) for comp in parts]
    blocks = [day_blocks(comp, groups, days, order is not None)
              for comp, order in zip(parts, orders, strict=True)]
    # Components are independent: solve them side by side, one CP-SAT thread each, each
    # within a deterministic budget shared out now. Each result depends only on its
    # component, its budget and the seed: the roster is the same whatever the thread
    # timing, the machine or `workers`, also when the time limit binds.
    budgets = share_budget([model_size(comp, b) for comp, b in zip(parts, blocks, strict=True)],
                           options.time_limit)
    wanted = options.workers or (os.cpu_count() or 1)
    threads = max(1, min(wanted, len(parts)))
    done = 0

    def run(k: int) -> ComponentSolution:
        return solve_component(parts[k], groups, days, blocks[k], intent, options, budgets[k],
                               deadline, stop.requested, stop, replanning)

    with _signals_stop(stop), ThreadPoolExecutor(threads) as pool:
        futures = [pool.submit(run, k) for k in range(len(parts))]
        for future in as_completed(futures):
            future.result()
            done += 1
            if progress is not None:
                progress("solve", done, len(parts))
        solutions = [f.result() for f in futures]
    for comp, order, solution in zip(parts, orders, solutions, strict=True):
        if not solution.feasible:
            raise PolicyInfeasible(explain_infeasible(problem, comp, groups))
        if not solution.office:
            raise TimeoutError(t("timeout"))
        for level, outcome in zip(totals, solution.levels, strict=True):
            level.add(outcome.objective, outcome.bound, outcome.optimal, outcome.seconds)
        arrange = None
        if tim is not None and plain is not None:  # and the ordinary layout, to compare
            plain_cursor = lay_out(plain, groups, order or comp.groups, solution.office,
                                   solution.blocks, plain_cursor)
            if order is not None:  # otherwise every day is its own block: nothing to move
                arrange = tim.arranger(groups, order, comp.sets)
        cursor = lay_out(office, groups, order or comp.groups, solution.office, solution.blocks,
                         cursor, arrange)
    if days == 0:
        office = np.zeros((len(problem.employees), 0), dtype=bool)
        plain = None if plain is None else office.copy()
    if problem.absent is not None:
        office[problem.absent != PRESENT] = False  # leave and travel win over any pin
        if plain is not None:
            plain[problem.absent != PRESENT] = False
    teams = None
    if plain is not None:
        met, met_plain = keep_better(
            office, plain, problem.employees,
            [[i for g in comp.groups for i in groups[g].members] for comp in parts])
        teams = TeamReport(met, met_plain,
                           team_names(problem.employees, office, problem.fixed == FREE))
    levels = tuple(
        LevelResult(name, t(f"level_{name}"), total.objective, total.bound,
                    Status.OPTIMAL if total.optimal else Status.FEASIBLE, total.seconds)
        for name, total in zip(names, totals, strict=True))
    status = Status.OPTIMAL if all(total.optimal for total in totals) else Status.FEASIBLE
    roster = Roster(problem.employees, problem.calendar.days, office, problem.absent)
    switches, bound = count_switches(office, problem.absent)
    return Result(
        scenario_name=problem.scenario.name,
        scenario_title=problem.scenario.title,
        source=problem.scenario.source,
        calendar=problem.calendar,
        roster=roster,
        status=status,
        levels=levels,
        rule_counts=_rule_counts(problem),
        applied_rules=_applied_rules(problem),
        warnings=problem.warnings,
        choices=problem.choices,
        solve_seconds=time.perf_counter() - started,
        switches=switches,
        switches_bound=bound,
        interrupted=stop.requested,
        stop_signal=stop.signal,
        reference=problem.scenario.reference,
        extra={t("extra_groups"): str(len(groups)), t("extra_components"): str(len(parts)),
               t("extra_blocks"): str(sum(len(b) for b in blocks)),
               **({t("extra_history"): str(int(problem.history.sum()))}
                  if problem.history is not None else {}),
               **({t("extra_pins"): str(int(np.count_nonzero(problem.pins)))}
                  if problem.pins is not None else {})},
        pinned_by=problem.fixed_by,
        history=problem.history,
        vulnerable=problem.vulnerable,
        notes=problem.notes,
        teams=teams,
    )


@contextmanager
def _signals_stop(stop: StopSignal) -> Iterator[None]:
    """While solving, Ctrl-C or SIGTERM stops the search and keeps the best roster so far."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    # A signal ignored by whoever started us stays ignored: a batch worker is started
    # deaf (`signals.children_deaf`), and its parent alone decides when it ends.
    wanted = [s for s in (signal.SIGINT, signal.SIGTERM)
              if signal.getsignal(s) != signal.SIG_IGN]
    previous = {signum: signal.getsignal(signum) for signum in wanted}
    for signum in wanted:
        signal.signal(signum, lambda number, frame: stop.stop(number))
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


class LevelTotals:
    def __init__(self) -> None:
        self.objective = 0
        self.bound = 0
        self.optimal = True
        self.seconds = 0.0

    def add(self, objective: int, bound: int, optimal: bool, seconds: float) -> None:
        self.objective += objective
        self.bound += bound
        self.optimal &= optimal
        self.seconds += seconds


def count_switches(office: np.ndarray,
                   absent: np.ndarray | None = None) -> tuple[int, int]:
    """Changes between WFO and WFH per person over the days they are present, and the
    lower bound (one per person with both WFO and WFH days)."""
    if office.shape[1] < 2:
        return 0, 0
    away = np.zeros(office.shape, dtype=bool) if absent is None else absent != PRESENT
    plain = ~away.any(axis=1)
    changes = int(np.count_nonzero(office[plain, 1:] != office[plain, :-1]))
    for i in np.flatnonzero(~plain):
        seen = office[i, ~away[i]]
        changes += int(np.count_nonzero(seen[1:] != seen[:-1]))
    wfo = (office & ~away).sum(axis=1)
    wfh = (~office & ~away).sum(axis=1)
    return changes, int(np.count_nonzero((wfo > 0) & (wfh > 0)))


def _rule_counts(problem: Problem) -> tuple[RuleCount, ...]:
    counts = [RuleCount(r.rule, r.kind, r.unit, r.sub_unit, r.members, r.minimum, r.maximum,
                        daily_minimum=r.daily_minimum, daily_maximum=r.daily_maximum)
              for r in problem.requirements]
    counts += [RuleCount(t.rule, "wfh_share_target", t.unit, "", t.members, None, None,
                         t.target) for t in problem.targets]
    return tuple(counts)


def _applied_rules(problem: Problem) -> tuple[AppliedRule, ...]:
    applied = []
    for rule in problem.scenario.rules:
        fixed = sum(1 for reason in problem.fixed_by if reason == rule.name)
        scoped = sum(len(r.members) for r in problem.requirements if r.rule == rule.name)
        scoped += sum(len(t.members) for t in problem.targets if t.rule == rule.name)
        scoped += sum(len(p.members) for p in problem.person_rules if p.rule == rule.name)
        description = describe_rule(rule)
        applied.append(AppliedRule(rule.name, rule.kind, description, fixed or scoped))
    return tuple(applied)


def _days_text(problem: Problem, days: list[int]) -> str:
    if len(days) == problem.n_days:
        return t("every_working_day")
    return ", ".join(problem.calendar.days[d].strftime("%d/%m/%Y") for d in days)


def explain_infeasible(problem: Problem, comp: Component, groups: list[Group]) -> list[str]:
    """Which rules of which unit clash, in HR words."""
    units = sorted({groups[g].unit for g in comp.groups})
    reasons = []
    for unit in units:
        reqs = [r for r in problem.requirements if r.unit in (unit, "")]
        caps = [r for r in reqs if r.maximum is not None]
        mins = [r for r in reqs if r.minimum > 0 and r.maximum is None]
        for cap in caps:
            inside = [r for r in mins if set(r.members) <= set(cap.members)]
            needs = [sum(r.minimum_on(d) for r in inside) for d in range(problem.n_days)]
            short = [d for d, need in enumerate(needs) if need > (cap.maximum_on(d) or 0)]
            if short:
                others = ", ".join(sorted({repr(r.rule) for r in inside}))
                reasons.append(t("cap_clash", unit=unit, rule=cap.rule, maximum=cap.maximum,
                                 others=others, need=max(needs),
                                 days=_days_text(problem, short)))
    if not reasons:
        names = ", ".join(units[:5]) + (" …" if len(units) > 5 else "")
        reasons.append(t("generic_clash", units=names))
    return reasons

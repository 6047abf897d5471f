"""Rules → CP-SAT over groups, solved level by level (lexicographic).

Variables are office-day counts per group and *slot*. When the rule sets of a
component are laminar, one slot stands for the whole period (the day index is
projected out: a wrap-around layout realises any totals that meet the rule sums
times the number of days). Otherwise there is one slot per day. The same
constraint functions serve both; each slot is a block of interchangeable days
(see `groups.day_blocks`) and stands for as many days as the block has.

Levels, each proven optimal before it is fixed:
  intent      as many at home as the rules allow, or the WFH target hit each day
  vulnerable  vulnerable staff get WFH first
  fairness    per unit, the spread of office days among free staff is minimal
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from wfh_solver.model import perday, pins
from wfh_solver.model.groups import Component, Group

LEVELS: tuple[str, ...] = ("intent", "vulnerable", "fairness")


#: A run stops on the wall clock only past this multiple of its time limit (plus a few
#: seconds): a safety net for a machine far slower than CP-SAT's deterministic clock
#: assumes. Before that, only deterministic budgets stop a search.
WALL_SAFETY_FACTOR, WALL_SAFETY_SECONDS = 3.0, 5.0


@dataclass(slots=True)
class SolveOptions:
    """`time_limit` is a budget in CP-SAT's *deterministic* seconds, shared out over the
    components before solving (`share_budget`), so a time-limited roster is the same on
    any machine and with any `workers`. `workers=0` (auto) solves components side by
    side on every core; each CP-SAT search is single-threaded whatever `workers` says,
    because a search's result depends on its thread count."""

    time_limit: float = 60.0
    seed: int = 0
    workers: int = 0


def share_budget(sizes: list[int], total: float) -> list[float]:
    """Each component's deterministic budget, in proportion to its model size.

    Decided before any search, from the components alone, so it cannot depend on
    which thread finishes first. A floor (a hundredth of a deterministic second, or
    the whole budget when smaller) keeps a tiny component from being starved by a
    huge one; tiny models prove optimality far below it.
    """
    weight = sum(sizes)
    floor = min(total, 0.01)
    if weight == 0:
        return [floor] * len(sizes)
    return [max(floor, total * size / weight) for size in sizes]


class StopSignal:
    """Ctrl-C or SIGTERM during a long solve: stop the running searches, keep their best.

    `signal` is the number of the signal that asked (0 when a caller stopped it).

    `on_level(level, objective, bound)` hears each level of each component as it is
    proven, from the solving threads: a web page shows it as live progress.
    """

    def __init__(self, on_level: Callable[[str, int, int], None] | None = None) -> None:
        self.requested = False
        self.signal = 0
        self.solvers: set[cp_model.CpSolver] = set()
        self._lock = threading.Lock()
        self.on_level = on_level

    def stop(self, signal: int = 0) -> None:
        with self._lock:
            self.requested = True
            self.signal = self.signal or signal
            running = list(self.solvers)
        for solver in running:
            solver.stop_search()

    def attach(self, solver: cp_model.CpSolver) -> None:
        """Register a solver about to search; one registered after a stop gets no time."""
        with self._lock:
            self.solvers.add(solver)
            if self.requested:
                solver.parameters.max_time_in_seconds = 0.01

    def detach(self, solver: cp_model.CpSolver) -> None:
        with self._lock:
            self.solvers.discard(solver)


@dataclass(slots=True)
class LevelOutcome:
    objective: int = 0
    bound: int = 0
    optimal: bool = True
    seconds: float = 0.0


@dataclass(slots=True)
class ComponentSolution:
    office: dict[int, list[int]]  # group -> office-days per block
    blocks: list[list[int]]
    levels: list[LevelOutcome] = field(default_factory=list)
    feasible: bool = True


class _Model:
    def __init__(self, comp: Component, groups: list[Group], days: int,
                 blocks: list[list[int]]) -> None:
        self.comp, self.groups, self.days, self.blocks = comp, groups, days, blocks
        self.slots = len(blocks)
        self.m = cp_model.CpModel()
        self.x = {g: [self.m.new_int_var(*pins.office_range(groups[g], blocks[s],
                                                            self._capacity(groups[g], s)),
                                         f"office[g{g},s{s}]")
                      for s in range(self.slots)] for g in comp.groups}
        self.total = {g: sum(self.x[g]) for g in comp.groups}
        self.wfh = {g: groups[g].size * groups[g].present_days(days) - self.total[g]
                    for g in comp.groups}
        self.objectives: list[cp_model.LinearExprT] = []

    def _capacity(self, group: Group, slot: int) -> int:
        """Office-days a group can give in a block: nobody on leave or travel works."""
        if group.present is not None and not group.present[self.blocks[slot][0]]:
            return 0
        return group.size * len(self.blocks[slot])

    def add_count_rules(self) -> None:
        """Each requirement per slot: minimum ≤ fixed + free office ≤ maximum."""
        for cs in self.comp.sets:
            if cs.target_office is not None:
                continue
            for s, block in enumerate(self.blocks):
                free = sum(self.x[g][s] for g in cs.groups)
                d, mult = block[0], len(block)
                need = max(0, cs.minimum[d] - cs.fixed_in_office[d]) * mult
                if need:
                    self.m.add(free >= need).with_name(f"min[{cs.label}|{cs.unit}|s{s}]")
                if cs.maximum is not None:
                    cap = max(0, cs.maximum[d] - cs.fixed_in_office[d]) * mult
                    self.m.add(free <= cap).with_name(f"max[{cs.label}|{cs.unit}|s{s}]")

    def add_group_fairness(self) -> None:
        """Hard: staff of one unit, sub-unit, category and flags differ by ≤ 1 day."""
        classes: dict[tuple[object, ...], list[int]] = {}
        for g in self.comp.groups:
            classes.setdefault(self.groups[g].fairness_class, []).append(g)
        for key, members in classes.items():
            if len(members) == 1:
                continue  # one group: its members get floor/ceil(total/size) already
            low = self.m.new_int_var(0, self.days, f"class_low[{key}]")
            for g in members:
                size = self.groups[g].size
                self.m.add(self.total[g] >= size * low)
                self.m.add(self.total[g] <= size * (low + 1))

    def intent_terms(self, intent: str) -> list[cp_model.LinearExprT]:
        """Per slot: office-days; under a WFH target, its deviation instead for its
        members; under `max_wfo` (national caps: keep services running) the WFH-days.
        The level's objective is their sum (see `perday`: each slot bounded alone)."""
        if intent == "max_wfo":
            return [sum(self._capacity(self.groups[g], s) - self.x[g][s]
                        for g in self.comp.groups) for s in range(self.slots)]
        use_targets = intent == "wfh_target"
        targets = [cs for cs in self.comp.sets if cs.target_office is not None]
        parts: list[list[cp_model.LinearExprT]] = [
            [self.x[g][s] for g in self.comp.groups
             if not (use_targets and self.groups[g].in_target)] for s in range(self.slots)]
        if use_targets and targets:
            for cs in targets:
                assert cs.target_office is not None
                for s, block in enumerate(self.blocks):
                    free = sum(self.x[g][s] for g in cs.groups)
                    wanted = cs.target_office[block[0]] * len(block)
                    bound = sum(self.groups[g].size for g in cs.groups) * len(block) + abs(wanted)
                    dev = self.m.new_int_var(0, bound, f"dev[{cs.label}|s{s}]")
                    self.m.add(dev >= free - wanted)
                    self.m.add(dev >= wanted - free)
                    parts[s].append(dev)
        return [sum(p) for p in parts]

    def intent_objective(self, intent: str) -> cp_model.LinearExprT:
        return sum(self.intent_terms(intent))

    def vulnerable_terms(self) -> list[cp_model.LinearExprT]:
        """Per slot, the office-days of vulnerable free staff."""
        return [sum(self.x[g][s] for g in self.comp.groups if self.groups[g].vulnerable)
                for s in range(self.slots)]

    def vulnerable_objective(self) -> cp_model.LinearExprT:
        return sum(self.vulnerable_terms())

    def fairness_objective(self) -> cp_model.LinearExprT:
        """Per unit, the spread of WFH days (days present and not in office) of free staff,
        counted over the whole history: earlier periods' WFH days plus this one's."""
        units: dict[str, list[int]] = {}
        for g in self.comp.groups:
            units.setdefault(self.groups[g].unit, []).append(g)
        top = self.days + max((self.groups[g].history for g in self.comp.groups), default=0)
        spreads = []
        for unit, members in units.items():
            low = self.m.new_int_var(0, top, f"unit_low[{unit}]")
            high = self.m.new_int_var(0, top, f"unit_high[{unit}]")
            for g in members:
                size = self.groups[g].size
                cumulative = self.wfh[g] + size * self.groups[g].history
                self.m.add(cumulative >= size * low)
                self.m.add(cumulative <= size * high)
            spreads.append(high - low)
        return sum(spreads)


def model_size(comp: Component, blocks: list[list[int]]) -> int:
    """Variables and count constraints of a component's model: its share of the budget."""
    return (len(comp.groups) + len(comp.sets)) * len(blocks)


def solve_component(comp: Component, groups: list[Group], days: int, blocks: list[list[int]],
                    intent: str, options: SolveOptions, budget: float, deadline: float,
                    hurry: bool = False, stop: StopSignal | None = None) -> ComponentSolution:
    """Solve the levels in turn within `budget` deterministic seconds (each level gets what
    the earlier ones left); in a hurry (Ctrl-C) take the first roster found.

    `deadline` (wall clock) is only a safety net, far beyond the budget. A hurried or
    out-of-budget level reports the trivial bound 0, so the summary never calls it
    optimal.
    """
    model = _Model(comp, groups, days, blocks)
    model.add_count_rules()
    model.add_group_fairness()
    separable = [model.intent_terms(intent), model.vulnerable_terms()]
    objectives = [sum(terms) for terms in separable] + [model.fairness_objective()]
    solver = _solver(options)
    outcome = ComponentSolution({}, blocks)
    if hurry:
        return _first_solution(model, solver, objectives, outcome)
    used = 0.0
    fixed: list[list[int] | None] = []
    for level, objective in enumerate(objectives):
        started = time.perf_counter()
        if isinstance(objective, int):  # an empty sum: nothing to optimise at this level
            outcome.levels.append(LevelOutcome(objective, objective, True, 0.0))
            fixed.append(None)
            continue
        lower = None
        if level < len(separable) and len(blocks) > 1:
            found = perday.block_bounds(
                lambda s: _block_model(comp, groups, days, blocks[s], intent), len(blocks),
                level, fixed, solver, budget - used)
            if found is None:
                outcome.feasible = False
                return outcome
            used += found.used
            lower = found.lower
            for term, least in zip(separable[level], lower, strict=True):
                if not isinstance(term, int):
                    model.m.add(term >= least)
            _hint_blocks(model, found.office)
        model.m.minimize(objective)
        solver.parameters.max_deterministic_time = max(0.0, budget - used)
        solver.parameters.max_time_in_seconds = max(0.05, deadline - time.monotonic())
        if stop is not None:
            stop.attach(solver)
        try:
            status = solver.solve(model.m)
        finally:
            if stop is not None:
                stop.detach(solver)
        used += solver.response_proto.deterministic_time
        seconds = time.perf_counter() - started
        if stop is not None and stop.requested and status == cp_model.FEASIBLE:
            outcome.levels.append(LevelOutcome(round(solver.objective_value),
                                               round(solver.best_objective_bound), False,
                                               seconds))
            return _evaluate_rest(model, solver, objectives, outcome)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            if status == cp_model.INFEASIBLE:
                outcome.feasible = False
                return outcome
            return _first_solution(model, _solver(options), objectives, outcome)
        value = round(solver.objective_value)
        bound = round(solver.best_objective_bound)
        proven = status == cp_model.OPTIMAL
        if lower is not None and value == sum(lower):
            # Every optimum meets each block's bound exactly: fix the level block by block.
            proven, bound = True, value
            for term, least in zip(separable[level], lower, strict=True):
                if not isinstance(term, int):
                    model.m.add(term == least)
        fixed.append(lower if lower is not None and value == sum(lower) else None)
        outcome.levels.append(LevelOutcome(value, bound, proven, seconds))
        if stop is not None and stop.on_level is not None:
            stop.on_level(LEVELS[len(outcome.levels) - 1], value, bound)
        # Fixed block by block already, the level needs no long sum constraint, whose
        # presolve (dominance, dual strengthening) costs seconds on a big component.
        _hint_and_fix(model, solver, objective if fixed[-1] is None else 0, value)
    outcome.office = {g: [int(solver.value(v)) for v in model.x[g]] for g in comp.groups}
    return outcome


def _block_model(comp: Component, groups: list[Group], days: int, block: list[int],
                 intent: str) -> perday.BlockModel:
    """One block alone: its count rules and its terms of the separable levels."""
    alone = _Model(comp, groups, days, [block])
    alone.add_count_rules()
    terms = [alone.intent_terms(intent)[0], alone.vulnerable_terms()[0]]
    return alone.m, terms, {g: xs[0] for g, xs in alone.x.items()}


def _hint_blocks(model: _Model, office: list[dict[int, int] | None]) -> None:
    """Warm-start from the block solutions: where they also keep the fairness classes,
    they are an optimum, and the search only has to confirm it."""
    if any(values is None for values in office):
        return
    model.m.clear_hints()
    for s, values in enumerate(office):
        assert values is not None
        for g, value in values.items():
            model.m.add_hint(model.x[g][s], value)


def _solver(options: SolveOptions) -> cp_model.CpSolver:
    """One search thread: with it and a deterministic limit, the search is repeatable."""
    solver = cp_model.CpSolver()
    solver.parameters.random_seed = options.seed
    solver.parameters.num_workers = 1
    # OR-Tools' own SIGINT handler aborts the process when several searches run in
    # threads; signals are ours to route (see solve._signals_stop).
    solver.parameters.catch_sigint_signal = False
    # The LP relaxation of the per-day covering rules is nearly tight; with the full
    # linearisation one thread proves what the default search could not (a 90-staff,
    # 19-day month with leave: OPTIMAL in 0.1 s against a 20% gap after 5 s).
    solver.parameters.linearization_level = 2
    return solver


def _first_solution(model: _Model, solver: cp_model.CpSolver,
                    objectives: list[cp_model.LinearExprT],
                    outcome: ComponentSolution) -> ComponentSolution:
    """Any roster that meets the hard rules, found fast, for a run out of time."""
    started = time.perf_counter()
    model.m.clear_objective()
    solver.parameters.stop_after_first_solution = True
    solver.parameters.max_time_in_seconds = 30.0
    status = solver.solve(model.m)
    if status == cp_model.INFEASIBLE:
        outcome.feasible = False
        return outcome
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return outcome  # nothing found: the caller reports the time limit
    return _evaluate_rest(model, solver, objectives, outcome, time.perf_counter() - started)


def _evaluate_rest(model: _Model, solver: cp_model.CpSolver,
                   objectives: list[cp_model.LinearExprT], outcome: ComponentSolution,
                   seconds: float = 0.0) -> ComponentSolution:
    """Levels not optimised get their value in this solution and the trivial bound 0."""
    for objective in objectives[len(outcome.levels):]:
        value = objective if isinstance(objective, int) else int(solver.value(objective))
        outcome.levels.append(LevelOutcome(value, 0, value == 0, seconds))
    outcome.office = {g: [int(solver.value(v)) for v in model.x[g]] for g in model.comp.groups}
    return outcome


def _hint_and_fix(model: _Model, solver: cp_model.CpSolver, objective: cp_model.LinearExprT,
                  value: int) -> None:
    """Fix this level at its value and warm-start the next level from this solution."""
    if not isinstance(objective, int):
        model.m.add(objective <= value)
    model.m.clear_hints()
    for vars_ in model.x.values():
        for v in vars_:
            model.m.add_hint(v, solver.value(v))

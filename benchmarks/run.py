"""`python -m benchmarks.run`: our pipeline, the floor and the peers on the same instances.

For every instance (a cached `wfh-solver sample` file × a scenario × 10 or 22 working days
of July 2020 × a family: plain, leave, leave5, pins, history — see `instances.FAMILIES`),
each in a fresh subprocess, one after another:

* ours: read → build → solve → styled xlsx (what `wfh-solver solve` runs), phase times,
  peak memory, status, objective and proven bound per level, and a check of the roster;
* the floor: python-calamine read + XlsxWriter writing the same roster cells unstyled;
* the peers: per-employee CP-SAT (lexicographic and weighted) and the per-employee HiGHS
  MIP, each with a time limit; a peer whose model build alone outlasts that limit, or whose
  memory passes the cap, is stopped, and not tried on larger instances.

Prints markdown tables (machine, ours, peers, scaling, targets) and writes the JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import report
from benchmarks.instances import (
    CACHE,
    FAMILIES,
    PERIODS,
    ROOT,
    Family,
    Instance,
    derived_files,
    sample_file,
)
from benchmarks.machine import describe
from benchmarks.proc import ChildRun, Watch, run_child

Record = dict[str, Any]

DEFAULT_SIZES = (1_000, 10_000, 60_000)
DEFAULT_DAYS = (10, 22)
DEFAULT_SCENARIOS = ("jateng-2020", "sragen-2020")
PEERS = ("cpsat-lex", "cpsat-weighted", "highs")
FAMILY = {"cpsat-lex": "cpsat", "cpsat-weighted": "cpsat", "highs": "highs"}
DEFAULT_FAMILIES = ("plain",)
SMOKE_SIZE, SMOKE_DAYS, SMOKE_SCENARIO, SMOKE_PEER_LIMIT = 300, 10, "sragen-2020", 5.0
#: The smoke run covers one tiny instance of each family with absences, pins, history.
SMOKE_FAMILIES = ("plain", "leave", "pins", "history")
README = Path(__file__).resolve().parent / "README.md"
BEGIN, END = "<!-- results:begin -->", "<!-- results:end -->"
#: Slack past a peer's time limit before it counts as overrunning (final solution read-out).
PEER_GRACE = 30.0
#: Our solver stops itself at its time limit; this only guards against a hang.
OURS_SLACK = 1800.0

OURS_FIELDS = ("outcome", "reason", "employees", "n_days", "import_seconds", "read_seconds",
               "build_seconds", "solve_seconds", "write_seconds", "total_seconds",
               "peak_rss_bytes", "output_bytes", "status", "levels", "groups", "components",
               "warnings", "check", "contacts")
FLOOR_FIELDS = ("outcome", "reason", "import_seconds", "read_seconds", "write_seconds",
                "total_seconds", "peak_rss_bytes", "input_rows", "rows_written", "output_bytes")
PEER_FIELDS = ("outcome", "reason", "time_limit", "build_cap", "import_seconds",
               "problem_seconds", "build_seconds", "solve_seconds", "total_seconds",
               "problem_rss_bytes", "built_rss_bytes", "peak_rss_bytes", "status", "levels",
               "speedup", "speedup_is_lower_bound", "speedup_end_to_end", "agrees", "kill")


def _blank(fields: tuple[str, ...], **values: Any) -> Record:
    record: Record = dict.fromkeys(fields)
    record.update(values)
    return record


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _job(instance: Instance, **extra: Any) -> Record:
    return {"input": str(instance.input), "scenario": instance.scenario,
            "start": instance.start.isoformat(), "end": instance.end.isoformat(),
            "days": instance.days, "pin": None if instance.pin is None else str(instance.pin),
            "previous": [str(p) for p in instance.previous],
            **({"rotation": True} if instance.family.rotation else {}), **extra}


def _failure(run: ChildRun) -> str:
    if run.killed:
        return run.killed
    lines = [line for line in run.stderr_tail.strip().splitlines() if line.strip()]
    return f"exit {run.returncode}: {lines[-1] if lines else 'no message'}"


def measure_ours(instance: Instance, work: Path, time_limit: float, workers: int,
                 seed: int, teams: bool = False) -> Record:
    job = _job(instance, time_limit=time_limit, workers=workers, seed=seed, teams=teams,
               output=str(work / f"{instance.slug}.xlsx"),
               office=str(work / f"{instance.slug}.npy"))
    run = run_child("ours", job, time_limit + OURS_SLACK)
    if run.result is None:
        return _blank(OURS_FIELDS, outcome="error", reason=_failure(run),
                      peak_rss_bytes=run.peak_rss_bytes)
    record = _blank(OURS_FIELDS, outcome="ran", **run.result)
    record["process_peak_rss_bytes"] = run.peak_rss_bytes  # including the untimed check
    return record


def measure_floor(instance: Instance, work: Path) -> Record:
    job = _job(instance, output=str(work / f"{instance.slug}-floor.xlsx"),
               office=str(work / f"{instance.slug}.npy"))
    run = run_child("floor", job, OURS_SLACK)
    if run.result is None:
        return _blank(FLOOR_FIELDS, outcome="error", reason=_failure(run))
    return _blank(FLOOR_FIELDS, outcome="ran", **run.result)


def _peer_watch(limit: float, build_cap: float,
                memory_cap: int) -> Callable[[Watch], str | None]:
    def watch(seen: Watch) -> str | None:
        if seen.rss_bytes > memory_cap:
            return (f"memory {report.mib(seen.rss_bytes)} MiB passed the "
                    f"{report.mib(memory_cap)} MiB cap")
        problem = seen.events.get("problem")
        if problem is None:
            return None
        built = seen.events.get("built")
        if built is None:
            if seen.elapsed - problem[0] > build_cap:
                return f"model build alone passed the {build_cap:g} s limit"
            return None
        if seen.elapsed - built[0] > limit + PEER_GRACE:
            return f"solve overran its {limit:g} s limit by more than {PEER_GRACE:g} s"
        return None

    return watch


def measure_peer(instance: Instance, peer: str, limit: float, memory_cap: int, workers: int,
                 seed: int) -> Record:
    job = _job(instance, peer=peer, time_limit=limit, workers=workers, seed=seed)
    run = run_child("peer", job, OURS_SLACK + 3 * limit, _peer_watch(limit, limit, memory_cap))
    base = {"time_limit": limit, "build_cap": limit, "peak_rss_bytes": run.peak_rss_bytes}
    if run.result is not None:
        return _blank(PEER_FIELDS, outcome="ran", **{**run.result, **base})
    record = _blank(PEER_FIELDS, outcome="killed" if run.killed else "error",
                    reason=_failure(run), **base)
    if "problem" in run.events:
        record["problem_rss_bytes"] = run.events["problem"][1]
        if "built" in run.events:
            record["build_seconds"] = run.events["built"][0] - run.events["problem"][0]
            record["built_rss_bytes"] = run.events["built"][1]
    record["kill"] = ("memory" if "memory" in (run.killed or "") else
                      "build" if "build" in (run.killed or "") else
                      "time" if run.killed else None)
    return record


def compare(ours: Record, peer: Record) -> None:
    """Speed-up of ours over the peer, and whether their answers are consistent."""
    if ours.get("outcome") != "ran" or not ours.get("solve_seconds"):
        return
    if peer["outcome"] == "ran":
        peer_time = peer["build_seconds"] + peer["solve_seconds"]
        peer["speedup"] = peer_time / ours["solve_seconds"]
        peer["speedup_is_lower_bound"] = peer["status"] != "OPTIMAL"
        ours_end = ours["read_seconds"] + ours["build_seconds"] + ours["solve_seconds"]
        peer["speedup_end_to_end"] = (peer["problem_seconds"] + peer_time) / ours_end
        peer["agrees"] = _agrees(ours, peer)
    elif peer["outcome"] == "killed" and peer.get("kill") == "build":
        peer["speedup"] = peer["build_cap"] / ours["solve_seconds"]
        peer["speedup_is_lower_bound"] = True


def _agrees(ours: Record, peer: Record) -> bool | None:
    """Equal objectives when both proved every level; else the peer's first-level bound and
    objective must bracket our optimum."""
    mine, theirs = ours["levels"], peer["levels"]
    if ours["status"] == "OPTIMAL" and peer["status"] == "OPTIMAL":
        return [x["objective"] for x in mine] == [x["objective"] for x in theirs]
    if ours["status"] != "OPTIMAL" or theirs[0]["objective"] is None:
        return None
    best = mine[0]["objective"]
    bound = theirs[0]["bound"]
    return (bound is None or bound <= best) and best <= theirs[0]["objective"]


Failed = list[tuple[str, str, str, int, int, str]]  # family, scenario, peer kind, size, days, why


def run_instance(instance: Instance, args: argparse.Namespace, work: Path,
                 failed: Failed) -> Record:
    _log(f"[{instance.name}] ours …")
    ours = measure_ours(instance, work, args.time_limit, args.workers, args.seed, args.tim)
    _log(f"[{instance.name}] ours: {ours['outcome']} {ours.get('status')} "
         f"{report.seconds(ours.get('total_seconds'))} s; floor …")
    floor = measure_floor(instance, work)
    record: Record = {
        "name": instance.name, "slug": instance.slug, "size": instance.size,
        "days": instance.days, "scenario": instance.scenario, "input": str(instance.input),
        **instance.family.params(), "family_label": instance.family.label,
        "pin_file": None if instance.pin is None else str(instance.pin),
        "previous_files": [str(p) for p in instance.previous],
        "input_bytes": instance.input.stat().st_size, "sample_seed": instance.seed,
        "start": instance.start.isoformat(), "end": instance.end.isoformat(),
        "ours": ours, "floor": floor, "end_to_end_over_floor": None, "peers": {},
    }
    if ours["outcome"] == "ran" and floor["outcome"] == "ran" and floor["total_seconds"]:
        record["end_to_end_over_floor"] = ours["total_seconds"] / floor["total_seconds"]
    with_peers = peers_wanted(args.peers_on, instance.family.name, instance.size)
    for peer in args.peers if with_peers else []:
        family = FAMILY[peer]
        earlier = [(size, days, why) for fam_name, scenario, fam, size, days, why in failed
                   if fam_name == instance.family.name and scenario == instance.scenario
                   and fam == family and size <= instance.size and days <= instance.days]
        if earlier:
            size, days, why = earlier[0]
            result = _blank(PEER_FIELDS, outcome="skipped", time_limit=args.peer_time_limit,
                            build_cap=args.peer_time_limit,
                            reason=f"{why} at {size:,}×{days}")
            record["peers"][peer] = result
            continue
        _log(f"[{instance.name}] peer {peer} (limit {args.peer_time_limit:g} s) …")
        result = measure_peer(instance, peer, args.peer_time_limit, args.peer_memory_cap,
                              args.workers, args.seed)
        compare(ours, result)
        _log(f"[{instance.name}] peer {peer}: {result['outcome']} {result.get('status') or ''}"
             f" {result.get('reason') or ''}")
        if result.get("kill") in ("build", "memory"):
            why = ("its model build passed the time limit" if result["kill"] == "build"
                   else "its memory passed the cap")
            failed.append((instance.family.name, instance.scenario, family, instance.size,
                           instance.days, why))
        record["peers"][peer] = result
    for path in work.glob(f"{instance.slug}*"):
        path.unlink()
    return record


def _int_list(text: str) -> list[int]:
    return [int(part.replace("_", "")) for part in text.split(",") if part.strip()]


def _str_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _peers_on(text: str) -> dict[str, list[int]]:
    """`leave@1000+10000,pins@1000,plain` → {family: sizes}; no sizes means every size."""
    spec: dict[str, list[int]] = {}
    for part in _str_list(text):
        family, _, sizes = part.partition("@")
        spec[family.strip()] = _int_list(sizes.replace("+", ","))
    return spec


def peers_wanted(spec: dict[str, list[int]], family: str, size: int) -> bool:
    """Whether the peers run on this family and size (an empty spec: everywhere)."""
    if not spec:
        return True
    return family in spec and (not spec[family] or size in spec[family])


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=_int_list, default=list(DEFAULT_SIZES),
                        help="employees per instance (default 1000,10000,60000)")
    parser.add_argument("--days", type=_int_list, default=list(DEFAULT_DAYS),
                        help=f"working days, of {sorted(PERIODS)} (default 10,22)")
    parser.add_argument("--scenarios", type=_str_list, default=list(DEFAULT_SCENARIOS),
                        help="bundled scenarios (default jateng-2020,sragen-2020)")
    parser.add_argument("--families", type=_str_list, default=list(DEFAULT_FAMILIES),
                        help=f"instance families, of {', '.join(FAMILIES)} (default plain)")
    parser.add_argument("--peers-on", type=_peers_on, default={}, metavar="SPEC",
                        help="where the peers run: FAMILY or FAMILY@SIZE+SIZE, comma-separated"
                             " (e.g. leave@1000+10000,pins@1000); default everywhere")
    parser.add_argument("--peer-time-limit", type=float, default=60.0,
                        help="seconds for each peer's solve, and for its model build (60)")
    parser.add_argument("--peers", type=_str_list, default=list(PEERS),
                        help=f"which peers (default {','.join(PEERS)})")
    parser.add_argument("--no-peers", action="store_true", help="measure ours and the floor only")
    parser.add_argument("--peer-memory-cap", type=float, default=8.0,
                        help="GiB of RSS at which a peer is stopped (8)")
    parser.add_argument("--time-limit", type=float, default=120.0,
                        help="our solver's time limit, as `wfh-solver solve` (120)")
    parser.add_argument("--workers", type=int, default=0,
                        help="solver threads, ours and peers; 0 = every core (our default)")
    parser.add_argument("--seed", type=int, default=0, help="solver seed")
    parser.add_argument("--tim", action="store_true",
                        help="ours with fixed teams (`wfh-solver solve --tim`)")
    parser.add_argument("--sample-seed", type=int, default=0, help="`wfh-solver sample --seed`")
    parser.add_argument("--smoke", action="store_true",
                        help=f"{SMOKE_SIZE} employees × {SMOKE_DAYS} days of {SMOKE_SCENARIO}, "
                             f"families {','.join(SMOKE_FAMILIES)}, peers on leave at "
                             f"{SMOKE_PEER_LIMIT:g} s: a check that the harness works")
    parser.add_argument("--out", type=Path, default=None,
                        help="JSON results (default benchmarks/results.json; "
                             "benchmarks/.cache/smoke.json with --smoke)")
    parser.add_argument("--render", type=Path, default=None, metavar="JSON",
                        help="measure nothing: print the tables of an earlier run's JSON")
    parser.add_argument("--readme", action="store_true",
                        help="also put the tables into benchmarks/README.md, marking the "
                             "standard instances not in this run 'full run pending'")
    args = parser.parse_args(argv)
    if args.smoke:
        args.sizes, args.days, args.scenarios = [SMOKE_SIZE], [SMOKE_DAYS], [SMOKE_SCENARIO]
        args.peer_time_limit = SMOKE_PEER_LIMIT
        args.families = list(SMOKE_FAMILIES)
        args.peers_on = {"leave": []}
    if args.out is None:
        args.out = CACHE / "smoke.json" if args.smoke else ROOT / "benchmarks" / "results.json"
    if args.no_peers:
        args.peers = []
    unknown = [d for d in args.days if d not in PERIODS]
    if unknown:
        parser.error(f"--days: only {sorted(PERIODS)} working days are defined, not {unknown}")
    strange = [f for f in [*args.families, *args.peers_on] if f not in FAMILIES]
    if strange:
        parser.error(f"--families: unknown {strange}; choose from {', '.join(FAMILIES)}")
    bad = [p for p in args.peers if p not in PEERS]
    if bad:
        parser.error(f"--peers: unknown {bad}; choose from {', '.join(PEERS)}")
    args.peer_memory_cap = int(args.peer_memory_cap * 2**30)
    args.sizes = sorted(set(args.sizes))
    args.days = sorted(set(args.days))
    return args


def _sizes(family: Family, sizes: list[int] | tuple[int, ...]) -> list[int]:
    return [n for n in sizes if family.sizes is None or n in family.sizes]


def _pending(instances: list[Record], settings: Record) -> list[report.Key]:
    """The standard instances of the run's families and days that it did not cover."""
    done = {report.key(r) for r in instances}
    families = settings.get("families") or ["plain"]
    return [(f, n, d, s) for f in families for n in _sizes(FAMILIES[f], DEFAULT_SIZES)
            for d in settings["days"] for s in DEFAULT_SCENARIOS
            if (f, n, d, s) not in done]


def update_readme(markdown: str, path: Path = README) -> None:
    text = path.read_text()
    head, begin, rest = text.partition(BEGIN)
    _, end, tail = rest.partition(END)
    if not begin or not end:
        raise SystemExit(f"{path} has no {BEGIN} … {END} section to fill")
    path.write_text(f"{head}{BEGIN}\n{markdown}\n{END}{tail}")


def measure(args: argparse.Namespace, shown: list[str]) -> Record:
    """Every instance of the run, in order of size, and the targets."""
    started = time.monotonic()
    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    machine = describe()
    work = CACHE / "work"
    work.mkdir(parents=True, exist_ok=True)
    instances: list[Record] = []
    failed: Failed = []  # peers stopped in or by their build
    for name in args.families:
        family = FAMILIES[name]
        for size in _sizes(family, args.sizes):
            _log(f"sample of {size:,} employees ({name}) …")
            path = sample_file(size, args.sample_seed, leave_share=family.leave_share,
                               travel_share=family.travel_share)
            for days in args.days:
                for scenario in args.scenarios:
                    instance = Instance(size, days, scenario, path, args.sample_seed, family)
                    _log(f"[{instance.name}] preparing …")
                    instance = derived_files(instance, args.workers, args.time_limit)
                    instances.append(run_instance(instance, args, work, failed))
    machine["load_average_end"] = list(os.getloadavg())
    return {
        "schema": 2,
        "command": shlex.join(["python", "-m", "benchmarks.run", *shown]),
        "started_at": started_at,
        "wall_seconds": time.monotonic() - started,
        "settings": {"sizes": args.sizes, "days": args.days, "scenarios": args.scenarios,
                     "families": args.families, "peers_on": args.peers_on,
                     "peers": args.peers,
                     "peer_time_limit": args.peer_time_limit,
                     "peer_memory_cap_bytes": args.peer_memory_cap,
                     "time_limit": args.time_limit, "workers": args.workers,
                     "seed": args.seed, "sample_seed": args.sample_seed, "smoke": args.smoke},
        "machine": machine,
        "instances": instances,
        "targets": report.targets(instances),
    }


def main(argv: list[str] | None = None) -> int:
    shown = sys.argv[1:] if argv is None else argv
    args = parse(shown)
    if args.render is not None:
        run = json.loads(args.render.read_text())
        run["targets"] = report.targets(run["instances"])  # judged by today's report code
    else:
        run = measure(args, shown)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(run, indent=1, ensure_ascii=False) + "\n")
    print(report.render(run))
    if args.readme:
        update_readme(report.render(run, _pending(run["instances"], run["settings"]),
                                    list(DEFAULT_SIZES)))
    ok = all(r["ours"]["outcome"] == "ran" and r["ours"]["check"]["violations"] == 0
             and r["ours"]["check"]["levels_match"] and r["ours"]["check"].get("pins_kept", True)
             for r in run["instances"])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""`python -m benchmarks.startup`: the installed `wfh-solver solve` end to end against the floor.

The main benchmark (`benchmarks.run`) times our phases inside one process and leaves the
interpreter's start and the imports out, as it does for the floor. HR waits for all of it: the
process starting, the modules loading, the command line parsing, reading, solving, writing the
styled workbook and printing the summary. Issue 24 asks that this whole wait, on a 10,000 × 22
month with 5% leave, be no longer than the in-process I/O floor (calamine reading the list +
XlsxWriter writing the same roster unstyled, imports not counted).

Each repetition runs, one after the other, each in a fresh process:

* the floor (`benchmarks.child floor`: read + write, its imports not counted);
* `wfh-solver solve LIST -s SCENARIO --from … --to … -o OUT --overwrite`, exactly as HR types
  it (the summary printed, stderr a pipe), timed from outside: spawn to exit;
* `wfh-solver --version` and `wfh-solver --help`, timed the same way.

The ratio is the median of the per-repetition ratios (solve ÷ floor of the same repetition, so
a burst of load on the shared machine falls on both), with its spread (min–max). Once, before
the repetitions, an `ours` child gives the phase split (read, build, solve, write) and the
roster the floor writes, and `python -X importtime` lists what the command imports. The
package's bytecode is compiled first, as pip does when it installs.

    python -m benchmarks.startup                       # 10,000 × 22, 5% leave, 7 repetitions
    python -m benchmarks.startup --repeat 3 --size 1000
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.instances import PERIODS, ROOT, sample_file
from benchmarks.machine import describe
from benchmarks.proc import run_child

Record = dict[str, Any]

#: Packages the `solve` command must not load (issue 24: each command imports what it uses).
NOT_FOR_SOLVE = ("pandas", "matplotlib", "starlette", "dask", "fpdf", "jinja2", "uvicorn")
#: The packages whose import cost the report lists, when the command loads them.
WATCHED = ("numpy", "ortools", "pydantic", "typer", "rich", "holidays", "python_calamine",
           "wfh_solver", *NOT_FOR_SOLVE)
OUT = Path(__file__).resolve().parent / "startup-results.json"


def command_line() -> list[str]:
    """The installed console script beside this interpreter (what HR runs), else `-m`."""
    script = Path(sys.executable).parent / "wfh-solver"
    return [str(script)] if script.exists() else [sys.executable, "-m", "wfh_solver.cli"]


def solve_args(path: Path, scenario: str, days: int, out: Path) -> list[str]:
    start, end = PERIODS[days]
    return ["solve", str(path), "-s", scenario, "--from", start.isoformat(), "--to",
            end.isoformat(), "-o", str(out), "--overwrite"]


def timed(command: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Wall seconds from spawn to exit, and the finished process (stdout/stderr pipes)."""
    began = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    return time.perf_counter() - began, done


def import_costs(command: list[str]) -> Record:
    """`python -X importtime` of the command: the cumulative import time of each top-level
    module imported (microseconds), the total, and which watched packages were loaded."""
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)
    top: dict[str, int] = {}
    loaded: set[str] = set()
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "[us]" in line:
            continue
        _, cumulative, name = line.split(":", 1)[1].split("|")
        loaded.add(name.strip().split(".")[0])
        if not name[1:].startswith(" "):  # depth 0: what the command's own code asked for
            top[name.strip()] = int(cumulative)
    watched = {p: p in loaded for p in WATCHED}
    return {"returncode": done.returncode, "seconds": sum(top.values()) / 1e6,
            "top": dict(sorted(top.items(), key=lambda kv: -kv[1])[:12]), "loaded": watched}


def spread(values: list[float]) -> Record:
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "runs": values}


def measure(args: argparse.Namespace) -> Record:
    # Bytecode as pip leaves it after an install: a checkout run with PYTHONDONTWRITEBYTECODE
    # would compile every module of ours on every start (a few tenths of a second).
    for folder in ("wfh_solver", "benchmarks"):
        compileall.compile_dir(str(ROOT / folder), quiet=1)
    path = sample_file(args.size, 0, leave_share=args.leave_share)
    start, end = PERIODS[args.days]
    exe = command_line()
    with tempfile.TemporaryDirectory(prefix="wfh-startup-") as tmp:
        work = Path(tmp)
        job = {"input": str(path), "scenario": args.scenario, "start": start.isoformat(),
               "end": end.isoformat(), "days": args.days, "pin": None, "previous": [],
               "time_limit": 120.0, "workers": 0, "seed": 0,
               "output": str(work / "ours.xlsx"), "office": str(work / "office.npy")}
        ours = run_child("ours", job, 600.0)
        if ours.result is None:
            raise RuntimeError(f"our pipeline failed: {ours.stderr_tail[-800:]}")
        solve = [*exe, *solve_args(path, args.scenario, args.days, work / "jadwal.xlsx")]
        imports = import_costs(solve)
        runs: dict[str, list[float]] = {"floor": [], "solve": [], "version": [], "help": [],
                                        "ratio": []}
        for k in range(args.repeat):
            floor = run_child("floor", {**job, "output": str(work / "floor.xlsx")}, 600.0)
            if floor.result is None:
                raise RuntimeError(f"the floor failed: {floor.stderr_tail[-800:]}")
            seconds, done = timed(solve)
            if done.returncode != 0:
                raise RuntimeError(f"wfh-solver solve exited {done.returncode}: "
                                   f"{done.stderr[-800:]}")
            runs["floor"].append(floor.result["total_seconds"])
            runs["solve"].append(seconds)
            runs["ratio"].append(seconds / floor.result["total_seconds"])
            for name, extra in (("version", ["--version"]), ("help", ["--help"])):
                runs[name].append(timed([*exe, *extra])[0])
            print(f"repetition {k + 1}/{args.repeat}: solve {seconds:.2f} s, floor "
                  f"{floor.result['total_seconds']:.2f} s", file=sys.stderr, flush=True)
        python = [timed([sys.executable, "-c", "pass"])[0] for _ in range(args.repeat)]
    phases = {k: ours.result[f"{k}_seconds"] for k in ("import", "read", "build", "solve",
                                                       "write")}
    return {"command": "python -m benchmarks.startup " + " ".join(args.argv),
            "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "instance": {"size": args.size, "days": args.days, "scenario": args.scenario,
                         "leave_share": args.leave_share, "input": str(path)},
            "solve_command": ["wfh-solver", *solve[len(exe):]],
            "status": ours.result["status"], "check": ours.result["check"],
            "phases_in_process": phases, "python_start": spread(python),
            "imports": imports, **{k: spread(v) for k, v in runs.items()},
            "machine": describe()}


def render(run: Record) -> str:
    """Markdown: the end-to-end table and the import list."""
    def cell(name: str, digits: int = 2) -> str:
        s = run[name]
        return f"{s['median']:.{digits}f} ({s['min']:.{digits}f}–{s['max']:.{digits}f})"

    size = f"{run['instance']['size']:,} × {run['instance']['days']}"
    leave = f"{100 * run['instance']['leave_share']:g}% leave"
    lines = [f"`{run['command']}` (git {run['machine'].get('git_commit', '?')}, "
             f"{len(run['solve']['runs'])} repetitions, median (min–max)):", "",
             "| instance | `wfh-solver solve`, end to end | I/O floor (in-process) | "
             "÷ floor | `--version` | `--help` | status |",
             "|---|---|---|---|---|---|---|",
             f"| {run['instance']['scenario']} {size}, {leave} | {cell('solve')} s | "
             f"{cell('floor')} s | {cell('ratio')}× | {cell('version', 3)} s | "
             f"{cell('help', 3)} s | {run['status']} |", ""]
    phases = run["phases_in_process"]
    lines.append("In-process phases (one `ours` child): " + ", ".join(
        f"{k} {v:.2f} s" for k, v in phases.items()) + f"; bare interpreter start "
        f"{run['python_start']['median']:.3f} s; the command's imports "
        f"{run['imports']['seconds']:.2f} s (`-X importtime`).")
    loaded = [p for p, yes in run["imports"]["loaded"].items() if yes]
    lines.append("Loaded by `solve`: " + ", ".join(loaded) + ".")
    return "\n".join(lines)


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.startup", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--days", type=int, choices=sorted(PERIODS), default=22)
    parser.add_argument("--leave-share", type=float, default=0.05)
    parser.add_argument("--scenario", default="jateng-2020")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    args.argv = argv
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    run = measure(args)
    args.out.write_text(json.dumps(run, indent=1, default=str) + "\n")
    print(render(run))
    return 0


if __name__ == "__main__":
    sys.exit(main())

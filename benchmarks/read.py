"""Reading a real month: how long the staff list takes to become a `Problem`, phase by phase.

    python -m benchmarks.read                      # 10,000 and 60,000 staff, with and without leave
    python -m benchmarks.read --sizes 10000 --repeat 1
    python -m benchmarks.read --code /path/to/other/checkout   # the same, with other code

Each measurement is a fresh process (`python benchmarks/read.py --child …`), so one case's
memory never inflates another's; each case runs `--repeat` times and the fastest run of
each phase is kept (the machine is shared). Phases, in the order `api.read_employees` and
`api.make_problem` run them:

- *floor read*: python-calamine alone, the whole sheet to Python values (the I/O floor's
  read, measured in its own process);
- *open*: `load_sheets`: the zip checks, the byte scan of the sheet XML, calamine, the grid;
- *parse*: the rest of `read_staff`: header, rows classified and read, units normalised;
- *build*: `build_employees`;
- *problem*: `make_problem` under `jateng-2020` for July 2020;
- *peak*: the process's `ru_maxrss` after all of them.

Inputs are `wfh-solver sample --size N --seed 3` with `--leave-share 0.2 --travel-share
0.02` (a real month) or without, cached in `benchmarks/.cache/`.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
CACHE = HERE.parent / ".cache"
LEAVE, TRAVEL, SEED = 0.2, 0.02, 3
START, END = date(2020, 7, 1), date(2020, 7, 31)
PHASES = ("open", "parse", "build", "problem")


def sample(size: int, leave: bool) -> Path:
    """The cached sample workbook of `size` staff, with a real month's leave or none."""
    path = CACHE / f"read-{size}-{'leave' if leave else 'plain'}-seed{SEED}.xlsx"
    if not path.exists():
        from wfh_solver.sample import write_sample

        CACHE.mkdir(parents=True, exist_ok=True)
        write_sample(path, size=size, seed=SEED, leave_share=LEAVE if leave else 0.0,
                     travel_share=TRAVEL if leave else 0.0, period=(START, END))
    return path


def child_floor(path: str) -> dict[str, float]:
    from python_calamine import CalamineWorkbook

    began = time.perf_counter()
    rows = CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()
    return {"floor_read": time.perf_counter() - began, "rows": float(len(rows))}


def child_ours(path: str) -> dict[str, float]:
    from unittest import mock

    from wfh_solver import api
    from wfh_solver.domain.build import build_employees
    from wfh_solver.read import table
    from wfh_solver.read.sources import load_sheets

    marks = [time.perf_counter()]
    sheets = load_sheets(Path(path))
    marks.append(time.perf_counter())
    with mock.patch.object(table, "load_sheets", return_value=sheets):
        staff_table = table.read_staff(Path(path))
    marks.append(time.perf_counter())
    employees = build_employees(staff_table.frame)
    marks.append(time.perf_counter())
    problem = api.make_problem(employees, "jateng-2020", start=START, end=END)
    marks.append(time.perf_counter())
    record = {phase: marks[k + 1] - marks[k] for k, phase in enumerate(PHASES)}
    record["employees"] = float(len(problem.employees))
    record["on_leave"] = float(sum(1 for e in employees if e.leave))
    record["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return record


def run_child(kind: str, path: Path, code: Path | None) -> dict[str, float]:
    env = dict(os.environ)
    if code is not None:  # another checkout's package, ahead of the installed one
        env["PYTHONPATH"] = str(code) + os.pathsep + env.get("PYTHONPATH", "")
    out = subprocess.run([sys.executable, str(HERE), "--child", kind, str(path)], env=env,
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def measure(size: int, leave: bool, repeat: int, code: Path | None) -> dict[str, Any]:
    path = sample(size, leave)
    runs = [run_child("ours", path, code) for _ in range(repeat)]
    floors = [run_child("floor", path, code) for _ in range(repeat)]
    best = {phase: min(r[phase] for r in runs) for phase in PHASES}
    return {"size": size, "leave": leave, "employees": int(runs[0]["employees"]),
            "on_leave": int(runs[0]["on_leave"]), **best,
            "read": best["open"] + best["parse"] + best["build"],
            "total": sum(best.values()),
            "floor_read": min(f["floor_read"] for f in floors),
            "peak_mib": max(r["peak_mib"] for r in runs), "repeat": repeat}


def table(records: list[dict[str, Any]]) -> str:
    lines = ["| staff | leave | floor read | open | parse | build | problem | read + problem "
             "| peak MiB |", "|---|---|---|---|---|---|---|---|---|"]
    for r in records:
        leave = f"{r['on_leave']:,} ({LEAVE:.0%})" if r["leave"] else "none"
        lines.append(
            f"| {r['size']:,} | {leave} | {r['floor_read']:.2f} s | {r['open']:.2f} s "
            f"| {r['parse']:.2f} s | {r['build']:.2f} s | {r['problem']:.2f} s "
            f"| **{r['total']:.2f} s** | {r['peak_mib']:.0f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,60000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--code", type=Path, default=None,
                        help="a checkout whose wfh_solver to measure (default: the installed)")
    parser.add_argument("--out", type=Path, default=None, help="write the records as JSON")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, path = args.child
        print(json.dumps(child_floor(path) if kind == "floor" else child_ours(path)))
        return 0
    records = [measure(int(size), leave, args.repeat, args.code)
               for size in args.sizes.split(",") for leave in (False, True)]
    print(table(records))
    if args.out:
        args.out.write_text(json.dumps(records, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

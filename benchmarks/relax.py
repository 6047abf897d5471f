"""How `solve --relax` and the explanation of a conflict (exit 3) scale (issue 12).

Each case runs the installed console script (`wfh-solver`, next to this interpreter) in
its own process on a `wfh-solver sample --size N --seed S` workbook, timed from outside
(wall clock) with the child's own peak memory (`ru_maxrss` from `wait4`):

- *explain*: the cap5 scenario (`tests/fixtures/cap5.toml`, 5% cap and 2 pelaksana per
  seksi), no roster possible: every unit in conflict found and made minimal, the Konflik
  workbook written, exit 3;
- *relax*: the same with `--relax`: the proven least shortfall, the usual levels, the
  roster with its Pelanggaran sheet, exit 5;
- *solve*: a plain `jateng-2020` solve over the same week, for comparison (exit 0).

    python -m benchmarks.relax --size 60000 --seed 3

Prints a markdown table and writes `benchmarks/relax-results.json`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import openpyxl

from benchmarks.instances import ROOT, sample_file
from benchmarks.machine import describe, lines

SCRIPT = Path(sys.executable).with_name("wfh-solver")
CAP5 = ROOT / "tests" / "fixtures" / "cap5.toml"
WEEK = ("--from", "2020-03-23", "--to", "2020-03-27")


def run(args: list[str]) -> dict[str, Any]:
    """One console-script run: exit code, wall seconds, peak RSS (MiB), first stderr lines."""
    with tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen([str(SCRIPT), *args], stdout=subprocess.DEVNULL, stderr=err,
                                 cwd=ROOT)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read()
    return {"command": "wfh-solver " + " ".join(args), "exit": child.returncode,
            "wall_seconds": round(wall, 2), "peak_rss_mib": round(usage.ru_maxrss / 1024),
            "stderr_head": text.splitlines()[:8]}


def _rows(path: Path, sheet: str) -> int | None:
    if not path.exists():
        return None
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return max(0, (book[sheet].max_row or 1) - 1) if sheet in book.sheetnames else None
    finally:
        book.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=60000)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "relax-results.json")
    options = parser.parse_args(argv)
    source = sample_file(options.size, options.seed)
    machine = describe()
    cases: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        cases["explain"] = run(["solve", str(source), "-s", str(CAP5), "-o",
                                str(out / "explain.xlsx"), "-q"])
        cases["explain"]["konflik_rows"] = _rows(out / "explain-konflik.xlsx", "Konflik")
        cases["relax"] = run(["solve", str(source), "-s", str(CAP5), "-o",
                              str(out / "relax.xlsx"), "-q", "--relax"])
        cases["relax"]["pelanggaran_rows"] = _rows(out / "relax.xlsx", "Pelanggaran")
        cases["solve"] = run(["solve", str(source), "-s", "jateng-2020", *WEEK, "-o",
                              str(out / "solve.xlsx"), "-q"])
    report = {"size": options.size, "seed": options.seed, "machine": machine, "cases": cases}
    options.out.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    print("\n".join(lines(machine)))
    print(f"\n`python -m benchmarks.relax --size {options.size} --seed {options.seed}`\n")
    print("| case | exit | wall (s) | peak RSS (MiB) | rows |")
    print("|---|---|---|---|---|")
    for name, case in cases.items():
        rows = case.get("konflik_rows", case.get("pelanggaran_rows", ""))
        print(f"| {name} | {case['exit']} | {case['wall_seconds']} | {case['peak_rss_mib']} "
              f"| {rows if rows is not None else ''} |")
    for name, case in cases.items():
        print(f"\n{name}: {case['command']}\n  " + "\n  ".join(case["stderr_head"][:4]))
    expected = {"explain": 3, "relax": 5, "solve": 0}
    return 0 if all(cases[k]["exit"] == v for k, v in expected.items()) else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Ctrl-C and SIGTERM in each phase of a province-sized solve (60,000 staff).

`python -m benchmarks.signals [--size 60000]` writes a sample, then for each phase
(read, solve, write) and each signal starts `wfh-solver solve` in a child that sends
itself the real signal when that phase begins, and records the exit code, the last
line, the files left behind and the peak memory. The figures go in
benchmarks/README.md; the same behaviour on a small list is tested in `make test`
(tests/test_reliability.py).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

# A child that runs the CLI and sends itself a real signal as a phase is under way.
HARNESS = textwrap.dedent("""
    import os, signal, sys
    phase, signum = sys.argv[1], getattr(signal, sys.argv[2])
    import wfh_solver.read.table as table
    import wfh_solver.solve.run as solving
    import wfh_solver.write.excel as excel
    fired = []
    def fire():
        if not fired:
            fired.append(1)
            os.kill(os.getpid(), signum)
    if phase == "read":
        load = table.load_sheets
        def loading(*a, **k):
            sheets = load(*a, **k); fire(); return sheets
        table.load_sheets = loading
    elif phase == "solve":
        component = solving.solve_component
        def solving_component(*a, **k):
            fire(); return component(*a, **k)
        solving.solve_component = solving_component
    else:
        write = excel._write_workbook
        def writing(*a, **k):
            write(*a, **k); fire()
        excel._write_workbook = writing
    sys.argv = ["wfh-solver"] + sys.argv[3:]
    from wfh_solver.cli.app import main
    main()
""")


def run(size: int) -> list[dict[str, object]]:
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        staff = folder / "pegawai.xlsx"
        subprocess.run([Path(sys.executable).with_name("wfh-solver"), "sample", "--size",
                        str(size), "--seed", "3", "-o", str(staff)], check=True,
                       capture_output=True)
        harness = folder / "harness.py"
        harness.write_text(HARNESS)
        for phase in ("read", "solve", "write"):
            for name in ("SIGINT", "SIGTERM"):
                out = folder / "out"
                out.mkdir()
                started = time.perf_counter()
                child = subprocess.Popen(
                    [sys.executable, str(harness), phase, name, "solve", str(staff), "-s",
                     "jateng-2020", "-o", str(out / "jadwal.xlsx"), "--per-unit",
                     str(out / "per"), "-q"], stderr=subprocess.PIPE, text=True)
                _, status, usage = os.wait4(child.pid, 0)
                stderr = child.stderr.read() if child.stderr else ""
                left = sorted(p.name for p in out.iterdir())
                rows.append({"phase": phase, "signal": name,
                             "exit": os.waitstatus_to_exitcode(status),
                             "seconds": round(time.perf_counter() - started, 1),
                             "peak_mib": usage.ru_maxrss // 1024,
                             "files": ", ".join(left) or "none",
                             "line": stderr.strip().splitlines()[-1] if stderr.strip() else ""})
                subprocess.run(["rm", "-rf", str(out)], check=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=60_000)
    args = parser.parse_args()
    print("| phase | signal | exit | seconds | peak MiB | files left in the output folder | "
          "last line |")
    print("|---|---|---|---|---|---|---|")
    for row in run(args.size):
        print(f"| {row['phase']} | {row['signal']} | {row['exit']} | {row['seconds']} | "
              f"{row['peak_mib']} | {row['files']} | {row['line']} |")
    _ = signal  # the signals are named by the harness


if __name__ == "__main__":
    main()

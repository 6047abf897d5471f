"""Replan benchmark (issue 23): a month published under one circular, replanned from its
12th working day under another, with a share of staff on leave from that day on.

    python -m benchmarks.replan --size 60000 --leave 0.2

Prints, per step, wall seconds and peak memory (a fresh process each), the levels and the
changed cells, and the I/O floor: reading the staff list and the published roster and
writing the new roster, without solving."""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from python_calamine import CalamineWorkbook

from benchmarks.instances import CACHE, sample_file

JULY = ("01/07/2021", "31/07/2021")
FLOOR = """
import sys, time
from pathlib import Path
from wfh_solver import api
from wfh_solver.read.entries import read_entries
from wfh_solver.write import write_outputs
started = time.perf_counter()
staff = api.read_employees(sys.argv[1])
read_entries(sys.argv[2])
read = time.perf_counter() - started
result = api.Result.of(api.plan(sys.argv[1], sys.argv[4], replan=sys.argv[2],
                                replan_from=api._day(sys.argv[5]), time_limit=600))
solved = time.perf_counter()
write_outputs(result, [Path(sys.argv[1])], Path(sys.argv[3]), overwrite=True)
print(f"io_floor_seconds {read + time.perf_counter() - solved:.2f}")
print("levels", [(x.name, x.objective, x.bound, x.status.value) for x in result.levels])
"""


def _timed(command: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak resident KiB and stderr of a fresh process."""
    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", *command], capture_output=True,
                          text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    lines = done.stderr.strip().splitlines()
    return seconds, int(lines[-1]), "\n".join(lines[:-1]) + done.stdout


def _with_leave(source: Path, target: Path, share: float, first: date, last: date) -> None:
    """The staff list as CSV, every 1/share-th person on leave from `first` to `last`."""
    rows = CalamineWorkbook.from_path(str(source)).get_sheet_by_name("Pegawai").to_python()
    head = [str(h) for h in rows[0]]
    leave = head.index("Cuti")
    step = round(1 / share) if share else 0
    with target.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(head)
        for k, row in enumerate(rows[1:]):
            cells = ["" if c is None else (c.strftime("%d/%m/%Y") if isinstance(c, date)
                                           else str(c)) for c in row]
            cells[leave] = f"{first:%d/%m/%Y} s.d. {last:%d/%m/%Y}" if step and k % step == 0 \
                else ""
            cells[leave + 1] = ""
            writer.writerow(cells)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=60_000)
    parser.add_argument("--leave", type=float, default=0.2)
    parser.add_argument("--before", default="ppkm-2021-level-3")
    parser.add_argument("--after", default="ppkm-2021-level-4")
    args = parser.parse_args()
    work = CACHE / f"replan-{args.size}"
    work.mkdir(parents=True, exist_ok=True)
    base = sample_file(args.size)
    plain, absent = work / "pegawai.csv", work / "pegawai-cuti.csv"
    cli = [sys.executable, "-m", "wfh_solver.cli"]
    _with_leave(base, plain, 0.0, date(2021, 7, 1), date(2021, 7, 1))
    published = work / "juli.xlsx"
    publish = _timed([*cli, "solve", str(plain), "-s", args.before, "--from", JULY[0], "--to",
                      JULY[1], "-o", str(published), "--quiet", "--overwrite"])
    from wfh_solver.domain.calendar import working_days

    days = working_days(date(2021, 7, 1), date(2021, 7, 31), "mon-fri").days
    start = days[11]  # the 12th working day
    _with_leave(base, absent, args.leave, start, days[-1])
    replan = _timed([*cli, "solve", str(absent), "-s", args.after, "--replan", str(published),
                     "--from", f"{start:%d/%m/%Y}", "-o", str(work / "revisi.xlsx"),
                     "--overwrite"])
    floor = _timed([sys.executable, "-c", FLOOR, str(absent), str(published),
                    str(work / "floor.xlsx"), args.after, start.isoformat()])
    print(json.dumps({"size": args.size, "days": len(days), "from": start.isoformat(),
                      "leave": args.leave,
                      "publish": {"seconds": round(publish[0], 2), "peak_mib": publish[1] // 1024},
                      "replan": {"seconds": round(replan[0], 2), "peak_mib": replan[1] // 1024},
                      "in_process_solve_and_write": floor[2].strip()}, indent=1))
    print(replan[2])


if __name__ == "__main__":
    main()

"""National-scale simulation: every regional government of Indonesia as one batch task.

About 4 million civil servants work in 548 regional governments (34 provinces, 416
regencies, 98 cities; POLICY.md, "Sizes"). `country()` draws a synthetic country with
that shape: log-normal sizes per kind of government (a province is larger than a regency,
a regency larger than a city), scaled to the national total. A measured subset, spread
over the size distribution and including the largest province, is written as staff lists
and solved with `wfh-solver batch` on a Dask LocalCluster on this machine. From it we
report throughput (staff solved per second per core, reading the file included) and peak
memory per worker, and extrapolate the wall time for the whole country on N workers by
scheduling every government's predicted solve time (fitted on the subset) onto N workers,
longest first — a government is one task, so the largest one bounds the wall time.

    python -m benchmarks.national                      # 24 governments, 2 workers
    python -m benchmarks.national --count 12 --workers 2 --scenarios jateng-2020

Not part of `make test`: run it under the shared lock (`flock /tmp/wfh-heavy.lock …`).
"""

from __future__ import annotations

import argparse
import heapq
import json
import resource
import sys
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from benchmarks.instances import sample_file
from benchmarks.machine import describe, lines
from wfh_solver.model.cpsat import SolveOptions
from wfh_solver.plan.batch import Case, batch, local_cluster

#: (kind, count, median staff, log-normal sigma): 548 governments, POLICY.md "Sizes".
KINDS = (("provinsi", 34, 20_000, 0.60), ("kabupaten", 416, 5_800, 0.45),
         ("kota", 98, 4_500, 0.50))
NATIONAL_STAFF = 4_000_000
SMALLEST = 800
WORKER_COUNTS = (2, 8, 16, 32, 64, 128, 256)
RESULTS = Path(__file__).with_name("national_results.json")


def country(seed: int = 0) -> pd.DataFrame:
    """One row per regional government: name, kind and staff, summing to ~4 million."""
    rng = np.random.default_rng(seed)
    rows = []
    for kind, count, median, sigma in KINDS:
        sizes = rng.lognormal(np.log(median), sigma, count)
        rows += [(f"{kind}-{k + 1:03d}", kind, size) for k, size in enumerate(sizes)]
    frame = pd.DataFrame(rows, columns=["name", "kind", "staff"])
    frame["staff"] = np.maximum(SMALLEST, frame["staff"] * NATIONAL_STAFF
                                / frame["staff"].sum()).round().astype(int)
    return frame


def subset(nation: pd.DataFrame, count: int) -> pd.DataFrame:
    """`count` governments at evenly spaced size quantiles, the largest always included."""
    ordered = nation.sort_values("staff", ignore_index=True)
    picks = np.unique(np.round(np.linspace(0, len(ordered) - 1, count)).astype(int))
    return ordered.iloc[picks].reset_index(drop=True)


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _makespan(task_seconds: np.ndarray, workers: int) -> float:
    """Longest-processing-time-first schedule of independent tasks on `workers`."""
    loads = [0.0] * workers
    for seconds in sorted(task_seconds, reverse=True):
        heapq.heapreplace(loads, loads[0] + seconds)
    return max(loads)


class _MemoryWatch:
    """Polls every worker's resident memory while the batch runs (the peak is also read
    from each worker's ru_maxrss at the end)."""

    def __init__(self, client: Any, interval: float = 0.5) -> None:
        self.client, self.interval = client, interval
        self.peak: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.wait(self.interval):
            try:
                now = self.client.run(lambda: psutil.Process().memory_info().rss)
            except Exception:  # the cluster is closing
                return
            for worker, rss in now.items():
                self.peak[worker] = max(self.peak.get(worker, 0), rss)

    def __enter__(self) -> _MemoryWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def measure(count: int, workers: int, scenarios: list[str], seed: int) -> dict[str, Any]:
    machine = describe()  # before Dask: its workers' environment pins OMP_NUM_THREADS=1
    nation = country(seed)
    chosen = subset(nation, count)
    print(f"country: {len(nation)} governments, {nation['staff'].sum():,} staff; "
          f"subset: {len(chosen)} governments, {chosen['staff'].sum():,} staff", flush=True)
    started = time.perf_counter()
    files = [sample_file(int(size), seed=k) for k, size in enumerate(chosen["staff"])]
    print(f"staff lists ready in {time.perf_counter() - started:.0f} s", flush=True)
    cases = [Case(s) for s in scenarios]
    with local_cluster(workers) as client:
        client.run(lambda: __import__("wfh_solver.solve.run"))  # imports are not throughput
        baseline = client.run(_peak_rss)
        with _MemoryWatch(client) as watch:
            started = time.perf_counter()
            table = batch(files, cases, scheduler=client,
                          options=SolveOptions(time_limit=300, workers=1))
            wall = time.perf_counter() - started
        peaks = client.run(_peak_rss)
    failed = table[table["error"] != ""]
    if len(failed):
        raise SystemExit(f"{len(failed)} tasks failed: {failed[['input', 'error']]}")
    solved = int(table["employees"].sum())
    per_core = solved / wall / workers
    # seconds per task (read + build + solve, as the worker measured it) ≈ a + b · staff
    slope, intercept = np.polyfit(table["employees"], table["seconds"], 1)
    predicted = np.concatenate([np.maximum(intercept + slope * nation["staff"], 0.05)
                                for _ in cases])
    extrapolated = {n: {"lpt_seconds": _makespan(predicted, n),
                        "ideal_seconds": float(predicted.sum() / n)} for n in WORKER_COUNTS}
    largest = int(table["employees"].max())
    return {
        "machine": machine,
        "workers": workers,
        "scenarios": scenarios,
        "country": {"governments": len(nation), "staff": int(nation["staff"].sum()),
                    "by_kind": nation.groupby("kind")["staff"].agg(
                        ["count", "min", "median", "max", "sum"]).astype(int).to_dict("index")},
        "subset": {"governments": len(files), "staff": int(chosen["staff"].sum()),
                   "sizes": chosen["staff"].astype(int).tolist()},
        "tasks": len(table),
        "wall_seconds": wall,
        "staff_solved": solved,
        "staff_per_second": solved / wall,
        "staff_per_second_per_core": per_core,
        "task_seconds": table[["input", "scenario", "employees", "seconds", "solve_seconds",
                               "status"]].to_dict("records"),
        "fit": {"intercept_seconds": float(intercept), "seconds_per_1000_staff":
                float(slope * 1000)},
        "largest_task": {"staff": largest, "seconds": float(table.loc[
            table["employees"].idxmax(), "seconds"])},
        "memory": {"baseline_bytes": baseline, "peak_bytes": peaks,
                   "polled_peak_bytes": watch.peak},
        "national_task_seconds": float(predicted.sum()),
        "extrapolated": extrapolated,
        "statuses": table["status"].value_counts().to_dict(),
    }


def _duration(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.1f} min"


def render(result: dict[str, Any]) -> str:
    mib = 2**20
    peaks = list(result["memory"]["peak_bytes"].values())
    base = list(result["memory"]["baseline_bytes"].values())
    out = [
        f"Subset: {result['subset']['governments']} of {result['country']['governments']} "
        f"governments ({result['subset']['staff']:,} of {result['country']['staff']:,} staff), "
        f"scenarios {', '.join(result['scenarios'])}: {result['tasks']} tasks on a LocalCluster "
        f"of {result['workers']} single-threaded worker processes.",
        "",
        "| measured | value |",
        "|---|---|",
        f"| wall time | {result['wall_seconds']:.1f} s |",
        f"| staff solved (staff × scenarios) | {result['staff_solved']:,} |",
        f"| throughput | {result['staff_per_second']:,.0f} staff/s; "
        f"**{result['staff_per_second_per_core']:,.0f} staff/s per core** |",
        f"| time per task (read + rules + solve) | {result['fit']['intercept_seconds']:.2f} s + "
        f"{result['fit']['seconds_per_1000_staff']:.3f} s per 1,000 staff |",
        f"| largest task | {result['largest_task']['staff']:,} staff, "
        f"{result['largest_task']['seconds']:.1f} s |",
        f"| peak memory per worker (ru_maxrss) | {max(peaks) / mib:,.0f} MiB "
        f"(idle worker after imports: {max(base) / mib:,.0f} MiB) |",
        f"| statuses | {', '.join(f'{k} {v}' for k, v in result['statuses'].items())} |",
        "",
        f"Whole country ({result['country']['governments']} governments, "
        f"{result['country']['staff']:,} staff) under the same {len(result['scenarios'])} "
        f"scenarios ({result['country']['governments'] * len(result['scenarios']):,} tasks): "
        f"{_duration(result['national_task_seconds'])} of task time, each task's time "
        "predicted from the fit above.",
        "",
        "| workers | extrapolated wall time (longest task first) | perfect split |",
        "|---:|---:|---:|",
    ]
    for n, row in result["extrapolated"].items():
        out.append(f"| {n} | {_duration(row['lpt_seconds'])} | "
                   f"{_duration(row['ideal_seconds'])} |")
    out += ["", "Machine:", *lines(result["machine"])]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=24, help="governments in the subset")
    parser.add_argument("--workers", type=int, default=2, help="LocalCluster workers")
    parser.add_argument("--scenarios", default="jateng-2020,se67-2020-risiko-sedang")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--render", type=Path, help="print the tables of an earlier run")
    args = parser.parse_args(argv)
    if args.render:
        print(render(json.loads(args.render.read_text())))
        return 0
    result = measure(args.count, args.workers, args.scenarios.split(","), args.seed)
    args.out.write_text(json.dumps(result, indent=1, default=str) + "\n")
    print(render(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Does `wfh-solver serve` hold 20 people uploading and solving at once?

Starts the installed `wfh-solver serve` (default settings: one solve per core, the rest
queued), then 20 clients at once, each from its own loopback address (127.0.0.2, .3, …, so
the per-client quotas see 20 people): open the page, upload the `wfh-solver sample --size
300` workbook, press *Susun jadwal*, poll the progress fragment as the page does, and
download the roster. Meanwhile the server's process tree (server, reader, solver workers)
is sampled every 0.1 s: its summed resident memory (RSS, counts shared pages once per
process, so an upper bound) and proportional memory (PSS, shared pages split), and how
many solver processes exist. Prints a markdown table and writes the raw figures to JSON.

    python -m benchmarks.serve_load --clients 20 --size 300
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx

from benchmarks.instances import sample_file
from benchmarks.machine import describe
from benchmarks.serve import start_server

POLL_SECONDS = 0.1


@dataclass
class ClientRun:
    """One client's path through the page, in seconds from the common start."""

    client: str
    upload_seconds: float = 0.0
    submitted: float = 0.0
    started: float | None = None  # first progress answer that was no longer "queued"
    finished: float = 0.0
    queue_places: list[int] = field(default_factory=list)
    state: str = ""
    status: str = ""
    download_bytes: int = 0
    error: str = ""

    @property
    def queue_wait(self) -> float:
        return (self.started or self.finished) - self.submitted


# -- the server's process tree ------------------------------------------------------------
def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def tree_of(root: int) -> list[int]:
    tree, found, todo = _children(), [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(tree.get(pid, []))
    return found


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in bytes; zeros when it is gone."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss, pss


class TreeWatch(threading.Thread):
    """Samples the server tree's memory and process count until stopped."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.peak_rss = self.peak_pss = self.peak_processes = 0
        self.samples = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            pids = tree_of(self.root)
            memory = [_memory(pid) for pid in pids]
            self.peak_rss = max(self.peak_rss, sum(m[0] for m in memory))
            self.peak_pss = max(self.peak_pss, sum(m[1] for m in memory))
            self.peak_processes = max(self.peak_processes, len(pids))
            self.samples += 1
            time.sleep(POLL_SECONDS)

    def stop(self) -> None:
        self._halt.set()
        self.join(10)


# -- one client -------------------------------------------------------------------------------
def one_client(k: int, url: str, path: Path, scenario: str, t0: float,
               barrier: threading.Barrier) -> ClientRun:
    address = f"127.0.0.{k + 2}"
    run = ClientRun(address)
    transport = httpx.HTTPTransport(local_address=address)
    try:
        with httpx.Client(transport=transport, timeout=120, follow_redirects=True) as client:
            client.get(url)
            barrier.wait()
            begun = time.perf_counter()
            with open(path, "rb") as content:
                page = client.post(f"{url}upload", data={"csrf": client.cookies["wfh_csrf"]},
                                   files={"file": (path.name, content)})
            page.raise_for_status()
            run.upload_seconds = time.perf_counter() - begun
            run.submitted = time.perf_counter() - t0
            solved = client.post(f"{page.url}/solve", data={
                "csrf": client.cookies["wfh_csrf"], "scenario": scenario})
            solved.raise_for_status()
            job_url = str(solved.url)
            _follow(client, job_url, run, t0)
            final = client.get(job_url).text
            status = re.search(r'id="status">(\w+)<', final)
            run.status = status.group(1) if status else ""
            download = client.get(f"{job_url}/jadwal.xlsx")
            if download.status_code == 200 and download.content[:2] == b"PK":
                run.download_bytes = len(download.content)
    except (httpx.HTTPError, threading.BrokenBarrierError) as exc:
        run.error = f"{type(exc).__name__}: {exc}"
    return run


def _follow(client: httpx.Client, job_url: str, run: ClientRun, t0: float) -> None:
    """Polls the progress fragment as the page does (every 0.6 s) until the job ends."""
    while True:
        text = client.get(f"{job_url}/progress").text
        state = re.search(r'data-state="(\w+)"', text)
        run.state = state.group(1) if state else "?"
        place = re.search(r"urutan ke-(\d+)", text)
        if place:
            run.queue_places.append(int(place.group(1)))
        if run.state != "queued" and run.started is None:
            run.started = time.perf_counter() - t0
        if run.state not in ("queued", "running"):
            run.finished = time.perf_counter() - t0
            return
        time.sleep(0.6)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--size", type=int, default=300)
    parser.add_argument("--scenario", default="jateng-2020")
    parser.add_argument("--serve-args", default="", help="extra `serve` options")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/serve-load-results.json"))
    args = parser.parse_args(argv)
    path = sample_file(args.size)
    process, url = start_server(args.serve_args.split(), installed=True)
    watch = TreeWatch(process.pid)
    watch.start()
    barrier = threading.Barrier(args.clients)
    t0 = time.perf_counter()
    try:
        with ThreadPoolExecutor(args.clients) as pool:
            runs = list(pool.map(lambda k: one_client(k, url, path, args.scenario, t0, barrier),
                                 range(args.clients)))
    finally:
        watch.stop()
        process.terminate()
        process.wait(30)
    summary = _summary(runs, watch, time.perf_counter() - t0)
    _print(summary, args)
    args.out.write_text(json.dumps({"clients": args.clients, "size": args.size,
                                    "scenario": args.scenario, "summary": summary,
                                    "machine": describe(),
                                    "runs": [asdict(r) | {"queue_wait": r.queue_wait}
                                             for r in runs]}, indent=1, default=str))
    return 0 if summary["completed"] == args.clients else 1


def _summary(runs: list[ClientRun], watch: TreeWatch, wall: float) -> dict[str, Any]:
    waits = sorted(r.queue_wait for r in runs)
    solves = [r.finished - (r.started or r.finished) for r in runs]
    return {
        "completed": sum(r.state == "done" and r.download_bytes > 0 for r in runs),
        "errors": [r.error for r in runs if r.error],
        "statuses": sorted({r.status for r in runs}),
        "wall_seconds": wall,
        "upload_median": statistics.median(r.upload_seconds for r in runs),
        "upload_max": max(r.upload_seconds for r in runs),
        "queue_wait_median": statistics.median(waits),
        "queue_wait_max": waits[-1],
        "solve_median": statistics.median(solves),
        "deepest_place": max((max(r.queue_places) for r in runs if r.queue_places), default=0),
        "peak_rss_bytes": watch.peak_rss,
        "peak_pss_bytes": watch.peak_pss,
        "peak_processes": watch.peak_processes,
        "samples": watch.samples,
    }


def _print(s: dict[str, Any], args: argparse.Namespace) -> None:
    mib = 1024 * 1024
    print(f"\n{args.clients} clients at once, `wfh-solver sample --size {args.size}`, "
          f"{args.scenario}\n")
    print("| completed | wall | upload median / max | queue wait median / max | deepest "
          "place | solve median | peak memory of the server tree (RSS / PSS) | peak "
          "processes |")
    print("|---|---|---|---|---|---|---|---|")
    print(f"| {s['completed']}/{args.clients} | {s['wall_seconds']:.0f} s | "
          f"{s['upload_median']:.1f} / {s['upload_max']:.1f} s | "
          f"{s['queue_wait_median']:.0f} / {s['queue_wait_max']:.0f} s | "
          f"{s['deepest_place']} | {s['solve_median']:.1f} s | "
          f"{s['peak_rss_bytes'] / mib:,.0f} / {s['peak_pss_bytes'] / mib:,.0f} MiB | "
          f"{s['peak_processes']} |")
    if s["errors"]:
        print("errors:", *s["errors"], sep="\n  ")


if __name__ == "__main__":
    raise SystemExit(main())

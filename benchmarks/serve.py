"""Does `wfh-solver serve` stay responsive while it solves a big upload?

Starts the installed server (`python -m wfh_solver.cli serve --no-browser --port 0`),
uploads a `wfh-solver sample` workbook, starts a solve, and every 0.25 s while it runs times
three other requests: the progress fragment the page polls, the home page, and the upload's
page. Prints a markdown table and writes the raw samples to JSON.

    python -m benchmarks.serve --size 60000 --scenarios sragen-2020,jateng-2020
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx

from benchmarks.instances import ROOT, sample_file
from benchmarks.machine import describe

REQUESTS = ("progress", "home", "upload page")


def start_server(extra: Sequence[str] = (), *, installed: bool = False,
                 ) -> tuple[subprocess.Popen[str], str]:
    """`serve` on a free port (`installed`: through the console script, as users start it);
    returns the process and the page's address once it prints it."""
    command = [str(Path(sys.executable).parent / "wfh-solver")] if installed else [
        sys.executable, "-m", "wfh_solver.cli"]
    process = subprocess.Popen(
        [*command, "serve", "--no-browser", "--port", "0", *extra],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    found: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            sys.stderr.write(f"[serve] {line}")
            match = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
            if match and not found:
                found.append(match.group(1))
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    if not ready.wait(60):
        process.terminate()
        raise RuntimeError("serve did not start")
    return process, found[0]


def upload(client: httpx.Client, url: str, path: Path) -> tuple[str, float]:
    client.get(url)
    started = time.perf_counter()
    with open(path, "rb") as content:
        response = client.post(f"{url}upload", data={"csrf": client.cookies["wfh_csrf"]},
                               files={"file": (path.name, content)}, follow_redirects=True)
    response.raise_for_status()
    return str(response.url), time.perf_counter() - started


def measure(client: httpx.Client, url: str, upload_url: str, scenario: str) -> dict[str, Any]:
    started = time.perf_counter()
    response = client.post(f"{upload_url}/solve", follow_redirects=True,
                           data={"csrf": client.cookies["wfh_csrf"], "scenario": scenario})
    job_url = str(response.url)
    samples: list[dict[str, Any]] = []
    while True:
        sample: dict[str, Any] = {"t": time.perf_counter() - started}
        for name, target in zip(REQUESTS, (f"{job_url}/progress", url, upload_url),
                                strict=True):
            begun = time.perf_counter()
            text = client.get(target).text
            sample[name] = time.perf_counter() - begun
            if name == "progress":
                sample["running"] = 'data-state="running"' in text
                bar = re.search(r'<progress id="bar" max="(\d+)" value="(\d+)"', text)
                phase = re.search(r'<strong id="phase">([^<]*)<', text)
                sample["bar"] = f"{bar.group(2)}/{bar.group(1)}" if bar else ""
                sample["phase"] = phase.group(1) if phase else ""
                sample["levels"] = len(re.findall(r"<td>–</td><td>–</td>", text))
        samples.append(sample)
        if not sample["running"]:
            break
        time.sleep(0.25)
    page = client.get(job_url).text
    status = re.search(r'id="status">(\w+)<', page)
    running = [s for s in samples if s["running"]]
    return {
        "scenario": scenario,
        "seconds": samples[-1]["t"],
        "status": status.group(1) if status else "?",
        "samples_while_running": len(running),
        "bar_states": sorted({(s["phase"], s["bar"]) for s in running}),
        "latency": {name: {"max": max(s[name] for s in running),
                           "median": statistics.median(s[name] for s in running)}
                    for name in REQUESTS} if running else {},
        "samples": samples,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=60000)
    parser.add_argument("--scenarios", default="sragen-2020,jateng-2020")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/serve-results.json"))
    args = parser.parse_args(argv)
    path = sample_file(args.size)
    process, url = start_server()
    try:
        with httpx.Client(timeout=60) as client:
            upload_url, upload_seconds = upload(client, url, path)
            runs = [measure(client, url, upload_url, name)
                    for name in args.scenarios.split(",")]
    finally:
        process.terminate()
        process.wait(30)
    print(f"\n{args.size:,} staff; upload + validation {upload_seconds:.1f} s\n")
    print("| scenario | solve on the page | status | samples while solving | progress states "
          "seen | slowest / median answer: progress | home | upload page |")
    print("|---|---|---|---|---|---|---|---|")
    for run in runs:
        lat = run["latency"]
        cells = [f"{lat[n]['max'] * 1000:.0f} / {lat[n]['median'] * 1000:.0f} ms"
                 for n in REQUESTS] if lat else ["–"] * 3
        print(f"| {run['scenario']} | {run['seconds']:.1f} s | {run['status']} | "
              f"{run['samples_while_running']} | {len(run['bar_states'])} | " + " | ".join(cells)
              + " |")
    args.out.write_text(json.dumps({"size": args.size, "upload_seconds": upload_seconds,
                                    "machine": describe(), "runs": runs},
                                   indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

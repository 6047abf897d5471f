"""Run one measurement in a fresh interpreter, watch its memory and progress, reap it.

The child gets a JSON job, writes its JSON result to a file (HiGHS prints its banner on
stdout, so stdout cannot carry data) and appends progress events to another file:
one line `name seconds rss_bytes` per event. The parent polls the events and the
child's resident memory and may kill it: `watch` decides. Peak memory is the child's
own `ru_maxrss`, taken with `wait4` so it is that process's alone (and is known even
for a child that had to be killed).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent  # the repository: children run from here

POLL_SECONDS = 0.05


@dataclass
class Watch:
    """What a watchdog sees each poll: seconds since start, events so far, current RSS."""

    elapsed: float
    events: dict[str, tuple[float, int]]  # name -> (parent's elapsed when seen, child RSS)
    rss_bytes: int


@dataclass
class ChildRun:
    """How a child ended: its result (None if it had none), peak RSS, why it was killed."""

    result: dict[str, Any] | None
    returncode: int
    peak_rss_bytes: int
    wall_seconds: float
    killed: str | None = None
    events: dict[str, tuple[float, int]] = field(default_factory=dict)
    max_polled_rss_bytes: int = 0
    stderr_tail: str = ""


def current_rss(pid: int | str = "self") -> int:
    """Resident set size of a process now, in bytes (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return 0
    return 0


def emit(path: str | None, name: str) -> None:
    """In a child: record that `name` happened now, with the RSS at that moment."""
    if path is None:
        return
    with open(path, "a") as out:
        out.write(f"{name} {time.perf_counter()} {current_rss()}\n")


def _read_events(path: Path, seen: dict[str, tuple[float, int]], elapsed: float) -> None:
    try:
        text = path.read_text()
    except OSError:
        return
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] not in seen:
            seen[parts[0]] = (elapsed, int(parts[2]))


def run_child(kind: str, job: dict[str, Any], timeout: float,
              watch: Callable[[Watch], str | None] | None = None) -> ChildRun:
    """Run `python -m benchmarks.child kind` on `job`; kill it on `timeout` or `watch`'s word."""
    with tempfile.TemporaryDirectory(prefix="wfh-bench-") as tmp:
        job_path = Path(tmp) / "job.json"
        result_path = Path(tmp) / "result.json"
        events_path = Path(tmp) / "events.txt"
        stderr_path = Path(tmp) / "stderr.txt"
        job_path.write_text(json.dumps(job))
        command = [sys.executable, "-m", "benchmarks.child", kind, str(job_path),
                   str(result_path), str(events_path)]
        started = time.monotonic()
        with open(stderr_path, "wb") as stderr:
            child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                                     stderr=stderr, start_new_session=True)
            events: dict[str, tuple[float, int]] = {}
            killed: str | None = None
            polled = 0
            while True:
                pid, status, usage = os.wait4(child.pid, os.WNOHANG)
                if pid == child.pid:
                    break
                elapsed = time.monotonic() - started
                rss = current_rss(child.pid)
                polled = max(polled, rss)
                _read_events(events_path, events, elapsed)
                if killed is None:
                    if elapsed > timeout:
                        killed = f"still running after {timeout:.0f} s"
                    elif watch is not None:
                        killed = watch(Watch(elapsed, events, rss))
                    if killed is not None:
                        os.killpg(child.pid, signal.SIGKILL)
                time.sleep(POLL_SECONDS)
            child.returncode = os.waitstatus_to_exitcode(status)
        wall = time.monotonic() - started
        _read_events(events_path, events, wall)
        result = None
        if result_path.exists() and killed is None:
            result = json.loads(result_path.read_text())
        tail = stderr_path.read_text(errors="replace")[-2000:]
        return ChildRun(result, child.returncode, usage.ru_maxrss * 1024, wall, killed, events,
                        polled, tail)

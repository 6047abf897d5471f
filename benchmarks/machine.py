"""The machine a run was measured on, read from the system at run time."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks.instances import ROOT

PACKAGES = ("wfh-solver", "ortools", "highspy", "numpy", "pandas", "xlsxwriter",
            "python-calamine")


def _first(path: str, key: str) -> str | None:
    try:
        for line in Path(path).read_text().splitlines():
            name, _, value = line.partition(":")
            if name.strip() == key:
                return value.strip()
    except OSError:
        return None
    return None


def _read(path: str) -> str | None:
    try:
        return Path(path).read_text().strip()
    except OSError:
        return None


def _nproc() -> int:
    try:
        return int(subprocess.run(["nproc"], capture_output=True, text=True,
                                  check=True).stdout)
    except (OSError, ValueError, subprocess.CalledProcessError):
        return len(os.sched_getaffinity(0))


def _git(*args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                              timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def describe() -> dict[str, Any]:
    """CPU, memory, OS, Python and library versions, the code's git commit, the load."""
    mem_kib = _first("/proc/meminfo", "MemTotal")
    memory = int(mem_kib.split()[0]) * 1024 if mem_kib else None
    cgroup_mem = _read("/sys/fs/cgroup/memory.max")
    status = _git("status", "--porcelain", "--untracked-files=no")
    return {
        "nproc": _nproc(),
        "cpu_model": _first("/proc/cpuinfo", "model name") or platform.processor() or None,
        "memory_bytes": memory,
        "cgroup_memory_max": cgroup_mem,
        "cgroup_cpu_max": _read("/sys/fs/cgroup/cpu.max"),
        "os": platform.platform(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "packages": {name: _version(name) for name in PACKAGES},
        "git_commit": _git("rev-parse", "--short", "HEAD"),
        "git_dirty": bool(status) if status is not None else None,
        "load_average": list(os.getloadavg()),
    }


def lines(machine: dict[str, Any]) -> list[str]:
    """The machine as markdown bullet points."""
    memory = machine.get("memory_bytes")
    mem = f"{memory / 2**30:.1f} GiB" if memory else "unknown"
    limits = []
    if machine.get("cgroup_memory_max") not in (None, "max"):
        limits.append(f"cgroup memory.max {machine['cgroup_memory_max']}")
    if machine.get("cgroup_cpu_max") not in (None, "max 100000"):
        limits.append(f"cgroup cpu.max {machine['cgroup_cpu_max']}")
    packages = ", ".join(f"{k} {v}" for k, v in machine["packages"].items() if v)
    dirty = " (uncommitted changes)" if machine.get("git_dirty") else ""
    load = " ".join(f"{x:.2f}" for x in machine.get("load_average", []))
    out = [
        f"- CPU: {machine.get('cpu_model') or 'unknown'}, nproc {machine['nproc']}; "
        f"memory {mem}" + (f" ({'; '.join(limits)})" if limits else ""),
        f"- OS: {machine['os']}; Python: {machine['python']}",
        f"- Packages: {packages}",
        f"- Code: git {machine.get('git_commit') or 'unknown'}{dirty}",
    ]
    if load:
        out.append(f"- Load average (1/5/15 min) when the run started: {load}")
    return out

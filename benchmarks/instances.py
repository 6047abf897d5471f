"""The benchmark instances: a cached `wfh-solver sample` file, a scenario and a period."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(__file__).resolve().parent / ".cache"

#: Working days in July 2020 (Idul Adha is Friday 31 July) → the period that has them.
PERIODS: dict[int, tuple[date, date]] = {
    10: (date(2020, 7, 1), date(2020, 7, 14)),
    22: (date(2020, 7, 1), date(2020, 7, 31)),
}


@dataclass(frozen=True, slots=True)
class Instance:
    """One benchmark case: `size` sample employees under `scenario` for `days` working days."""

    size: int
    days: int
    scenario: str
    input: Path
    seed: int = 0

    @property
    def start(self) -> date:
        return PERIODS[self.days][0]

    @property
    def end(self) -> date:
        return PERIODS[self.days][1]

    @property
    def name(self) -> str:
        return f"{self.scenario} {self.size:,}×{self.days}"

    @property
    def slug(self) -> str:
        return f"{self.scenario}-{self.size}x{self.days}"


def _generator_digest() -> str:
    """A hash of the sample generator, so a changed generator makes new files."""
    source = (ROOT / "wfh_solver" / "sample.py").read_bytes()
    return hashlib.sha256(source).hexdigest()[:16]


def sample_file(size: int, seed: int = 0, cache: Path = CACHE) -> Path:
    """The `wfh-solver sample --size size --seed seed` workbook, made once and cached."""
    path = cache / f"sample-{size}-seed{seed}.xlsx"
    stamp = path.with_suffix(".json")
    wanted = {"size": size, "seed": seed, "generator": _generator_digest()}
    if path.exists() and stamp.exists():
        try:
            if json.loads(stamp.read_text()) == wanted:
                return path
        except ValueError:
            pass
    cache.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "wfh_solver.cli", "sample", "--out", str(path),
               "--size", str(size), "--seed", str(seed)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"wfh-solver sample failed ({done.returncode}): {done.stderr.strip()}")
    stamp.write_text(json.dumps(wanted))
    return path

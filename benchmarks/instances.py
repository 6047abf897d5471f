"""The benchmark instances: a cached `wfh-solver sample` file, a scenario, a period, a family.

A *family* says what the month carries besides the staff list (issue 10): `plain` (nobody
away, the instances of issue 5), `leave` (a share of the staff on 1–5 days of leave and a
smaller share on travel), `pins` (the same, with cells HR has already decided, `--pin`) and
`history` (the same, with earlier rosters, `--previous` × weeks).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.proc import run_child

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(__file__).resolve().parent / ".cache"

#: Working days in July 2020 (Idul Adha is Friday 31 July) → the period that has them.
PERIODS: dict[int, tuple[date, date]] = {
    10: (date(2020, 7, 1), date(2020, 7, 14)),
    22: (date(2020, 7, 1), date(2020, 7, 31)),
}

#: The four working weeks of June 2020 before July, for the `history` family's rosters.
JUNE_WEEKS: tuple[tuple[date, date], ...] = (
    (date(2020, 6, 1), date(2020, 6, 5)), (date(2020, 6, 8), date(2020, 6, 12)),
    (date(2020, 6, 15), date(2020, 6, 19)), (date(2020, 6, 22), date(2020, 6, 26)),
)


@dataclass(frozen=True, slots=True)
class Family:
    """What a month carries besides the staff: absences, pinned cells, earlier rosters.

    `pins` cells are drawn (seeded) among present staff from the roster solved for the same
    sample and scenario without pins; they keep its value, except a `flip_share` of them,
    swapped in pairs between two free colleagues alike for every rule on the same day (so
    every count stays met). `weeks` earlier rosters are the four June weeks, each
    solved with the weeks before it as history. `sizes`, when set, limits the family to them.
    """

    name: str
    leave_share: float = 0.0
    travel_share: float = 0.0
    pins: int = 0
    flip_share: float = 0.0
    weeks: int = 0
    sizes: tuple[int, ...] | None = None
    #: the scenario plus the per-person rules of issue 22 (`ROTATION_RULES`)
    rotation: bool = False

    @property
    def label(self) -> str:
        """The family and its parameters, as the tables name it ("" for plain)."""
        parts = []
        if self.leave_share or self.travel_share:
            parts.append(f"leave {100 * self.leave_share:g}%"
                         + (f" + travel {100 * self.travel_share:g}%"
                            if self.travel_share else ""))
        if self.pins:
            parts.append(f"{self.pins} pins ({100 * self.flip_share:g}% flipped)")
        if self.weeks:
            parts.append(f"{self.weeks} weeks' history")
        if self.rotation:
            parts.append("1 office day a week, ≤ 5 WFH days in a row")
        return ", ".join(parts)

    def params(self) -> dict[str, object]:
        return {"family": self.name, "leave_share": self.leave_share,
                "travel_share": self.travel_share, "pins": self.pins,
                "flip_share": self.flip_share, "history_weeks": self.weeks,
                **({"rotation": True} if self.rotation else {})}


FAMILIES: dict[str, Family] = {
    "plain": Family("plain"),
    "leave": Family("leave", leave_share=0.2, travel_share=0.02),
    "leave5": Family("leave5", leave_share=0.05, sizes=(10_000,)),
    "pins": Family("pins", leave_share=0.2, travel_share=0.02, pins=500, flip_share=0.1),
    "history": Family("history", leave_share=0.2, travel_share=0.02, weeks=4),
    "rotation": Family("rotation", leave_share=0.2, travel_share=0.02, weeks=4, rotation=True),
}

#: Issue 22's rotation: everyone comes in at least one day a week and works from home at
#: most five working days in a row (added to the instance's scenario by `rotating`).
ROTATION_RULES: tuple[dict[str, object], ...] = (
    {"name": "Setiap pegawai minimal 1 hari di kantor per minggu", "kind": "min_office_days",
     "per": "week", "days": 1},
    {"name": "Paling lama 5 hari kerja berturut-turut WFH", "kind": "max_consecutive_wfh",
     "days": 5},
)


def rotating(scenario: str) -> Any:
    """The bundled scenario with `ROTATION_RULES` added (a `Scenario`, as `api.plan` takes)."""
    from wfh_solver.policy.scenario import load_scenario

    loaded = load_scenario(scenario)
    for rule in ROTATION_RULES:
        loaded = loaded.with_rule(str(rule["name"]), **{k: v for k, v in rule.items()
                                                       if k != "name"})
    return loaded


@dataclass(frozen=True, slots=True)
class Instance:
    """One benchmark case: `size` sample employees under `scenario` for `days` working days,
    of `family`, with its pin file and earlier rosters (made by `derived_files`)."""

    size: int
    days: int
    scenario: str
    input: Path
    seed: int = 0
    family: Family = FAMILIES["plain"]
    pin: Path | None = None
    previous: tuple[Path, ...] = field(default=())

    @property
    def start(self) -> date:
        return PERIODS[self.days][0]

    @property
    def end(self) -> date:
        return PERIODS[self.days][1]

    @property
    def name(self) -> str:
        base = f"{self.scenario} {self.size:,}×{self.days}"
        return f"{base}, {self.family.label}" if self.family.label else base

    @property
    def slug(self) -> str:
        base = f"{self.scenario}-{self.size}x{self.days}"
        return base if self.family.name == "plain" else f"{base}-{self.family.name}"


def _digest(paths: list[Path]) -> str:
    hasher = hashlib.sha256()
    for path in sorted(paths):
        hasher.update(str(path.relative_to(ROOT)).encode())
        hasher.update(path.read_bytes())
    return hasher.hexdigest()[:16]


def _generator_digest() -> str:
    """A hash of the sample generator, so a changed generator makes new files."""
    return _digest(list((ROOT / "wfh_solver" / "sample").glob("*.py")))


def solver_digest() -> str:
    """A hash of the whole package: pin files and earlier rosters are solved rosters."""
    return _digest(list((ROOT / "wfh_solver").rglob("*.py")))


def _cached(path: Path, wanted: dict[str, object]) -> bool:
    stamp = path.with_suffix(".json")
    if not (path.exists() and stamp.exists()):
        return False
    try:
        return bool(json.loads(stamp.read_text()) == wanted)
    except ValueError:
        return False


def sample_file(size: int, seed: int = 0, cache: Path = CACHE, leave_share: float = 0.0,
                travel_share: float = 0.0) -> Path:
    """The `wfh-solver sample --size size --seed seed [--leave-share L --travel-share T]`
    workbook (absences in July 2020), made once and cached."""
    away = f"-leave{leave_share:g}-travel{travel_share:g}" if leave_share or travel_share else ""
    path = cache / f"sample-{size}-seed{seed}{away}.xlsx"
    wanted: dict[str, object] = {"size": size, "seed": seed, "generator": _generator_digest()}
    if away:
        wanted.update(leave_share=leave_share, travel_share=travel_share)
    if _cached(path, wanted):
        return path
    cache.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "wfh_solver.cli", "sample", "--out", str(path),
               "--size", str(size), "--seed", str(seed)]
    if away:
        command += ["--leave-share", str(leave_share), "--travel-share", str(travel_share),
                    "--from", "2020-07-01", "--to", "2020-07-31"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"wfh-solver sample failed ({done.returncode}): {done.stderr.strip()}")
    path.with_suffix(".json").write_text(json.dumps(wanted))
    return path


def derived_files(instance: Instance, workers: int, time_limit: float,
                  cache: Path = CACHE) -> Instance:
    """The instance with its pin file or earlier rosters, made once (untimed, in a child
    process: `child.prepare`) and cached by the sample, the family and the package's code."""
    family = instance.family
    if not family.pins and not family.weeks:
        return instance

    folder = cache / "derived"
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{instance.slug}-seed{instance.seed}"
    pin = folder / f"{stem}-pins.xlsx" if family.pins else None
    previous = tuple(folder / f"{stem}-june-week{k + 1}.xlsx" for k in range(family.weeks))
    wanted: dict[str, object] = {"input": str(instance.input), "scenario": instance.scenario,
                                 "start": instance.start.isoformat(),
                                 "end": instance.end.isoformat(), "seed": instance.seed,
                                 **family.params(), "solver": solver_digest(),
                                 "sample": json.loads(instance.input.with_suffix(".json")
                                                      .read_text())}
    stamp = folder / f"{stem}.json"
    files = [p for p in (pin, *previous) if p is not None]
    if not (stamp.exists() and all(p.exists() for p in files)
            and json.loads(stamp.read_text()) == wanted):
        job = {"input": str(instance.input), "scenario": instance.scenario,
               "start": instance.start.isoformat(), "end": instance.end.isoformat(),
               "seed": instance.seed, "pins": family.pins, "flip_share": family.flip_share,
               "pin": None if pin is None else str(pin),
               "weeks": [[a.isoformat(), b.isoformat()] for a, b in JUNE_WEEKS[:family.weeks]],
               "previous": [str(p) for p in previous], "workers": workers,
               "time_limit": time_limit}
        run = run_child("prepare", job, 3600.0)
        if run.result is None:
            raise RuntimeError(f"preparing {instance.name} failed: {run.stderr_tail[-800:]}")
        stamp.write_text(json.dumps(wanted))
    return Instance(instance.size, instance.days, instance.scenario, instance.input,
                    instance.seed, family, pin, previous)

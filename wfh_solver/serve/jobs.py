"""A solve in its own process, watched from the server by one small thread.

The server process only forwards events and keeps the latest state, so pages and progress
requests answer at once however long CP-SAT runs. Cancelling sets an event the worker
turns into `StopSignal.stop()`: the search ends and the best roster so far is kept.
"""

from __future__ import annotations

import multiprocessing
import pickle
import queue
import secrets
import sys
import threading
import time
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from wfh_solver.model.cpsat import LEVELS
from wfh_solver.result import Result
from wfh_solver.serve.worker import JobSpec, run_job

# spawn: a clean interpreter, whatever threads the server runs
_CONTEXT = multiprocessing.get_context("spawn")


class State(StrEnum):
    RUNNING = "running"
    DONE = "done"
    INFEASIBLE = "infeasible"
    FAILED = "failed"


@dataclass(slots=True)
class LevelProgress:
    """A level's objective and bound summed over the components proven so far."""

    name: str
    objective: int = 0
    bound: int = 0
    components: int = 0


@dataclass
class Job:
    spec: JobSpec
    choice: str = ""  # what the form chose: a bundled name or "custom"
    id: str = field(default_factory=lambda: secrets.token_urlsafe(9))
    state: State = State.RUNNING
    phase: str = "start"
    done: int = 0
    total: int = 0
    levels: dict[str, LevelProgress] = field(
        default_factory=lambda: {name: LevelProgress(name) for name in LEVELS})
    lines: list[str] = field(default_factory=list)
    result: Result | None = None
    conflicts: Path | None = None  # the Konflik workbook when the rules cannot all hold
    cancelled: bool = False
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None

    def __post_init__(self) -> None:
        self._events: Any = _CONTEXT.Queue()
        self._cancel: Any = _CONTEXT.Event()
        self._process = _CONTEXT.Process(target=run_job, args=(self.spec, self._events,
                                                               self._cancel), daemon=True)
        self._watcher = threading.Thread(target=self._watch, daemon=True)

    @property
    def running(self) -> bool:
        return self.state is State.RUNNING

    @property
    def seconds(self) -> float:
        return (self.finished or time.monotonic()) - self.started

    def start(self) -> Job:
        self._process.start()
        self._watcher.start()
        return self

    def cancel(self) -> None:
        """Stop the search; the worker still writes the best roster found so far."""
        if self.running:
            self.cancelled = True
            self._cancel.set()

    def kill(self) -> None:
        """Server shutdown or upload removal: end the worker without waiting for a roster."""
        self._cancel.set()
        if self._process.is_alive():
            self._process.terminate()
        self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.kill()
            self._process.join(timeout=5)

    def wait(self, timeout: float | None = None) -> bool:
        self._watcher.join(timeout)
        return not self._watcher.is_alive()

    def _watch(self) -> None:
        while self.running:
            try:
                event = self._events.get(timeout=0.2)
            except queue.Empty:
                if not self._process.is_alive():
                    self._drain_or_fail()
                continue
            self._apply(event)
        self._process.join(timeout=10)
        self.finished = time.monotonic()

    def _drain_or_fail(self) -> None:
        try:
            while self.running:
                self._apply(self._events.get(timeout=0.5))
        except queue.Empty:
            self.lines = []  # the page says the worker stopped unexpectedly
            self.state = State.FAILED

    def _apply(self, event: tuple[Any, ...]) -> None:
        kind = event[0]
        if kind == "progress":
            _, self.phase, self.done, self.total = event
        elif kind == "level":
            _, name, objective, bound = event
            level = self.levels.setdefault(name, LevelProgress(name))
            level.objective += objective
            level.bound += bound
            level.components += 1
        elif kind == "done":
            self.result = _load(event[1])
            self.state = State.DONE if self.result is not None else State.FAILED
        elif kind == "infeasible":
            self.lines = list(event[1])
            self.conflicts = Path(event[2]) if event[2] else None
            self.state = State.INFEASIBLE
        elif kind == "error":
            self.lines = list(event[1])
            self.state = State.FAILED


def _load(path: str) -> Result | None:
    """The worker's Result, from the job's private folder (written by our own process)."""
    try:
        with open(path, "rb") as source:
            result = pickle.load(source)  # noqa: S301 - our worker's file in a 0700 folder
    except (OSError, pickle.UnpicklingError, EOFError) as exc:
        sys.stderr.write(f"wfh-solver serve: cannot load the result: {exc}\n")
        return None
    return result if isinstance(result, Result) else None

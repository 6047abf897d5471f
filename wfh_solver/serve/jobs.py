"""A solve in its own process, watched from the server by one small thread, and the queue
that lets only a few such processes run at once.

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
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from wfh_solver.model.cpsat import LEVELS
from wfh_solver.serve.worker import JobSpec, run_job
from wfh_solver.solve.result import Result

# spawn: a clean interpreter, whatever threads the server runs
_CONTEXT = multiprocessing.get_context("spawn")


class State(StrEnum):
    QUEUED = "queued"
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


@dataclass(eq=False)  # a job is itself: hashable by identity, so queues can hold it
class Job:
    spec: JobSpec
    choice: str = ""  # what the form chose: a bundled name or "custom"
    title: str = ""  # the circular's title, so progress and result name it
    client: str = ""  # the address that asked for it, for the per-client quota
    id: str = field(default_factory=lambda: secrets.token_urlsafe(9))
    state: State = State.QUEUED
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
    #: when the user pressed the button: the page shows the time they waited (queue
    #: included), never only the solver's own seconds
    submitted: float = field(default_factory=time.monotonic)
    finished: float | None = None

    def __post_init__(self) -> None:
        self._events: Any = _CONTEXT.Queue()
        self._cancel: Any = _CONTEXT.Event()
        self._process = _CONTEXT.Process(target=run_job, args=(self.spec, self._events,
                                                               self._cancel), daemon=True)
        self._watcher = threading.Thread(target=self._watch, daemon=True)
        self._on_end: Callable[[Job], None] | None = None

    @property
    def running(self) -> bool:
        """Not finished yet: waiting in the queue or solving (pages keep polling)."""
        return self.state in (State.QUEUED, State.RUNNING)

    @property
    def seconds(self) -> float:
        """Seconds the user has waited for this job, from the press of the button."""
        return (self.finished or time.monotonic()) - self.submitted

    @property
    def stopped(self) -> bool:
        """Finished with a roster the search did not prove the best (stopped or out of time)."""
        return self.result is not None and (self.result.interrupted
                                            or not self.result.is_optimal)

    def start(self, on_end: Callable[[Job], None] | None = None) -> Job:
        """Starts the worker; `on_end(job)` is called once it has finished, whatever the end."""
        self._on_end = on_end
        self.state, self.started = State.RUNNING, time.monotonic()
        self._process.start()
        self._watcher.start()
        return self

    def withdraw(self, line: str) -> None:
        """A job that never started: it ends here, with `line` as its reason."""
        self.cancelled, self.lines = True, [line]
        self.state, self.finished = State.FAILED, time.monotonic()

    def cancel(self) -> None:
        """Stop the search; the worker still writes the best roster found so far."""
        if self.running:
            self.cancelled = True
            self._cancel.set()

    def kill(self) -> None:
        """Server shutdown or upload removal: end the worker without waiting for a roster."""
        self._cancel.set()
        if self._process.pid is None:  # never started (still queued): nothing to end
            return
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
        if self._on_end is not None:
            self._on_end(self)

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


class JobQueue:
    """At most `slots` solves at once (default: one per core); the rest wait their turn.

    Twenty people pressing *Susun jadwal* together must not start twenty solver processes
    (each CP-SAT run takes a core and hundreds of MB). Jobs start in the order they came;
    a waiting job knows its place, and leaves the queue when cancelled.
    """

    def __init__(self, slots: int, limit: int) -> None:
        self.slots, self.limit = max(1, slots), limit
        self._waiting: deque[Job] = deque()
        self._running: set[Job] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.peak_running = 0  # for tests and the load benchmark

    def full(self) -> bool:
        with self._lock:
            return len(self._waiting) >= self.limit

    def submit(self, job: Job) -> None:
        with self._lock:
            self._waiting.append(job)
        self._fill()

    def place(self, job: Job) -> int:
        """1 for the next job to start; 0 when the job is not waiting."""
        with self._lock:
            return next((k for k, waiting in enumerate(self._waiting, 1) if waiting is job), 0)

    def of_client(self, client: str) -> int:
        """Jobs of this client address waiting or running (the per-client quota)."""
        with self._lock:
            return sum(job.client == client for job in (*self._waiting, *self._running))

    def withdraw(self, job: Job, line: str) -> bool:
        """Takes a waiting job out of the queue; False when it has already started."""
        with self._lock:
            if job not in self._waiting:
                return False
            self._waiting.remove(job)
        job.withdraw(line)
        return True

    def close(self, line: str) -> None:
        """Server shutdown: every waiting job ends with `line`, and no job starts any more
        (a solve ended by the shutdown must not hand its slot to the next one)."""
        with self._lock:
            self._closed = True
            waiting, self._waiting = list(self._waiting), deque()
        for job in waiting:
            job.withdraw(line)

    def _ended(self, job: Job) -> None:
        with self._lock:
            self._running.discard(job)
        self._fill()

    def _fill(self) -> None:
        while True:
            with self._lock:
                if self._closed or len(self._running) >= self.slots or not self._waiting:
                    return
                job = self._waiting.popleft()
                self._running.add(job)
                self.peak_running = max(self.peak_running, len(self._running))
            try:
                job.start(self._ended)
            except OSError as exc:  # no process could be made (limits, memory): say so
                job.withdraw(str(exc))
                with self._lock:
                    self._running.discard(job)


def _load(path: str) -> Result | None:
    """The worker's Result, from the job's private folder (written by our own process)."""
    try:
        with open(path, "rb") as source:
            result = pickle.load(source)  # noqa: S301 - our worker's file in a 0700 folder
    except (OSError, pickle.UnpicklingError, EOFError) as exc:
        sys.stderr.write(f"wfh-solver serve: cannot load the result: {exc}\n")
        return None
    return result if isinstance(result, Result) else None

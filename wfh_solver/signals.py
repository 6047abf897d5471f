"""Ctrl-C and SIGTERM: one meaning for every command, from the first line that runs.

The first signal becomes `Stopped`, an exception that unwinds the command (temporary
files go, worker processes are ended) before the CLI prints one line and exits 128+N.
Further signals are ignored while that clean-up runs, so it can never be cut short
into a traceback or a half-removed temporary file.

Worker processes (the local pool, a Dask LocalCluster) are deaf to both signals: a
Ctrl-C reaches the terminal's whole process group, and a worker that reacted on its
own would print a traceback or finish its task regardless. Only the parent decides,
and it ends the workers itself. Pool workers inherit the deafness (`children_deaf`);
Dask's nannies start theirs over seconds, too long to hold the parent's signals, so
those make themselves deaf as they load the console script (`console.py`).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

WANTED = (signal.SIGINT, signal.SIGTERM)


class Stopped(BaseException):
    """SIGINT or SIGTERM: unwind (temp files go, workers end), then exit 128+N."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_stopped(signum: int, frame: object) -> None:
    for other in WANTED:  # the clean-up this starts must run to its end
        signal.signal(other, signal.SIG_IGN)
    raise Stopped(signum)


def listen() -> None:
    """Turn SIGINT and SIGTERM into `Stopped` in this (main) thread."""
    for signum in WANTED:
        signal.signal(signum, _raise_stopped)


def deafen() -> None:
    """Ignore SIGINT and SIGTERM in this process: a worker, whose parent decides."""
    for signum in WANTED:
        signal.signal(signum, signal.SIG_IGN)


@contextmanager
def children_deaf() -> Iterator[None]:
    """Processes started inside ignore SIGINT and SIGTERM from their first instruction
    (an ignored signal stays ignored across `exec`), so only this process reacts to a
    Ctrl-C and then ends them. Keep it short (the spawning of a local pool): a signal
    that arrives meanwhile is held (blocked in this thread) and acted on at the end,
    unless the kernel hands it to a thread that does not block it, which ignores it.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, WANTED)
    handlers = {signum: signal.signal(signum, signal.SIG_IGN) for signum in WANTED}
    try:
        yield
    finally:
        for signum, handler in handlers.items():
            signal.signal(signum, handler)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # a held signal fires here

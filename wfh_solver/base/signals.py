"""Ctrl-C and SIGTERM in worker processes: only the parent decides.

The parent's handlers are installed by the console script's first code (`cli/entry.py`): the
first signal becomes `Stopped`, which unwinds the command (temporary files go, worker
processes are ended) before the CLI prints one line and exits 128+N; further signals are
ignored while that clean-up runs, so it is never cut short.

Worker processes (the local pool, a Dask LocalCluster) are deaf to both signals: a
Ctrl-C reaches the terminal's whole process group, and a worker that reacted on its
own would print a traceback or finish its task regardless. Only the parent decides,
and it ends the workers itself. Pool workers inherit the deafness (`children_deaf`);
Dask's nannies start theirs over seconds, too long to hold the parent's signals, so
those make themselves deaf as they load the console script (`cli/entry.py`).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["STOP_SIGNALS", "Stopped", "children_deaf", "note_stop", "raise_if_stopped"]

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
WANTED = STOP_SIGNALS


class Stopped(BaseException):
    """SIGINT or SIGTERM outside the search: unwind (temp files go), then exit 128+N."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_received: list[int] = []


def note_stop(signum: int) -> None:
    """Remember a stop before raising it: a library that probes an optional import with
    `except ImportError` can swallow it (a C extension interrupted while it initialises
    reports `ImportError`), and the run must still stop at its next checkpoint."""
    _received.append(signum)


def raise_if_stopped() -> None:
    """A checkpoint before anything lasting (solving, renaming outputs into place): a stop
    received earlier, even one a library swallowed, ends the run here."""
    if _received:
        raise Stopped(_received[0])


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

"""The console script `wfh-solver`: signals are ours before the slow imports begin.

Importing the CLI (typer, rich, pandas, OR-Tools) takes about a second; a Ctrl-C in
that second must end in the same one line and exit code as any later one, never in a
Python traceback. So this module imports nothing heavy before it listens.
"""

from __future__ import annotations

import signal
import sys

from wfh_solver.signals import Stopped, deafen, listen

if "__mp_main__" in sys.modules:
    # A worker process (local pool, Dask) loads the parent's main script under this name
    # before anything else of ours: it ignores Ctrl-C and SIGTERM, its parent decides.
    deafen()


def main() -> None:
    listen()
    try:
        from wfh_solver.cli import main as run
    except BaseException as failed:
        stopped = _stopped_in(failed)
        if stopped is None:
            raise
        name = signal.Signals(stopped.signum).name
        sys.stderr.write(f"{_stopped_line(name)}\n")
        sys.exit(128 + stopped.signum)
    run()


def _stopped_in(error: BaseException | None) -> Stopped | None:
    """The signal behind a failed import: a C extension (OR-Tools) interrupted while it
    initialises reports `ImportError`, caused by our `Stopped`."""
    seen = 0
    while error is not None and seen < 20:
        if isinstance(error, Stopped):
            return error
        error, seen = error.__cause__ or error.__context__, seen + 1
    return None


def _stopped_line(name: str) -> str:
    """The one line, in the language asked for (`--lang en`); nothing slow is imported."""
    from wfh_solver.messages import set_language, t

    args = sys.argv[1:]
    english = "--lang=en" in args or any(
        a == "--lang" and b == "en" for a, b in zip(args, args[1:], strict=False))
    set_language("en" if english else "id")
    return t("signal_stopped_plain", signal=name)

"""What the console script sets up before anything heavy: the run's clock, the signal handlers
and the language of the terminal. Shared by `entry` (the script's first code) and `app`
(which `python -m` reaches without the script), so neither imports the other.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Mapping, Sequence
from types import FrameType

from wfh_solver.base.signals import STOP_SIGNALS, Stopped, note_stop

STARTED = time.monotonic()  # the user's wait is counted from here, imports included


def raise_stopped(signum: int, frame: FrameType | None) -> None:
    for other in STOP_SIGNALS:  # the clean-up this starts (workers, temp files) runs to its end
        signal.signal(other, signal.SIG_IGN)
    note_stop(signum)
    raise Stopped(signum)


def install_handlers() -> None:
    for signum in STOP_SIGNALS:
        signal.signal(signum, raise_stopped)


def cli_language(args: Sequence[str], environ: Mapping[str, str]) -> str:
    """The language of help and usage lines: `--lang` if given, else English for an `en` locale.

    Only the terminal chatter follows the locale; workbooks stay Indonesian unless `--lang en`,
    because a roster is printed for the office, whatever the officer's computer is set to.
    (Here rather than in `usage`, so the start-up line needs no typer.)
    """
    from wfh_solver.base.messages import LANGUAGES

    for k, arg in enumerate(args):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else (
            args[k + 1] if arg == "--lang" and k + 1 < len(args) else None)
        if value in LANGUAGES:
            return value
    locale = next((environ[k] for k in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(k)), "")
    return "en" if locale.lower().startswith("en") else "id"

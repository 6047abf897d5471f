"""The console script's first code: Ctrl-C or SIGTERM at any moment is one line, never a traceback.

Importing pandas, OR-Tools and the rest takes most of a second. Under Python's default handler a
Ctrl-C in that second raises KeyboardInterrupt inside some import and prints a traceback, and a
SIGTERM kills the process without a word. This module imports nothing heavy: it installs the
run's handlers first, then imports and runs the command line (`cli.main` keeps the same handlers
and says which phase a signal stopped). Nothing is written before the command runs, so a signal
here only needs its one line and exit code 128+N (130 for SIGINT, 143 for SIGTERM).
"""

from __future__ import annotations

import os
import signal
import sys

from wfh_solver.base.signals import STOP_SIGNALS, Stopped
from wfh_solver.cli.startup import cli_language, install_handlers

if "__mp_main__" in sys.modules:
    # A worker process (local pool, Dask) loads the parent's main script under this name
    # before anything else of ours: it ignores Ctrl-C and SIGTERM, its parent decides
    # (`base/signals.py`).
    for _signum in STOP_SIGNALS:
        signal.signal(_signum, signal.SIG_IGN)


def main() -> None:
    """`wfh-solver`: handlers first, then the command line."""
    install_handlers()
    if sys.argv[1:] == ["--version"]:  # asked often, by scripts too: no library needed
        print(f"wfh-solver {_version()}")
        return
    try:
        from wfh_solver.cli.app import main as run

        run()
    except Stopped as exc:  # during start-up, before the command line could say more
        _stopped_at_start(exc.signum)
    except ImportError as exc:  # OR-Tools' C initialisation interrupted reports this
        stopped = _stopped_in(exc)
        if stopped is None:
            raise
        _stopped_at_start(stopped.signum)


def _stopped_in(error: BaseException | None) -> Stopped | None:
    """The signal behind a failed import: a C extension interrupted while it initialises
    raises `ImportError("initialization failed")` caused by our `Stopped`."""
    for _ in range(20):
        if error is None or isinstance(error, Stopped):
            return error
        error = error.__cause__ or error.__context__
    return None


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wfh-solver")
    except PackageNotFoundError:
        from wfh_solver import __version__

        return __version__


def _stopped_at_start(signum: int) -> None:
    for other in STOP_SIGNALS:  # one line, even if the user presses Ctrl-C again
        signal.signal(other, signal.SIG_IGN)
    from wfh_solver.base.messages import set_language, t

    set_language(cli_language(sys.argv[1:], os.environ))
    sys.stderr.write(t("signal_stopped_plain", signal=signal.Signals(signum).name) + "\n")
    sys.exit(128 + signum)

"""A failure to write an output names the user's file, never a temporary one, and says why.

Every output is written under a short hidden temporary name (`.wfh-1a2b3c.tmp.xlsx`) and renamed
at the end. A full disk or a read-only folder fails somewhere inside a library (XlsxWriter's
FileCreateError, fpdf2, zipfile) and names the temporary file, or no file at all. `naming` turns
any such failure into one line about the file the user asked for.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from wfh_solver.base.messages import t


class WriteFailed(OSError):
    """Writing one output failed (a full disk, a read-only folder): one line naming the user's
    file and the system's reason; the exit code is that of any other OSError (1)."""

    def __init__(self, target: Path | str, reason: str) -> None:
        super().__init__(t("write_failed", path=target, reason=reason))
        self.target, self.reason = target, reason


def os_error_in(error: BaseException) -> OSError | None:
    """The OSError behind `error`: itself, its cause or context, or an argument (XlsxWriter's
    FileCreateError carries the OSError as its argument)."""
    seen: set[int] = set()
    stack = [error]
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, OSError):
            return item
        stack += [x for x in (item.__cause__, item.__context__, *item.args)
                  if isinstance(x, BaseException)]
    return None


@contextlib.contextmanager
def naming(target: Path | str) -> Iterator[None]:
    """Any failure to write `target` (under whatever temporary names) is told about `target`.

    A system error anywhere in the chain (a full disk inside XlsxWriter, fpdf2 or zipfile)
    becomes `WriteFailed` naming `target`; another error is left as it is. Nested, the outer
    `naming` wins: a writer's own temporary target is never the name the user sees.
    """
    try:
        yield
    except WriteFailed as exc:
        raise WriteFailed(target, exc.reason) from exc.__cause__
    except Exception as exc:
        cause = os_error_in(exc)
        if cause is None:
            raise
        raise WriteFailed(target, cause.strerror or str(cause) or type(cause).__name__) from exc

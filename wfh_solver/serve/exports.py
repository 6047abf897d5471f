"""Per-unit files (printable workbooks, PDFs, or both) made as one zip in the background,
with a progress the page can show: a PDF per unit takes a second or more, so a click must
not be followed by many seconds of nothing.

The files are the CLI's `--per-unit DIR` and `--pdf DIR` (the same writer, the same
names and output plan); the archive too is staged and renamed by `OutputSet`.
"""

from __future__ import annotations

import secrets
import shutil
import sys
import threading
import time
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from wfh_solver.base.messages import set_language, t
from wfh_solver.solve.result import Result
from wfh_solver.write import write_outputs
from wfh_solver.write.outputs import OutputSet

#: What each kind of archive holds: (folder in the zip, what write_outputs makes).
KINDS = {"per_unit": ("xlsx",), "pdf": ("pdf",), "all": ("xlsx", "pdf")}


@dataclass(eq=False)
class Export:
    """One archive being made: how far, and the file once it is there."""

    kind: str
    folder: Path
    name: str  # the file name the browser saves
    id: str = field(default_factory=lambda: secrets.token_urlsafe(9))
    done: int = 0
    total: int = 0
    path: Path | None = None
    error: str = ""
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None

    @property
    def running(self) -> bool:
        return self.finished is None

    @property
    def seconds(self) -> float:
        return (self.finished or time.monotonic()) - self.started

    def start(self, result: Result, source: Path, lang: str) -> Export:
        threading.Thread(target=self._make, args=(result, source, lang), daemon=True).start()
        return self

    def _make(self, result: Result, source: Path, lang: str) -> None:
        set_language(lang)
        try:
            self.path = unit_zip(result, source, self.folder, lang, self.kind, self._told)
        except OSError as exc:  # a full disk: said on the page, no file left behind
            shutil.rmtree(self.folder, ignore_errors=True)
            original = exc.__context__ if isinstance(exc.__context__, OSError) else exc
            self.error = t("web_write_failed", reason=original.strerror
                           or type(original).__name__)
        except Exception:  # noqa: BLE001 - one line on the page, the traceback in the log
            traceback.print_exc(file=sys.stderr)
            shutil.rmtree(self.folder, ignore_errors=True)
            self.error = t("web_internal")
        finally:
            self.finished = time.monotonic()

    def _told(self, done: int, total: int) -> None:
        self.done, self.total = done, total


def unit_zip(result: Result, source: Path, folder: Path, lang: str, kind: str,
             progress: Callable[[int, int], None] | None = None) -> Path:
    """The per-unit files of `kind` under `folder`, zipped (one folder per format when the
    archive holds both)."""
    set_language(lang)
    parts = KINDS[kind]
    units = {part: folder / "units" / part for part in parts}
    write_outputs(result, [source], None, per_unit=units.get("xlsx"), pdf=units.get("pdf"),
                  lang=lang, progress=progress)
    archive = folder / "units.zip"
    with OutputSet() as outputs, zipfile.ZipFile(outputs.stage(archive), "w",
                                                 zipfile.ZIP_DEFLATED) as zipped:
        for part, where in units.items():
            for path in sorted(where.rglob("*")):
                if path.is_file():
                    inside = path.relative_to(where).as_posix()
                    zipped.write(path, inside if len(units) == 1 else f"{part}/{inside}")
    return archive

"""Small text files the user names (a scenario, a `--columns` map), read within bounds.

Every path on the command line is input, so `-s /dev/zero`, a FIFO or a 500 MB file must
end in one clear line, not in reading forever or gigabytes of memory: the file is opened
without blocking, must be a regular file, and is read only up to its size cap.
"""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path
from typing import Any

from wfh_solver.base.messages import t

__all__ = ["MAX_TEXT_BYTES", "TextFileError", "TomlError", "read_text_file", "read_toml"]

MAX_TEXT_BYTES = 1 << 20  # a bundled scenario is about 3 KB; a column map a few hundred bytes


class TextFileError(ValueError):
    """The file cannot be read as a small text file; the message says why."""


class TomlError(ValueError):
    """The file's text is not TOML the loader can take; the message says where."""


def read_text_file(path: Path, limit: int = MAX_TEXT_BYTES) -> str:
    """The UTF-8 text of a regular file of at most `limit` bytes (a BOM is dropped)."""
    try:  # O_NONBLOCK: opening a FIFO must not wait for a writer
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise TextFileError(t("text_unreadable", detail=exc.strerror or exc)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise TextFileError(t("text_is_folder"))
        if not stat.S_ISREG(info.st_mode):
            raise TextFileError(t("not_regular_file"))
        if info.st_size > limit:
            raise TextFileError(t("text_too_large", limit=_kib(limit)))
        data = _read_at_most(fd, limit + 1)  # a file that grew since fstat is still cut
    finally:
        os.close(fd)
    if len(data) > limit:
        raise TextFileError(t("text_too_large", limit=_kib(limit)))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TextFileError(t("text_not_utf8", position=exc.start + 1)) from None


def _read_at_most(fd: int, size: int) -> bytes:
    chunks: list[bytes] = []
    while size > 0 and (chunk := os.read(fd, min(size, 1 << 16))):
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def read_toml(path: Path, limit: int = MAX_TEXT_BYTES) -> dict[str, Any]:
    """A small TOML file as a table; `TextFileError` or `TomlError` say what is wrong."""
    text = read_text_file(path, limit)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TomlError(str(exc)) from None
    except RecursionError:  # `a = [[[[…` nested thousands deep
        raise TomlError(t("toml_too_deep")) from None


def _kib(limit: int) -> str:
    return f"{limit // 1024} KB"

"""Where uploads live: one private folder (mode 0700) per server, one sub-folder per upload.

Nothing the browser sends is ever used as a path: an upload is named by a random token,
its file is always `input<suffix>` with the suffix taken from a short allow-list, and the
client's file name is kept only to be shown (and to rename messages that name the file).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Spreadsheet types the reader accepts; anything else is saved as `.bin` and refused by it.
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".txt", ".htm", ".html")
TOKEN_BYTES = 18


def safe_suffix(client_name: str) -> str:
    """The client's suffix if it is a spreadsheet type we read, else `.bin`."""
    suffix = Path(client_name.replace("\\", "/")).suffix.lower()
    return suffix if suffix in SUFFIXES else ".bin"


def display_name(client_name: str) -> str:
    """The client's base name, for showing only: no folders, no control characters."""
    base = client_name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in base if ch.isprintable()).strip()
    return cleaned[:120] or "berkas"


@dataclass
class Upload:
    """One uploaded staff list and what was made from it."""

    token: str
    folder: Path
    name: str  # the client's file name, shown only
    input: Path | None = None
    report: dict[str, Any] | None = None
    scenario_toml: Path | None = None  # a scenario edited in the form
    jobs: dict[str, Any] = field(default_factory=dict)
    client: str = ""  # the address that uploaded it, for the per-client quota
    touched: float = field(default_factory=time.monotonic)

    def touch(self) -> None:
        self.touched = time.monotonic()

    def running_job(self) -> Any | None:
        return next((job for job in self.jobs.values() if job.running), None)


class Workspace:
    """The server's private temporary folder and the uploads in it."""

    def __init__(self, idle_seconds: float = 1800.0, root: Path | None = None) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="wfh-serve-", dir=root))
        os.chmod(self.root, 0o700)
        self.idle_seconds = idle_seconds
        self.uploads: dict[str, Upload] = {}
        self.lock = threading.Lock()

    def new_upload(self, client_name: str, client: str = "") -> Upload:
        token = secrets.token_urlsafe(TOKEN_BYTES)
        folder = self.root / token
        folder.mkdir(mode=0o700)
        upload = Upload(token, folder, display_name(client_name), client=client)
        with self.lock:
            self.uploads[token] = upload
        return upload

    def get(self, token: str) -> Upload | None:
        with self.lock:
            upload = self.uploads.get(token)
        if upload is not None:
            upload.touch()
        return upload

    def of_client(self, client: str) -> int:
        """Uploads this client address keeps (the per-client quota)."""
        with self.lock:
            return sum(upload.client == client for upload in self.uploads.values())

    def used_bytes(self) -> int:
        """Bytes under the workspace now: uploads, results and downloads being sent."""
        total = 0
        for folder, _, files in os.walk(self.root):
            for name in files:
                with contextlib.suppress(OSError):  # removed while we count
                    total += os.lstat(os.path.join(folder, name)).st_size
        return total

    def remove(self, token: str, before: Callable[[Upload], None] | None = None) -> None:
        with self.lock:
            upload = self.uploads.pop(token, None)
        if upload is None:
            return
        if before is not None:
            before(upload)
        shutil.rmtree(upload.folder, ignore_errors=True)

    def sweep(self, before: Callable[[Upload], None] | None = None) -> list[str]:
        """Removes uploads idle for longer than the timeout (a running solve keeps it alive)."""
        now = time.monotonic()
        with self.lock:
            idle = [token for token, upload in self.uploads.items()
                    if now - upload.touched > self.idle_seconds and upload.running_job() is None]
        for token in idle:
            self.remove(token, before)
        return idle

    def close(self, before: Callable[[Upload], None] | None = None) -> None:
        for token in list(self.uploads):
            self.remove(token, before)
        shutil.rmtree(self.root, ignore_errors=True)

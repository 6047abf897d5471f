"""Every path a run writes, decided before anything is written, and written as one set.

A run writes a roster, and maybe a folder of per-unit files. A careless plan can
replace the staff list it read (an OPD's export named after its unit, solved with
`--per-unit .`) or make one output overwrite another. So the plan is made first and
checked as a whole: no output is an input, no two outputs are one file (also when
they differ only in case, as on Windows), and no existing file the run did not make
is replaced unless the user says so. Then `OutputSet` writes each file under a
temporary name and renames them all at the end; a failure part-way leaves every
earlier output exactly as it was, and names the file that failed.

Every command that writes (`solve`, `compare` with its charts, `batch` with its
rosters, the conflict workbook) plans with `plan_outputs` and writes with `OutputSet`.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import signal
import stat
import threading
import unicodedata
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from wfh_solver.base.messages import t
from wfh_solver.base.signals import raise_if_stopped
from wfh_solver.write.failure import naming

CREATOR = "wfh-solver"  # the creator written into every file we make; how we recognise them

_UNSAFE = re.compile(r"[^\w .\-]+")
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{p}{k}" for p in ("com", "lpt") for k in range(1, 10)}
)
_MAX_STEM = 100  # characters, for a readable name
_MAX_STEM_BYTES = 150  # and bytes (non-Latin names), leaving room for a suffix within 255


class OutputClash(ValueError):
    """Two paths of a run collide, or an output would replace a file the run did not make."""


@dataclass(frozen=True, slots=True)
class OutputPlan:
    """The files one run will write, in order, all checked against each other."""

    paths: tuple[Path, ...]
    unit_paths: dict[str, Path] = field(default_factory=dict)


def safe_stem(name: str) -> str:
    """`name` as a file stem that every common file system accepts.

    Letters and digits of any script, spaces, dots and dashes are kept (a unit's
    official name is what HR looks for), anything else becomes `_`; the stem is cut
    to 100 characters and to a byte length that leaves room for a suffix on file
    systems that count bytes.
    """
    stem = _UNSAFE.sub("_", unicodedata.normalize("NFC", name)).strip(" .")[:_MAX_STEM]
    encoded = stem.strip(" .").encode("utf-8")[:_MAX_STEM_BYTES]
    stem = encoded.decode("utf-8", errors="ignore").strip(" .")
    if not stem:
        return "unit"
    if stem.split(".")[0].casefold() in _RESERVED:
        stem = f"_{stem}"
    return stem


def unique_stems(names: Sequence[str]) -> list[str]:
    """Safe stems for `names`, de-duplicated case-insensitively with `_2`, `_3`..."""
    taken: set[str] = set()
    stems: list[str] = []
    for name in names:
        base = safe_stem(name)
        stem, k = base, 1
        while stem.casefold() in taken:
            k += 1
            suffix = f"_{k}"
            cut = base[: _MAX_STEM - len(suffix)].encode("utf-8")[: _MAX_STEM_BYTES - len(suffix)]
            stem = cut.decode("utf-8", errors="ignore") + suffix
        taken.add(stem.casefold())
        stems.append(stem)
    return stems


def _key(path: Path) -> str:
    """One file's identity for clash checks: absolute, normalised, case-folded."""
    return os.path.normcase(os.path.abspath(path)).casefold()


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file: equal once normalised, or one file on disk."""
    if _key(a) == _key(b):
        return True
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def made_by_us(path: Path) -> bool:
    """Whether an existing file carries our creator mark (so replacing it is expected)."""
    try:
        suffix = path.suffix.lower()
        if suffix in (".xlsx", ".xlsm"):
            with zipfile.ZipFile(path) as archive:
                info = archive.getinfo("docProps/core.xml")
                if info.file_size > 65536:
                    return False
                return f">{CREATOR}<".encode() in archive.read(info)
        with path.open("rb") as handle:
            head = handle.read(4096)
        if suffix == ".csv":
            first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].lower()
            return first.startswith(b"nip,") or first.startswith(b"nip;")
        if suffix == ".png":
            return _png_software(head) == CREATOR
        if suffix == ".svg":
            return _SVG_CREATOR.search(head) is not None
        if suffix == ".pdf":
            handle_size = path.stat().st_size
            with path.open("rb") as handle:
                handle.seek(max(0, handle_size - 8192))
                tail = handle.read()
            return CREATOR.encode() in head or CREATOR.encode() in tail
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return False


_SVG_CREATOR = re.compile(
    rb"<dc:creator>\s*<cc:Agent>\s*<dc:title>" + re.escape(CREATOR.encode()) + rb"</dc:title>")


def _png_software(head: bytes) -> str | None:
    """The `Software` text chunk of a PNG's first 4 KB (written before the image data)."""
    if not head.startswith(b"\x89PNG\r\n\x1a\n"):
        return None
    at = 8
    while at + 8 <= len(head):
        size = int.from_bytes(head[at:at + 4], "big")
        kind = head[at + 4:at + 8]
        if kind == b"IDAT":
            return None
        if kind == b"tEXt":
            key, _, value = head[at + 8:at + 8 + size].partition(b"\0")
            if key == b"Software":
                return value.decode("latin-1")
        at += 12 + size
    return None


def plan_outputs(inputs: Sequence[Path], out: Path | None, *,
                 per_unit: Path | None = None, per_unit_suffix: str = ".xlsx",
                 extra_dirs: Sequence[tuple[Path, str]] = (),
                 units: Sequence[str] = (), files: Sequence[Path] = (),
                 overwrite: bool = False) -> OutputPlan:
    """Decide and check every path a run will write; raise `OutputClash` naming the clash.

    `per_unit` and each `(folder, suffix)` of `extra_dirs` get one file per unit, named
    after it. Without `units` only the fixed paths are checked (a cheap early check
    before reading and solving). `files` are further outputs the caller has named (a
    batch's rosters, a comparison's charts).
    """
    paths: list[Path] = []
    unit_paths: dict[str, Path] = {}
    if out is not None:
        paths.append(out)
    for path in files:
        if path.parent.exists() and not path.parent.is_dir():
            raise OutputClash(t("out_not_folder", path=path.parent))
        paths.append(path)
    folders = ([(per_unit, per_unit_suffix)] if per_unit is not None else []) + list(extra_dirs)
    for folder, suffix in folders:
        if folder.exists() and not folder.is_dir():
            raise OutputClash(t("out_not_folder", path=folder))
        for unit, stem in zip(units, unique_stems(units), strict=True):
            path = folder / f"{stem}{suffix}"
            paths.append(path)
            unit_paths.setdefault(unit, path)
    _check(inputs, paths, overwrite)
    return OutputPlan(tuple(paths), unit_paths)


def _check(inputs: Sequence[Path], paths: Sequence[Path], overwrite: bool) -> None:
    seen: dict[str, Path] = {}
    for path in paths:
        for source in inputs:
            if same_file(path, source):
                raise OutputClash(t("out_is_input_path", path=path, input=source))
        key = _key(path)
        if key in seen:
            raise OutputClash(t("out_twice", path=path, other=seen[key]))
        seen[key] = path
        if path.is_dir():
            raise OutputClash(t("out_is_folder", path=path))
        if path.exists() and not overwrite and not made_by_us(path):
            raise OutputClash(t("out_exists", path=path))


def _temp_name(target: Path) -> Path:
    """A short hidden sibling name: long unit names must not push it past 255 bytes."""
    return target.with_name(f".wfh-{secrets.token_hex(6)}.tmp{target.suffix}")


def _create_temp(target: Path) -> Path:
    for _ in range(100):
        tmp = _temp_name(target)
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        return tmp
    raise FileExistsError(t("temp_failed", path=target))


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT/SIGTERM while renaming, so a set is never half committed by a signal."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


class OutputSet:
    """Write several files as one: stage each under a temporary name, then rename all.

    Staged files live in one hidden folder per target folder (`.wfh-….tmp/`), so that
    whatever a writer leaves there (its own temporary file, a worker process ended
    part-way) goes with it. On any failure (an exception, a signal turned into one)
    those folders are removed, files that existed before are left untouched, folders
    the set made are removed again when empty; a failure names the output being
    written (`failure.naming`), never a temporary name.
    """

    def __init__(self) -> None:
        self._staged: dict[Path, Path] = {}  # target → its temporary file
        self._stage_dirs: dict[Path, Path] = {}  # target folder → its hidden staging folder
        self._made_dirs: list[Path] = []

    def stage(self, target: Path | str) -> Path:
        """A fresh temporary path for `target`, on its file system; the writer fills it."""
        target = Path(target)
        with naming(target):
            self._make_dir(target.parent)
            folder = self._stage_dirs.get(target.parent)
            if folder is None:
                folder = self._stage_dirs[target.parent] = _create_stage_dir(target.parent)
            tmp = _create_temp(folder / f"out{target.suffix}")
        self._staged[target] = tmp
        return tmp

    def discard(self, target: Path | str) -> None:
        """Drop a staged file (its task failed): nothing is written at `target`."""
        tmp = self._staged.pop(Path(target), None)
        if tmp is not None:
            tmp.unlink(missing_ok=True)

    def _make_dir(self, folder: Path) -> None:
        missing = []
        for parent in (folder, *folder.parents):
            if parent.exists():
                break
            missing.append(parent)
        folder.mkdir(parents=True, exist_ok=True)
        self._made_dirs.extend(missing)  # innermost first

    def commit(self) -> None:
        """Rename every staged file onto its target, keeping a replaced file's mode."""
        raise_if_stopped()  # a stop a library swallowed still leaves every file as it was
        with _signals_held():
            backups: list[tuple[Path, Path]] = []
            done: list[Path] = []
            try:
                for target, tmp in self._staged.items():
                    with naming(target):  # a failure names the user's file
                        _fsync(tmp)
                        if target.exists():
                            os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
                            backup = _create_temp(target)
                            os.replace(target, backup)
                            backups.append((backup, target))
                        os.replace(tmp, target)
                    done.append(target)
            except BaseException:
                for target in done:
                    if not any(target == b for _, b in backups):
                        target.unlink(missing_ok=True)
                for backup, target in reversed(backups):
                    os.replace(backup, target)
                raise
            for backup, _ in backups:
                backup.unlink(missing_ok=True)
            self._staged.clear()
            self._remove_stage_dirs()

    def abort(self) -> None:
        """Remove everything staged (and the folders this set made); signals wait."""
        with _signals_held():
            self._staged.clear()
            self._remove_stage_dirs()
            for folder in self._made_dirs:
                with contextlib.suppress(OSError):
                    folder.rmdir()

    def _remove_stage_dirs(self) -> None:
        for folder in self._stage_dirs.values():
            shutil.rmtree(folder, ignore_errors=True)
        self._stage_dirs.clear()

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        if kind is None:
            try:
                self.commit()
            except BaseException:
                self.abort()
                raise
        else:
            self.abort()


def _create_stage_dir(parent: Path) -> Path:
    for _ in range(100):
        folder = parent / f".wfh-{secrets.token_hex(6)}.tmp"
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        return folder
    raise FileExistsError(t("temp_failed", path=parent))


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())

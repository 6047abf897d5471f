"""Tests that a write failing part-way (a full disk, a file-size limit) ends in one line naming
the file that failed, never a temporary name nor a traceback, and leaves every earlier output
byte for byte as it was (`write/failure.py`, `OutputSet`), through the installed console script.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

CLI = Path(sys.executable).with_name("wfh-solver")
SCENARIO = "jateng-2020"


def run(*args: str | Path, cwd: Path, file_size: int | None = None,
        ) -> subprocess.CompletedProcess[str]:
    """The console script; with `file_size`, no file it writes may grow past that many bytes
    (RLIMIT_FSIZE: a write past it fails with EFBIG, as a full disk fails with ENOSPC)."""
    def limit() -> None:
        if file_size is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))

    env = {**os.environ, "LANG": "C.UTF-8"}
    return subprocess.run([str(CLI), *map(str, args)], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env=env, preexec_fn=limit)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


@pytest.fixture(scope="module")
def earlier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 sample staff, and a first run's roster, per-unit workbooks and PDFs (Indonesian)."""
    here = tmp_path_factory.mktemp("failures")
    done = run("sample", "--size", "60", "--seed", "2", "-o", "p.xlsx", cwd=here)
    assert done.returncode == 0, done.stderr
    done = run("solve", "p.xlsx", "-s", SCENARIO, "-o", "out/j.xlsx", "--per-unit", "out/pu",
               "--pdf", "out/pdf", "-q", cwd=here)
    assert done.returncode == 0, done.stderr
    return here


def one_failure_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert ".wfh-" not in done.stderr and ".tmp" not in done.stderr  # never a temporary name
    return lines[0]


def sizes(folder: Path, pattern: str) -> list[int]:
    return [p.stat().st_size for p in folder.glob(pattern)]


def test_a_pdf_that_cannot_be_written_is_named_and_nothing_changes(earlier):
    """Tests a PDF failing after the roster and every per-unit workbook were written: the line
    names that PDF (not the roster), exit 1, every earlier file byte for byte as it was."""
    out = earlier / "out"
    limit = min(sizes(out / "pdf", "*.pdf")) - 1
    assert max(sizes(out, "*.xlsx") + sizes(out / "pu", "*.xlsx")) < limit  # only PDFs fail
    before = snapshot(out)
    done = run("solve", "p.xlsx", "-s", SCENARIO, "-o", "out/j.xlsx", "--per-unit", "out/pu",
               "--pdf", "out/pdf", "-q", "--lang", "en", cwd=earlier, file_size=limit)
    line = one_failure_line(done)
    assert line.startswith("error: could not write out/pdf/") and ".pdf: File too large" in line
    named = line.split("could not write ", 1)[1].split(": File too large")[0]
    assert named.removeprefix("out/") in before  # the user's own file name
    assert snapshot(out) == before


def test_a_roster_that_cannot_be_written_is_named_and_nothing_changes(earlier):
    """Tests the roster itself failing (the first file written): named, nothing changed."""
    out = earlier / "out"
    before = snapshot(out)
    done = run("solve", "p.xlsx", "-s", SCENARIO, "-o", "out/j.xlsx", "--per-unit", "out/pu",
               "-q", "--lang", "en", cwd=earlier, file_size=4096)
    assert one_failure_line(done) == ("error: could not write out/j.xlsx: File too large; "
                                      "earlier outputs are unchanged")
    assert snapshot(out) == before


def test_a_csv_roster_that_cannot_be_written_is_named(earlier, tmp_path):
    """Tests the CSV writer the same way (a new file: nothing is left behind)."""
    done = run("solve", earlier / "p.xlsx", "-s", SCENARIO, "-o", "j.csv", "-q", "--lang", "en",
               cwd=tmp_path, file_size=4096)
    assert one_failure_line(done).startswith("error: could not write j.csv: File too large")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.geteuid() != 0 or sys.platform != "linux", reason="mounts a tmpfs")
def test_a_disk_filling_while_per_unit_files_are_written(earlier, tmp_path):
    """Tests a real full disk (a small tmpfs) part-way through --per-unit: XlsxWriter's
    FileCreateError is one line naming that unit's workbook, exit 1, the roster and every
    earlier per-unit workbook unchanged, no temporary file left."""
    disk = tmp_path / "disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(disk)], check=True)
    try:
        done = run("solve", earlier / "p.xlsx", "-s", SCENARIO, "-o", "j.xlsx", "--per-unit",
                   disk / "pu", "-q", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        books = snapshot(disk)
        room = os.statvfs(disk)
        free = room.f_bavail * room.f_frsize
        half = sum(len(b) for b in books.values()) // 2  # room for about half the new set
        (disk / "filler").write_bytes(b"\0" * max(0, free - half))
        before = {**snapshot(tmp_path), **{f"disk/{k}": v for k, v in books.items()}}
        done = run("solve", earlier / "p.xlsx", "-s", SCENARIO, "-o", "j.xlsx", "--per-unit",
                   disk / "pu", "-q", "--lang", "en", cwd=tmp_path)
        line = one_failure_line(done)
        assert line.startswith(f"error: could not write {disk / 'pu'}/")
        assert ".xlsx: No space left on device" in line
        (disk / "filler").unlink()
        assert {**snapshot(tmp_path)} == {k: v for k, v in before.items() if k != "disk/filler"}
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_a_sample_that_cannot_be_written_is_named(tmp_path):
    """Tests `sample` (XlsxWriter's FileCreateError, was 'internal error'): one line naming the
    file, an earlier sample unchanged, no temporary file left."""
    (tmp_path / "s.xlsx").write_bytes(b"earlier")
    done = run("sample", "--size", "3000", "-o", "s.xlsx", cwd=tmp_path, file_size=8192)
    assert one_failure_line(done).startswith("error: tidak dapat menulis s.xlsx: File too large")
    assert snapshot(tmp_path) == {"s.xlsx": b"earlier"}

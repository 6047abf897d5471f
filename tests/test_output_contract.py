"""Tests that every command that writes keeps one output contract (README "Keamanan data"):
an input is never an output, a file wfh-solver did not make is replaced only with
`--overwrite`, our own files are replaced on a re-run, a failure part-way leaves every
earlier file byte-identical and names the file that failed, and Ctrl-C/SIGTERM stop the
run within 2 s with one line, exit 130/143, no traceback, no temporary file and no worker
process left. (`check` only reads and prints, so it has no outputs to test here.)

Every case runs the installed console script as a child process on small sample lists
(`wfh-solver sample --size 300` and `--size 150`), from a scratch folder.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest
from matplotlib.figure import Figure

from wfh_solver.write.outputs import made_by_us

CLI = Path(sys.executable).with_name("wfh-solver")
STOP_SECONDS = 2.0


@dataclass(frozen=True)
class Command:
    """One writing command: its argv for a scenario (run in the scratch folder), the
    file it writes first (for a failure part-way), and its extra options under test."""

    name: str
    argv: Callable[[str], list[str]]
    first: str


COMMANDS = {
    "solve": Command("solve", lambda sc: [
        "solve", "staff/b-besar.xlsx", "-s", sc, "-o", "out/jadwal.xlsx", "--per-unit",
        "out/unit", "--pdf", "out/pdf", "-q"], "out/jadwal.xlsx"),
    "compare": Command("compare", lambda sc: [
        "compare", "staff/b-besar.xlsx", "-s", sc, "-o", "out/banding.xlsx", "--plots",
        "out/grafik", "--workers", "1", "-q"],
        "out/banding.xlsx"),
    "batch": Command("batch", lambda sc: [
        "batch", "staff", "-s", sc, "-o", "out/ringkasan.xlsx", "--rosters", "out/jadwal",
        "--workers", "1", "-q"], "out/jadwal/a-kecil__{sc}.xlsx"),
}


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two staff lists made by the console script: 150 staff (`a-…`, read and written
    first) and 300 staff."""
    folder = tmp_path_factory.mktemp("samples")
    for name, size, seed in (("a-kecil", 150, 2), ("b-besar", 300, 1)):
        done = run(["sample", "--size", str(size), "--seed", str(seed), "-o",
                    f"{name}.xlsx"], folder)
        assert done.returncode == 0, done.stderr
    return folder


@pytest.fixture
def work(tmp_path: Path, samples: Path) -> Path:
    """A scratch folder holding `staff/` (the two lists) and nothing else."""
    shutil.copytree(samples, tmp_path / "staff")
    return tmp_path


def run(argv: list[str], cwd: Path, file_limit: int | None = None
        ) -> subprocess.CompletedProcess[str]:
    """The console script in `cwd`; `file_limit` caps each file it writes (RLIMIT_FSIZE:
    a write past it fails with EFBIG, as a full disk fails with ENOSPC)."""
    def limit() -> None:
        if file_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))

    return subprocess.run([str(CLI), *argv], cwd=cwd, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=300, preexec_fn=limit)


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every entry under `folder` (hidden ones too) with its bytes (None for a folder)."""
    return {str(p.relative_to(folder)): None if p.is_dir() else p.read_bytes()
            for p in sorted(folder.rglob("*"))}


def one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr and "Errno" not in stderr, stderr
    return lines[0]


def leftovers(folder: Path) -> list[str]:
    """Temporary files or staging folders of ours anywhere under `folder`."""
    return [str(p) for p in folder.rglob(".wfh-*")]


def foreign_png(path: Path) -> None:
    """A real chart a user made with matplotlib (its own creator mark, not ours)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fig = Figure(figsize=(2, 2))
    fig.subplots().bar([1, 2], [3, 1])
    fig.savefig(path, format=path.suffix[1:])


# --------------------------------------------------------------------------- plans


@pytest.mark.parametrize(("argv", "clash"), [
    (["solve", "staff/b-besar.xlsx", "-s", "jateng-2020", "-o", "staff/b-besar.xlsx"],
     "staff/b-besar.xlsx"),
    (["compare", "staff/b-besar.xlsx", "-s", "jateng-2020", "-o", "staff/b-besar.xlsx"],
     "staff/b-besar.xlsx"),
    (["batch", "staff", "-s", "jateng-2020", "-o", "staff/b-besar.xlsx"],
     "staff/b-besar.xlsx"),
    (["batch", "staff", "-s", "jateng-2020", "-o", "out/r.xlsx", "--rosters", "staff"],
     "staff/a-kecil__jateng-2020.xlsx"),
], ids=["solve", "compare", "batch", "batch-rosters"])
def test_an_output_that_is_an_input_is_refused(work: Path, argv: list[str], clash: str):
    """Tests that naming an input as an output (the summary, or a roster whose name a staff
    list already has) is refused with one line (exit 2), even with --overwrite, and leaves
    every file as it was; `batch` used to drop such a list and write over it."""
    staff = work / "staff"
    shutil.copy(staff / "a-kecil.xlsx", staff / "a-kecil__jateng-2020.xlsx")
    before = snapshot(work)
    done = run([*argv, "--overwrite"], work)
    assert done.returncode == 2, done.stderr
    assert clash in one_line(done.stderr)
    assert snapshot(work) == before


@pytest.mark.parametrize(("command", "foreign"), [
    ("solve", "out/jadwal.xlsx"),
    ("compare", "out/banding.xlsx"),
    ("compare", "out/grafik/daily_presence.png"),
    ("batch", "out/ringkasan.xlsx"),
    ("batch", "out/jadwal/b-besar__jateng-2020.xlsx"),
])
def test_a_file_we_did_not_make_is_replaced_only_with_overwrite(work: Path, command: str,
                                                                 foreign: str):
    """Tests a user's own file at an output path (a workbook, a matplotlib chart of their
    own): refused with one line naming it and --overwrite (exit 2, nothing written); with
    --overwrite replaced by ours, which carries our creator mark."""
    target = work / foreign
    if target.suffix in (".png", ".svg"):
        foreign_png(target)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"anggaran 2020 yang diketik HR")
    before = snapshot(work)
    argv = COMMANDS[command].argv("jateng-2020")
    done = run(argv, work)
    assert done.returncode == 2, done.stderr
    line = one_line(done.stderr)
    assert foreign in line and "--overwrite" in line
    assert snapshot(work) == before
    done = run([*argv, "--overwrite"], work)
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() != before[foreign] and made_by_us(target)
    assert not leftovers(work)


@pytest.mark.parametrize("command", COMMANDS)
def test_our_own_outputs_are_replaced_on_a_rerun(work: Path, command: str):
    """Tests that a second run under another scenario replaces the first run's files
    (made by wfh-solver, so without --overwrite), leaving no temporary file."""
    cmd = COMMANDS[command]
    done = run(cmd.argv("jateng-2020"), work)
    assert done.returncode == 0, done.stderr
    first = snapshot(work)
    done = run(cmd.argv("kebumen-2020"), work)
    assert done.returncode == 0, done.stderr
    main_out = cmd.argv("")[cmd.argv("").index("-o") + 1]
    assert (work / main_out).read_bytes() != first[main_out]
    assert not leftovers(work)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_failure_part_way_leaves_every_earlier_file_as_it_was(work: Path, tmp_path_factory,
                                                                 command: str):
    """Tests a write that fails part-way: after a first run, a second run under another
    scenario with each file capped between the size of its first file and its largest
    (measured on a trial run elsewhere: the first fits, a later one does not) exits 1
    with one line naming the file that failed (its real name, no errno), leaves every
    earlier output byte-identical, adds nothing, and leaves no temporary file."""
    cmd = COMMANDS[command]
    trial = tmp_path_factory.mktemp("trial")
    shutil.copytree(work / "staff", trial / "staff")
    done = run(cmd.argv("kebumen-2020"), trial)
    assert done.returncode == 0, done.stderr
    sizes = {str(p.relative_to(trial)): p.stat().st_size for p in (trial / "out").rglob("*")
             if p.is_file()}
    first, largest = sizes[cmd.first.format(sc="kebumen-2020")], max(sizes.values())
    assert first < largest
    done = run(cmd.argv("jateng-2020"), work)
    assert done.returncode == 0, done.stderr
    before = snapshot(work)
    done = run(cmd.argv("kebumen-2020"), work, file_limit=(first + largest) // 2)
    assert done.returncode == 1, done.stderr
    named = re.search(r" (out/[^:;]+): ", one_line(done.stderr))
    assert named and named[1] in sizes, done.stderr
    assert snapshot(work) == before
    assert not leftovers(work)


# --------------------------------------------------------------------------- signals


def _workers(pid: int) -> list[psutil.Process]:
    """The CLI's worker processes (local pool or Dask), not multiprocessing's tracker."""
    try:
        children = psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    found = []
    for child in children:
        try:
            if any("spawn_main" in part for part in child.cmdline()):
                found.append(child)
        except psutil.Error:
            continue
    return found


class _WorkersUp:
    """Ready once two workers have run for 0.5 s (past their interpreter's start: a Dask
    worker ignores signals from the moment it loads our console script). Ages are
    measured here, from when each worker is first seen."""

    def __init__(self) -> None:
        self.seen: dict[int, float] = {}

    def __call__(self, pid: int) -> bool:
        now = time.monotonic()
        workers = _workers(pid)
        for worker in workers:
            self.seen.setdefault(worker.pid, now)
        return len(workers) >= 2 and all(now - self.seen[w.pid] > 0.5 for w in workers)


def _gone(process: psutil.Process) -> bool:
    try:
        return process.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def _as_from_a_terminal() -> None:
    """The child starts with both signals at their default, as from an interactive shell
    (a test runner started in the background may pass SIGINT on as ignored)."""
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, signal.SIG_DFL)


def _listening(pid: int) -> bool:
    """Whether the script catches SIGTERM yet (its first lines install the handlers,
    before the second of imports): /proc's SigCgt mask."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    caught = int(next(line.split()[1] for line in status.splitlines()
                      if line.startswith("SigCgt:")), 16)
    return bool(caught & (1 << (signal.SIGTERM - 1)))


def _stop(argv: list[str], cwd: Path, signum: int, *, group: bool,
          ready: Callable[[int], bool]) -> tuple[int, str, float, list[psutil.Process]]:
    """Start the console script in its own session, wait until `ready(pid)`, send the
    signal (to its whole group, as a terminal's Ctrl-C does, or to the pid, as `kill`),
    and return (exit code, stderr, seconds from signal to exit, the workers it had)."""
    child = subprocess.Popen([str(CLI), *argv], cwd=cwd, stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                             start_new_session=True, preexec_fn=_as_from_a_terminal)
    deadline = time.monotonic() + 60
    while not ready(child.pid):
        assert child.poll() is None, f"finished before the signal: {child.stderr}"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    workers = _workers(child.pid)
    sent = time.monotonic()
    (os.killpg if group else os.kill)(child.pid, signum)
    _, stderr = child.communicate(timeout=60)
    return child.returncode, stderr, time.monotonic() - sent, workers


RUNS = {  # long enough to be stopped once its workers are up: 4 tasks on 2 workers
    "compare": ["compare", "staff/b-besar.xlsx", "-s", "jateng-2020", "-s", "kebumen-2020",
                "-s", "sragen-2020", "-s", "pasuruan-2020", "-o", "out/banding.xlsx",
                "--plots", "out/grafik", "--workers", "2"],
    "batch": ["batch", "staff", "-s", "jateng-2020", "-s", "kebumen-2020", "-o",
              "out/ringkasan.xlsx", "--rosters", "out/jadwal", "--workers", "2"],
}


@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("scheduler", ["pool", "dask"])
@pytest.mark.parametrize("command", list(RUNS))
def test_a_signal_mid_run_stops_workers_and_writes_nothing(work: Path, command: str,
                                                           scheduler: str, signame: str):
    """Tests Ctrl-C (SIGINT to the whole process group) and SIGTERM (to the pid) once the
    workers are up: exit 128+N within 2 s, one line saying nothing was written, no
    traceback, every worker process ended, no file or temporary file left."""
    argv = RUNS[command] + (["--scheduler", "local"] if scheduler == "dask" else [])
    signum = getattr(signal, signame)
    before = snapshot(work)
    code, stderr, seconds, workers = _stop(argv, work, signum, group=signame == "SIGINT",
                                           ready=_WorkersUp())
    assert code == 128 + signum, stderr
    line = one_line(stderr)
    assert signame in line
    assert seconds <= STOP_SECONDS, f"{seconds:.2f} s"
    time.sleep(0.3)
    assert len(workers) >= 2 and all(_gone(w) for w in workers)
    assert snapshot(work) == before


@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("command", COMMANDS)
def test_a_signal_at_start_up_is_one_line(work: Path, command: str, signame: str):
    """Tests a signal while the script is still importing its libraries (as soon as it
    listens, about a second before it can do anything): one line, exit 128+N, no
    traceback, nothing written."""
    signum = getattr(signal, signame)
    before = snapshot(work)
    code, stderr, seconds, _ = _stop(COMMANDS[command].argv("jateng-2020"), work, signum,
                                     group=signame == "SIGINT", ready=_listening)
    assert code == 128 + signum, (code, seconds, stderr)
    assert signame in one_line(stderr)
    assert seconds <= STOP_SECONDS
    assert snapshot(work) == before

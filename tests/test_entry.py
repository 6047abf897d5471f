"""Tests that a signal while the console script starts (importing pandas and OR-Tools) ends in one
line and exit 130/143, never a traceback (`wfh_solver/cli/entry.py`)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

CLI = Path(sys.executable).with_name("wfh-solver")
SAMPLE = Path("data/pegawai.xlsx").resolve()  # 9,000 staff: reading alone outlasts a second


@pytest.mark.parametrize("after", [0.05, 0.2, 0.5])
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_during_start_up_is_one_line_and_128_plus_n(tmp_path, signum, after):
    """Tests Ctrl-C and SIGTERM 0.05/0.2/0.5 s after start: exit 130/143, one line, no
    traceback, nothing written."""
    env = {**os.environ, "LANG": "C.UTF-8"}
    child = subprocess.Popen([str(CLI), "solve", str(SAMPLE), "-s", "jateng-2020", "-o",
                              str(tmp_path / "j.xlsx"), "-q"], stderr=subprocess.PIPE,
                             stdout=subprocess.DEVNULL, text=True, env=env)
    time.sleep(after)
    child.send_signal(signum)
    _, stderr = child.communicate(timeout=120)
    assert child.returncode == 128 + signum, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"dihentikan ({signum.name})"), stderr
    assert list(tmp_path.iterdir()) == []


def test_the_start_up_line_follows_lang(tmp_path):
    """Tests the start-up line in English under --lang en, as every later line."""
    child = subprocess.Popen([str(CLI), "solve", str(SAMPLE), "-s", "jateng-2020", "-o",
                              str(tmp_path / "j.xlsx"), "--lang", "en"], stderr=subprocess.PIPE,
                             stdout=subprocess.DEVNULL, text=True)
    time.sleep(0.2)
    child.send_signal(signal.SIGINT)
    _, stderr = child.communicate(timeout=120)
    assert child.returncode == 130 and stderr.startswith("stopped (SIGINT)"), stderr

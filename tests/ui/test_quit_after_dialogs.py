"""The real app process: open a dialog, close it, quit — the process exits 0 with a quiet stderr."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from dialog_driver import DIALOGS  # noqa: E402

DRIVER = Path(__file__).with_name("dialog_driver.py")
# Said by Qt's offscreen platform itself whenever a dialog is shown; never by a desktop.
PLATFORM_NOTES = ("This plugin does not support propagateSizeHints()",)


def qt_complaints(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip() and line not in PLATFORM_NOTES]


@pytest.mark.parametrize("dialog", sorted(DIALOGS))
def test_quitting_after_a_dialog_exits_cleanly(dialog: str, tmp_path: Path, prepared_data: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(prepared_data, data)
    result = subprocess.run(
        [sys.executable, str(DRIVER), dialog, "--data-dir", str(data)],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("closed "), result.stdout  # the dialog really was shown
    assert qt_complaints(result.stderr) == []


@pytest.mark.parametrize("signal_number", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_and_sigterm_close_the_window_keeping_its_size(
    signal_number: int, tmp_path: Path, prepared_data: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(prepared_data, data)
    process = subprocess.Popen(
        [sys.executable, str(DRIVER), "none", "--data-dir", str(data)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert process.stdout is not None and process.stdout.readline() == "ready\n"
    process.send_signal(signal_number)
    _out, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr[-2000:]
    assert "geometry=" in (data / "window.ini").read_text()
    assert qt_complaints(stderr) == []

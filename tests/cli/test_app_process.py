"""The real `studyapp` process: version, and the desktop app starting on a new data folder."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from studyapp import __version__


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studyapp", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_version() -> None:
    result = _run("--version")
    assert result.returncode == 0
    assert __version__ in result.stdout


def test_app_creates_the_data_folder_and_keeps_running(tmp_path: Path) -> None:
    data = tmp_path / "D"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(
        [sys.executable, "-m", "studyapp", "--data-dir", str(data)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        bank = data / "studyapp.sqlite3"
        deadline = time.monotonic() + 90
        articles = 0
        while time.monotonic() < deadline and articles < 2:
            time.sleep(0.3)
            assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
            if bank.exists():
                try:
                    with sqlite3.connect(f"{bank.as_uri()}?mode=ro", uri=True) as connection:
                        articles = connection.execute("SELECT count(*) FROM article").fetchone()[0]
                        version = connection.execute(
                            "SELECT version_num FROM alembic_version"
                        ).fetchone()
                except sqlite3.OperationalError:
                    continue  # tables not created yet
        assert articles == 2
        assert version is not None
        time.sleep(1.0)
        assert process.poll() is None  # still running until closed
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_env_variable_chooses_the_data_folder(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("", encoding="utf-8")
    env = {**os.environ, "STUDYAPP_DATA_DIR": str(tmp_path / "E")}
    result = _run("extract", str(article), "--json", env=env)
    assert result.returncode == 2
    assert str(article) in result.stderr

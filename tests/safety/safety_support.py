"""Helpers for the safety tests: build a studied data folder, run the driver and SIGKILL it."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from studyapp import paths
from studyapp.bank.models import Deck, Question

DRIVER = Path(__file__).with_name("driver.py")


def build_data_folder(folder: Path, questions: int = 200) -> Path:
    """Create a data folder whose bank has one learner with ``questions`` new cards; return the bank."""
    from studyapp.services.learners import current_learner, update_settings
    from studyapp.services.review import ensure_cards
    from studyapp.services.startup import open_data_folder

    paths.set_data_dir(folder)
    try:
        bank = open_data_folder()
        try:
            learner = current_learner(bank)
            update_settings(bank, learner.id, new_per_day=9999, reviews_per_day=9999)
            with bank.transaction() as session:
                deck = Deck(name="Safety drill")
                session.add(deck)
                session.flush()
                session.execute(
                    Question.__table__.insert(),
                    [
                        {
                            "deck_id": deck.id,
                            "kind": "basic",
                            "prompt": f"Question {number}?",
                            "answer": f"Answer {number}",
                            "payload": {},
                            "origin": "generated",
                            "content_hash": f"safety-{number}",
                        }
                        for number in range(questions)
                    ],
                )
            ensure_cards(bank, learner.id)
        finally:
            bank.close()
    finally:
        paths.set_data_dir(None)
    return folder / paths.BANK_FILE


def copy_folder(template: Path, target: Path) -> Path:
    """A private copy of the template data folder (backups included); returns the bank path."""
    shutil.copytree(template, target)
    return target / paths.BANK_FILE


def count(path: Path, sql: str) -> int:
    """One number from the bank, read the way the app reopens it (WAL recovered)."""
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute(sql).fetchone()[0])
    finally:
        connection.close()


REPO_ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT = 60.0


@dataclass
class KilledRun:
    """What a killed driver printed (complete lines only) and whether it had finished already."""

    lines: list[str]
    finished: bool
    returncode: int
    stderr: str

    @property
    def acks(self) -> list[str]:
        return [line.split(" ", 1)[1] for line in self.lines if line.startswith("ACK ")]


def run_and_kill(
    data_dir: Path, args: list[str], before_ready: float | None, after_ready: float
) -> KilledRun:
    """Start ``driver.py ARGS`` and SIGKILL it.

    Args:
        data_dir: The data folder (STUDYAPP_DATA_DIR) of the child.
        args: Driver arguments, e.g. ["review", "7"].
        before_ready: Kill this many seconds after spawning, whatever it is doing
            (start-up, migration, daily backup); None to wait for READY first.
        after_ready: Seconds to let it work after READY before the kill.
    """
    env = dict(os.environ, STUDYAPP_DATA_DIR=str(data_dir), PYTHONPATH=str(REPO_ROOT))
    process = subprocess.Popen(
        [sys.executable, str(DRIVER), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=REPO_ROOT,
    )
    lines: list[str] = []
    ready = threading.Event()
    stderr_chunks: list[bytes] = []

    def read_stdout() -> None:
        assert process.stdout is not None
        for raw in process.stdout:
            if not raw.endswith(b"\n"):
                break  # a line cut by the kill was never acknowledged
            line = raw.decode().rstrip("\n")
            lines.append(line)
            if line == "READY":
                ready.set()
        ready.set()  # EOF: the child ended on its own

    def read_stderr() -> None:
        assert process.stderr is not None
        stderr_chunks.append(process.stderr.read())

    readers = [threading.Thread(target=read_stdout), threading.Thread(target=read_stderr)]
    for reader in readers:
        reader.start()
    if before_ready is not None:
        time.sleep(before_ready)
    else:
        if not ready.wait(READY_TIMEOUT):
            process.kill()
            raise AssertionError(f"driver never became ready: {b''.join(stderr_chunks)!r}")
        time.sleep(after_ready)
    finished = process.poll() is not None
    if not finished:
        os.kill(process.pid, signal.SIGKILL)
    returncode = process.wait()
    for reader in readers:
        reader.join()
    return KilledRun(lines, finished, returncode, b"".join(stderr_chunks).decode(errors="replace"))

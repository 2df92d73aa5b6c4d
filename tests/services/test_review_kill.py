"""SIGKILL right after answers loses none of them: a real process is killed mid-session."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from study_factory import build_bank

from studyapp.services import learners, review

REPO = Path(__file__).resolve().parents[2]

# Answers cards as fast as it can, printing each log id only once answer() has returned.
WORKER = """
import itertools, sys
from studyapp.bank.database import open_bank
from studyapp.services import review
bank = open_bank(__import__("pathlib").Path(sys.argv[1]))
learner, cards = int(sys.argv[2]), [int(c) for c in sys.argv[3].split(",")]
for n in itertools.count():
    card = review.next_card(bank, learner)
    card_id = card.card_id if card is not None else cards[n % len(cards)]
    receipt = review.answer(bank, card_id, 1 + n % 4, duration_ms=n)
    print(receipt.log_id, flush=True)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_loses_no_acknowledged_review(tmp_path: Path) -> None:
    path = tmp_path / "bank.sqlite3"
    bank, _ids = build_bank(path, basic_count=40)
    learner = learners.current_learner(bank).id
    learners.update_settings(bank, learner, new_per_day=1000)
    review.ensure_cards(bank, learner)
    with sqlite3.connect(path) as connection:
        cards = [row[0] for row in connection.execute("SELECT id FROM card")]
    bank.close()

    process = subprocess.Popen(
        [sys.executable, "-c", WORKER, str(path), str(learner), ",".join(map(str, cards))],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    acknowledged = []
    try:
        assert process.stdout is not None
        while len(acknowledged) < 150:
            line = process.stdout.readline()
            assert line, "the worker stopped before answering"
            acknowledged.append(int(line))
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(10)
    assert process.returncode == -signal.SIGKILL

    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in connection.execute("SELECT id FROM review_log")}
        assert set(acknowledged) <= stored
        # Every logged answer also reached its card: reps equal the log rows per card.
        mismatched = connection.execute(
            "SELECT count(*) FROM card c WHERE c.reps !="
            " (SELECT count(*) FROM review_log r WHERE r.card_id = c.id)"
        ).fetchone()[0]
        assert mismatched == 0
    finally:
        connection.close()

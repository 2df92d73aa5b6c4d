"""SIGKILL right after answers loses none of them: a real process is killed mid-session."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from bank_locations import BankLocation
from study_factory import build_bank

from studyapp.services import learners, review

REPO = Path(__file__).resolve().parents[2]

# Answers cards as fast as it can, printing each log id only once answer() has returned.
WORKER = """
import itertools, sys
from studyapp.bank.database import open_bank
from studyapp.services import review
bank = open_bank(sys.argv[1])  # the file, or the server's URL
learner, cards = int(sys.argv[2]), [int(c) for c in sys.argv[3].split(",")]
for n in itertools.count():
    card = review.next_card(bank, learner)
    card_id = card.card_id if card is not None else cards[n % len(cards)]
    receipt = review.answer(bank, card_id, 1 + n % 4, duration_ms=n)
    print(receipt.log_id, flush=True)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_loses_no_acknowledged_review(bank_location: BankLocation) -> None:
    bank, _ids = build_bank(bank_location, basic_count=40)
    learner = learners.current_learner(bank).id
    learners.update_settings(bank, learner, new_per_day=1000)
    review.ensure_cards(bank, learner)
    cards = [row[0] for row in bank_location.rows("SELECT id FROM card")]
    bank.close()

    process = subprocess.Popen(
        [sys.executable, "-c", WORKER, str(bank_location.location), str(learner),
         ",".join(map(str, cards))],  # fmt: skip
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

    if bank_location.server is None:
        assert bank_location.rows("PRAGMA integrity_check") == [("ok",)]
    stored = {row[0] for row in bank_location.rows("SELECT id FROM review_log")}
    assert set(acknowledged) <= stored
    # Every logged answer also reached its card: reps equal the log rows per card.
    [(mismatched,)] = bank_location.rows(
        "SELECT count(*) FROM card c WHERE c.reps !="
        " (SELECT count(*) FROM review_log r WHERE r.card_id = c.id)"
    )
    assert mismatched == 0

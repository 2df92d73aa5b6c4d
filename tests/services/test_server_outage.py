"""The server goes away mid-session, the app is killed with answers waiting: none is lost or
counted twice.

A cluster of the test's own is stopped as a crash would (``pg_ctl -m immediate``) while a
learner answers; answers given meanwhile wait in the outbox in the data folder and are
sent once the server is back, in the order given, each once (answer ids).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import throwaway_postgres
from bank_locations import BankLocation, PostgresServer, private_server
from sqlalchemy import make_url
from study_factory import build_bank

from studyapp.core.errors import AnswerKept, BankUnreachable
from studyapp.core.study import QuizScope
from studyapp.services import learners, outbox, quiz, review
from studyapp.services.startup import open_data_folder

REPO = Path(__file__).resolve().parents[2]
LEARNER = "carol"


@pytest.fixture
def classroom(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Path, PostgresServer, BankLocation]]:
    """A private server with the teacher's questions; the data folder and bank URL of a
    learner role are the app's (STUDYAPP_DATA_DIR, STUDYAPP_BANK_URL)."""
    with private_server() as (folder, server):
        url = server.new_database()
        teacher, _ids = build_bank(BankLocation(url, tmp_path, server), basic_count=40)
        teacher.close()
        server.learner_role(LEARNER)
        learner_url = server.url(make_url(url).database or "", LEARNER)
        data = tmp_path / "data"
        monkeypatch.setenv("STUDYAPP_DATA_DIR", str(data))
        monkeypatch.setenv("STUDYAPP_BANK_URL", learner_url)
        yield folder, server, BankLocation(url, data, server)


def _card_ids(bank) -> list[int]:  # type: ignore[no-untyped-def]
    me = learners.current_learner(bank).id
    learners.update_settings(bank, me, new_per_day=1000)
    review.ensure_cards(bank, me)
    cards = []
    while (card := review.next_card(bank, me, exclude=tuple(cards))) is not None:
        cards.append(card.card_id)
    return cards


def _check_every_answer_once(owner: BankLocation, given: int) -> None:
    [(logged, distinct)] = owner.rows("SELECT count(*), count(DISTINCT answer_id) FROM review_log")
    assert (logged, distinct) == (given, given)
    [(mismatched,)] = owner.rows(
        "SELECT count(*) FROM card c WHERE c.reps !="
        " (SELECT count(*) FROM review_log r WHERE r.card_id = c.id)"
    )
    assert mismatched == 0


def test_the_server_stopped_mid_session_loses_and_doubles_no_answer(classroom) -> None:  # type: ignore[no-untyped-def]
    folder, _server, owner = classroom
    bank = open_data_folder()
    cards = _card_ids(bank)
    assert len(cards) == 42  # 40 basic, a cloze and a typed card
    given = kept = 0
    # Stopped while answers are being committed: one may be cut off mid-COMMIT.
    crash = threading.Thread(target=throwaway_postgres.stop, args=(folder, "immediate"))
    crash.start()
    while kept < 5:
        try:
            review.answer(bank, cards[given], 3)
        except AnswerKept as waiting:
            kept += 1
            assert waiting.waiting == kept
            assert f"({kept} answer" in str(waiting) and "kept on this computer" in str(waiting)
        given += 1
        if given == 30:
            crash.join()  # down for sure before the cards run out
    crash.join()
    with pytest.raises(BankUnreachable, match="the server cannot be reached"):
        review.next_card(bank, learners.current_learner(bank).id)
    assert outbox.send_waiting(bank).waiting == kept  # still away: they stay

    throwaway_postgres.start(folder)
    sent = outbox.send_waiting(bank)
    assert sent.sent + sent.already_there == kept and sent.waiting == 0 and sent.refused == ()
    for card in cards[given:]:  # the session goes on
        review.answer(bank, card, 3)
        given += 1
    bank.close()
    _check_every_answer_once(owner, given)


def test_an_answer_sent_twice_is_recorded_once(classroom) -> None:  # type: ignore[no-untyped-def]
    _folder, _server, owner = classroom
    bank = open_data_folder()
    card = _card_ids(bank)[0]
    first = review.answer(bank, card, 3, answer_id="retry-me")
    again = review.answer(bank, card, 3, answer_id="retry-me")  # the ack was lost: sent again
    assert again.log_id == first.log_id
    bank.close()
    _check_every_answer_once(owner, 1)


def test_a_quiz_answer_kept_meanwhile_counts_when_the_quiz_ends(classroom) -> None:  # type: ignore[no-untyped-def]
    folder, _server, owner = classroom
    bank = open_data_folder()
    me = learners.current_learner(bank).id
    session = quiz.start_quiz(bank, me, QuizScope(kinds=("choice",), count=1))
    throwaway_postgres.stop(folder, "immediate")
    with pytest.raises(AnswerKept, match=r"\(1 answer waits\)"):
        quiz.answer_question(bank, session.attempt_id, session.items[0].question_id, "1963")
    throwaway_postgres.start(folder)
    result = quiz.finish_quiz(bank, session.attempt_id)  # the kept answer goes first
    assert (result.correct, result.total) == (1, 1)
    assert owner.rows("SELECT count(*) FROM quiz_answer") == [(1,)]
    assert outbox.waiting_count(bank) == 0
    bank.close()


WORKER = """
import sys
from studyapp.core.errors import AnswerKept
from studyapp.services import review
from studyapp.services.startup import open_data_folder
bank = open_data_folder()
cards = [int(card) for card in sys.argv[1].split(",")]
print("ready", flush=True)
sys.stdin.readline()  # the server is stopped now
for card in cards:
    try:
        review.answer(bank, card, 4)
    except AnswerKept as kept:
        print(kept.waiting, flush=True)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_answers_waiting_when_the_app_is_killed_are_sent_on_the_next_start(classroom) -> None:  # type: ignore[no-untyped-def]
    folder, _server, owner = classroom
    bank = open_data_folder()
    cards = _card_ids(bank)
    bank.close()
    process = subprocess.Popen(
        [sys.executable, "-c", WORKER, ",".join(map(str, cards))],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    assert process.stdin is not None and process.stdout is not None
    try:
        assert process.stdout.readline() == "ready\n"
        throwaway_postgres.stop(folder, "immediate")
        process.stdin.write("go\n")
        process.stdin.flush()
        told = [int(process.stdout.readline()) for _ in range(12)]  # kept, the learner told
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(10)
    assert told == list(range(1, 13))

    throwaway_postgres.start(folder)
    stats = subprocess.run(
        [sys.executable, "-m", "studyapp", "stats"], capture_output=True, text=True,
        cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120,
    )  # fmt: skip
    assert stats.returncode == 0 and "Traceback" not in stats.stderr, stats.stderr
    [(logged,)] = owner.rows("SELECT count(*) FROM review_log")
    assert 12 <= logged <= 13  # every answer it was told about; one more if kept before the kill
    _check_every_answer_once(owner, logged)
    reopened = open_data_folder()
    assert outbox.waiting_count(reopened) == 0
    reopened.close()

"""The stored card state is exactly what fsrs computes when the review log is replayed."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import fsrs
import pytest
from bank_locations import BankLocation, sql_rows
from study_factory import build_bank

from studyapp.bank.database import Bank
from studyapp.services import learners, review

NOW = 1_750_000_000_000


def _replay(bank: Bank, card_id: int, scheduler: fsrs.Scheduler) -> fsrs.Card:
    card = fsrs.Card(card_id=card_id)
    for rating, at in sql_rows(
        bank, "SELECT rating, reviewed_at FROM review_log WHERE card_id = :id ORDER BY id",
        id=card_id,
    ):  # fmt: skip
        card, _log = scheduler.review_card(
            card, fsrs.Rating(rating), datetime.fromtimestamp(at // 1000, UTC)
        )
    return card


@pytest.mark.parametrize("fuzz", [False, True])
def test_stored_state_equals_fsrs_replay(bank_location: BankLocation, fuzz: bool) -> None:
    bank, _ids = build_bank(bank_location, basic_count=12)
    learner = learners.current_learner(bank).id
    learners.update_settings(
        bank, learner, desired_retention=0.85, learning_steps=[120, 900],
        relearning_steps=[300], enable_fuzzing=fuzz, new_per_day=100,
    )  # fmt: skip
    review.ensure_cards(bank, learner)
    chooser = random.Random(5)
    random.seed(11)  # fsrs fuzzes with the module-level generator
    now = NOW
    for _ in range(300):
        card = review.next_card(bank, learner, now_ms=now)
        if card is None:
            now += 6 * 3600 * 1000
            continue
        rating = chooser.choices([1, 2, 3, 4], weights=[2, 2, 6, 1])[0]
        review.answer(bank, card.card_id, rating, now_ms=now)
        now += chooser.randint(1, 40) * 60 * 1000

    scheduler = fsrs.Scheduler(
        desired_retention=0.85,
        learning_steps=(timedelta(seconds=120), timedelta(seconds=900)),
        relearning_steps=(timedelta(seconds=300),),
        enable_fuzzing=fuzz,
    )
    random.seed(11)
    rows = sql_rows(
        bank,
        "SELECT id, state, step, stability, difficulty, due, last_review, reps FROM card"
        " WHERE learner_id = :id AND reps > 0",
        id=learner,
    )
    assert len(rows) == 14
    states: set[int] = set()
    # Replaying in the original answer order keeps the fuzz draws in the same sequence.
    log = sql_rows(bank, "SELECT card_id, rating, reviewed_at FROM review_log ORDER BY id")
    replayed: dict[int, fsrs.Card] = {card_id: fsrs.Card(card_id=card_id) for card_id, *_ in log}
    for card_id, rating, at in log:
        replayed[card_id], _log = scheduler.review_card(
            replayed[card_id], fsrs.Rating(rating), datetime.fromtimestamp(at // 1000, UTC)
        )
    for card_id, state, step, stability, difficulty, due, last_review, reps in rows:
        expected = replayed[card_id]
        assert state == expected.state.value
        assert step == expected.step
        assert stability == expected.stability
        assert difficulty == expected.difficulty
        assert due == int(expected.due.timestamp())
        assert last_review == int(expected.last_review.timestamp())
        [(count,)] = sql_rows(
            bank, "SELECT count(*) FROM review_log WHERE card_id = :id", id=card_id
        )
        assert reps == count
        states.add(state)
        if not fuzz:  # without fuzz the per-card replay (fsrs' own reschedule) agrees too
            assert _replay(bank, card_id, scheduler).due == expected.due
    assert states == {2}
    # The history went through every state, lapses included.
    before = {row[0] for row in sql_rows(bank, "SELECT DISTINCT state_before FROM review_log")}
    assert before == {0, 1, 2, 3}
    bank.close()

"""The review service: queue order, daily limits, answering, undo, bury, suspend, deck filter."""

from __future__ import annotations

import json

import pytest
from bank_locations import BankLocation, sql_rows
from study_factory import build_bank

from studyapp.core.study import AGAIN, GOOD, LEARNING, NEW, REVIEW, StudyError
from studyapp.services import learners, review

NOW = 1_750_000_000_000  # ms
MIN = 60_000
HOUR = 60 * MIN
DAY_MS = 24 * HOUR


@pytest.fixture
def setup(bank_location: BankLocation):
    bank, ids = build_bank(bank_location, basic_count=6)
    learner = learners.current_learner(bank)
    assert review.ensure_cards(bank, learner.id) == 8  # 6 basic + cloze + typed
    yield bank, ids, learner.id
    bank.close()


def _log(bank, learner_id):  # type: ignore[no-untyped-def]
    return sql_rows(
        bank,
        "SELECT card_id, rating, state_before FROM review_log WHERE learner_id = :id ORDER BY id",
        id=learner_id,
    )


def test_ensure_cards_is_idempotent_and_skips_quiz_kinds(setup) -> None:  # type: ignore[no-untyped-def]
    bank, _ids, learner = setup
    assert review.ensure_cards(bank, learner) == 0
    assert review.queue_counts(bank, learner, now_ms=NOW).new == 8


def test_answer_updates_card_and_logs_in_one_go(setup) -> None:  # type: ignore[no-untyped-def]
    bank, _ids, learner = setup
    card = review.next_card(bank, learner, now_ms=NOW)
    assert card is not None and card.state == NEW
    assert [p.label for p in card.previews] == ["1m", "6m", "10m", "8d"]
    receipt = review.answer(bank, card.card_id, GOOD, duration_ms=4200, now_ms=NOW)
    assert receipt.card.state == LEARNING and receipt.card.due == NOW // 1000 + 600
    assert _log(bank, learner) == [(card.card_id, GOOD, NEW)]
    counts = review.queue_counts(bank, learner, now_ms=NOW)
    assert (counts.new, counts.learning, counts.review) == (7, 1, 0)


def test_learning_card_comes_back_when_due_before_new_cards(setup) -> None:  # type: ignore[no-untyped-def]
    bank, _ids, learner = setup
    first = review.next_card(bank, learner, now_ms=NOW)
    assert first is not None
    review.answer(bank, first.card_id, AGAIN, now_ms=NOW)
    following = review.next_card(bank, learner, now_ms=NOW + 1000)
    assert following is not None and following.card_id != first.card_id
    again = review.next_card(bank, learner, now_ms=NOW + 2 * MIN)
    assert again is not None and again.card_id == first.card_id


def test_learn_ahead_when_nothing_else_is_left(setup) -> None:  # type: ignore[no-untyped-def]
    bank, _ids, learner = setup
    learners.update_settings(bank, learner, new_per_day=1)
    card = review.next_card(bank, learner, now_ms=NOW)
    assert card is not None
    review.answer(bank, card.card_id, GOOD, now_ms=NOW)  # due in 10 minutes
    ahead = review.next_card(bank, learner, now_ms=NOW + MIN)
    assert ahead is not None and ahead.card_id == card.card_id
    review.answer(bank, card.card_id, GOOD, now_ms=NOW + MIN)  # graduates, due in days
    assert review.next_card(bank, learner, now_ms=NOW + 2 * MIN) is None


def test_daily_new_and_review_limits(setup) -> None:  # type: ignore[no-untyped-def]
    bank, _ids, learner = setup
    learners.update_settings(bank, learner, new_per_day=3, reviews_per_day=2)
    assert review.queue_counts(bank, learner, now_ms=NOW).new == 3
    seen = []
    while (card := review.next_card(bank, learner, now_ms=NOW)) is not None:
        seen.append(card.card_id)
        review.answer(bank, card.card_id, 4, now_ms=NOW)  # Easy: straight to review
    assert len(seen) == 3
    # Easy schedules 8 days ahead (fuzz: at most 10); after 12 days all three are due,
    # but only two reviews are allowed per day.
    later = NOW + 12 * DAY_MS
    counts = review.queue_counts(bank, learner, now_ms=later)
    assert (counts.review, counts.new) == (2, 3)
    reviewed = 0
    while (card := review.next_card(bank, learner, now_ms=later)) is not None:
        if card.state == REVIEW:
            reviewed += 1
        review.answer(bank, card.card_id, 4, now_ms=later)
    assert reviewed == 2


def test_undo_restores_the_card_exactly_and_deletes_the_log_row(setup) -> None:  # type: ignore[no-untyped-def]
    bank, _ids, learner = setup
    card = review.next_card(bank, learner, now_ms=NOW)
    assert card is not None
    first = review.answer(bank, card.card_id, GOOD, now_ms=NOW)
    before = sql_rows(bank, "SELECT * FROM card WHERE id = :id", id=card.card_id)
    second = review.answer(bank, card.card_id, AGAIN, now_ms=NOW + 11 * MIN)
    with pytest.raises(StudyError, match="most recent"):
        review.undo(bank, first.log_id)
    assert review.undo(bank, second.log_id) == card.card_id
    after = sql_rows(bank, "SELECT * FROM card WHERE id = :id", id=card.card_id)
    stored = sql_rows(bank, "SELECT card_before FROM review_log")
    assert after == before
    assert len(stored) == 1 and json.loads(stored[0][0])["state"] == NEW
    review.undo(bank, first.log_id)
    assert _log(bank, learner) == []
    with pytest.raises(StudyError):
        review.undo(bank, first.log_id)


def test_bury_until_tomorrow_and_suspend(setup) -> None:  # type: ignore[no-untyped-def]
    bank, _ids, learner = setup
    card = review.next_card(bank, learner, now_ms=NOW)
    assert card is not None
    review.bury(bank, card.card_id, now_ms=NOW)
    assert review.queue_counts(bank, learner, now_ms=NOW).new == 7
    other = review.next_card(bank, learner, now_ms=NOW)
    assert other is not None and other.card_id != card.card_id
    assert review.queue_counts(bank, learner, now_ms=NOW + DAY_MS).new == 8
    review.set_suspended(bank, other.card_id)
    assert review.queue_counts(bank, learner, now_ms=NOW + DAY_MS).new == 7
    review.set_suspended(bank, other.card_id, False)
    assert review.queue_counts(bank, learner, now_ms=NOW + DAY_MS).new == 8
    with pytest.raises(StudyError):
        review.bury(bank, 999_999)


def test_deck_filter_includes_sub_decks(setup) -> None:  # type: ignore[no-untyped-def]
    bank, ids, learner = setup
    child = review.queue_counts(bank, learner, ids["decks"]["History::Civil rights"], NOW)
    parent = review.queue_counts(bank, learner, ids["decks"]["History"], NOW)
    assert (child.new, parent.new) == (2, 8)
    card = review.next_card(bank, learner, ids["decks"]["History::Civil rights"], NOW)
    assert card is not None and card.deck == "History::Civil rights"
    assert review.queue_counts(bank, learner, ids["decks"]["Geography"], NOW).total == 0
    with pytest.raises(StudyError, match="deck"):
        review.queue_counts(bank, learner, 12345, NOW)


def test_cloze_card_renders_and_links_to_its_passage(setup) -> None:  # type: ignore[no-untyped-def]
    bank, ids, learner = setup
    card = review.next_card(bank, learner, ids["decks"]["History::Civil rights"], NOW)
    assert card is not None and card.kind == "cloze"
    assert card.front == '<span class="cloze">[...]</span> refused in 1955.'
    assert '<span class="cloze">Rosa Parks</span>' in card.back
    assert card.explanation == "Montgomery, Alabama."
    assert card.source is not None and card.source.ordinal == 1
    assert card.source.article_id == ids["article"]


def test_generated_text_is_escaped_and_edit_changes_the_card(setup) -> None:  # type: ignore[no-untyped-def]
    bank, _ids, learner = setup
    card = review.next_card(bank, learner, now_ms=NOW)
    assert card is not None
    review.edit_question(bank, card.question_id, "Is 2 < 3?", "Yes <b>", "")
    shown = review.show_card(bank, card.card_id, now_ms=NOW)
    assert shown.front == "Is 2 &lt; 3?" and shown.back == "Yes &lt;b&gt;"
    with pytest.raises(StudyError):
        review.edit_question(bank, card.question_id, "  ", "x", "")


def test_session_summary(setup) -> None:  # type: ignore[no-untyped-def]
    bank, _ids, learner = setup
    for rating in (AGAIN, GOOD, GOOD):
        card = review.next_card(bank, learner, now_ms=NOW)
        assert card is not None
        review.answer(bank, card.card_id, rating, duration_ms=2000, now_ms=NOW)
    summary = review.session_summary(bank, learner, NOW - 1)
    assert (summary.reviewed, summary.again, summary.good, summary.seconds) == (3, 1, 2, 6)
    assert summary.correct_share == pytest.approx(2 / 3)


def test_new_cards_are_spread_among_reviews(setup) -> None:  # type: ignore[no-untyped-def]
    bank, _ids, learner = setup
    learners.update_settings(bank, learner, new_per_day=4)
    for _ in range(4):
        card = review.next_card(bank, learner, now_ms=NOW)
        assert card is not None
        review.answer(bank, card.card_id, 4, now_ms=NOW)
    later = NOW + 30 * DAY_MS
    states = []
    while (card := review.next_card(bank, learner, now_ms=later)) is not None:
        states.append(card.state)
        review.answer(bank, card.card_id, 4, now_ms=later)
    assert sorted(states) == [NEW] * 4 + [REVIEW] * 4
    assert states != sorted(states) and states != sorted(states, reverse=True)


def test_check_typed_compares_without_writing(setup) -> None:  # type: ignore[no-untyped-def]
    bank, ids, learner = setup
    [(card_id,)] = sql_rows(
        bank, "SELECT id FROM card WHERE question_id = :id", id=ids["questions"]["typed"]
    )
    assert review.check_typed(bank, card_id, "LBJ").correct
    wrong = review.check_typed(bank, card_id, "Kennedy")
    assert not wrong.correct and wrong.expected == "Lyndon B. Johnson"
    assert _log(bank, learner) == []
    with pytest.raises(StudyError):
        review.check_typed(bank, 999_999, "x")


def test_an_explanation_the_back_already_shows_is_not_repeated(setup) -> None:  # type: ignore[no-untyped-def]
    """A generated cloze keeps its source sentence as explanation: revealed, the card itself
    says it, so it is not shown twice; an explanation that adds something still shows."""
    from studyapp.bank.models import Question

    bank, ids, learner = setup
    card = review.next_card(bank, learner, ids["decks"]["History::Civil rights"], NOW)
    assert card is not None and card.kind == "cloze" and card.explanation == "Montgomery, Alabama."
    with bank.transaction() as session:
        session.get(Question, card.question_id).explanation = "Rosa Parks refused in 1955."
    card = review.next_card(bank, learner, ids["decks"]["History::Civil rights"], NOW)
    assert card is not None and "Rosa Parks" in card.back and card.explanation == ""

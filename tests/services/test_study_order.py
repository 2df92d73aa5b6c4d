"""Study order: new cards take turns, siblings wait until tomorrow, leeches are set aside,
and a quiz never asks one fact twice."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from study_factory import build_bank

from studyapp.core.study import AGAIN, GOOD, REVIEW, QuizScope
from studyapp.services import learners, question_bank, quiz, review

NOW = 1_750_000_000_000  # ms
DAY_MS = 86_400_000


@pytest.fixture
def setup(tmp_path: Path):
    bank, ids = build_bank(tmp_path / "bank.sqlite3", basic_count=6)
    learner = learners.current_learner(bank).id
    yield bank, ids, learner
    bank.close()


def _sql(bank, statement: str, *args) -> list[tuple]:  # type: ignore[no-untyped-def, type-arg]
    with sqlite3.connect(bank.path) as connection:
        return connection.execute(statement, args).fetchall()


def _same_fact(bank, ids, *names: str) -> None:  # type: ignore[no-untyped-def]
    for name in names:
        _sql(bank, "UPDATE question SET fact_key = 'one-fact' WHERE id = ?", ids["questions"][name])


def _kinds_in_queue_order(bank, learner: int) -> list[str]:  # type: ignore[no-untyped-def]
    shown = []
    while (card := review.next_card(bank, learner, now_ms=NOW)) is not None:
        shown.append(card.kind)
        review.bury(bank, card.card_id, now_ms=NOW)
    return shown


def test_new_cards_alternate_kinds_instead_of_one_kind_first(setup) -> None:  # type: ignore[no-untyped-def]
    bank, _ids, learner = setup
    review.ensure_cards(bank, learner)
    kinds = _kinds_in_queue_order(bank, learner)
    assert sorted(kinds) == ["basic"] * 6 + ["cloze", "typed"]
    assert set(kinds[:3]) == {"basic", "cloze", "typed"}


def test_cards_made_before_placing_are_placed_too(setup) -> None:  # type: ignore[no-untyped-def]
    bank, _ids, learner = setup
    review.ensure_cards(bank, learner)
    _sql(bank, "UPDATE card SET due = 0")  # as every new card was in older banks
    review.ensure_cards(bank, learner)
    places = [due for (due,) in _sql(bank, "SELECT due FROM card ORDER BY due")]
    assert places == list(range(1, 9))
    assert set(_kinds_in_queue_order(bank, learner)[:3]) == {"basic", "cloze", "typed"}


def test_answering_buries_siblings_until_tomorrow_and_undo_brings_them_back(setup) -> None:  # type: ignore[no-untyped-def]
    bank, ids, learner = setup
    _same_fact(bank, ids, "basic0", "typed", "cloze")
    review.ensure_cards(bank, learner)
    card_of = dict(_sql(bank, "SELECT question_id, id FROM card"))
    answered = card_of[ids["questions"]["basic0"]]
    siblings = {card_of[ids["questions"][name]] for name in ("typed", "cloze")}
    assert siblings <= {card.card_id for card in _shown_today(bank, learner, NOW)}
    receipt = review.answer(bank, answered, GOOD, now_ms=NOW)
    assert not siblings & {card.card_id for card in _shown_today(bank, learner, NOW + 60_000)}
    assert siblings <= {card.card_id for card in _shown_today(bank, learner, NOW + DAY_MS)}
    review.undo(bank, receipt.log_id)
    assert siblings <= {card.card_id for card in _shown_today(bank, learner, NOW)}


def _shown_today(bank, learner: int, now_ms: int) -> list:  # type: ignore[no-untyped-def, type-arg]
    """Every card the queue would show at ``now_ms``, without answering any."""
    shown, exclude = [], ()
    while (card := review.next_card(bank, learner, now_ms=now_ms, exclude=exclude)) is not None:
        shown.append(card)
        exclude = (*exclude, card.card_id)
    return shown


def test_a_leech_is_tagged_suspended_and_found(setup) -> None:  # type: ignore[no-untyped-def]
    bank, ids, learner = setup
    review.ensure_cards(bank, learner)
    question = ids["questions"]["typed"]
    _sql(bank, "UPDATE card SET state = ?, stability = 3.0, difficulty = 5.0, due = ?,"
               " last_review = ?, reps = 20, lapses = 7 WHERE question_id = ?",
         REVIEW, NOW // 1000 - 60, NOW // 1000 - 86400 * 3, question)  # fmt: skip
    (card_id,) = _sql(bank, "SELECT id FROM card WHERE question_id = ?", question)[0]
    receipt = review.answer(bank, card_id, AGAIN, now_ms=NOW)
    assert receipt.leech and receipt.card.lapses == 8
    assert _sql(bank, "SELECT suspended FROM card WHERE id = ?", card_id) == [(1,)]
    leeches = question_bank.QuestionFilter(text="tag:leech")
    assert [row.id for row in question_bank.list_questions(bank, leeches)] == [question]
    review.undo(bank, receipt.log_id)
    assert _sql(bank, "SELECT suspended, lapses FROM card WHERE id = ?", card_id) == [(0, 7)]
    assert question_bank.count_questions(bank, leeches) == 0


def test_a_quiz_never_asks_one_fact_twice(setup) -> None:  # type: ignore[no-untyped-def]
    bank, ids, learner = setup
    _same_fact(bank, ids, "choice", "multi", "true_false")
    one_fact = {ids["questions"][name] for name in ("choice", "multi", "true_false")}
    for seed in range(8):
        session = quiz.start_quiz(bank, learner, QuizScope(count=50, seed=seed))
        asked = {item.question_id for item in session.items}
        assert len(asked & one_fact) == 1
        assert len(asked) == 14 - 2  # every other question is asked

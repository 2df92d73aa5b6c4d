"""The class view: each learner's reviews, retention, mastery and quiz scores, and its CSV."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from bank_locations import BankLocation
from study_factory import build_bank

from studyapp.core.errors import InputError
from studyapp.core.study import QuizScope
from studyapp.services import learners, quiz, review
from studyapp.services.class_progress import CSV_COLUMNS, class_progress, export_class_csv

NOW = 1_750_000_000_000


@pytest.fixture
def bank(bank_location: BankLocation):  # type: ignore[no-untyped-def]
    """Ada answered four cards (one Again) and a quiz; Ben only started."""
    bank, _ids = build_bank(bank_location, basic_count=6)
    ada = learners.create_learner(bank, "Ada").id
    learners.create_learner(bank, "Ben")
    review.ensure_cards(bank, ada)
    for number, rating in enumerate((3, 3, 1, 4)):
        card = review.next_card(bank, ada, now_ms=NOW)
        assert card is not None
        review.answer(bank, card.card_id, rating, now_ms=NOW + number)
    session = quiz.start_quiz(bank, ada, QuizScope(kinds=("choice", "true_false"), count=2))
    answers = {"choice": "1963", "true_false": True}  # the second is wrong (False is right)
    for item in session.items:
        quiz.answer_question(bank, session.attempt_id, item.question_id, answers[item.kind])
    quiz.finish_quiz(bank, session.attempt_id)
    yield bank
    bank.close()


def test_every_learner_has_their_row(bank) -> None:  # type: ignore[no-untyped-def]
    rows = {row.name: row for row in class_progress(bank, now_ms=NOW + 60_000)}
    ada, ben = rows["Ada"], rows["Ben"]
    assert (ada.reviews, ada.recent_reviews, ada.cards, ada.studied) == (4, 4, 8, 4)
    assert ada.retention is None  # no card was in review yet: nothing to measure
    assert (ada.quizzes, ada.quiz_score) == (1, 0.5)
    assert [m.name for m in ada.by_article] == ["Civil rights"]
    assert ada.by_article[0].studied == 4
    assert {m.name for m in ada.by_person} <= {"Martin Luther King Jr.", "Rosa Parks"}
    assert (ben.reviews, ben.quizzes, ben.quiz_score, ben.cards) == (0, 0, None, 0)


def test_the_csv_holds_a_summary_and_a_row_per_article_and_person(bank, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = class_progress(bank, now_ms=NOW + 60_000)
    out = tmp_path / "class.csv"
    written = export_class_csv(rows, out)
    with out.open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    assert tuple(table[0]) == CSV_COLUMNS and len(table) == written + 1
    ada = [line for line in table[1:] if line[0] == "Ada"]
    assert ada[0][1:4] == ["summary", "", "4"] and ada[0][-2:] == ["1", "0.500"]
    assert ada[1][1:3] == ["article", "Civil rights"]
    assert any(line[1] == "person" for line in ada)


def test_an_unwritable_csv_is_refused_and_leaves_nothing(bank, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="cannot write"):
        export_class_csv(class_progress(bank), tmp_path / "missing" / "class.csv")
    assert not (tmp_path / "missing").exists()

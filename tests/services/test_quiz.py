"""Quizzes: scope selection, grading of every kind, stored answers, score, retry the missed."""

from __future__ import annotations

import pytest
from bank_locations import BankLocation, sql_rows
from study_factory import build_bank

from studyapp.core.study import QuizScope, StudyError
from studyapp.services import learners, quiz

RIGHT = {
    "choice": "1963",
    "multi": ["Civil Rights Act", "March on Washington"],
    "true_false": False,
    "order": ["Bus boycott", "March on Washington", "Civil Rights Act"],
    "match": {"Rosa Parks": "Bus boycott", "King": "March on Washington",
              "Johnson": "Civil Rights Act"},
    "typed": "lyndon johnsen",
    "numerical": "9",
    "cloze": "Rosa Parks",
}  # fmt: skip


@pytest.fixture
def setup(bank_location: BankLocation):
    bank, ids = build_bank(bank_location, basic_count=3)
    yield bank, ids, learners.current_learner(bank).id
    bank.close()


def _ids(session) -> set[int]:  # type: ignore[no-untyped-def]
    return {item.question_id for item in session.items}


def test_scope_filters(setup) -> None:  # type: ignore[no-untyped-def]
    bank, ids, _learner = setup
    q = ids["questions"]
    assert quiz.count_matching(bank, QuizScope()) == 11
    assert quiz.count_matching(bank, QuizScope(kinds=("order", "match"))) == 2
    assert quiz.count_matching(bank, QuizScope(deck_ids=(ids["decks"]["History"],))) == 10
    assert quiz.count_matching(bank, QuizScope(deck_ids=(ids["decks"]["Geography"],))) == 1
    assert quiz.count_matching(bank, QuizScope(article_ids=(ids["article"],))) == 10
    # Rosa Parks is mentioned in passage 1: basic1, cloze, true_false.
    parks = QuizScope(person_names=("Rosa Parks",), count=50)
    session = quiz.start_quiz(bank, _learner, parks)
    assert _ids(session) == {q["basic1"], q["cloze"], q["true_false"]}
    fifties = QuizScope(periods=((1950, 1959),), count=50)
    assert quiz.count_matching(bank, fifties) == 3
    sixties = QuizScope(periods=((1960, 1969),), kinds=("typed",), count=50)
    assert _ids(quiz.start_quiz(bank, _learner, sixties)) == {q["typed"]}
    with pytest.raises(StudyError, match="no questions"):
        quiz.start_quiz(bank, _learner, QuizScope(periods=((1800, 1810),)))
    with pytest.raises(StudyError, match="kind"):
        quiz.count_matching(bank, QuizScope(kinds=("essay",)))


def test_options_list_what_has_questions(setup) -> None:  # type: ignore[no-untyped-def]
    bank, ids, _learner = setup
    options = quiz.scope_options(bank)
    assert options.articles == ((ids["article"], "Civil rights", 10),)
    assert dict(options.people) == {"Martin Luther King Jr.": 4, "Rosa Parks": 3}
    assert dict(options.decades) == {1950: 3, 1960: 7}
    assert dict(options.kinds)["basic"] == 3


def test_every_kind_graded_and_stored_when_answered(setup) -> None:  # type: ignore[no-untyped-def]
    bank, ids, learner = setup
    scope = QuizScope(kinds=tuple(RIGHT), count=20, seed=3)
    session = quiz.start_quiz(bank, learner, scope)
    assert len(session.items) == 8
    names = {v: k for k, v in ids["questions"].items()}
    for number, item in enumerate(session.items):
        grade = quiz.answer_question(bank, session.attempt_id, item.question_id, RIGHT[item.kind])
        assert grade.correct, (item.kind, grade)
        [stored] = sql_rows(  # committed at once
            bank, "SELECT count(*), max(score) FROM quiz_answer JOIN quiz_attempt a"
            " ON a.id = attempt_id WHERE attempt_id = :id", id=session.attempt_id,
        )  # fmt: skip
        assert stored == (number + 1, number + 1)
        assert names[item.question_id] == item.kind
    with pytest.raises(StudyError, match="already"):
        quiz.answer_question(bank, session.attempt_id, session.items[0].question_id, "x")
    result = quiz.finish_quiz(bank, session.attempt_id)
    assert (result.correct, result.total) == (8, 8)
    assert result.missed_question_ids == ()
    typed = next(row for row in result.rows if row.item.kind == "typed")
    assert typed.grade is not None and "slip" in typed.grade.note
    with pytest.raises(StudyError, match="finished"):
        quiz.answer_question(bank, session.attempt_id, session.items[0].question_id, "x")
    with pytest.raises(StudyError, match="nothing was missed"):
        quiz.retry_missed(bank, session.attempt_id)


def test_wrong_and_unanswered_are_retried(setup) -> None:  # type: ignore[no-untyped-def]
    bank, ids, learner = setup
    session = quiz.start_quiz(bank, learner, QuizScope(kinds=("choice", "order", "typed"), count=3))
    by_kind = {item.kind: item for item in session.items}
    assert quiz.answer_question(bank, session.attempt_id, by_kind["choice"].question_id,
                                "1963").correct  # fmt: skip
    wrong = quiz.answer_question(
        bank, session.attempt_id, by_kind["order"].question_id, list(by_kind["order"].options)
    )
    assert not wrong.correct and wrong.expected.startswith("Bus boycott →")
    result = quiz.finish_quiz(bank, session.attempt_id)  # typed left unanswered
    assert (result.correct, result.total) == (1, 3)
    assert set(result.missed_question_ids) == {ids["questions"]["order"], ids["questions"]["typed"]}
    unanswered = next(row for row in result.rows if row.item.kind == "typed")
    assert unanswered.grade is None
    retry = quiz.retry_missed(bank, session.attempt_id, seed=1)
    assert retry.attempt_id != session.attempt_id
    assert _ids(retry) == set(result.missed_question_ids)
    assert retry.scope.kinds == ("choice", "order", "typed")
    with pytest.raises(StudyError, match="not part"):
        quiz.answer_question(bank, retry.attempt_id, ids["questions"]["choice"], "1963")


def test_items_carry_explanation_and_source(setup) -> None:  # type: ignore[no-untyped-def]
    bank, ids, learner = setup
    session = quiz.start_quiz(bank, learner, QuizScope(kinds=("cloze",)))
    item = session.items[0]
    assert item.prompt == "[...] refused in 1955."
    assert item.explanation == "Montgomery, Alabama."
    assert item.source is not None and item.source.passage_id == ids["passages"][1]
    result = quiz.finish_quiz(bank, session.attempt_id)
    assert result.rows[0].item == item

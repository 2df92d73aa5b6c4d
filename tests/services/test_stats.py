"""Progress statistics over a synthetic review log: heatmap, retention, streaks, mastery."""

from __future__ import annotations

import json

import pytest
from bank_locations import BankLocation, sql_rows
from study_factory import build_bank

from studyapp.bank.database import Bank
from studyapp.core.study import QuizScope
from studyapp.services import learners, quiz, review, stats
from studyapp.study.days import DAY, StudyClock

NOW_S = 1_750_000_000
NOW = NOW_S * 1000


@pytest.fixture
def setup(bank_location: BankLocation):
    bank, ids = build_bank(bank_location, basic_count=6)
    learner = learners.current_learner(bank).id
    review.ensure_cards(bank, learner)
    yield bank, ids, learner
    bank.close()


def _card_of(bank: Bank, question_id: int) -> int:
    return sql_rows(bank, "SELECT id FROM card WHERE question_id = :id", id=question_id)[0][0]


def test_figures_from_a_synthetic_log(setup) -> None:  # type: ignore[no-untyped-def]
    bank, ids, learner = setup
    clock = StudyClock.local(NOW_S)
    today = clock.day(NOW_S)
    noon = clock.day_start(today) + 8 * 3600  # midday of the study day
    q = ids["questions"]
    card = _card_of(bank, q["basic0"])
    rows = []
    # Today and the 4 days before: 3 reviews a day (2 review-state: one pass, one fail).
    for back in range(5):
        at = (noon - back * DAY) * 1000
        rows += [(card, learner, 3, at, 0, 0), (card, learner, 3, at + 1, 2, 2),
                 (card, learner, 1, at + 2, 2, 2)]  # fmt: skip
    # A 7-day run long ago, and one review 400 days back (outside the heatmap).
    for back in range(100, 107):
        rows.append((card, learner, 4, (noon - back * DAY) * 1000, 0, 2))
    rows.append((card, learner, 3, (noon - 400 * DAY) * 1000, 0, 2))
    for row in rows:
        sql_rows(
            bank,
            "INSERT INTO review_log (card_id, learner_id, rating, reviewed_at, duration_ms,"
            " state_before, card_before) VALUES (:c, :l, :r, :at, :d, :s, '{}')",
            **dict(zip(("c", "l", "r", "at", "d", "s"), row, strict=True)),
        )
    # Mastery: basic0 (passage 0: King, 1963) and cloze (passage 1: Parks, 1955) mastered;
    # basic1 (passage 1) studied but young; the typed card (passage 2) due in 3 days.
    for name, state, stability, due in (
        ("basic0", 2, 40.0, noon + 10 * DAY), ("cloze", 2, 25.0, noon - 2 * DAY),
        ("basic1", 2, 3.0, noon + DAY), ("typed", 1, 0.5, noon + 3 * DAY),
    ):  # fmt: skip
        sql_rows(
            bank, "UPDATE card SET state = :s, stability = :st, due = :due, reps = 1"
            " WHERE id = :id", s=state, st=stability, due=due, id=_card_of(bank, q[name]),
        )  # fmt: skip
    session = quiz.start_quiz(bank, learner, QuizScope(kinds=("choice", "true_false"), count=2))
    for item in session.items:
        quiz.answer_question(bank, session.attempt_id, item.question_id,
                             "1963" if item.kind == "choice" else True)  # fmt: skip
    quiz.finish_quiz(bank, session.attempt_id)

    figures = stats.progress_stats(bank, learner, now_ms=NOW)
    assert figures.today == clock.iso(today)
    assert len(figures.reviews_per_day) == 365
    assert [count for _, count in figures.reviews_per_day[-5:]] == [3] * 5
    assert sum(count for _, count in figures.reviews_per_day) == 15 + 7
    assert figures.reviews_last_year == 22 and figures.reviews_today == 3
    assert (figures.current_streak, figures.longest_streak) == (5, 7)
    assert figures.due_forecast[0] == 1  # the overdue cloze card
    assert figures.due_forecast[1] == 1 and figures.due_forecast[3] == 1
    assert figures.due_forecast[10] == 1 and sum(figures.due_forecast) == 4
    recent = [week for week in figures.retention_by_week if week.reviews]
    assert sum(week.reviews for week in recent) == 10 + 7
    assert sum(week.passed for week in recent) == 5 + 7
    assert figures.cards_by_state == (4, 1, 3, 0)

    (article,) = figures.mastery_by_article
    assert (article.label, article.total, article.studied, article.mastered) == (
        "Civil rights", 8, 4, 2)  # fmt: skip
    people = {
        row.label: (row.total, row.studied, row.mastered) for row in figures.mastery_by_person
    }
    assert people == {"Martin Luther King Jr.": (2, 1, 1), "Rosa Parks": (3, 2, 1)}
    periods = {row.label: (row.total, row.mastered) for row in figures.mastery_by_period}
    assert periods == {"1950s": (3, 1), "1960s": (5, 1)}
    assert [(p.correct, p.total) for p in figures.quiz_scores] == [(1, 2)]

    data = stats.stats_json(figures)
    assert json.loads(json.dumps(data)) == data
    assert data["streak"] == {"current": 5, "longest": 7}
    assert data["mastery"]["articles"][0]["share"] == 0.25
    assert data["cards"] == {"new": 4, "learning": 1, "review": 3, "relearning": 0}


def test_empty_learner_and_missing_extraction(setup) -> None:  # type: ignore[no-untyped-def]
    bank, _ids, _learner = setup
    sql_rows(bank, "DELETE FROM mention")
    sql_rows(bank, "DELETE FROM event")
    other = learners.create_learner(bank, "Newcomer")
    assert stats.progress_stats(bank, other.id, now_ms=NOW).mastery_by_article == ()
    review.ensure_cards(bank, other.id)  # mastery counts the learner's cards
    figures = stats.progress_stats(bank, other.id, now_ms=NOW)
    assert figures.reviews_last_year == 0 and figures.current_streak == 0
    assert figures.mastery_by_person == () and figures.mastery_by_period == ()
    assert figures.mastery_by_article[0].studied == 0
    assert all(week.retention is None for week in figures.retention_by_week)
    with pytest.raises(Exception, match="no learner"):
        stats.progress_stats(bank, 4242)


def test_cli_stats_json_prints_the_same_figures(bank_location: BankLocation, capsys) -> None:  # type: ignore[no-untyped-def]
    from studyapp.cli import main

    bank, _ids = build_bank(bank_location)
    learner = learners.current_learner(bank).id
    review.ensure_cards(bank, learner)
    card = review.next_card(bank, learner)
    assert card is not None
    review.answer(bank, card.card_id, 3)
    expected = stats.stats_json(stats.progress_stats(bank, learner))
    bank.close()
    assert main(["stats", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == expected and printed["reviews_last_year"] == 1
    assert main(["stats"]) == 0
    assert "Reviews: 1 today, 1 in the last year" in capsys.readouterr().out
    assert main(["stats", "--learner", "nobody"]) == 2


def test_summary_says_one_day_not_one_days(setup) -> None:  # type: ignore[no-untyped-def]
    bank, _ids, learner = setup
    card = review.next_card(bank, learner)
    review.answer(bank, card.card_id, 3)
    text = stats.summary_text(stats.progress_stats(bank, learner))
    assert "Streak: 1 day (longest 1 day)" in text

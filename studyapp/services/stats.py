"""Progress statistics for one learner, aggregated in SQL over integer times."""

from __future__ import annotations

import dataclasses
import time
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from studyapp.bank.database import Bank
from studyapp.core.progress import Progress, no_progress
from studyapp.core.questions import FLASHCARD_KINDS
from studyapp.core.study import (
    MASTERED_STABILITY_DAYS,
    MasteryRow,
    ProgressStats,
    QuizScorePoint,
    StudyError,
)
from studyapp.study import statistics
from studyapp.study.days import StudyClock

TOP_PEOPLE = 15
_KINDS = ", ".join(f"'{kind}'" for kind in FLASHCARD_KINDS)
# Per question: total, studied (answered at least once), mastered (FSRS stability >= 21 days).
_COUNTS = (
    "count(DISTINCT q.id), count(DISTINCT CASE WHEN c.state > 0 THEN q.id END),"
    f" count(DISTINCT CASE WHEN c.state = 2 AND c.stability >= {MASTERED_STABILITY_DAYS}"
    " THEN q.id END)"
)
_CARD = "LEFT JOIN card c ON c.question_id = q.id AND c.learner_id = :learner"
_FLASHCARDS = f"q.kind IN ({_KINDS}) AND q.suspended = 0"


def _rows(session: Session, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in session.execute(text(sql), params)]


def _mastery(session: Session, params: dict[str, Any]) -> tuple[tuple[MasteryRow, ...], ...]:
    articles = _rows(
        session,
        f"SELECT a.id, a.title, {_COUNTS} FROM question q JOIN deck d ON d.id = q.deck_id"
        " LEFT JOIN passage p ON p.id = q.source_passage_id"
        " JOIN article a ON a.id = coalesce(p.article_id, d.article_id)"
        f" {_CARD} WHERE {_FLASHCARDS} GROUP BY a.id ORDER BY a.title",
        params,
    )
    # Mention/Entity rows may not exist yet (extraction not stored): the list is then empty.
    people = _rows(
        session,
        f"SELECT e.name, e.name, {_COUNTS} FROM entity e JOIN mention m ON m.entity_id = e.id"
        f" JOIN question q ON q.source_passage_id = m.passage_id {_CARD}"
        f" WHERE e.kind = 'person' AND {_FLASHCARDS} GROUP BY e.name"
        f" ORDER BY count(DISTINCT q.id) DESC, e.name LIMIT {TOP_PEOPLE}",
        params,
    )
    periods = _rows(
        session,
        f"SELECT CAST(substr(ev.date, 1, 3) AS INTEGER) * 10 AS decade, '', {_COUNTS}"
        f" FROM event ev JOIN question q ON q.source_passage_id = ev.passage_id {_CARD}"
        f" WHERE {_FLASHCARDS} AND length(ev.date) >= 4 AND substr(ev.date, 1, 1) != '-'"
        " GROUP BY decade ORDER BY decade",
        params,
    )
    return (
        tuple(MasteryRow(str(r[1]), r[2], r[3], r[4], key=r[0]) for r in articles),
        tuple(MasteryRow(str(r[1]), r[2], r[3], r[4], key=r[0]) for r in people),
        tuple(
            MasteryRow(statistics.decade_label(r[0]), r[2], r[3], r[4], key=r[0]) for r in periods
        ),
    )


def progress_stats(
    bank: Bank, learner_id: int, now_ms: int | None = None, progress: Progress = no_progress
) -> ProgressStats:
    """Every figure of the Progress page for ``learner_id``.

    One grouped pass over the review log gives the heatmap, weekly retention,
    streaks and totals; the card table gives the forecast and mastery.
    """
    now = (time.time_ns() // 1_000_000 if now_ms is None else now_ms) // 1000
    clock = StudyClock.local(now)
    today = clock.day(now)
    params = {"learner": learner_id, "offset": clock.offset}
    with bank.transaction() as session:
        name = session.execute(
            text("SELECT name FROM learner WHERE id = :learner"), params
        ).scalar()
        if name is None:
            raise StudyError(f"no learner with id {learner_id}")
        progress(0, 4, "Reading the review log")
        days = _rows(
            session,
            "SELECT (reviewed_at / 1000 + :offset) / 86400 AS day, count(*),"
            " sum(state_before = 2), sum(state_before = 2 AND rating > 1)"
            " FROM review_log WHERE learner_id = :learner GROUP BY day",
            params,
        )
        progress(1, 4, "Forecasting")
        horizon = clock.day_start(today + statistics.FORECAST_DAYS)
        due = _rows(
            session,
            "SELECT (due + :offset) / 86400 AS day, count(*) FROM card"
            " WHERE learner_id = :learner AND state IN (1, 2, 3) AND due < :horizon"
            " AND suspended = 0 GROUP BY day",
            {**params, "horizon": horizon},
        )
        states = dict(
            _rows(
                session,
                "SELECT state, count(*) FROM card WHERE learner_id = :learner GROUP BY state",
                params,
            )
        )
        progress(2, 4, "Measuring mastery")
        by_article, by_person, by_period = _mastery(session, params)
        progress(3, 4, "Quiz history")
        quizzes = _rows(
            session,
            "SELECT id, finished_at, CAST(score AS INTEGER), total FROM quiz_attempt"
            " WHERE learner_id = :learner AND finished_at IS NOT NULL ORDER BY finished_at, id",
            params,
        )
    counts = {day: count for day, count, _r, _p in days}
    current, longest = statistics.streaks(counts, today)
    progress(4, 4, "Done")
    return ProgressStats(
        learner=name,
        today=clock.iso(today),
        reviews_per_day=statistics.heatmap(counts, today, clock),
        due_forecast=statistics.forecast(dict(due), today),
        retention_by_week=statistics.weekly_retention(
            ((day, reviews or 0, passed or 0) for day, _c, reviews, passed in days), today, clock
        ),
        mastery_by_article=by_article,
        mastery_by_person=by_person,
        mastery_by_period=by_period,
        quiz_scores=tuple(QuizScorePoint(*row) for row in quizzes),
        current_streak=current,
        longest_streak=longest,
        total_reviews=sum(counts.values()),
        reviews_today=counts.get(today, 0),
        cards_by_state=tuple(states.get(state, 0) for state in range(4)),  # type: ignore[arg-type]
    )


def _mastery_json(rows: tuple[MasteryRow, ...]) -> list[dict[str, Any]]:
    return [
        {"label": r.label, "total": r.total, "studied": r.studied, "mastered": r.mastered,
         "share": round(r.share, 4)}
        for r in rows
    ]  # fmt: skip


def stats_json(stats: ProgressStats) -> dict[str, Any]:
    """``studyapp stats --json``: the Progress page's figures as plain JSON data."""
    return {
        "learner": stats.learner,
        "today": stats.today,
        "total_reviews": stats.total_reviews,
        "reviews_today": stats.reviews_today,
        "streak": {"current": stats.current_streak, "longest": stats.longest_streak},
        "cards": dict(
            zip(("new", "learning", "review", "relearning"), stats.cards_by_state, strict=True)
        ),
        "reviews_per_day": [{"date": d, "count": n} for d, n in stats.reviews_per_day if n],
        "due_forecast": list(stats.due_forecast),
        "retention_by_week": [
            {
                "week": w.week_start,
                "reviews": w.reviews,
                "retention": None if w.retention is None else round(w.retention, 4),
            }
            for w in stats.retention_by_week
        ],  # fmt: skip
        "mastery": {
            "articles": _mastery_json(stats.mastery_by_article),
            "people": _mastery_json(stats.mastery_by_person),
            "periods": _mastery_json(stats.mastery_by_period),
        },
        "quiz_scores": [dataclasses.asdict(point) for point in stats.quiz_scores],
    }


__all__ = ["progress_stats", "stats_json"]


def stats_for(bank: Bank, learner_name: str | None = None) -> ProgressStats:
    """Statistics of the learner called ``learner_name`` (case-insensitive), else the current one."""
    from studyapp.services.learners import current_learner, list_learners

    if learner_name is None:
        return progress_stats(bank, current_learner(bank).id)
    for learner in list_learners(bank):
        if learner.name.lower() == learner_name.strip().lower():
            return progress_stats(bank, learner.id)
    raise StudyError(f"no learner called {learner_name!r}")


def summary_text(stats: ProgressStats) -> str:
    """The human-readable ``studyapp stats`` summary."""
    new, learning, review_count, relearning = stats.cards_by_state
    weeks = [week for week in stats.retention_by_week if week.reviews]
    passed = sum(week.passed for week in weeks[-4:])
    reviews = sum(week.reviews for week in weeks[-4:])
    lines = [
        f"Learner: {stats.learner}   (study day {stats.today})",
        f"Reviews: {stats.total_reviews} in all, {stats.reviews_today} today",
        f"Streak: {stats.current_streak} days (longest {stats.longest_streak})",
        f"Cards: {new} new, {learning + relearning} learning, {review_count} in review",
        f"Due: {stats.due_forecast[0]} today, {sum(stats.due_forecast[:7])} in the next 7 days",
        "True retention (last 4 weeks): "
        + (f"{passed / reviews:.0%} of {reviews}" if reviews else "no reviews yet"),
    ]
    for title, rows in (
        ("Articles", stats.mastery_by_article),
        ("People", stats.mastery_by_person),
        ("Periods", stats.mastery_by_period),
    ):
        if rows:
            lines.append(f"{title}:")
            lines += [f"  {r.label}: {r.mastered}/{r.total} mastered" for r in rows]
    if stats.quiz_scores:
        last = stats.quiz_scores[-1]
        lines.append(f"Quizzes: {len(stats.quiz_scores)}, last {last.correct}/{last.total}")
    return "\n".join(lines)

"""Progress statistics for one learner: the figures of the Progress page and `studyapp stats`."""

from __future__ import annotations

import dataclasses
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from studyapp.bank.database import Bank
from studyapp.bank.queries import progress as figures
from studyapp.bank.queries.learners import get_learner
from studyapp.bank.queries.progress import MasteryTotals
from studyapp.core.progress import Progress, no_progress
from studyapp.core.study import (
    MasteryRow,
    ProgressStats,
    QuizScorePoint,
    StudyError,
)
from studyapp.study import statistics
from studyapp.study.days import DAY, StudyClock

TOP_PEOPLE = 15


def _mastery_rows(rows: list[MasteryTotals], label=None) -> tuple[MasteryRow, ...]:  # type: ignore[no-untyped-def]
    return tuple(
        MasteryRow(label(row.key) if label else row.label, row.total, row.studied, row.mastered,
                   key=row.key)
        for row in rows
    )  # fmt: skip


def _mastery(
    bank: Bank, learner_id: int
) -> tuple[list[MasteryTotals], list[MasteryTotals], list[MasteryTotals]]:
    """Mastery per article, person (the top ones) and decade."""
    with bank.reading() as session:
        sources = figures.mastery_by_source(session, learner_id)
        return (
            figures.mastery_by_article(session, sources),
            figures.mastery_by_person(session, sources, TOP_PEOPLE),
            figures.mastery_by_decade(session, sources),
        )


def progress_stats(
    bank: Bank, learner_id: int, now_ms: int | None = None, progress: Progress = no_progress
) -> ProgressStats:
    """Every figure of the Progress page for ``learner_id`` (read-only, one snapshot).

    Mastery counts the learner's cards: a card is mastered once it is in review
    with an FSRS stability of at least 21 days.
    """
    now = (time.time_ns() // 1_000_000 if now_ms is None else now_ms) // 1000
    clock = StudyClock.local(now)
    today, offset = clock.day(now), clock.offset
    first = min(today - statistics.HEATMAP_DAYS + 1, today - 7 * statistics.RETENTION_WEEKS)
    with bank.reading() as session:
        learner = get_learner(session, learner_id)
    if learner is None:
        raise StudyError(f"no learner with id {learner_id}")
    progress(0, 3, "Reading the review log")
    # The mastery sums and the review log are independent scans of different tables: run
    # side by side on two connections (SQLite works without the GIL), they take the time
    # of the longer one. Each is a consistent snapshot of its own tables.
    with ThreadPoolExecutor(max_workers=1) as pool:
        mastery = pool.submit(_mastery, bank, learner_id)
        with bank.reading() as session:
            recent = figures.answers_per_day(session, learner_id, first, today, offset)
            first_ms = figures.first_answer_ms(session, learner_id)
            days: list[int] = []
            if first_ms is not None:
                start = min((first_ms // 1000 + offset) // DAY, today)
                days = figures.study_days(session, learner_id, start, today, offset)
            due = figures.due_per_day(session, learner_id, today, statistics.FORECAST_DAYS, offset)
            states = figures.cards_by_state(session, learner_id)
            quizzes = figures.finished_quizzes(session, learner_id)
        progress(1, 3, "Measuring mastery")
        articles, people, periods = mastery.result()
    progress(2, 3, "Summing up")
    counts = {row.day: row.answers for row in recent if row.answers}
    current, longest = statistics.streaks(days, today)
    heatmap = statistics.heatmap(counts, today, clock)
    progress(3, 3, "Done")
    return ProgressStats(
        learner=learner.name,
        today=clock.iso(today),
        reviews_per_day=heatmap,
        due_forecast=statistics.forecast(due, today),
        retention_by_week=statistics.weekly_retention(
            ((row.day, row.reviews, row.passed) for row in recent), today, clock
        ),
        mastery_by_article=_mastery_rows(articles),
        mastery_by_person=_mastery_rows(people),
        mastery_by_period=_mastery_rows(periods, statistics.decade_label),
        quiz_scores=tuple(QuizScorePoint(*row) for row in quizzes),
        current_streak=current,
        longest_streak=longest,
        reviews_last_year=sum(count for _day, count in heatmap),
        reviews_today=counts.get(today, 0),
        desired_retention=float(learner.settings.get("desired_retention", 0.9)),
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
        "reviews_last_year": stats.reviews_last_year,
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
        f"Reviews: {stats.reviews_today} today, {stats.reviews_last_year} in the last year",
        f"Streak: {_days(stats.current_streak)} (longest {_days(stats.longest_streak)})",
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


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"

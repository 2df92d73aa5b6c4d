"""Progress statistics for one learner, aggregated in SQL over integer times.

Nothing here sorts the whole log: per-day figures walk the (learner, time)
index one day at a time, and mastery is summed per passage, then grouped.
"""

from __future__ import annotations

import dataclasses
import json
import time
from typing import Any

from sqlalchemy import Connection, text

from studyapp.bank.database import Bank
from studyapp.core.progress import Progress, no_progress
from studyapp.core.study import (
    MASTERED_STABILITY_DAYS,
    MasteryRow,
    ProgressStats,
    QuizScorePoint,
    StudyError,
)
from studyapp.study import statistics
from studyapp.study.days import DAY, StudyClock

TOP_PEOPLE = 15
# Per passage: the learner's cards, those answered at least once, and those mastered.
# Keyed by passage id, or by minus the deck id for questions without a source passage.
_PER_SOURCE = (
    "SELECT coalesce(q.source_passage_id, -q.deck_id), count(*),"
    " count(*) FILTER (WHERE c.state > 0),"
    f" count(*) FILTER (WHERE c.state = 2 AND c.stability >= {MASTERED_STABILITY_DAYS})"
    " FROM card c JOIN question q ON q.id = c.question_id"
    " WHERE c.learner_id = :learner AND q.suspended = 0 AND q.extra = 0 GROUP BY 1"
)
# One correlated look-up per day walks the (learner, time) index instead of sorting the log.
_DAY_RANGE = (
    "learner_id = :learner AND reviewed_at >= (day * 86400 - :offset) * 1000"
    " AND reviewed_at < ((day + 1) * 86400 - :offset) * 1000"
)


def _rows(connection: Connection, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in connection.execute(text(sql), params)]


def _queue_figures(connection: Connection, params: dict[str, Any]) -> dict[str, Any]:
    """Due forecast, cards per state and quiz history (small index ranges)."""
    # One index range per day and state, counted in place (no sort of the due cards).
    in_range = (
        "learner_id = :learner AND suspended = 0 AND state = {state}"
        " AND due >= day * 86400 - :offset AND due < (day + 1) * 86400 - :offset"
    )
    overdue = " + ".join(
        f"(SELECT count(*) FROM card WHERE learner_id = :learner AND suspended = 0"
        f" AND state = {state} AND due < :today * 86400 - :offset)"
        for state in (1, 2, 3)
    )
    per_day = " + ".join(f"(SELECT count(*) FROM card WHERE {in_range.format(state=state)})"
                         for state in (1, 2, 3))  # fmt: skip
    due = _rows(
        connection,
        "WITH RECURSIVE d(day) AS (SELECT :today UNION ALL SELECT day + 1 FROM d"
        f" WHERE day < :today + {statistics.FORECAST_DAYS - 1})"
        f" SELECT day, {per_day} + CASE WHEN day = :today THEN {overdue} ELSE 0 END FROM d",
        params,
    )
    states = dict(
        _rows(
            connection,
            "SELECT state, count(*) FROM card WHERE learner_id = :learner GROUP BY state",
            params,
        )
    )
    quizzes = _rows(
        connection,
        "SELECT id, finished_at, CAST(score AS INTEGER), total FROM quiz_attempt"
        " WHERE learner_id = :learner AND finished_at IS NOT NULL ORDER BY finished_at, id",
        params,
    )
    return {"due": dict(due), "states": states, "quizzes": quizzes}


def _log_figures(bank: Bank, params: dict[str, Any]) -> dict[str, Any]:
    """Per-day counts and retention for the last ~year, every study day, and the queue figures."""
    with bank.engine.connect() as connection:
        recent = _rows(
            connection,
            "WITH RECURSIVE d(day) AS (SELECT :first UNION ALL SELECT day + 1 FROM d"
            " WHERE day < :today) SELECT day, (SELECT count(*) * 1000000000000"
            # FILTER counts run about twice as fast as sum(condition) in SQLite.
            " + count(*) FILTER (WHERE state_before = 2) * 1000000"
            " + count(*) FILTER (WHERE state_before = 2 AND rating > 1)"
            f" FROM review_log WHERE {_DAY_RANGE}) FROM d",
            params,
        )
        first_ms = connection.execute(
            text("SELECT min(reviewed_at) FROM review_log WHERE learner_id = :learner"), params
        ).scalar()
        days: list[int] = []
        if first_ms is not None:
            start = (first_ms // 1000 + params["offset"]) // DAY
            days = [
                row[0]
                for row in _rows(
                    connection,
                    "WITH RECURSIVE d(day) AS (SELECT :start UNION ALL SELECT day + 1 FROM d"
                    " WHERE day < :today) SELECT day FROM d"
                    f" WHERE EXISTS (SELECT 1 FROM review_log WHERE {_DAY_RANGE})",
                    {**params, "start": min(start, params["today"])},
                )
            ]
        queue = _queue_figures(connection, params)
    unpacked = [
        (day, packed // 10**12, packed // 10**6 % 10**6, packed % 10**6) for day, packed in recent
    ]
    return {"recent": unpacked, "days": days, **queue}


def _card_figures(bank: Bank, params: dict[str, Any]) -> dict[str, Any]:
    """Mastery per article, person and period.

    The learner's cards are summed per passage once, into a temporary table;
    articles, people (Mention) and decades (Event) then group those few rows.
    Mention/Event may be empty until extraction is stored: those lists are then empty.
    """
    with bank.engine.connect() as connection:
        connection.execute(text("DROP TABLE IF EXISTS temp.study_mastery"))
        connection.execute(text("CREATE TEMP TABLE study_mastery (key, total, studied, mastered)"))
        try:
            connection.execute(text(f"INSERT INTO temp.study_mastery {_PER_SOURCE}"), params)
            sums = "sum(t.total), sum(t.studied), sum(t.mastered)"
            articles = _rows(
                connection,
                f"SELECT a.id, a.title, {sums} FROM temp.study_mastery t"
                " JOIN passage p ON p.id = t.key JOIN article a ON a.id = p.article_id"
                f" GROUP BY a.id UNION ALL SELECT a.id, a.title, {sums} FROM temp.study_mastery t"
                " JOIN deck d ON d.id = -t.key JOIN article a ON a.id = d.article_id"
                " WHERE t.key < 0 GROUP BY a.id",
                params,
            )
            people = _rows(
                connection,
                f"SELECT pm.name, pm.name, {sums} FROM (SELECT DISTINCT m.passage_id, e.name"
                " FROM mention m JOIN entity e ON e.id = m.entity_id WHERE e.kind = 'person') pm"
                " JOIN temp.study_mastery t ON t.key = pm.passage_id GROUP BY pm.name"
                f" ORDER BY sum(t.total) DESC, pm.name LIMIT {TOP_PEOPLE}",
                params,
            )
            periods = _rows(
                connection,
                f"SELECT pe.decade, '', {sums} FROM (SELECT DISTINCT passage_id,"
                " CAST(substr(date, 1, 3) AS INTEGER) * 10 AS decade FROM event"
                " WHERE length(date) >= 4 AND substr(date, 1, 1) != '-') pe"
                " JOIN temp.study_mastery t ON t.key = pe.passage_id"
                " GROUP BY pe.decade ORDER BY pe.decade",
                params,
            )
        finally:
            connection.execute(text("DROP TABLE IF EXISTS temp.study_mastery"))
    return {
        "articles": statistics.merge_mastery(articles),  # type: ignore[arg-type]
        "people": people,
        "periods": periods,
    }


def _mastery_rows(rows: list[tuple[Any, str, int, int, int]], label=None) -> tuple[MasteryRow, ...]:  # type: ignore[no-untyped-def]
    return tuple(
        MasteryRow(label(key) if label else name, total, studied, mastered, key=key)
        for key, name, total, studied, mastered in rows
    )


def progress_stats(
    bank: Bank, learner_id: int, now_ms: int | None = None, progress: Progress = no_progress
) -> ProgressStats:
    """Every figure of the Progress page for ``learner_id`` (read-only).

    Mastery counts the learner's cards: a card is mastered once it is in review
    with an FSRS stability of at least 21 days.
    """
    now = (time.time_ns() // 1_000_000 if now_ms is None else now_ms) // 1000
    clock = StudyClock.local(now)
    today = clock.day(now)
    with bank.engine.connect() as connection:
        row = connection.execute(
            text("SELECT name, settings FROM learner WHERE id = :id"), {"id": learner_id}
        ).one_or_none()
    if row is None:
        raise StudyError(f"no learner with id {learner_id}")
    name = row[0]
    settings = json.loads(row[1]) if isinstance(row[1], str) else dict(row[1] or {})
    weeks = statistics.RETENTION_WEEKS
    first = min(today - statistics.HEATMAP_DAYS + 1, today - 7 * weeks)
    params = {
        "learner": learner_id, "offset": clock.offset, "today": today, "first": first,
        "horizon": clock.day_start(today + statistics.FORECAST_DAYS),
    }  # fmt: skip
    progress(0, 3, "Reading the review log")
    log = _log_figures(bank, params)
    progress(1, 3, "Measuring mastery")
    cards = _card_figures(bank, params)
    progress(2, 3, "Summing up")
    counts = {day: count for day, count, _reviews, _passed in log["recent"] if count}
    current, longest = statistics.streaks(log["days"], today)
    heatmap = statistics.heatmap(counts, today, clock)
    progress(3, 3, "Done")
    return ProgressStats(
        learner=name,
        today=clock.iso(today),
        reviews_per_day=heatmap,
        due_forecast=statistics.forecast(log["due"], today),
        retention_by_week=statistics.weekly_retention(
            ((day, reviews, passed) for day, _c, reviews, passed in log["recent"]), today, clock
        ),
        mastery_by_article=_mastery_rows(cards["articles"]),
        mastery_by_person=_mastery_rows(cards["people"]),
        mastery_by_period=_mastery_rows(cards["periods"], statistics.decade_label),
        quiz_scores=tuple(QuizScorePoint(*row) for row in log["quizzes"]),
        current_streak=current,
        longest_streak=longest,
        reviews_last_year=sum(count for _day, count in heatmap),
        reviews_today=counts.get(today, 0),
        desired_retention=float(settings.get("desired_retention", 0.9)),
        cards_by_state=tuple(log["states"].get(state, 0) for state in range(4)),  # type: ignore[arg-type]
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

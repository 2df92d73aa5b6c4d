"""Progress queries: answers per study day, study days, due forecast, mastery per source.

Nothing here sorts the whole review log: per-day figures walk the (learner, time) index
one day at a time, and mastery is summed once per source passage, then grouped in Python.
A study day ``d`` runs from ``d * 86400 - offset`` to the next (see study/days.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Integer,
    Select,
    and_,
    bindparam,
    case,
    exists,
    func,
    literal,
    select,
)
from sqlalchemy.orm import Session

from studyapp.bank.models import (
    Article,
    Card,
    Deck,
    Entity,
    Event,
    Mention,
    Passage,
    Question,
    QuizAttempt,
    ReviewLog,
)
from studyapp.bank.queries.common import counted, run, visibility
from studyapp.core.study import LEARNING, MASTERED_STABILITY_DAYS, RELEARNING, REVIEW

DAY = 86400
_PACK = 10**6  # a day's three answer counts (each below a million) packed in one integer
_BIG = 10**9  # a source's studied and mastered cards packed in one integer


@dataclass(frozen=True)
class DayAnswers:
    """One study day's answers: all of them, those on review-state cards, and those passed."""

    day: int
    answers: int
    reviews: int
    passed: int


@dataclass(frozen=True)
class SourceMastery:
    """The learner's cards from one passage (or, for questions without one, one deck)."""

    passage_id: int | None
    deck_id: int | None
    total: int
    studied: int
    mastered: int


@dataclass(frozen=True)
class MasteryTotals:
    """Mastery summed for one article, person or decade."""

    key: Any
    label: str
    total: int
    studied: int
    mastered: int


def _days(name: str) -> Any:
    # Typed: PostgreSQL cannot guess the type of a bare parameter in a CTE or in arithmetic.
    days = select(bindparam("first", type_=Integer).label("day")).cte(name, recursive=True)
    return days.union_all(
        select(days.c.day + 1).where(days.c.day < bindparam("last", type_=Integer))
    )


def _in_day(column: Any, day: Any, scale: int) -> ColumnElement[bool]:
    # 64-bit arithmetic: a day's bounds in milliseconds overflow PostgreSQL's INTEGER.
    offset = bindparam("offset", type_=BigInteger)
    seconds = literal(DAY, BigInteger)
    start = (day * seconds - offset) * literal(scale, BigInteger)
    end = ((day + 1) * seconds - offset) * literal(scale, BigInteger)
    return and_(column >= start, column < end)


@cache
def _answers_per_day() -> Select[Any]:
    days = _days("answer_days")
    reviews = ReviewLog.state_before == REVIEW
    # One correlated look-up per day walks the covering (learner, time, …) index instead of
    # sorting the log; the three counts are one sum of packed weights (one CASE a row).
    weight = case(
        (and_(reviews, ReviewLog.rating > 1), _PACK * _PACK + _PACK + 1),
        (reviews, _PACK * _PACK + _PACK),
        else_=_PACK * _PACK,
    )
    packed = (
        select(func.coalesce(func.sum(weight), 0))
        .where(
            ReviewLog.learner_id == bindparam("learner"),
            _in_day(ReviewLog.reviewed_at, days.c.day, 1000),
        )
        .scalar_subquery()
    )
    return select(days.c.day, packed.label("packed"))


def answers_per_day(
    session: Session, learner_id: int, first: int, last: int, offset: int
) -> list[DayAnswers]:
    """Answers on each study day from ``first`` to ``last`` (inclusive)."""
    params = {"learner": learner_id, "first": first, "last": last, "offset": offset}
    # int(): PostgreSQL sums BIGINT as NUMERIC (a Decimal in Python).
    return [
        DayAnswers(row.day, int(row.packed) // _PACK**2, int(row.packed) // _PACK % _PACK,
                   int(row.packed) % _PACK)
        for row in run(session, _answers_per_day(), params)
    ]  # fmt: skip


def first_answer_ms(session: Session, learner_id: int) -> int | None:
    """When the learner first answered a card (Unix ms), or None."""
    statement = select(func.min(ReviewLog.reviewed_at)).where(ReviewLog.learner_id == learner_id)
    return run(session, statement).scalar()


@cache
def _study_days() -> Select[Any]:
    days = _days("study_days")
    answered = exists().where(
        ReviewLog.learner_id == bindparam("learner"),
        _in_day(ReviewLog.reviewed_at, days.c.day, 1000),
    )
    return select(days.c.day).where(answered)


def study_days(session: Session, learner_id: int, first: int, last: int, offset: int) -> list[int]:
    """The study days from ``first`` to ``last`` with at least one answer."""
    params = {"learner": learner_id, "first": first, "last": last, "offset": offset}
    return [int(row.day) for row in run(session, _study_days(), params)]


@cache
def _due_per_day() -> Select[Any]:
    days = _days("due_days")

    def due(condition: ColumnElement[bool]) -> Any:
        # One index range per state, counted in place (no sort of the due cards).
        return sum(
            (
                select(func.count())
                .where(
                    Card.learner_id == bindparam("learner"),
                    Card.suspended.is_(False),
                    Card.state == state,
                    condition,
                )
                .scalar_subquery()
                for state in (LEARNING, REVIEW, RELEARNING)
            ),
            literal(0),
        )

    overdue = due(
        Card.due
        < bindparam("first", type_=Integer) * literal(DAY, BigInteger)
        - bindparam("offset", type_=BigInteger)
    )
    on_day = due(_in_day(Card.due, days.c.day, 1))
    return select(
        days.c.day,
        on_day + case((days.c.day == bindparam("first", type_=Integer), overdue), else_=0),
    )


def due_per_day(
    session: Session, learner_id: int, today: int, days: int, offset: int
) -> dict[int, int]:
    """Cards due on each of ``days`` study days from ``today``; overdue ones count today."""
    params = {"learner": learner_id, "first": today, "last": today + days - 1, "offset": offset}
    return {int(day): int(count) for day, count in run(session, _due_per_day(), params)}


def cards_by_state(session: Session, learner_id: int) -> dict[int, int]:
    """How many of the learner's cards are in each state."""
    statement = (
        select(Card.state, func.count()).where(Card.learner_id == learner_id).group_by(Card.state)
    )
    return {int(state): int(count) for state, count in run(session, statement)}


def finished_quizzes(session: Session, learner_id: int) -> list[tuple[int, int, int, int]]:
    """(attempt id, finished at, correct, total) of the learner's finished quizzes, oldest first."""
    statement = (
        select(QuizAttempt.id, QuizAttempt.finished_at, QuizAttempt.score, QuizAttempt.total)
        .where(QuizAttempt.learner_id == learner_id, QuizAttempt.finished_at.is_not(None))
        .order_by(QuizAttempt.finished_at, QuizAttempt.id)
    )
    return [(row.id, row.finished_at, int(row.score), row.total) for row in run(session, statement)]


# -- mastery ---------------------------------------------------------------------------------
def mastery_by_source(session: Session, learner_id: int) -> list[SourceMastery]:
    """The learner's studyable cards per source passage (or per deck without one)."""
    # One grouping key (the deck's id negated where there is no passage) sorts faster than two.
    source = func.coalesce(Question.source_passage_id, -Question.deck_id)
    mastered = and_(Card.state == REVIEW, Card.stability >= MASTERED_STABILITY_DAYS)
    # Studied and mastered counted by one CASE a card: studied * _BIG + mastered.
    weight = case((mastered, _BIG + 1), (Card.state > 0, _BIG), else_=0)
    statement = (
        select(
            source.label("source"),
            func.count().label("total"),
            func.coalesce(func.sum(weight), 0).label("packed"),
        )
        .select_from(Card)
        .join(Question, Question.id == Card.question_id)
        .where(
            Card.learner_id == learner_id,
            Question.suspended.is_(False),
            Question.extra.is_(False),
            *visibility(session),
        )
        .group_by(source)
    )
    return [
        SourceMastery(
            row.source if row.source > 0 else None,
            -row.source if row.source < 0 else None,
            row.total,
            row.packed // _BIG,
            row.packed % _BIG,
        )  # fmt: skip
        for row in run(session, statement)
    ]


def _add(totals: dict[Any, list[Any]], key: Any, label: str, source: SourceMastery) -> None:
    entry = totals.setdefault(key, [label, 0, 0, 0])
    entry[1] += source.total
    entry[2] += source.studied
    entry[3] += source.mastered


def _totals(totals: dict[Any, list[Any]]) -> list[MasteryTotals]:
    return [MasteryTotals(key, *values) for key, values in totals.items()]


def mastery_by_article(session: Session, sources: Iterable[SourceMastery]) -> list[MasteryTotals]:
    """Sources summed per article: through their passage, or through an article's deck."""
    sources = list(sources)
    passages = {s.passage_id for s in sources if s.passage_id is not None}
    by_passage = {
        passage_id: article_id
        for passage_id, article_id in run(session, select(Passage.id, Passage.article_id))
        if passage_id in passages
    }
    by_deck = dict(
        run(session, select(Deck.id, Deck.article_id).where(Deck.article_id.is_not(None))).all()
    )
    titles = dict(run(session, select(Article.id, Article.title)).all())
    totals: dict[Any, list[Any]] = {}
    for source in sources:
        article = (
            by_passage.get(source.passage_id)
            if source.passage_id is not None
            else by_deck.get(source.deck_id)
        )
        if article is not None:
            _add(totals, article, titles.get(article, ""), source)
    return sorted(_totals(totals), key=lambda row: row.label.lower())


def mastery_by_person(
    session: Session, sources: Iterable[SourceMastery], limit: int
) -> list[MasteryTotals]:
    """Sources summed per person named in the passage, most cards first (top ``limit``)."""
    by_passage: dict[int, list[SourceMastery]] = defaultdict(list)
    for source in sources:
        if source.passage_id is not None:
            by_passage[source.passage_id].append(source)
    pairs = run(
        session,
        select(Mention.passage_id, Entity.name)
        .join(Entity, Entity.id == Mention.entity_id)
        .where(Entity.kind == "person")
        .distinct(),
    )
    totals: dict[Any, list[Any]] = {}
    for passage_id, name in pairs:
        for source in by_passage.get(passage_id, ()):
            _add(totals, name, name, source)
    ranked = sorted(_totals(totals), key=lambda row: (-row.total, row.key))
    return ranked[:limit]


def mastery_by_decade(session: Session, sources: Iterable[SourceMastery]) -> list[MasteryTotals]:
    """Sources summed per decade of the events dated in the passage, oldest first."""
    by_passage: dict[int, list[SourceMastery]] = defaultdict(list)
    for source in sources:
        if source.passage_id is not None:
            by_passage[source.passage_id].append(source)
    dated = run(session, select(Event.passage_id, Event.date).distinct())
    decades: set[tuple[int, int]] = set()
    for passage_id, date in dated:
        # ISO dates cut to their precision: the year is the first four characters.
        if len(date) >= 4 and not date.startswith("-") and date[:3].isdigit():
            decades.add((passage_id, int(date[:3]) * 10))
    totals: dict[Any, list[Any]] = {}
    for passage_id, decade in decades:
        for source in by_passage.get(passage_id, ()):
            _add(totals, decade, "", source)
    return sorted(_totals(totals), key=lambda row: row.key)


# -- the class ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class LearnerTotals:
    """One learner's answers: all of them, those since a time, and how recent reviews went."""

    learner_id: int
    answers: int
    recent: int
    recent_reviews: int  # answers on review-state cards since then
    recent_passed: int  # of those, not Again


def answer_totals(session: Session, since_ms: int) -> dict[int, LearnerTotals]:
    """Every visible learner's answer counts (the teacher sees the class; a learner, themself)."""
    recent = ReviewLog.reviewed_at >= since_ms
    review_state = and_(recent, ReviewLog.state_before == REVIEW)
    statement = select(
        ReviewLog.learner_id,
        func.count().label("answers"),
        counted(recent).label("recent"),
        counted(review_state).label("reviews"),
        counted(and_(review_state, ReviewLog.rating > 1)).label("passed"),
    ).group_by(ReviewLog.learner_id)
    return {
        row.learner_id: LearnerTotals(row.learner_id, int(row.answers), int(row.recent or 0),
                                      int(row.reviews or 0), int(row.passed or 0))
        for row in run(session, statement)
    }  # fmt: skip


def quiz_totals(session: Session) -> dict[int, tuple[int, int, int]]:
    """Per learner: finished quizzes, questions answered right in them, questions in them."""
    statement = (
        select(QuizAttempt.learner_id, func.count(), func.sum(QuizAttempt.score),
               func.sum(QuizAttempt.total))  # fmt: skip
        .where(QuizAttempt.finished_at.is_not(None))
        .group_by(QuizAttempt.learner_id)
    )
    return {
        int(learner): (int(count), int(right or 0), int(total or 0))
        for learner, count, right, total in run(session, statement)
    }

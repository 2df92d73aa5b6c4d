"""Quiz queries: the questions inside a scope, what a scope can be, attempts and answers."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select, update
from sqlalchemy.orm import Session

from studyapp.bank.models import (
    Article,
    Deck,
    Entity,
    Event,
    Mention,
    Passage,
    Question,
    QuizAnswer,
    QuizAttempt,
    now,
)
from studyapp.bank.queries.common import run, visibility


@dataclass(frozen=True)
class ScopeFilter:
    """Which questions a quiz draws from; every condition given must hold.

    ``deck_ids`` already holds the sub-decks; ``periods`` are inclusive (first, last) years.
    """

    article_ids: tuple[int, ...] = ()
    person_names: tuple[str, ...] = ()
    periods: tuple[tuple[int, int], ...] = ()
    deck_ids: tuple[int, ...] = ()
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuizQuestion:
    """A question as a quiz presents and grades it, with its source passage, if any."""

    id: int
    kind: str
    prompt: str
    answer: str
    payload: dict[str, Any]
    explanation: str
    passage_id: int | None
    source_start: int | None
    source_end: int | None
    passage_ordinal: int | None
    article_id: int | None
    article_title: str | None


@dataclass(frozen=True)
class ScopeCounts:
    """Questions available per article, person, decade, deck and kind (the scope picker)."""

    articles: list[tuple[int, str, int]]
    people: list[tuple[str, int]]
    decades: list[tuple[int, int]]
    decks: list[tuple[int, str, int]]
    kinds: list[tuple[str, int]]


@dataclass(frozen=True)
class AttemptRow:
    """One quiz attempt: whose, what was drawn (the stored scope and items), finished when."""

    learner_id: int
    stored: dict[str, Any]
    finished_at: int | None


def _quizzable(session: Session) -> list[ColumnElement[bool]]:
    return [Question.suspended.is_(False), Question.extra.is_(False), *visibility(session)]


def _conditions(session: Session, scope: ScopeFilter) -> list[ColumnElement[bool]]:
    conditions = _quizzable(session)
    if scope.article_ids:
        ids = list(scope.article_ids)
        conditions.append(
            or_(
                Question.source_passage_id.in_(
                    select(Passage.id).where(Passage.article_id.in_(ids))
                ),
                Question.deck_id.in_(select(Deck.id).where(Deck.article_id.in_(ids))),
            )
        )
    if scope.person_names:
        named = (
            select(Mention.passage_id)
            .join(Entity, Entity.id == Mention.entity_id)
            .where(Entity.kind == "person", Entity.name.in_(list(scope.person_names)))
        )
        conditions.append(Question.source_passage_id.in_(named))
    if scope.periods:
        # ISO dates cut to their precision compare as text: '1963-08' lies in ['1960', '1970').
        spans = [
            (Event.date >= f"{int(first):04d}") & (Event.date < f"{int(last) + 1:04d}")
            for first, last in scope.periods
        ]
        conditions.append(
            Question.source_passage_id.in_(select(Event.passage_id).where(or_(*spans)))
        )
    if scope.deck_ids:
        conditions.append(Question.deck_id.in_(list(scope.deck_ids)))
    if scope.kinds:
        conditions.append(Question.kind.in_(list(scope.kinds)))
    return conditions


def questions_in_scope(session: Session, scope: ScopeFilter) -> list[int]:
    """Ids of the questions inside ``scope``, in the order they were added."""
    statement = select(Question.id).where(*_conditions(session, scope)).order_by(Question.id)
    return [int(question_id) for question_id in run(session, statement).scalars()]


def sibling_keys(session: Session, question_ids: list[int]) -> dict[int, tuple[str, ...]]:
    """What makes questions siblings: the fact they ask about and the sentence they come from
    (the same notion as ``review.sibling_cards``). Imported questions usually have neither."""
    statement = select(
        Question.id, Question.fact_key, Question.source_passage_id, Question.source_start,
        Question.source_end,
    ).where(Question.id.in_(question_ids))  # fmt: skip
    keys: dict[int, tuple[str, ...]] = {}
    for row in run(session, statement):
        own = [f"fact:{row.fact_key}"] if row.fact_key else []
        if row.source_passage_id is not None:
            own.append(f"sentence:{row.source_passage_id}:{row.source_start}:{row.source_end}")
        keys[int(row.id)] = tuple(own)
    return keys


def count_in_scope(session: Session, scope: ScopeFilter) -> int:
    """How many questions ``scope`` covers."""
    statement = select(func.count()).select_from(Question).where(*_conditions(session, scope))
    return int(run(session, statement).scalar_one())


_QUESTION: Select[Any] = (
    select(
        Question.id,
        Question.kind,
        Question.prompt,
        Question.answer,
        Question.payload,
        Question.explanation,
        Question.source_passage_id.label("passage_id"),
        Question.source_start,
        Question.source_end,
        Passage.ordinal.label("passage_ordinal"),
        Article.id.label("article_id"),
        Article.title.label("article_title"),
    )
    .outerjoin(Passage, Passage.id == Question.source_passage_id)
    .outerjoin(Article, Article.id == Passage.article_id)
)


def quiz_question(session: Session, question_id: int) -> QuizQuestion | None:
    """One question with its source, or None when it no longer exists."""
    row = run(session, _QUESTION.where(Question.id == question_id)).first()
    if row is None:
        return None
    values = row._asdict()
    values["payload"] = dict(values["payload"] or {})
    return QuizQuestion(**values)


def scope_counts(session: Session) -> ScopeCounts:
    """What a quiz can be drawn from, with how many questions each choice holds.

    Questions are counted once per (passage, deck, kind); the five lists are then summed
    in Python from those few rows and small look-ups.
    """
    groups = run(
        session,
        select(Question.source_passage_id, Question.deck_id, Question.kind, func.count())
        .where(*_quizzable(session))
        .group_by(Question.source_passage_id, Question.deck_id, Question.kind),
    ).all()
    per_passage: dict[int, int] = defaultdict(int)
    per_deck: dict[int, int] = defaultdict(int)
    per_kind: dict[str, int] = defaultdict(int)
    for passage_id, deck_id, kind, count in groups:
        if passage_id is not None:
            per_passage[passage_id] += count
        per_deck[deck_id] += count
        per_kind[kind] += count
    return ScopeCounts(
        articles=_per_article(session, per_passage),
        people=_per_person(session, per_passage),
        decades=_per_decade(session, per_passage),
        decks=_per_deck(session, per_deck),
        kinds=sorted(per_kind.items()),
    )


def _per_article(session: Session, per_passage: dict[int, int]) -> list[tuple[int, str, int]]:
    counts: dict[int, int] = defaultdict(int)
    for passage_id, article_id in run(session, select(Passage.id, Passage.article_id)):
        if passage_id in per_passage:
            counts[article_id] += per_passage[passage_id]
    titles = dict(run(session, select(Article.id, Article.title)).all())
    rows = [(article_id, titles.get(article_id, ""), count) for article_id, count in counts.items()]
    return sorted(rows, key=lambda row: (row[1], row[0]))


def _per_person(session: Session, per_passage: dict[int, int]) -> list[tuple[str, int]]:
    pairs = run(
        session,
        select(Mention.passage_id, Entity.name)
        .join(Entity, Entity.id == Mention.entity_id)
        .where(Entity.kind == "person")
        .distinct(),
    )
    counts: dict[str, int] = defaultdict(int)
    for passage_id, name in pairs:
        if passage_id in per_passage:
            counts[name] += per_passage[passage_id]
    return sorted(counts.items(), key=lambda row: (-row[1], row[0]))


def _per_decade(session: Session, per_passage: dict[int, int]) -> list[tuple[int, int]]:
    decades: set[tuple[int, int]] = set()
    for passage_id, date in run(session, select(Event.passage_id, Event.date).distinct()):
        # ISO dates cut to their precision: "1963-05" is in the 1960s; BCE years are left out.
        if passage_id in per_passage and len(date) >= 4 and date[:3].isdigit():
            decades.add((passage_id, int(date[:3]) * 10))
    counts: dict[int, int] = defaultdict(int)
    for passage_id, decade in decades:
        counts[decade] += per_passage[passage_id]
    return sorted(counts.items())


def _per_deck(session: Session, per_deck: dict[int, int]) -> list[tuple[int, str, int]]:
    names = dict(run(session, select(Deck.id, Deck.name)).all())
    rows = [(deck_id, names.get(deck_id, ""), count) for deck_id, count in per_deck.items()]
    return sorted(rows, key=lambda row: (row[1], row[0]))


# -- attempts --------------------------------------------------------------------------------
def add_attempt(session: Session, learner_id: int, stored: dict[str, Any], total: int) -> int:
    """Open a quiz attempt holding its scope and drawn items; return its id."""
    attempt = QuizAttempt(learner_id=learner_id, scope=stored, started_at=now(), total=total)
    session.add(attempt)
    session.flush()
    return attempt.id


def get_attempt(session: Session, attempt_id: int) -> AttemptRow | None:
    """The attempt, or None."""
    attempt = session.get(QuizAttempt, attempt_id)
    if attempt is None:
        return None
    return AttemptRow(attempt.learner_id, dict(attempt.scope or {}), attempt.finished_at)


def answer_recorded(session: Session, answer_id: str) -> bool:
    """True when the bank has the quiz answer with this id."""
    statement = select(QuizAnswer.id).where(QuizAnswer.answer_id == answer_id)
    return run(session, statement).first() is not None


def is_answered(session: Session, attempt_id: int, question_id: int) -> bool:
    """True when the attempt already has an answer to the question."""
    statement = select(QuizAnswer.id).where(
        QuizAnswer.attempt_id == attempt_id, QuizAnswer.question_id == question_id
    )
    return run(session, statement.limit(1)).first() is not None


def add_answer(
    session: Session, attempt_id: int, question_id: int, response: Any, correct: bool,
    answer_id: str | None = None,
) -> None:  # fmt: skip
    """Store one graded answer and bring the attempt's score up to date."""
    session.add(
        QuizAnswer(attempt_id=attempt_id, question_id=question_id, response=response,
                   correct=correct, answered_at=now(), answer_id=answer_id)
    )  # fmt: skip
    session.flush()
    score = (
        select(func.count())
        .where(QuizAnswer.attempt_id == attempt_id, QuizAnswer.correct.is_(True))
        .scalar_subquery()
    )
    run(session, update(QuizAttempt).where(QuizAttempt.id == attempt_id).values(score=score))


def finish_attempt(session: Session, attempt_id: int) -> None:
    """Mark the attempt finished now."""
    run(session, update(QuizAttempt).where(QuizAttempt.id == attempt_id).values(finished_at=now()))


def attempt_answers(session: Session, attempt_id: int) -> dict[int, Any]:
    """The responses given in the attempt, by question id (deleted questions left out)."""
    statement = select(QuizAnswer.question_id, QuizAnswer.response).where(
        QuizAnswer.attempt_id == attempt_id, QuizAnswer.question_id.is_not(None)
    )
    return {int(question_id): response for question_id, response in run(session, statement)}

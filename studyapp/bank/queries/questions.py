"""Question bank queries: filter and page through questions, one question in full, edits."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session

from studyapp.bank.models import Article, Card, Deck, Passage, Question, now
from studyapp.bank.queries.common import run, visibility
from studyapp.bank.queries.decks import deck_names, in_family
from studyapp.core.questions import FLASHCARD_KINDS, QuestionRecord
from studyapp.core.study import NEW, REVIEW


@dataclass(frozen=True)
class QuestionFilter:
    """Which questions to list: text in prompt/answer/explanation, deck, kind, origin, article."""

    text: str = ""
    deck_id: int | None = None  # includes the deck's sub-decks
    kind: str | None = None
    origin: str | None = None  # "generated" | "imported"
    article_id: int | None = None  # questions whose source is this article
    suspended: bool | None = None
    extra: bool | None = None  # True: the "more" questions; False: the study set
    tag: str | None = None  # questions carrying this tag ("leech", "outdated"…)


@dataclass(frozen=True)
class QuestionRow:
    """One line of the Question bank table."""

    id: int
    kind: str
    prompt: str
    answer: str
    deck: str
    origin: str
    suspended: bool
    difficulty: float
    has_source: bool
    tags: str = ""
    extra: bool = False  # ranked out of the study set: "more", not studied until promoted
    about: str = ""
    # The learner's card, for flashcards: its state, when it is due (a new card's due is its
    # place in the new queue), its interval in days (review cards), answers and lapses.
    state: int | None = None
    due: int | None = None
    interval_days: float | None = None
    reviews: int = 0
    lapses: int = 0


@dataclass(frozen=True)
class StoredQuestion:
    """One question as stored, with its deck's name and its source passage's text."""

    id: int
    kind: str
    prompt: str
    answer: str
    explanation: str
    deck: str
    origin: str
    suspended: bool
    difficulty: float
    tags: str
    payload: dict[str, Any]
    passage_text: str | None
    source_start: int | None
    source_end: int | None
    article_title: str | None


def _escape_like(text: str) -> str:
    return re.sub(r"([\\%_])", r"\\\1", text)


def _tagged(tag: str) -> ColumnElement[bool]:
    """Questions carrying ``tag`` (tags are space-separated words, as in Anki)."""
    spaced = literal(" ") + Question.tags + literal(" ")
    return spaced.ilike(f"% {_escape_like(tag)} %", escape="\\")


def _conditions(session: Session, wanted: QuestionFilter) -> list[ColumnElement[bool]]:
    conditions = visibility(session)
    for word in wanted.text.split():
        if word.lower().startswith("tag:"):  # Anki's search syntax: tag:leech
            conditions.append(_tagged(word[4:]))
            continue
        pattern = f"%{_escape_like(word)}%"
        conditions.append(
            or_(
                Question.prompt.ilike(pattern, escape="\\"),
                Question.answer.ilike(pattern, escape="\\"),
                Question.explanation.ilike(pattern, escape="\\"),
            )
        )
    if wanted.deck_id is not None:
        names = deck_names(session)
        root = names.get(wanted.deck_id, "")
        ids = [deck_id for deck_id, name in names.items() if in_family(name, root)]
        conditions.append(Question.deck_id.in_(ids or [-1]))
    if wanted.kind:
        conditions.append(Question.kind == wanted.kind)
    if wanted.origin:
        conditions.append(Question.origin == wanted.origin)
    if wanted.suspended is not None:
        conditions.append(Question.suspended.is_(wanted.suspended))
    if wanted.extra is not None:
        conditions.append(Question.extra.is_(wanted.extra))
    if wanted.tag:
        conditions.append(_tagged(wanted.tag))
    if wanted.article_id is not None:
        passages = select(Passage.id).where(Passage.article_id == wanted.article_id)
        conditions.append(Question.source_passage_id.in_(passages))
    return conditions


def count_questions(session: Session, wanted: QuestionFilter) -> int:
    """How many questions match."""
    statement = select(func.count()).select_from(Question).where(*_conditions(session, wanted))
    return int(run(session, statement).scalar_one())


# What the browser's columns sort by; every order ends with the question id, so paging
# through a sorted list never skips or repeats a row.
_INTERVAL = case(
    (Card.state == REVIEW, (Card.due - Card.last_review) / 86400.0), else_=None
)
SORT_KEYS: dict[str, Any] = {
    "added": Question.id,
    "prompt": func.lower(Question.prompt),
    "answer": func.lower(Question.answer),
    "kind": Question.kind,
    "deck": func.lower(Deck.name),
    # Scheduled cards by date, then new ones by their place in the queue, then quiz kinds.
    "due": case((Card.id.is_(None), 3 * 10**12), (Card.state == NEW, 10**12 + Card.due),
                else_=Card.due),  # fmt: skip
    "interval": func.coalesce(_INTERVAL, -1),
    "reviews": func.coalesce(Card.reps, -1),
    "lapses": func.coalesce(Card.lapses, -1),
    "tags": func.lower(Question.tags),
    "origin": Question.origin,
}


def list_questions(
    session: Session,
    wanted: QuestionFilter,
    offset: int,
    limit: int,
    learner_id: int | None = None,
    sort: str = "added",
    descending: bool = False,
) -> list[QuestionRow]:
    """One page of matching questions, sorted by ``sort`` (a key of SORT_KEYS), with the
    learner's card beside each (none without a learner, or for quiz-only kinds)."""
    key = SORT_KEYS[sort]
    statement: Select[Any] = (
        select(
            Question.id,
            Question.kind,
            Question.prompt,
            Question.answer,
            Deck.name.label("deck"),
            Question.origin,
            Question.suspended,
            Question.difficulty,
            Question.source_passage_id,
            Question.tags,
            Question.extra,
            Question.about,
            Card.state,
            Card.due,
            _INTERVAL.label("interval_days"),
            Card.reps,
            Card.lapses,
        )  # fmt: skip
        .join(Deck, Deck.id == Question.deck_id)
        .outerjoin(Card, and_(Card.question_id == Question.id, Card.learner_id == learner_id))
        .where(*_conditions(session, wanted))
        .order_by(key.desc() if descending else key, Question.id)
        .offset(offset)
        .limit(limit)
    )
    return [
        QuestionRow(
            id=row.id,
            kind=row.kind,
            prompt=row.prompt,
            answer=row.answer,
            deck=row.deck,
            origin=row.origin,
            suspended=bool(row.suspended),
            difficulty=row.difficulty,
            has_source=row.source_passage_id is not None,
            tags=row.tags,
            extra=bool(row.extra),
            about=row.about,
            state=row.state,
            due=row.due,
            interval_days=row.interval_days,
            reviews=row.reps or 0,
            lapses=row.lapses or 0,
        )  # fmt: skip
        for row in run(session, statement)
    ]


def questions_per_deck(session: Session, reviewable: bool = False) -> dict[int, int]:
    """How many questions each deck holds itself (sub-decks not included); with
    ``reviewable`` only the study-set flashcards Review shows."""
    conditions = [*visibility(session)]
    if reviewable:
        conditions += [Question.kind.in_(FLASHCARD_KINDS), Question.extra.is_(False)]
    statement = select(Question.deck_id, func.count()).where(*conditions).group_by(Question.deck_id)
    return {int(deck_id): int(count) for deck_id, count in run(session, statement)}


def source_articles(session: Session) -> list[tuple[int, str]]:
    """(id, title) of every article some question comes from, by title."""
    used = select(Passage.article_id).join(Question, Question.source_passage_id == Passage.id)
    statement = (
        select(Article.id, Article.title).where(Article.id.in_(used)).order_by(Article.title)
    )
    return [(int(row.id), row.title) for row in run(session, statement)]


def get_question(session: Session, question_id: int) -> StoredQuestion | None:
    """One question in full, or None when it is gone."""
    row = run(
        session,
        select(
            Question.id,
            Question.kind,
            Question.prompt,
            Question.answer,
            Question.explanation,
            Deck.name.label("deck"),
            Question.origin,
            Question.suspended,
            Question.difficulty,
            Question.tags,
            Question.payload,
            Passage.text.label("passage_text"),
            Question.source_start,
            Question.source_end,
            Article.title.label("article_title"),
        )  # fmt: skip
        .join(Deck, Deck.id == Question.deck_id)
        .outerjoin(Passage, Passage.id == Question.source_passage_id)
        .outerjoin(Article, Article.id == Passage.article_id)
        .where(Question.id == question_id),
    ).first()
    if row is None:
        return None
    values = row._asdict()
    values["payload"] = dict(values["payload"] or {})
    values["suspended"] = bool(values["suspended"])
    return StoredQuestion(**values)


def save_question(session: Session, question_id: int, **values: Any) -> None:
    """Change some of a question's columns (prompt, answer, payload, tags …); stamps the time."""
    statement = update(Question).where(Question.id == question_id)
    run(session, statement.values(**values, updated_at=now()))


def suspend_questions(session: Session, question_ids: list[int], suspended: bool) -> int:
    """Suspend or unsuspend questions; return how many there were."""
    statement = (
        update(Question)
        .where(Question.id.in_(question_ids))
        .values(suspended=suspended, updated_at=now())
    )
    return int(run(session, statement).rowcount or 0)


def question_tags(session: Session, question_ids: list[int]) -> dict[int, tuple[str, bool]]:
    """(tags, extra) of each question."""
    statement = select(Question.id, Question.tags, Question.extra).where(Question.id.in_(question_ids))
    return {row.id: (row.tags, bool(row.extra)) for row in run(session, statement)}


def hash_in_deck(session: Session, deck_id: int, content_hash: str) -> bool:
    """True when the deck already holds a question with this content hash."""
    statement = select(Question.id).where(
        Question.deck_id == deck_id, Question.content_hash == content_hash
    )
    return run(session, statement).first() is not None


def add_question(session: Session, deck_id: int, record: QuestionRecord, content_hash: str) -> int:
    """Store a question written by hand; return its id."""
    statement = insert(Question).values(
        deck_id=deck_id, kind=record.kind, prompt=record.prompt, answer=record.answer,
        payload=record.payload, explanation=record.explanation, origin="manual",
        content_hash=content_hash, tags=" ".join(record.tags), created_at=now(),
        updated_at=now(),
    ).returning(Question.id)  # fmt: skip
    return int(run(session, statement).scalar_one())


def change_tags(
    session: Session, question_ids: list[int], add: tuple[str, ...] = (), remove: tuple[str, ...] = ()
) -> int:
    """Add and remove tags (space-separated words, as in Anki); return how many questions changed."""
    changed = 0
    for question_id, (tags, _extra) in question_tags(session, question_ids).items():
        kept = [tag for tag in tags.split() if tag not in remove]
        new = kept + [tag for tag in add if tag not in kept]
        if new != tags.split():
            save_question(session, question_id, tags=" ".join(new))
            changed += 1
    return changed


def delete_questions(session: Session, question_ids: list[int]) -> int:
    """Delete questions; their cards and review history cascade. Return how many there were."""
    return int(run(session, delete(Question).where(Question.id.in_(question_ids))).rowcount or 0)


def question_source(session: Session, question_id: int) -> tuple[int, int, int, int] | None:
    """(article id, passage ordinal, start, end) of a question's source; -1 for a missing span."""
    row = run(
        session,
        select(Passage.article_id, Passage.ordinal, Question.source_start, Question.source_end)
        .join(Passage, Passage.id == Question.source_passage_id)
        .where(Question.id == question_id),
    ).first()
    if row is None:
        return None
    start = row.source_start if row.source_start is not None else -1
    end = row.source_end if row.source_end is not None else -1
    return (row.article_id, row.ordinal, start, end)

"""Review queries: the due cards of a learner, a card to show, answering, undo, bury, suspend.

Statements are built once per shape and reused with bound values, so a look-up costs
SQLite's work, not SQLAlchemy's statement building (the queue runs on every card shown).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    bindparam,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.orm import Session

from studyapp.bank.models import Article, Card, Deck, Learner, Passage, Question, ReviewLog
from studyapp.bank.queries.common import counted, published, run
from studyapp.core.questions import FLASHCARD_KINDS
from studyapp.core.study import LEARNING, NEW, RELEARNING, REVIEW, MemoryState, SessionSummary

MEMORY_COLUMNS = (
    "state",
    "step",
    "stability",
    "difficulty",
    "due",
    "last_review",
    "reps",
    "lapses",
)


@dataclass(frozen=True)
class StoredCard:
    """A card's FSRS memory, its learner, and what Undo must restore beside the memory."""

    memory: MemoryState
    learner_id: int
    suspended: bool
    buried_until: int | None

    def snapshot(self) -> dict[str, Any]:
        """The card as it is, for ReviewLog.card_before."""
        values = {name: getattr(self.memory, name) for name in MEMORY_COLUMNS}
        return values | {"suspended": self.suspended, "buried_until": self.buried_until}


@dataclass(frozen=True)
class CardContent:
    """What a card shows: its question, deck and the source passage, if any."""

    question_id: int
    kind: str
    prompt: str
    answer: str
    payload: dict[str, Any]
    explanation: str
    origin: str
    deck: str
    passage_id: int | None
    source_start: int | None
    source_end: int | None
    passage_ordinal: int | None
    article_id: int | None
    article_title: str | None


@dataclass(frozen=True)
class AnswersToday:
    """Answers since the study day began: new cards introduced, review-state answers, all."""

    new: int
    reviews: int
    total: int


# -- the queue -------------------------------------------------------------------------------
# How a queue look-up bounds the cards' due time: "by" due <= :until, "before" due < :until,
# "new" due >= 0 (new cards are due 0; the condition keeps the range on the queue index).
DueBound = str


def _available(with_decks: bool, with_exclude: bool) -> list[ColumnElement[bool]]:
    """The learner's cards that may be shown now: nothing suspended, buried or unpublished."""
    conditions = [
        Card.learner_id == bindparam("learner"),
        Card.suspended.is_(False),
        Question.suspended.is_(False),
        Question.extra.is_(False),
        or_(Card.buried_until.is_(None), Card.buried_until <= bindparam("now")),
        published(),
    ]
    if with_decks:
        conditions.append(Question.deck_id.in_(bindparam("decks", expanding=True)))
    if with_exclude:
        conditions.append(Card.id.not_in(bindparam("exclude", expanding=True)))
    return conditions


def _due(bound: DueBound) -> ColumnElement[bool]:
    if bound == "by":
        return Card.due <= bindparam("until")
    if bound == "before":
        return Card.due < bindparam("until")
    return Card.due >= 0


def _cards(state: ColumnElement[bool], bound: DueBound, decks: bool, exclude: bool) -> Select[Any]:
    return (
        select(Card.id, Card.due)
        .join(Question, Question.id == Card.question_id)
        .where(*_available(decks, exclude), state, _due(bound))
    )


@cache
def _first_statement(
    states: tuple[int, ...], bound: DueBound, decks: bool, exclude: bool
) -> Select[Any]:
    # One ordered index range per state: "state IN (1, 3) ORDER BY due" would sort them all.
    parts = [
        _cards(Card.state == state, bound, decks, exclude)
        .order_by(Card.due, Card.id)
        .limit(1)
        .subquery()
        for state in states
    ]
    if len(parts) == 1:
        return select(parts[0].c.id)
    merged = union_all(*(select(part.c.id, part.c.due) for part in parts)).subquery()
    return select(merged.c.id).order_by(merged.c.due, merged.c.id).limit(1)


@cache
def _count_statement(
    states: tuple[int, ...], bound: DueBound, decks: bool, limited: bool
) -> Select[Any]:
    inner = _cards(Card.state.in_(states), bound, decks, False)
    if limited:
        inner = inner.limit(bindparam("limit"))  # never counts past the daily limit
    return select(func.count()).select_from(inner.subquery())


@dataclass(frozen=True)
class QueueScope:
    """Whose cards, at what time, in which decks (None: all), leaving out some card ids."""

    learner_id: int
    now: int
    deck_ids: tuple[int, ...] | None = None
    exclude: tuple[int, ...] = ()

    def params(self, **more: Any) -> dict[str, Any]:
        params: dict[str, Any] = {"learner": self.learner_id, "now": self.now, **more}
        if self.deck_ids is not None:
            params["decks"] = list(self.deck_ids)
        if self.exclude:
            params["exclude"] = list(self.exclude)
        return params


def _first(session: Session, scope: QueueScope, states: tuple[int, ...], bound: DueBound,
           until: int = 0) -> int | None:  # fmt: skip
    statement = _first_statement(states, bound, scope.deck_ids is not None, bool(scope.exclude))
    found = run(session, statement, scope.params(until=until)).scalar()
    return None if found is None else int(found)


def _count(session: Session, scope: QueueScope, states: tuple[int, ...], bound: DueBound,
           until: int = 0, limit: int | None = None) -> int:  # fmt: skip
    statement = _count_statement(states, bound, scope.deck_ids is not None, limit is not None)
    params = scope.params(until=until) if limit is None else scope.params(until=until, limit=limit)
    return int(run(session, statement, params).scalar_one())


def next_learning_card(session: Session, scope: QueueScope, due_by: int) -> int | None:
    """The learning or relearning card due first, if one is due by ``due_by``."""
    return _first(session, scope, (LEARNING, RELEARNING), "by", due_by)


def next_review_card(session: Session, scope: QueueScope, day_end: int) -> int | None:
    """The review card due first, if one is due before the study day ends at ``day_end``."""
    return _first(session, scope, (REVIEW,), "before", day_end)


def next_new_card(session: Session, scope: QueueScope) -> int | None:
    """The first new card, in the order the cards were made."""
    return _first(session, scope, (NEW,), "new")


def count_new_cards(session: Session, scope: QueueScope, limit: int) -> int:
    """New cards available, counted up to ``limit`` (today's allowance)."""
    return _count(session, scope, (NEW,), "new", limit=limit)


def count_learning_cards(session: Session, scope: QueueScope, day_end: int) -> int:
    """Learning and relearning cards due before the study day ends."""
    return _count(session, scope, (LEARNING, RELEARNING), "before", day_end)


def count_review_cards(session: Session, scope: QueueScope, day_end: int, limit: int) -> int:
    """Review cards due before the study day ends, counted up to ``limit``."""
    return _count(session, scope, (REVIEW,), "before", day_end, limit)


def counts_per_deck(
    session: Session, learner_id: int, now: int, day_end: int
) -> dict[int, tuple[int, int, int]]:
    """(new, learning, review) cards each deck holds itself for today, before daily limits."""
    statement = (
        select(
            Question.deck_id,
            counted(Card.state == NEW).label("new"),
            counted(and_(Card.state.in_((LEARNING, RELEARNING)), Card.due < day_end)).label(
                "learning"
            ),
            counted(and_(Card.state == REVIEW, Card.due < day_end)).label("review"),
        )
        .select_from(Card)
        .join(Question, Question.id == Card.question_id)
        .where(*_available(False, False))
        .group_by(Question.deck_id)
    )
    rows = run(session, statement, {"learner": learner_id, "now": now})
    return {
        int(row.deck_id): (int(row.new or 0), int(row.learning or 0), int(row.review or 0))
        for row in rows
    }


def answers_since(session: Session, learner_id: int, since_ms: int) -> AnswersToday:
    """How many new cards were introduced, review-state cards answered, and answers given."""
    row = run(session, _ANSWERS_SINCE, {"learner": learner_id, "since": since_ms}).one()
    return AnswersToday(int(row.new or 0), int(row.reviews or 0), int(row.total))


_ANSWERS_SINCE = select(
    counted(ReviewLog.state_before == NEW).label("new"),
    counted(ReviewLog.state_before == REVIEW).label("reviews"),
    func.count().label("total"),
).where(ReviewLog.learner_id == bindparam("learner"), ReviewLog.reviewed_at >= bindparam("since"))


# -- one card --------------------------------------------------------------------------------
def learner_settings(session: Session, learner_id: int) -> dict[str, Any] | None:
    """The learner's stored settings, or None when there is no such learner."""
    row = run(session, _SETTINGS, {"learner": learner_id}).first()
    return None if row is None else dict(row.settings or {})


_SETTINGS = select(Learner.settings).where(Learner.id == bindparam("learner"))

_CARD = select(
    *(getattr(Card, name) for name in MEMORY_COLUMNS),
    Card.learner_id,
    Card.suspended,
    Card.buried_until,
).where(Card.id == bindparam("card"))


@dataclass(frozen=True)
class AnswerContext:
    """What answering a card reads, in one query (one round trip to a server): the card,
    its learner's settings, and the log row of this very answer if the bank has it."""

    card: StoredCard
    settings: dict[str, Any]
    recorded: int | None


_ANSWER_CONTEXT = (
    _CARD.add_columns(
        Learner.settings,
        select(ReviewLog.id)
        .where(ReviewLog.answer_id == bindparam("answer_id"))
        .scalar_subquery()
        .label("recorded"),
    )
    .join(Learner, Learner.id == Card.learner_id)
)


def answer_context(session: Session, card_id: int, answer_id: str) -> AnswerContext | None:
    """The card about to be answered, with what scheduling needs; None when it is gone."""
    row = run(session, _ANSWER_CONTEXT, {"card": card_id, "answer_id": answer_id}).first()
    if row is None:
        return None
    memory = MemoryState(card_id, *(getattr(row, name) for name in MEMORY_COLUMNS))
    card = StoredCard(memory, int(row.learner_id), bool(row.suspended), row.buried_until)
    return AnswerContext(card, dict(row.settings or {}), row.recorded)


def stored_card(session: Session, card_id: int) -> StoredCard | None:
    """The card's memory state and owner, or None when it no longer exists."""
    row = run(session, _CARD, {"card": card_id}).first()
    if row is None:
        return None
    memory = MemoryState(card_id, *(getattr(row, name) for name in MEMORY_COLUMNS))
    return StoredCard(memory, int(row.learner_id), bool(row.suspended), row.buried_until)


_CONTENT = (
    select(
        Question.id.label("question_id"),
        Question.kind,
        Question.prompt,
        Question.answer,
        Question.payload,
        Question.explanation,
        Question.origin,
        Deck.name.label("deck"),
        Question.source_passage_id.label("passage_id"),
        Question.source_start,
        Question.source_end,
        Passage.ordinal.label("passage_ordinal"),
        Article.id.label("article_id"),
        Article.title.label("article_title"),
    )
    .select_from(Card)
    .join(Question, Question.id == Card.question_id)
    .join(Deck, Deck.id == Question.deck_id)
    .outerjoin(Passage, Passage.id == Question.source_passage_id)
    .outerjoin(Article, Article.id == Passage.article_id)
    .where(Card.id == bindparam("card"))
)


def card_content(session: Session, card_id: int) -> CardContent | None:
    """The question behind a card, with its deck and source, or None when it is gone."""
    row = run(session, _CONTENT, {"card": card_id}).first()
    if row is None:
        return None
    values = row._asdict()
    values["payload"] = dict(values["payload"] or {})
    return CardContent(**values)


# -- writing ---------------------------------------------------------------------------------
_SAVE_MEMORY = (
    update(Card)
    .where(Card.id == bindparam("card"))
    .values({name: bindparam(name) for name in MEMORY_COLUMNS} | {"buried_until": None})
)
_LOG_ANSWER = (
    insert(ReviewLog)
    .values(
        card_id=bindparam("card"),
        learner_id=bindparam("learner"),
        rating=bindparam("rating"),
        reviewed_at=bindparam("at"),
        duration_ms=bindparam("duration"),
        state_before=bindparam("state_before"),
        card_before=bindparam("before", type_=ReviewLog.card_before.type),
        answer_id=bindparam("answer_id"),
    )
    .returning(ReviewLog.id)
)


def record_answer(
    session: Session, before: StoredCard, after: MemoryState, rating: int, reviewed_at_ms: int,
    duration_ms: int, answer_id: str | None = None, side_effects: dict[str, Any] | None = None,
) -> int:  # fmt: skip
    """Save the card's new memory (unburying it) and log the answer; return the log row's id.

    ``side_effects`` (siblings buried, a leech tagged) are kept in the log so Undo can take
    them back too.
    """
    card_id = before.memory.card_id
    run(session, _SAVE_MEMORY, {"card": card_id, **{n: getattr(after, n) for n in MEMORY_COLUMNS}})
    snapshot = before.snapshot() | (side_effects or {})
    result = run(session, _LOG_ANSWER, {
        "card": card_id, "learner": before.learner_id, "rating": rating, "at": reviewed_at_ms,
        "duration": duration_ms, "state_before": before.memory.state, "before": snapshot,
        "answer_id": answer_id,
    })  # fmt: skip
    return int(result.scalar_one())


def logged_answer(session: Session, log_id: int) -> tuple[int, dict[str, Any]] | None:
    """(card id, the card as it was before) of one logged answer, or None when it is gone."""
    row = run(
        session, select(ReviewLog.card_id, ReviewLog.card_before).where(ReviewLog.id == log_id)
    ).first()
    return None if row is None else (int(row.card_id), dict(row.card_before or {}))


def answered_after(session: Session, card_id: int, log_id: int) -> bool:
    """True when the card was answered again after the answer ``log_id``."""
    later = select(ReviewLog.id).where(ReviewLog.card_id == card_id, ReviewLog.id > log_id).limit(1)
    return run(session, later).first() is not None


def restore_card(session: Session, card_id: int, snapshot: dict[str, Any], log_id: int) -> None:
    """Put the card back as ``snapshot`` says and delete the answer ``log_id`` (Undo)."""
    columns = (*MEMORY_COLUMNS, "suspended", "buried_until")
    run(session, update(Card).where(Card.id == card_id).values({c: snapshot[c] for c in columns}))
    run(session, delete(ReviewLog).where(ReviewLog.id == log_id))


def bury_card(session: Session, card_id: int, until: int) -> None:
    """Hide the card from the queue until ``until`` (Unix seconds)."""
    run(session, update(Card).where(Card.id == card_id).values(buried_until=until))


def card_question(session: Session, card_id: int) -> int | None:
    """The id of the question a card asks."""
    found = run(session, select(Card.question_id).where(Card.id == card_id)).scalar()
    return None if found is None else int(found)


def suspend_card(session: Session, card_id: int, suspended: bool) -> None:
    """Take the card out of every queue, or bring it back."""
    run(session, update(Card).where(Card.id == card_id).values(suspended=suspended))


def add_missing_cards(session: Session, learner_id: int) -> int:
    """Make the learner a card for every flashcard question that has none; return how many."""
    missing = select(
        literal(learner_id), Question.id, literal(NEW), literal(0), literal(0), literal(0),
        literal(False),
    ).where(
        Question.kind.in_(FLASHCARD_KINDS),
        Question.extra.is_(False),
        published(),
        ~select(Card.id).where(Card.learner_id == learner_id, Card.question_id == Question.id)
        .exists(),
    )  # fmt: skip
    columns = ["learner_id", "question_id", "state", "due", "reps", "lapses", "suspended"]
    # rowcount of an INSERT is kept only when asked for (SQLAlchemy 2; psycopg drops it).
    statement = insert(Card).from_select(columns, missing)
    result = run(session, statement.execution_options(preserve_rowcount=True))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def unplaced_new_cards(session: Session, learner_id: int) -> list[tuple[int, Any, Any]]:
    """(card id, article, kind) of the learner's new cards without a place in the new queue.

    New cards are due 0 until placed; their place is then their due value (as in Anki,
    a new card's "due" is its position). The article is the source's, or the deck for
    questions without a source; the kind is the answer format with what it asks about.
    """
    statement = (
        select(
            Card.id,
            func.coalesce(Passage.article_id, -Question.deck_id).label("article"),
            (Question.kind + ":" + Question.about).label("kind"),
        )
        .join(Question, Question.id == Card.question_id)
        .outerjoin(Passage, Passage.id == Question.source_passage_id)
        .where(Card.learner_id == learner_id, Card.state == NEW, Card.due == 0)
        .order_by(Question.id)
    )
    return [(int(row.id), row.article, row.kind) for row in run(session, statement)]


def place_new_cards(session: Session, learner_id: int, card_ids: list[int]) -> None:
    """Give new cards their places in the new queue, after every card already placed."""
    last = run(
        session,
        select(func.coalesce(func.max(Card.due), 0)).where(
            Card.learner_id == learner_id, Card.state == NEW
        ),
    ).scalar_one()
    if card_ids:
        statement = update(Card).where(Card.id == bindparam("card")).values(due=bindparam("place"))
        rows = [{"card": card_id, "place": last + 1 + n} for n, card_id in enumerate(card_ids)]
        session.connection().execute(statement, rows)


def sibling_cards(session: Session, card_id: int) -> list[int]:
    """The learner's new and review cards on the same fact or source sentence as ``card_id``.

    Siblings are buried until the next day once one of them is answered, as Anki does;
    cards in learning are left alone (they are due again within the day).
    """
    own = run(session, _own_statement(), {"card": card_id}).first()
    if own is None or not (own.fact_key or own.source_passage_id is not None):
        return []
    params = {
        "question": own.id, "learner": own.learner_id, "fact": own.fact_key,
        "passage": own.source_passage_id, "start": own.source_start, "end": own.source_end,
    }  # fmt: skip
    statement = _siblings_statement(bool(own.fact_key), own.source_passage_id is not None)
    return [int(found) for found in run(session, statement, params).scalars()]


@cache
def _own_statement() -> Select[Any]:
    return select(
        Card.learner_id, Question.id, Question.fact_key, Question.source_passage_id,
        Question.source_start, Question.source_end,
    ).join(Question, Question.id == Card.question_id).where(Card.id == bindparam("card"))  # fmt: skip


@cache
def _siblings_statement(by_fact: bool, by_sentence: bool) -> Select[Any]:
    """Built once per shape: answering is on the UI thread, and building the expression
    cost more than SQLite's work."""
    same: list[ColumnElement[bool]] = []
    if by_fact:
        same.append(and_(Question.fact_key != "", Question.fact_key == bindparam("fact")))
    if by_sentence:
        same.append(
            and_(
                Question.source_passage_id == bindparam("passage"),
                Question.source_start == bindparam("start"),
                Question.source_end == bindparam("end"),
            )
        )
    return (
        select(Card.id)
        .join(Question, Question.id == Card.question_id)
        .where(
            or_(*same),
            Question.id != bindparam("question"),
            Card.learner_id == bindparam("learner"),
            Card.state.in_((NEW, REVIEW)),
            Card.suspended.is_(False),
        )
    )


def bury_cards(session: Session, card_ids: list[int], until: int) -> None:
    """Hide cards from the queue until ``until`` (Unix seconds)."""
    if card_ids:
        run(session, _bury_statement(), {"cards": card_ids, "until": until})


@cache
def _bury_statement() -> Any:
    return (
        update(Card)
        .where(Card.id.in_(bindparam("cards", expanding=True)))
        .values(buried_until=bindparam("until"))
    )


def unbury_cards(session: Session, card_ids: list[int], until: int) -> None:
    """Bring back cards buried until ``until`` (an undone answer had buried them)."""
    if card_ids:
        statement = update(Card).where(Card.id.in_(card_ids), Card.buried_until == until)
        run(session, statement.values(buried_until=None))


def answers_summary(session: Session, learner_id: int, since_ms: int) -> SessionSummary:
    """Answers given since ``since_ms``: how many, per rating, and the time spent."""
    row = run(session,
        select(
            func.count().label("reviewed"),
            *(counted(ReviewLog.rating == rating).label(name)
              for rating, name in ((1, "again"), (2, "hard"), (3, "good"), (4, "easy"))),
            func.coalesce(func.sum(ReviewLog.duration_ms), 0).label("milliseconds"),
        ).where(ReviewLog.learner_id == learner_id, ReviewLog.reviewed_at >= since_ms)
    ).one()  # fmt: skip
    return SessionSummary(
        reviewed=int(row.reviewed), again=int(row.again or 0), hard=int(row.hard or 0),
        good=int(row.good or 0), easy=int(row.easy or 0), seconds=int(row.milliseconds) // 1000,
    )  # fmt: skip


def answer_copies(session: Session, learner_id: int) -> dict[str, int]:
    """How many log rows each of the learner's answer ids has (an answer stored twice: 2)."""
    statement = (
        select(ReviewLog.answer_id, func.count())
        .where(ReviewLog.learner_id == learner_id, ReviewLog.answer_id.is_not(None))
        .group_by(ReviewLog.answer_id)
    )
    return {str(answer_id): int(count) for answer_id, count in run(session, statement)}

"""The Question bank: browse, search and filter questions in pages; edit, suspend and delete them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, delete, func, or_, select, update

from studyapp.bank.database import Bank
from studyapp.bank.models import Article, Deck, Passage, Question, now
from studyapp.services.generation import EDITED_TAG, PROMOTED_TAG

SOURCES = ("generated", "imported")


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


@dataclass(frozen=True)
class QuestionDetail:
    """Everything about one question, for the detail pane and the edit dialog."""

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
    payload: dict[str, Any] = field(default_factory=dict)
    source_text: str = ""  # the span of the source passage the question comes from
    article_title: str = ""


@dataclass(frozen=True)
class DeckChoice:
    """A deck for the filter menu, with how many questions it (and its sub-decks) holds."""

    id: int
    name: str
    count: int


def _escape_like(text: str) -> str:
    return re.sub(r"([\\%_])", r"\\\1", text)


def _filtered(
    statement: Select[Any], bank_filter: QuestionFilter, deck_names: dict[int, str]
) -> Select[Any]:
    if bank_filter.text.strip():
        for word in bank_filter.text.split():
            pattern = f"%{_escape_like(word)}%"
            statement = statement.where(
                or_(
                    Question.prompt.ilike(pattern, escape="\\"),
                    Question.answer.ilike(pattern, escape="\\"),
                    Question.explanation.ilike(pattern, escape="\\"),
                )
            )
    if bank_filter.deck_id is not None:
        name = deck_names.get(bank_filter.deck_id, "")
        ids = [i for i, n in deck_names.items() if n == name or n.startswith(f"{name}::")]
        statement = statement.where(Question.deck_id.in_(ids or [-1]))
    if bank_filter.kind:
        statement = statement.where(Question.kind == bank_filter.kind)
    if bank_filter.origin:
        statement = statement.where(Question.origin == bank_filter.origin)
    if bank_filter.suspended is not None:
        statement = statement.where(Question.suspended.is_(bank_filter.suspended))
    if bank_filter.extra is not None:
        statement = statement.where(Question.extra.is_(bank_filter.extra))
    if bank_filter.article_id is not None:
        passages = select(Passage.id).where(Passage.article_id == bank_filter.article_id)
        statement = statement.where(Question.source_passage_id.in_(passages))
    return statement


def _deck_names(bank: Bank) -> dict[int, str]:
    with bank.sessions() as session:
        return dict(session.execute(select(Deck.id, Deck.name)).all())  # type: ignore[arg-type]


def count_questions(bank: Bank, bank_filter: QuestionFilter = QuestionFilter()) -> int:
    """How many questions match ``bank_filter``."""
    names = _deck_names(bank)
    with bank.sessions() as session:
        statement = _filtered(select(func.count(Question.id)), bank_filter, names)
        return int(session.scalar(statement) or 0)


def list_questions(
    bank: Bank, bank_filter: QuestionFilter = QuestionFilter(), offset: int = 0, limit: int = 500
) -> list[QuestionRow]:
    """One page of matching questions, in a stable order (as they were added)."""
    names = _deck_names(bank)
    columns = select(
        Question.id,
        Question.kind,
        Question.prompt,
        Question.answer,
        Question.deck_id,
        Question.origin,
        Question.suspended,
        Question.difficulty,
        Question.source_passage_id,
        Question.tags,
        Question.extra,
        Question.about,
    )
    statement = _filtered(columns, bank_filter, names).order_by(Question.id)
    with bank.sessions() as session:
        rows = session.execute(statement.offset(offset).limit(limit)).all()
    return [
        QuestionRow(
            id=row.id,
            kind=row.kind,
            prompt=row.prompt,
            answer=row.answer,
            deck=names.get(row.deck_id, ""),
            origin=row.origin,
            suspended=row.suspended,
            difficulty=row.difficulty,
            has_source=row.source_passage_id is not None,
            tags=row.tags,
            extra=row.extra,
            about=row.about,
        )
        for row in rows
    ]


def list_decks(bank: Bank) -> list[DeckChoice]:
    """Every deck with its question count (sub-decks included), by name."""
    with bank.sessions() as session:
        own = dict(
            session.execute(select(Question.deck_id, func.count()).group_by(Question.deck_id)).all()
        )  # type: ignore[arg-type]
        decks = session.execute(select(Deck.id, Deck.name).order_by(Deck.name)).all()
    return [
        DeckChoice(
            id=deck.id,
            name=deck.name,
            count=sum(
                own.get(other.id, 0)
                for other in decks
                if other.name == deck.name or other.name.startswith(f"{deck.name}::")
            ),
        )
        for deck in decks
    ]


def list_source_articles(bank: Bank) -> list[tuple[int, str]]:
    """(id, title) of every article some question comes from."""
    with bank.sessions() as session:
        used = select(Passage.article_id).join(Question, Question.source_passage_id == Passage.id)
        return [
            tuple(row)
            for row in session.execute(  # type: ignore[misc]
                select(Article.id, Article.title)
                .where(Article.id.in_(used))
                .order_by(Article.title)
            ).all()
        ]


def get_question(bank: Bank, question_id: int) -> QuestionDetail | None:
    """One question with its explanation, payload and source text, or None if it is gone."""
    with bank.sessions() as session:
        question = session.get(Question, question_id)
        if question is None:
            return None
        deck = session.get(Deck, question.deck_id)
        source_text, title = "", ""
        if question.source_passage_id is not None:
            passage = session.get(Passage, question.source_passage_id)
            if passage is not None:
                start, end = question.source_start or 0, question.source_end or len(passage.text)
                source_text = passage.text[start:end]
                title = passage.article.title
        return QuestionDetail(
            id=question.id,
            kind=question.kind,
            prompt=question.prompt,
            answer=question.answer,
            explanation=question.explanation,
            deck=deck.name if deck else "",
            origin=question.origin,
            suspended=question.suspended,
            difficulty=question.difficulty,
            tags=question.tags,
            payload=dict(question.payload or {}),
            source_text=source_text,
            article_title=title,
        )


def update_question(
    bank: Bank, question_id: int, prompt: str, answer: str, explanation: str
) -> None:
    """Save the learner's wording; regeneration will not overwrite an edited question.

    Raises:
        ValueError: The prompt is empty.
        KeyError: The question no longer exists.
    """
    if not prompt.strip():
        raise ValueError("A question needs a prompt.")
    with bank.transaction() as session:
        question = session.get(Question, question_id)
        if question is None:
            raise KeyError(question_id)
        old_answer = question.answer
        question.prompt, question.answer, question.explanation = (
            prompt.strip(),
            answer.strip(),
            explanation.strip(),
        )
        payload = dict(question.payload or {})
        if question.kind == "choice" and old_answer != question.answer and payload.get("choices"):
            # The right choice is the answer: keep the options in step with the new wording.
            choices = list(payload["choices"])
            for index in payload.get("correct", []):
                if 0 <= index < len(choices) and choices[index] == old_answer:
                    choices[index] = question.answer
            payload["choices"] = choices
            question.payload = payload
        tags = question.tags.split()
        if question.origin == "generated" and EDITED_TAG not in tags:
            question.tags = " ".join([*tags, EDITED_TAG])
        question.updated_at = now()


def set_suspended(bank: Bank, question_ids: list[int], suspended: bool) -> int:
    """Suspend (or unsuspend) questions: suspended ones are never reviewed nor quizzed."""
    with bank.transaction() as session:
        result = session.execute(
            update(Question)
            .where(Question.id.in_(question_ids))
            .values(suspended=suspended, updated_at=now())
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]


def set_in_study_set(bank: Bank, question_ids: list[int], studied: bool) -> int:
    """Promote "more" questions into the study set (or move them back out).

    A promoted question is tagged, so regenerating the article keeps it in the set.
    """
    with bank.transaction() as session:
        questions = session.scalars(select(Question).where(Question.id.in_(question_ids))).all()
        for question in questions:
            tags = [t for t in question.tags.split() if t != PROMOTED_TAG]
            if studied and question.extra:
                tags.append(PROMOTED_TAG)
            question.tags = " ".join(tags)
            question.extra = not studied
            question.updated_at = now()
        return len(questions)


def delete_questions(bank: Bank, question_ids: list[int]) -> int:
    """Delete questions with their cards and review history, in one transaction."""
    with bank.transaction() as session:
        result = session.execute(delete(Question).where(Question.id.in_(question_ids)))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]


def question_location(bank: Bank, question_id: int) -> tuple[int, int, int, int] | None:
    """(article id, passage ordinal, start, end) of a question's source, for "show in article"."""
    with bank.sessions() as session:
        row = session.execute(
            select(Passage.article_id, Passage.ordinal, Question.source_start, Question.source_end)
            .join(Passage, Passage.id == Question.source_passage_id)
            .where(Question.id == question_id)
        ).first()
    if row is None:
        return None
    return (
        row.article_id,
        row.ordinal,
        row.source_start if row.source_start is not None else -1,
        (row.source_end if row.source_end is not None else -1),
    )


__all__ = [
    "SOURCES",
    "DeckChoice",
    "QuestionDetail",
    "QuestionFilter",
    "QuestionRow",
    "count_questions",
    "delete_questions",
    "get_question",
    "list_decks",
    "list_questions",
    "list_source_articles",
    "question_location",
    "set_in_study_set",
    "set_suspended",
    "update_question",
]

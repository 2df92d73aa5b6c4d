"""Export queries: the questions to write out, with their deck and source, and their media."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from studyapp.bank.models import Deck, Media, Passage, Question
from studyapp.bank.queries.common import run, visibility

MAX_LISTED = 10_000  # values in one IN (…): well below every database's limit on parameters


@dataclass(frozen=True)
class ExportedQuestion:
    """A question as an exporter needs it; ``source_text`` is the span of its passage."""

    kind: str
    prompt: str
    answer: str
    payload: dict[str, Any]
    explanation: str
    difficulty: float
    tags: str
    deck: str
    external_id: str
    passage_ordinal: int | None
    source_start: int | None
    source_end: int | None
    source_text: str | None


def questions_to_export(
    session: Session, deck_ids: Sequence[int] | None, question_ids: Sequence[int] | None
) -> list[ExportedQuestion]:
    """Every question (or those of some decks, or some questions), in the order added."""
    statement = (
        select(
            Question.id, Question.kind, Question.prompt, Question.answer, Question.payload,
            Question.explanation, Question.difficulty, Question.tags, Deck.name.label("deck"),
            Question.external_id, Passage.ordinal, Passage.text, Question.source_start,
            Question.source_end,
        )  # fmt: skip
        .join(Deck, Deck.id == Question.deck_id)
        .outerjoin(Passage, Passage.id == Question.source_passage_id)
        .where(*visibility(session))
        .order_by(Question.id)
    )
    if deck_ids is not None:
        statement = statement.where(Question.deck_id.in_(list(deck_ids)))
    wanted = None if question_ids is None else set(question_ids)
    if wanted is not None and len(wanted) <= MAX_LISTED:
        statement = statement.where(Question.id.in_(wanted))
    exported = []
    for row in run(session, statement):
        if wanted is not None and row.id not in wanted:
            continue
        span = None
        if row.text is not None and row.source_start is not None and row.source_end is not None:
            span = row.text[row.source_start : row.source_end]
        exported.append(
            ExportedQuestion(
                kind=row.kind, prompt=row.prompt, answer=row.answer,
                payload=dict(row.payload or {}), explanation=row.explanation,
                difficulty=row.difficulty, tags=row.tags, deck=row.deck,
                external_id=row.external_id, passage_ordinal=row.ordinal,
                source_start=row.source_start, source_end=row.source_end, source_text=span,
            )  # fmt: skip
        )
    return exported


def media_named(session: Session, names: Iterable[str]) -> list[tuple[str, bytes, str]]:
    """(name, bytes, mime) of the named media files the bank holds."""
    names = list(names)
    found = []
    for start in range(0, len(names), MAX_LISTED):
        chunk = names[start : start + MAX_LISTED]
        statement = select(Media.name, Media.data, Media.mime).where(Media.name.in_(chunk))
        found += [(row.name, row.data, row.mime) for row in run(session, statement)]
    return found

"""Generating study sets: extract, generate and store an article's questions in one transaction."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from studyapp.bank.database import Bank
from studyapp.bank.models import Article, Card, Deck, Passage, Question, now
from studyapp.core.articles import ArticleText
from studyapp.core.errors import InputError
from studyapp.core.progress import Progress, no_progress
from studyapp.core.questions import QuestionRecord
from studyapp.questions import GenerationOptions, generate
from studyapp.questions.filters import fold
from studyapp.services.extraction import article_text, store_extraction

__all__ = [
    "GenerationOptions",
    "GenerationResult",
    "content_hash",
    "ensure_generated_sets",
    "generate_file_json",
    "generate_for_article",
    "generate_questions",
]

EDITED_TAG = "edited"  # the learner changed the wording: regeneration leaves it alone
PROMOTED_TAG = "promoted"  # the learner moved it from "more" into the study set: it stays there
OUTDATED_TAG = "outdated"  # no longer generated, kept (suspended) for the learner's progress


@dataclass(frozen=True)
class GenerationResult:
    """What one generation did to an article's study set."""

    article_id: int
    deck_id: int
    added: int
    updated: int
    removed: int
    outdated: int  # no longer generated but kept, suspended, because someone studied them
    total: int  # generated questions now in the set


def content_hash(record: QuestionRecord) -> str:
    """A question's stable identity: its kind, prompt and answer, ignoring case and spacing.

    Choices, explanation and difficulty can change between generations without
    making it a different question, so the learner's cards stay attached.
    """
    key = "\x1f".join((record.kind, fold(record.prompt), fold(record.answer)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _scaled(progress: Progress, low: int, high: int) -> Progress:
    def report(done: int, total: int, message: str) -> None:
        share = done / total if total else 1.0
        progress(low + round(share * (high - low)), 100, message)

    return report


def generate_questions(
    article: ArticleText, options: GenerationOptions | None = None, progress: Progress = no_progress
) -> list[QuestionRecord]:
    """Extract from ``article`` and generate its questions (nothing is stored)."""
    from studyapp.content.extraction import extract

    extraction = extract(article, _scaled(progress, 0, 70))
    return generate(article, extraction, options, _scaled(progress, 70, 90))


def _decks(
    session: Session, article_id: int, title: str, records: list[QuestionRecord]
) -> dict[str, int]:
    """Deck ids by the generator's deck names; creates the article's deck and topic sub-decks."""
    existing = {
        deck.name: deck
        for deck in session.scalars(select(Deck).where(Deck.article_id == article_id))
    }
    root = next((name for name in existing if "::" not in name), None)
    if root is None:
        root = title.replace("::", ":").strip() or "Untitled article"
        if session.scalar(select(Deck.id).where(Deck.name == root)) is not None:
            root = f"{root} ({article_id})"
    ids: dict[str, int] = {}
    own_root = title.replace("::", ":").strip() or "Untitled article"
    for name in dict.fromkeys([own_root, *(record.deck for record in records)]):
        stored = root + name[len(own_root) :] if name.startswith(own_root) else f"{root}::{name}"
        deck = existing.get(stored)
        if deck is None:
            deck = Deck(
                name=stored, article_id=article_id, description="Generated from the article"
            )
            session.add(deck)
            session.flush()
            existing[stored] = deck
        ids[name] = deck.id
    return ids


def _store(
    session: Session, article_id: int, records: list[QuestionRecord], options: GenerationOptions
) -> GenerationResult:
    title = session.scalar(select(Article.title).where(Article.id == article_id)) or ""
    decks = _decks(session, article_id, title, records)
    root_id = decks[next(iter(decks))]
    passage_ids = dict(
        session.execute(
            select(Passage.ordinal, Passage.id).where(Passage.article_id == article_id)
        ).all()
    )
    deck_ids = list(session.scalars(select(Deck.id).where(Deck.article_id == article_id)))
    existing = {
        question.content_hash: question
        for question in session.scalars(
            select(Question).where(Question.deck_id.in_(deck_ids), Question.origin == "generated")
        )
    }
    reviewed = set(
        session.scalars(
            select(Card.question_id).where(
                Card.question_id.in_([q.id for q in existing.values()]), Card.reps > 0
            )
        )
    )
    stamp = now()
    added_rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    updated = 0
    for record in records:
        digest = content_hash(record)
        if digest in seen:
            continue
        seen.add(digest)
        source = record.source
        values: dict[str, Any] = {
            "deck_id": decks[record.deck],
            "kind": record.kind,
            "payload": record.payload,
            "explanation": record.explanation,
            "difficulty": record.difficulty,
            "source_passage_id": passage_ids.get(source.passage) if source else None,
            "source_start": source.start if source else None,
            "source_end": source.end if source else None,
            "about": record.about,
            "fact_key": record.fact_key,
            "updated_at": stamp,
        }
        question = existing.get(digest)
        if question is None:
            values["extra"] = record.extra
            added_rows.append(
                values
                | {
                    "prompt": record.prompt,
                    "answer": record.answer,
                    "origin": "generated",
                    "content_hash": digest,
                    "tags": " ".join(record.tags),
                    "created_at": stamp,
                }
            )
            continue
        tags = question.tags.split()
        if OUTDATED_TAG in tags:
            tags.remove(OUTDATED_TAG)
            question.suspended = False
        # Ranked into or out of the default set; never out of it once promoted or studied.
        if not record.extra or (PROMOTED_TAG not in tags and question.id not in reviewed):
            question.extra = record.extra
        if EDITED_TAG not in tags:
            question.prompt, question.answer = record.prompt, record.answer
        for key, value in values.items():
            setattr(question, key, value)
        question.tags = " ".join(tags)
        updated += 1
    if added_rows:
        session.execute(insert(Question), added_rows)
    removed = outdated = 0
    full = options.limit is None and options.difficulty == "any"
    if full:
        wanted = set(options.kinds)
        gone = [q for digest, q in existing.items() if digest not in seen and q.kind in wanted]
        studied = set(
            session.scalars(
                select(Card.question_id).where(
                    Card.question_id.in_([q.id for q in gone]), Card.reps > 0
                )
            )
        )
        for question in gone:
            tags = question.tags.split()
            if question.id in studied or EDITED_TAG in tags:
                if OUTDATED_TAG not in tags:
                    question.tags = " ".join([*tags, OUTDATED_TAG])
                question.suspended = True
                outdated += 1
            else:
                session.execute(delete(Question).where(Question.id == question.id))
                removed += 1
    total = (
        session.scalar(
            select(func.count(Question.id)).where(
                Question.deck_id.in_(deck_ids), Question.origin == "generated"
            )
        )
        or 0
    )
    return GenerationResult(article_id, root_id, len(added_rows), updated, removed, outdated, total)


def generate_for_article(
    bank: Bank,
    article_id: int,
    options: GenerationOptions | None = None,
    progress: Progress = no_progress,
) -> GenerationResult:
    """Generate (or regenerate) an article's study set and store it in one transaction.

    Questions are identified by content_hash: a question generated again keeps its
    row, so the learner's cards and reviews stay; questions no longer generated are
    deleted, unless someone studied or edited them (then they are kept, suspended
    and tagged "outdated"). A partial run (a limit, a difficulty band or fewer kinds)
    only adds and updates. Cancel (progress raising Cancelled) leaves the bank as it was.

    Raises:
        KeyError: No article has ``article_id``.
    """
    from studyapp.content.extraction import extract

    options = options or GenerationOptions()
    article = article_text(bank, article_id)
    # One extraction serves both: the Key figures and Timeline pages, and the questions.
    extraction = extract(article, _scaled(progress, 0, 60))
    store_extraction(bank, article_id, extraction)
    records = generate(article, extraction, options, _scaled(progress, 60, 90))
    progress(90, 100, "Saving the questions")
    with bank.transaction() as session:
        result = _store(session, article_id, records, options)
        progress(99, 100, "Saving the questions")  # last chance to cancel: rolls back
    progress(100, 100, "Done")
    return result


def ensure_generated_sets(bank: Bank, progress: Progress = no_progress) -> list[GenerationResult]:
    """Generate the study sets of bundled articles that have none yet (first start)."""
    with bank.sessions() as session:
        with_questions = select(Deck.article_id).join(Question, Question.deck_id == Deck.id)
        pending = list(
            session.scalars(
                select(Article.id)
                .where(
                    Article.bundled.is_(True),
                    Article.id.not_in(with_questions.where(Deck.article_id.is_not(None))),
                )
                .order_by(Article.id)
            )
        )
    results = []
    for index, article_id in enumerate(pending):
        step = _scaled(
            progress, round(100 * index / len(pending)), round(100 * (index + 1) / len(pending))
        )
        results.append(generate_for_article(bank, article_id, progress=step))
    return results


def question_json(record: QuestionRecord) -> dict[str, Any]:
    """One question in the ``generate --json`` shape of DESIGN.md."""
    payload = record.payload
    choices: list[Any] = []
    if record.kind in ("choice", "multi"):
        choices = list(payload.get("choices", []))
    elif record.kind == "true_false":
        choices = ["True", "False"]
    elif record.kind == "order":
        choices = list(payload.get("items", []))
    source = record.source
    return {
        "kind": record.kind,
        "about": record.about,
        "prompt": record.prompt,
        "answer": record.answer,
        "choices": choices,
        "source": {
            "passage": source.passage if source else None,
            "start": source.start if source else None,
            "end": source.end if source else None,
            "text": source.text if source else "",
        },
        "explanation": record.explanation,
    }


def generate_file_json(path: str | Path, progress: Progress = no_progress) -> dict[str, Any]:
    """The ``studyapp generate FILE --json`` document: the questions the app keeps by default
    (not the "more" ones), nothing stored.

    Raises:
        InputError: The file is missing, not text, empty or not English.
    """
    from studyapp.content.loaders import load_article

    article = load_article(path)
    if not any(passage.strip() for passage in article.passages):
        raise InputError(str(path), "the article has no text to generate questions from")
    records = generate_questions(article, progress=progress)
    return {"questions": [question_json(r) for r in records if not r.extra]}

"""Generating study sets: extract, generate and store an article's questions in one transaction."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from studyapp.bank.database import Bank
from studyapp.bank.queries.library import bundled_without_questions
from studyapp.bank.queries.study_sets import EDITED_TAG, OUTDATED_TAG, PROMOTED_TAG, store_study_set
from studyapp.core.articles import ArticleText
from studyapp.core.errors import InputError
from studyapp.core.progress import Progress, no_progress
from studyapp.core.questions import QuestionRecord
from studyapp.questions import GenerationOptions, generate
from studyapp.questions.filters import fold
from studyapp.services.extraction import article_text, store_extraction

__all__ = [
    "EDITED_TAG",  # the tags regeneration respects, kept with the study-set queries
    "OUTDATED_TAG",
    "PROMOTED_TAG",
    "GenerationOptions",
    "GenerationResult",
    "content_hash",
    "ensure_generated_sets",
    "generate_file_json",
    "generate_for_article",
    "generate_questions",
]


@dataclass(frozen=True)
class GenerationResult:
    """What one generation did to an article's study set."""

    article_id: int
    deck_id: int
    added: int
    updated: int
    removed: int
    outdated: int  # no longer generated but kept because someone studied or edited them
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


def generate_for_article(
    bank: Bank,
    article_id: int,
    options: GenerationOptions | None = None,
    progress: Progress = no_progress,
) -> GenerationResult:
    """Generate (or regenerate) an article's study set and store it in one transaction.

    Questions are identified by content_hash: a question generated again keeps its
    row, so the learner's cards and reviews stay; questions no longer generated are
    deleted, unless someone reviewed, quizzed or edited them (then they are kept, still
    studied, and tagged "outdated": regeneration never drops a learner's question). A partial run (a limit, a difficulty band or fewer kinds)
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
    full = options.limit is None and options.difficulty == "any"
    generated = [(content_hash(record), record) for record in records]
    with bank.transaction() as session:
        stored = store_study_set(session, article_id, generated, full, tuple(options.kinds))
        progress(99, 100, "Saving the questions")  # last chance to cancel: rolls back
    progress(100, 100, "Done")
    return GenerationResult(
        article_id, stored.deck_id, stored.added, stored.updated, stored.removed,
        stored.outdated, stored.total,
    )  # fmt: skip


def ensure_generated_sets(bank: Bank, progress: Progress = no_progress) -> list[GenerationResult]:
    """Generate the study sets of bundled articles that have none yet (first start)."""
    with bank.reading() as session:
        pending = bundled_without_questions(session)
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

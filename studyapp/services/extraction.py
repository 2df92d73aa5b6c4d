"""Extraction use cases: find people, numbers and dated events in a file or a stored article,
and store what was found."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select, update

from studyapp.bank.database import Bank, query_dict
from studyapp.bank.models import (
    TITLE_SEPARATOR,
    Alias,
    Article,
    Entity,
    Event,
    Figure,
    Mention,
    Passage,
)
from studyapp.content.extraction import extract, extraction_to_json
from studyapp.content.loaders import load_article
from studyapp.content.structure import passage_kinds
from studyapp.core.articles import ArticleText
from studyapp.core.extraction import Extraction
from studyapp.core.progress import Progress, no_progress


def extract_file(path: str | Path, progress: Progress = no_progress) -> Extraction:
    """Load an article file and extract from it.

    Raises:
        InputError: The file is missing, not text, empty or not English.
    """
    return extract(load_article(path), progress)


def extract_file_json(path: str | Path, progress: Progress = no_progress) -> dict[str, Any]:
    """The ``studyapp extract FILE --json`` document for an article file.

    Returns:
        ``{"persons": [...], "events": [...], "figures": [...]}`` as in DESIGN.md.

    Raises:
        InputError: The file is missing, not text, empty or not English.
    """
    return extraction_to_json(extract_file(path, progress))


def article_text(bank: Bank, article_id: int) -> ArticleText:
    """The stored article as the extraction pipeline takes it."""
    with bank.sessions() as session:
        article = session.get(Article, article_id)
        if article is None:
            raise KeyError(article_id)
        passages = session.scalars(
            select(Passage.text).where(Passage.article_id == article_id).order_by(Passage.ordinal)
        ).all()
        return ArticleText(
            title=article.title,
            passages=tuple(passages),
            source=article.source,
            published=article.published,
            key=article.key,
            kinds=passage_kinds(passages),
        )


def articles_to_analyse(bank: Bank) -> list[int]:
    """Articles whose people, figures and events have not been extracted yet."""
    with bank.sessions() as session:
        return list(
            session.scalars(
                select(Article.id).where(Article.extracted_at.is_(None)).order_by(Article.id)
            )
        )


def analyse_articles(bank: Bank, article_ids: list[int], progress: Progress = no_progress) -> int:
    """Extract and store people, figures and events for each article; return how many were done.

    Each article is stored in its own transaction, so Cancel keeps the ones finished.
    """
    for index, article_id in enumerate(article_ids):
        article = article_text(bank, article_id)
        progress(index, len(article_ids), f"Finding people and dates in “{article.title}”")
        store_extraction(bank, article_id, extract(article))
    progress(len(article_ids), len(article_ids), "Done")
    return len(article_ids)


def store_extraction(bank: Bank, article_id: int, extraction: Extraction) -> None:
    """Replace the article's stored extraction results with ``extraction``, in one transaction."""
    with bank.transaction() as session:
        passage_ids = query_dict(
            session, select(Passage.ordinal, Passage.id).where(Passage.article_id == article_id)
        )
        passage_texts = query_dict(
            session, select(Passage.ordinal, Passage.text).where(Passage.article_id == article_id)
        )
        for table in (Entity, Event, Figure):
            session.execute(delete(table).where(table.article_id == article_id))
        # Banks made before passages had kinds learn them here, for the Reader.
        ordinals = sorted(passage_texts)
        for ordinal, kind in zip(
            ordinals, passage_kinds([passage_texts[o] for o in ordinals]), strict=True
        ):
            session.execute(
                update(Passage).where(Passage.id == passage_ids[ordinal]).values(kind=kind)
            )
        for kind, items in (
            ("person", extraction.persons),
            ("organisation", extraction.organisations),
            ("place", extraction.places),
        ):
            for item in items:
                description = getattr(item, "role", "") or getattr(item, "acronym", "")
                entity = Entity(
                    article_id=article_id,
                    kind=kind,
                    name=item.name,
                    description=description,
                    titles=TITLE_SEPARATOR.join(getattr(item, "titles", ())),
                )
                session.add(entity)
                session.flush()
                if item.aliases:
                    session.execute(
                        Alias.__table__.insert(),
                        [{"entity_id": entity.id, "text": alias} for alias in item.aliases],
                    )
                if item.mentions:
                    session.execute(
                        Mention.__table__.insert(),
                        [
                            {
                                "entity_id": entity.id,
                                "passage_id": passage_ids[mention.passage],
                                "start": mention.start,
                                "end": mention.end,
                            }
                            for mention in item.mentions
                        ],
                    )
        events = []
        for event in extraction.events:
            text = passage_texts[event.passage]
            sentence_start = _sentence_start(text, event.sentence, event.start)
            events.append(
                {
                    "article_id": article_id,
                    "passage_id": passage_ids[event.passage],
                    "start": event.start,
                    "end": event.end,
                    "sentence_start": sentence_start,
                    "sentence_end": sentence_start + len(event.sentence),
                    "date": event.date,
                    "precision": event.precision,
                    "end_date": event.end_date or None,
                    "summary": event.summary,
                    "sentence": event.sentence,
                    "inferred": event.inferred,
                }
            )
        if events:
            session.execute(Event.__table__.insert(), events)
        figures = [
            {
                "article_id": article_id,
                "passage_id": passage_ids[figure.passage],
                "start": figure.start,
                "end": figure.end,
                "value": figure.value,
                "unit": figure.unit,
                "sentence": figure.sentence,
            }
            for figure in extraction.figures
        ]
        if figures:
            session.execute(Figure.__table__.insert(), figures)
        session.get_one(Article, article_id).extracted_at = int(time.time())


def _sentence_start(text: str, sentence: str, inside: int) -> int:
    """Where ``sentence`` starts in ``text``: the occurrence that holds offset ``inside``."""
    start = text.find(sentence)
    while start != -1 and not start <= inside <= start + len(sentence):
        start = text.find(sentence, start + 1)
    return max(start, 0) if start != -1 else max(text.rfind(".", 0, inside) + 1, 0)

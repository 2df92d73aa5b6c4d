"""Knowledge queries: people, organisations, key numbers and dated events found in articles.

Readers return named rows (``row.name``, ``row.article_id`` …); ``replace_extraction``
stores one article's results in place of the old ones.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Row, delete, func, insert, select, update
from sqlalchemy.orm import Session

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
from studyapp.bank.queries.common import run
from studyapp.core.extraction import Extraction

Rows = Sequence[Row[Any]]
_WHERE = (Passage.article_id, Article.title, Passage.ordinal, Passage.text)


def entities(session: Session, kind: str, article_id: int | None = None) -> Rows:
    """Entities of one kind: id, name, description, titles and their article's title."""
    statement = (
        select(Entity.id, Entity.name, Entity.description, Entity.titles, Article.title)
        .join(Article, Article.id == Entity.article_id)
        .where(Entity.kind == kind)
    )
    if article_id is not None:
        statement = statement.where(Entity.article_id == article_id)
    return run(session, statement).all()


def aliases(session: Session, entity_ids: Iterable[int]) -> dict[int, list[str]]:
    """Each entity's aliases, in the order they were stored."""
    found: dict[int, list[str]] = defaultdict(list)
    statement = select(Alias.entity_id, Alias.text).where(Alias.entity_id.in_(list(entity_ids)))
    for entity_id, text in run(session, statement.order_by(Alias.id)):
        found[entity_id].append(text)
    return found


def mention_counts(session: Session, entity_ids: Iterable[int]) -> dict[int, int]:
    """How often each entity is mentioned."""
    statement = (
        select(Mention.entity_id, func.count())
        .where(Mention.entity_id.in_(list(entity_ids)))
        .group_by(Mention.entity_id)
    )
    return {int(entity_id): int(count) for entity_id, count in run(session, statement)}


def person_mentions(session: Session, key: str) -> Rows:
    """Every passage span naming the person whose lower-case name is ``key``."""
    statement = (
        select(*_WHERE, Mention.start, Mention.end)
        .select_from(Mention)
        .join(Entity, Entity.id == Mention.entity_id)
        .join(Passage, Passage.id == Mention.passage_id)
        .join(Article, Article.id == Passage.article_id)
        .where(Entity.kind == "person", func.lower(Entity.name) == key)
        .order_by(Article.id, Passage.ordinal, Mention.start)
    )
    return run(session, statement).all()


def figures(session: Session, article_id: int | None = None) -> Rows:
    """Key numbers with their passage, in article and passage order."""
    statement = (
        select(
            Figure.id, Figure.value, Figure.unit, Figure.sentence, Figure.start, Figure.end, *_WHERE
        )  # fmt: skip
        .join(Passage, Passage.id == Figure.passage_id)
        .join(Article, Article.id == Passage.article_id)
        .order_by(Article.id, Passage.ordinal, Figure.start)
    )
    if article_id is not None:
        statement = statement.where(Figure.article_id == article_id)
    return run(session, statement).all()


def events(session: Session, article_ids: Sequence[int] | None = None) -> Rows:
    """Dated events with their passage, in date order."""
    statement = (
        select(
            Event.id,
            Event.date,
            Event.precision,
            Event.end_date,
            Event.summary,
            Event.sentence,
            Event.inferred,
            Event.start,
            Event.end,
            Event.sentence_start,
            Event.sentence_end,
            Event.passage_id,
            *_WHERE,
        )  # fmt: skip
        .join(Passage, Passage.id == Event.passage_id)
        .join(Article, Article.id == Passage.article_id)
        .order_by(Event.date, Article.id, Passage.ordinal, Event.start)
    )
    if article_ids is not None:
        statement = statement.where(Event.article_id.in_(list(article_ids)))
    return run(session, statement).all()


def people_in_passages(
    session: Session, passage_ids: Iterable[int]
) -> dict[int, list[tuple[int, int, str]]]:
    """(start, end, name) of every person mentioned, by passage id."""
    found: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    statement = (
        select(Mention.passage_id, Mention.start, Mention.end, Entity.name)
        .join(Entity, Entity.id == Mention.entity_id)
        .where(Entity.kind == "person", Mention.passage_id.in_(list(passage_ids)))
    )
    for passage_id, start, end, name in run(session, statement):
        found[passage_id].append((start, end, name))
    return found


def person_highlights(session: Session, article_id: int) -> Rows:
    """(ordinal, start, end, name, role) of every person mentioned in the article."""
    statement = (
        select(Passage.ordinal, Mention.start, Mention.end, Entity.name, Entity.description)
        .select_from(Mention)
        .join(Passage, Passage.id == Mention.passage_id)
        .join(Entity, Entity.id == Mention.entity_id)
        .where(Passage.article_id == article_id, Entity.kind == "person")
    )
    return run(session, statement).all()


def figure_highlights(session: Session, article_id: int) -> Rows:
    """(id, ordinal, start, end, value, unit) of every key number in the article."""
    statement = (
        select(Figure.id, Passage.ordinal, Figure.start, Figure.end, Figure.value, Figure.unit)
        .join(Passage, Passage.id == Figure.passage_id)
        .where(Passage.article_id == article_id)
    )
    return run(session, statement).all()


def event_highlights(session: Session, article_id: int) -> Rows:
    """(id, ordinal, start, end, date, summary) of every dated event in the article."""
    statement = (
        select(Event.id, Passage.ordinal, Event.start, Event.end, Event.date, Event.summary)
        .join(Passage, Passage.id == Event.passage_id)
        .where(Passage.article_id == article_id)
    )
    return run(session, statement).all()


def replace_extraction(session: Session, article_id: int, extraction: Extraction) -> None:
    """Store what extraction found in the article, in place of what was stored before."""
    passages = run(
        session,
        select(Passage.ordinal, Passage.id, Passage.text).where(Passage.article_id == article_id),
    ).all()
    passage_ids = {row.ordinal: row.id for row in passages}
    passage_texts = {row.ordinal: row.text for row in passages}
    for table in (Entity, Event, Figure):
        run(session, delete(table).where(table.article_id == article_id))
    for kind, items in (
        ("person", extraction.persons),
        ("organisation", extraction.organisations),
        ("place", extraction.places),
    ):
        for item in items:
            entity_id = run(
                session,
                insert(Entity)
                .values(
                    article_id=article_id,
                    kind=kind,
                    name=item.name,
                    description=getattr(item, "role", "") or getattr(item, "acronym", ""),
                    titles=TITLE_SEPARATOR.join(getattr(item, "titles", ())),
                )  # fmt: skip
                .returning(Entity.id),
            ).scalar_one()
            if item.aliases:
                rows = [{"entity_id": entity_id, "text": alias} for alias in item.aliases]
                run(session, insert(Alias), rows)
            if item.mentions:
                rows = [
                    {"entity_id": entity_id, "passage_id": passage_ids[mention.passage],
                     "start": mention.start, "end": mention.end}
                    for mention in item.mentions
                ]  # fmt: skip
                run(session, insert(Mention), rows)
    events = []
    for event in extraction.events:
        sentence_start = _sentence_start(passage_texts[event.passage], event.sentence, event.start)
        events.append({
            "article_id": article_id, "passage_id": passage_ids[event.passage],
            "start": event.start, "end": event.end, "sentence_start": sentence_start,
            "sentence_end": sentence_start + len(event.sentence), "date": event.date,
            "precision": event.precision, "end_date": event.end_date or None,
            "summary": event.summary, "sentence": event.sentence, "inferred": event.inferred,
        })  # fmt: skip
    if events:
        run(session, insert(Event), events)
    figures = [
        {"article_id": article_id, "passage_id": passage_ids[figure.passage],
         "start": figure.start, "end": figure.end, "value": figure.value, "unit": figure.unit,
         "sentence": figure.sentence}
        for figure in extraction.figures
    ]  # fmt: skip
    if figures:
        run(session, insert(Figure), figures)
    stamp = int(time.time())
    run(session, update(Article).where(Article.id == article_id).values(extracted_at=stamp))


def _sentence_start(text: str, sentence: str, inside: int) -> int:
    """Where ``sentence`` starts in ``text``: the occurrence that holds offset ``inside``."""
    start = text.find(sentence)
    while start != -1 and not start <= inside <= start + len(sentence):
        start = text.find(sentence, start + 1)
    return max(start, 0) if start != -1 else max(text.rfind(".", 0, inside) + 1, 0)

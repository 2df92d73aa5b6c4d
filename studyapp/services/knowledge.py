"""Stored extraction results read back: people profiles, key numbers, events, Reader highlights."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

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
from studyapp.core.knowledge import (
    Annotation,
    EventView,
    FigureView,
    OrganisationView,
    PassageRef,
    PersonProfile,
)


def _ref(row) -> PassageRef:  # type: ignore[no-untyped-def]
    return PassageRef(
        article_id=row.article_id,
        article_title=row.title,
        ordinal=row.ordinal,
        start=row.start,
        end=row.end,
        passage_text=row.text,
    )


def list_people(bank: Bank, article_id: int | None = None) -> list[PersonProfile]:
    """Every person, merged across articles by name, most mentioned first."""
    with bank.sessions() as session:
        query = (
            select(Entity.id, Entity.name, Entity.description, Entity.titles, Article.title)
            .join(Article, Article.id == Entity.article_id)
            .where(Entity.kind == "person")
        )
        if article_id is not None:
            query = query.where(Entity.article_id == article_id)
        rows = session.execute(query).all()
        ids = [row.id for row in rows]
        aliases = _aliases(session, ids)
        counts = _mention_counts(session, ids)
    merged: dict[str, dict] = {}
    for row in rows:
        profile = merged.setdefault(
            row.name.casefold(),
            {
                "name": row.name,
                "aliases": [],
                "titles": [],
                "roles": [],
                "count": 0,
                "articles": [],
            },
        )
        profile["aliases"] += [a for a in aliases.get(row.id, ()) if a not in profile["aliases"]]
        for title in filter(None, row.titles.split(TITLE_SEPARATOR)):
            if title not in profile["titles"]:
                profile["titles"].append(title)
        if row.description and row.description not in profile["roles"]:
            profile["roles"].append(row.description)
        profile["count"] += counts.get(row.id, 0)
        if row.title not in profile["articles"]:
            profile["articles"].append(row.title)
    people = [
        PersonProfile(
            key=key,
            name=data["name"],
            aliases=tuple(data["aliases"]),
            titles=tuple(data["titles"]),
            roles=tuple(data["roles"]),
            mention_count=data["count"],
            article_titles=tuple(data["articles"]),
        )
        for key, data in merged.items()
    ]
    return sorted(people, key=lambda person: (-person.mention_count, person.name))


def _mention_counts(session: Session, entity_ids: list[int]) -> dict[int, int]:
    return query_dict(
        session,
        select(Mention.entity_id, func.count())
        .where(Mention.entity_id.in_(entity_ids))
        .group_by(Mention.entity_id),
    )


def _aliases(session: Session, entity_ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    for entity_id, text in session.execute(
        select(Alias.entity_id, Alias.text).where(Alias.entity_id.in_(entity_ids))
    ):
        found[entity_id].append(text)
    return found


def person_mentions(bank: Bank, key: str) -> list[PassageRef]:
    """Every passage span that names the person ``key`` (as listed by list_people)."""
    with bank.sessions() as session:
        rows = session.execute(
            select(
                Passage.article_id,
                Article.title,
                Passage.ordinal,
                Mention.start,
                Mention.end,
                Passage.text,
            )
            .join(Entity, Entity.id == Mention.entity_id)
            .join(Passage, Passage.id == Mention.passage_id)
            .join(Article, Article.id == Passage.article_id)
            .where(Entity.kind == "person", func.lower(Entity.name) == key)
            .order_by(Article.id, Passage.ordinal, Mention.start)
        ).all()
    return [_ref(row) for row in rows]


def list_organisations(bank: Bank, article_id: int | None = None) -> list[OrganisationView]:
    """Organisations with their acronyms, most mentioned first."""
    with bank.sessions() as session:
        query = select(Entity.id, Entity.name, Entity.description).where(
            Entity.kind == "organisation"
        )
        if article_id is not None:
            query = query.where(Entity.article_id == article_id)
        rows = session.execute(query).all()
        ids = [row.id for row in rows]
        aliases = _aliases(session, ids)
        counts = _mention_counts(session, ids)
    views = [
        OrganisationView(
            name=row.name,
            acronym=row.description,
            aliases=tuple(aliases.get(row.id, ())),
            mention_count=counts.get(row.id, 0),
        )
        for row in rows
    ]
    return sorted(views, key=lambda view: (-view.mention_count, view.name))


def list_figures(bank: Bank, article_id: int | None = None) -> list[FigureView]:
    """Key numbers in article and passage order."""
    with bank.sessions() as session:
        query = (
            select(
                Figure.id,
                Figure.value,
                Figure.unit,
                Figure.sentence,
                Figure.start,
                Figure.end,
                Passage.article_id,
                Passage.ordinal,
                Passage.text,
                Article.title,
            )
            .join(Passage, Passage.id == Figure.passage_id)
            .join(Article, Article.id == Passage.article_id)
            .order_by(Article.id, Passage.ordinal, Figure.start)
        )
        if article_id is not None:
            query = query.where(Figure.article_id == article_id)
        rows = session.execute(query).all()
    return [
        FigureView(
            id=row.id, value=row.value, unit=row.unit, sentence=row.sentence, where=_ref(row)
        )
        for row in rows
    ]


def list_events(
    bank: Bank, article_ids: list[int] | None = None, person_key: str | None = None
) -> list[EventView]:
    """Dated events across articles in date order, optionally only some articles or one person."""
    with bank.sessions() as session:
        query = (
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
                Passage.article_id,
                Passage.ordinal,
                Passage.text,
                Article.title,
            )
            .join(Passage, Passage.id == Event.passage_id)
            .join(Article, Article.id == Passage.article_id)
            .order_by(Event.date, Article.id, Passage.ordinal, Event.start)
        )
        if article_ids is not None:
            query = query.where(Event.article_id.in_(article_ids))
        rows = session.execute(query).all()
        mentions: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
        for passage_id, start, end, name in session.execute(
            select(Mention.passage_id, Mention.start, Mention.end, Entity.name)
            .join(Entity, Entity.id == Mention.entity_id)
            .where(
                Entity.kind == "person", Mention.passage_id.in_({row.passage_id for row in rows})
            )
        ):
            mentions[passage_id].append((start, end, name))
    events = []
    for row in rows:
        people = tuple(
            dict.fromkeys(
                name
                for start, end, name in mentions[row.passage_id]
                if row.sentence_start <= start and end <= row.sentence_end
            )
        )
        if person_key is not None and person_key not in {name.casefold() for name in people}:
            continue
        events.append(
            EventView(
                id=row.id,
                date=row.date,
                precision=row.precision,
                end_date=row.end_date or "",
                summary=row.summary,
                sentence=row.sentence,
                inferred=row.inferred,
                people=people,
                where=_ref(row),
            )
        )
    return events


def passage_annotations(bank: Bank, article_id: int) -> dict[int, list[Annotation]]:
    """People, numbers and dates recognised in each passage (by ordinal), for the Reader."""
    found: dict[int, list[Annotation]] = defaultdict(list)
    with bank.sessions() as session:
        for ordinal, start, end, name, role in session.execute(
            select(Passage.ordinal, Mention.start, Mention.end, Entity.name, Entity.description)
            .join(Passage, Passage.id == Mention.passage_id)
            .join(Entity, Entity.id == Mention.entity_id)
            .where(Passage.article_id == article_id, Entity.kind == "person")
        ):
            label = f"{name} — {role}" if role else name
            found[ordinal].append(Annotation(start, end, "person", label, name.casefold()))
        for figure_id, ordinal, start, end, value, unit in session.execute(
            select(Figure.id, Passage.ordinal, Figure.start, Figure.end, Figure.value, Figure.unit)
            .join(Passage, Passage.id == Figure.passage_id)
            .where(Passage.article_id == article_id)
        ):
            label = f"Key number: {format_value(value)} {unit}".rstrip()
            found[ordinal].append(Annotation(start, end, "figure", label, str(figure_id)))
        for event_id, ordinal, start, end, date, summary in session.execute(
            select(Event.id, Passage.ordinal, Event.start, Event.end, Event.date, Event.summary)
            .join(Passage, Passage.id == Event.passage_id)
            .where(Passage.article_id == article_id)
        ):
            found[ordinal].append(
                Annotation(start, end, "date", f"{date}: {summary}", str(event_id))
            )
    for in_passage in found.values():
        in_passage.sort(key=lambda annotation: (annotation.start, -annotation.end))
    return found


def format_value(value: float) -> str:
    """A figure's value as a person writes it: 150,000 or 99.17."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"

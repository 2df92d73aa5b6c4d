"""Stored extraction results read back: people profiles, key numbers, events, Reader highlights."""

from __future__ import annotations

from collections import defaultdict

from studyapp.bank.database import Bank
from studyapp.bank.models import TITLE_SEPARATOR
from studyapp.bank.queries import knowledge
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
    with bank.reading() as session:
        rows = knowledge.entities(session, "person", article_id)
        ids = [row.id for row in rows]
        aliases = knowledge.aliases(session, ids)
        counts = knowledge.mention_counts(session, ids)
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


def person_mentions(bank: Bank, key: str) -> list[PassageRef]:
    """Every passage span that names the person ``key`` (as listed by list_people)."""
    with bank.reading() as session:
        rows = knowledge.person_mentions(session, key)
    return [_ref(row) for row in rows]


def list_organisations(bank: Bank, article_id: int | None = None) -> list[OrganisationView]:
    """Organisations with their acronyms, most mentioned first."""
    with bank.reading() as session:
        rows = knowledge.entities(session, "organisation", article_id)
        ids = [row.id for row in rows]
        aliases = knowledge.aliases(session, ids)
        counts = knowledge.mention_counts(session, ids)
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
    with bank.reading() as session:
        rows = knowledge.figures(session, article_id)
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
    with bank.reading() as session:
        rows = knowledge.events(session, article_ids)
        mentions = knowledge.people_in_passages(session, {row.passage_id for row in rows})
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
    with bank.reading() as session:
        people = knowledge.person_highlights(session, article_id)
        numbers = knowledge.figure_highlights(session, article_id)
        dates = knowledge.event_highlights(session, article_id)
    for ordinal, start, end, name, role in people:
        label = f"{name} — {role}" if role else name
        found[ordinal].append(Annotation(start, end, "person", label, name.casefold()))
    for figure_id, ordinal, start, end, value, unit in numbers:
        label = f"Key number: {format_value(value)} {unit}".rstrip()
        found[ordinal].append(Annotation(start, end, "figure", label, str(figure_id)))
    for event_id, ordinal, start, end, date, summary in dates:
        found[ordinal].append(Annotation(start, end, "date", f"{date}: {summary}", str(event_id)))
    for in_passage in found.values():
        in_passage.sort(key=lambda annotation: (annotation.start, -annotation.end))
    return found


def format_value(value: float) -> str:
    """A figure's value as a person writes it: 150,000 or 99.17."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"

"""What the Key figures, Timeline and Reader pages show of the stored extraction results."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PassageRef:
    """A span in a passage of an article, with the passage text for context."""

    article_id: int
    article_title: str
    ordinal: int
    start: int
    end: int
    passage_text: str


@dataclass(frozen=True)
class PersonProfile:
    """One person across every article that names them."""

    key: str  # stable identity across articles: the lower-cased name
    name: str
    aliases: tuple[str, ...]
    titles: tuple[str, ...]
    roles: tuple[str, ...]  # one per article that gives a role
    mention_count: int
    article_titles: tuple[str, ...]
    mentions: tuple[PassageRef, ...] = ()  # filled only when a single profile is asked for


@dataclass(frozen=True)
class OrganisationView:
    """An organisation with its acronym and how often it is named."""

    name: str
    acronym: str
    aliases: tuple[str, ...]
    mention_count: int


@dataclass(frozen=True)
class FigureView:
    """A key number and the sentence that gives it."""

    id: int
    value: float
    unit: str
    sentence: str
    where: PassageRef


@dataclass(frozen=True)
class EventView:
    """A dated event on the timeline."""

    id: int
    date: str  # ISO cut to precision
    precision: str
    end_date: str
    summary: str
    sentence: str
    inferred: bool
    people: tuple[str, ...]  # names of people mentioned in the sentence
    where: PassageRef  # the date expression's span


@dataclass(frozen=True)
class Annotation:
    """Something recognised in a passage, for highlighting in the Reader."""

    start: int
    end: int
    kind: str  # person | figure | date
    label: str  # what the hover shows
    target: str  # person key, or the figure/event id as text

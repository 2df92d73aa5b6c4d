"""What extraction finds in an article: people, organisations, places, key numbers and dated events."""

from __future__ import annotations

from dataclasses import dataclass

PRECISIONS = ("day", "month", "year")


@dataclass(frozen=True)
class Mention:
    """Where an entity is named: passage ordinal (0-based) and character span in that passage."""

    passage: int
    start: int
    end: int
    text: str  # the words as written there (without titles or a possessive 's)


@dataclass(frozen=True)
class Person:
    """A real person named in the article, merged across spellings and aliases."""

    name: str  # the fullest form the article uses
    aliases: tuple[str, ...] = ()  # other forms the article uses (not pure case variants)
    role: str = ""  # description the article gives ("Deputy Foreign Minister"), "" if none
    titles: tuple[str, ...] = ()  # honorifics and ranks seen before the name (Samdech, Col.)
    mentions: tuple[Mention, ...] = ()
    kind: str = "person"


@dataclass(frozen=True)
class Organisation:
    """A party, army, front, government or agency; acronyms are among the aliases."""

    name: str
    aliases: tuple[str, ...] = ()
    acronym: str = ""  # e.g. "CPK" for "Communist Party of Kampuchea", "" if none seen
    mentions: tuple[Mention, ...] = ()
    kind: str = "organisation"


@dataclass(frozen=True)
class Place:
    """A country, province, town, island, river or region."""

    name: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    kind: str = "place"


@dataclass(frozen=True)
class Figure:
    """A key number: a count or measure a quiz could ask about."""

    value: float
    unit: str  # what is counted or measured: "soldiers", "USD", "percent", "days"
    text: str  # the quantity as written ("more than 1,000", "$300", "13-year")
    passage: int
    start: int  # span of ``text`` in the passage
    end: int
    sentence: str  # the sentence holding it, as written in the passage


@dataclass(frozen=True)
class Event:
    """Something that happened on a calendar date stated (or implied) by the article."""

    date: str  # ISO 8601 cut to its precision: "1960-09-28", "1963-05", "1970"
    precision: str  # "day" | "month" | "year"
    summary: str  # short "what happened"
    text: str  # the date expression as written ("September 28-30, 1960")
    passage: int
    start: int  # span of ``text`` in the passage
    end: int
    sentence: str
    end_date: str = ""  # end of a range, same format, "" when not a range
    inferred: bool = False  # True when the year (or day) came from the surrounding context


@dataclass(frozen=True)
class Word:
    """One token of a parsed sentence, as the language model read it."""

    text: str
    start: int  # character offset in the passage
    tag: str  # Penn Treebank part of speech: "NNP", "VBD", "IN"...
    dep: str  # dependency relation to the head: "nsubj", "dobj", "ROOT"...
    head: int  # index of the head word in the sentence (its own index for the root)
    entity: str = ""  # the model's entity label ("PERSON", "GPE", "DATE"), "" outside one
    begins_entity: bool = False
    space: bool = True  # whitespace follows the word

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True, eq=False)
class ParsedSentence:
    """A sentence of a passage with its parse: what question writing reads.

    Compared and hashed by identity: each sentence is made once per extraction, and
    hashing every word of it as a dictionary key would cost more than the lookups.
    """

    passage: int
    start: int  # character span in the passage
    end: int
    text: str
    passage_kind: str  # the kind of passage it sits in (prose, heading, caption, fact...)
    words: tuple[Word, ...]
    first_in_passage: bool = False


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article, each item linked to its passage and span.

    ``sentences`` holds the parse of every sentence for the question writers; it is not
    stored in the bank (regenerating parses again).
    """

    persons: tuple[Person, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    places: tuple[Place, ...] = ()
    figures: tuple[Figure, ...] = ()
    events: tuple[Event, ...] = ()
    sentences: tuple[ParsedSentence, ...] = ()

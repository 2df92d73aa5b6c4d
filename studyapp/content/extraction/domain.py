"""General domain data (places, organisations, titles, known people) read from resources/domain."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from studyapp.paths import resources_dir

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "đ": "d", "Đ": "D"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Key for matching names: case, diacritics, apostrophes, dots and spacing ignored."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().replace(".", " ").split())


_SMALL_WORDS = frozenset({"of", "the", "in", "and", "a", "an", "to", "for", "de"})


@dataclass(frozen=True)
class Domain:
    """The lists, as lookup tables keyed by :func:`fold`."""

    places: dict[str, str]  # any variant -> preferred name
    organisations: dict[str, str]  # any variant (acronyms too) -> preferred name
    acronyms: dict[str, str]  # preferred organisation name -> its acronym
    people: dict[str, str]  # any variant -> preferred name
    titles: frozenset[str]  # folded title phrases
    title_words: frozenset[str]  # every folded word of a title phrase
    place_words: frozenset[str]
    organisation_words: frozenset[str]
    longest_title: int  # in words
    people_first_words: frozenset[str]  # first folded word of every known person's name
    nationalities: frozenset[str]  # peoples and nationalities: never a name on their own
    surnames: frozenset[str]  # common family names of many languages
    given_names: frozenset[str]  # common given names of many languages
    event_words: frozenset[str]  # words that make a name an event, period or document
    person_nouns: frozenset[str]  # nouns for people: occupations, offices, kinship ("historian")
    deities: frozenset[str]  # gods named beside people ("God", "Quetzalcoatl"): never a person
    name_equivalents: dict[str, str]  # a given name in any language -> one form ("Jan" -> "john")


def _rows(name: str) -> list[list[str]]:
    path = resources_dir() / "domain" / name
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            rows.append([part.strip() for part in line.split("|") if part.strip()])
    return rows


def _variants(rows: list[list[str]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for row in rows:
        for variant in row:
            table.setdefault(fold(variant), row[0])
    return table


@lru_cache(maxsize=1)
def domain() -> Domain:
    """Load the domain lists once."""
    organisation_rows = _rows("organisations.txt")
    acronyms = {}
    for row in organisation_rows:
        for variant in row[1:]:
            if re.fullmatch(r"[A-Z][A-Z0-9&.\-]{1,9}", variant):
                acronyms[row[0]] = variant
                break
    written = frozenset(fold(t) for row in _rows("titles.txt") for t in row)
    # The parser splits "ul-Islam" at its hyphen: "Sheikh ul-Islam" is matched word by word.
    titles = written | {t.replace("-", " - ") for t in written if "-" in t}
    people = _variants(_rows("people.txt"))
    return Domain(
        places=_variants(_rows("places.txt")),
        organisations=_variants(organisation_rows),
        acronyms=acronyms,
        people=people,
        titles=titles,
        # Single letters ("M." of "M. Thiers", "H.E.") would block initials inside names.
        title_words=frozenset(w for t in written for w in t.split() if len(w) > 1) - _SMALL_WORDS,
        place_words=frozenset(fold(r[0]) for r in _rows("place_words.txt")),
        organisation_words=frozenset(fold(r[0]) for r in _rows("organisation_words.txt")),
        longest_title=max(len(t.split()) for t in titles),
        people_first_words=frozenset(key.split()[0] for key in people),
        nationalities=frozenset(fold(r[0]) for r in _rows("nationalities.txt")),
        surnames=frozenset(fold(r[0]) for r in _rows("surnames.txt")),
        given_names=frozenset(fold(r[0]) for r in _rows("given_names.txt")),
        event_words=frozenset(fold(r[0]) for r in _rows("event_words.txt")),
        person_nouns=frozenset(fold(r[0]) for r in _rows("person_nouns.txt")),
        deities=frozenset(fold(r[0]) for r in _rows("deities.txt")),
        name_equivalents={fold(v): fold(r[0]) for r in _rows("name_equivalents.txt") for v in r},
    )

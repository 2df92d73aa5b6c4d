"""Organisations and places, merged by name, with acronyms linked to their full names."""

from __future__ import annotations

import re
from collections import defaultdict

from studyapp.content.extraction.candidates import ORGANISATION, PERSON, PLACE, Candidate
from studyapp.content.extraction.document import ParsedPassage
from studyapp.content.extraction.domain import Domain, fold
from studyapp.core.extraction import Mention, Organisation, Place

_LABELS = {"ORG": ORGANISATION, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE}
_LEADING = re.compile(
    r"^(?:the|a|an|some|many|most|all|other|several|these|those|his|her|their|its|our)\s+", re.I
)
_TRAILING = re.compile(r"(?:['’]s?|(?<!\.[A-Z])[.,;:])$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&\-]{1,9}$")
_SMALL_WORDS = {"of", "for", "the", "and", "in", "on", "to", "a", "an", "&"}


def _clean(text: str) -> tuple[str, int, int]:
    """Strip a leading article and trailing possessive; return the text and the cut sizes."""
    if "(" in text and ")" not in text:
        text = text[: text.index("(")].rstrip()  # "Armed Forces (FANK" cut by the model
    stripped = _LEADING.sub("", text)
    lead = len(text) - len(stripped)
    trimmed = _TRAILING.sub("", stripped).rstrip()
    return trimmed, lead, len(stripped) - len(trimmed)


def initials(name: str) -> str:
    """Initials of a name's significant words: "Kampuchean United Front for National Salvation" -> KUFNS."""
    return "".join(
        w[0] for w in re.split(r"[\s\-]+", name) if w and w.lower() not in _SMALL_WORDS
    ).upper()


def _mentions(passages: list[ParsedPassage], candidates: list[Candidate]) -> list[Candidate]:
    """Organisation and place mentions: model entities that are not people, and reclassified names."""
    person_spans = {(c.passage, c.start) for c in candidates if c.kind == PERSON}
    person_chars = defaultdict(set)
    for c in candidates:
        if c.kind == PERSON:
            person_chars[c.passage].update(range(c.start, c.end))
    found = [c for c in candidates if c.kind in (ORGANISATION, PLACE)]
    for passage in passages:
        for ent in passage.doc.ents:
            kind = _LABELS.get(ent.label_)
            if kind is None or (passage.index, ent.start_char) in person_spans:
                continue
            if any(i in person_chars[passage.index] for i in range(ent.start_char, ent.end_char)):
                continue
            text, lead, tail = _clean(ent.text)
            if not text or not text[:1].isupper():
                continue
            start = ent.start_char + lead
            found.append(Candidate(passage.index, start, start + len(text), text, kind))
    unique = {(c.passage, c.start): c for c in found}
    return sorted(unique.values(), key=lambda c: (c.passage, c.start))


def build_entities(
    passages: list[ParsedPassage], candidates: list[Candidate], domain: Domain
) -> tuple[list[Organisation], list[Place]]:
    """Organisations and places of an article, each with its aliases and mentions."""
    mentions = _mentions(passages, candidates)
    groups: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
    names: dict[tuple[str, str], str] = {}
    for candidate in mentions:
        key_text = fold(candidate.text)
        if key_text in domain.places:
            kind, canonical = PLACE, domain.places[key_text]
        elif key_text in domain.organisations:
            kind, canonical = ORGANISATION, domain.organisations[key_text]
        else:
            kind, canonical = candidate.kind, candidate.text
        key = (kind, fold(canonical))
        groups[key].append(candidate)
        names.setdefault(key, canonical)
    _link_acronyms(passages, groups, names)
    organisations: list[Organisation] = []
    places: list[Place] = []
    for key, group in groups.items():
        if not group:
            continue
        kind = key[0]
        group.sort(key=lambda c: (c.passage, c.start))
        written = list(dict.fromkeys(c.text for c in group))
        name = (
            names[key] if fold(names[key]) in {fold(w) for w in written} else max(written, key=len)
        )
        aliases = tuple(w for w in dict.fromkeys(written) if fold(w) != fold(name))
        seen = tuple(Mention(c.passage, c.start, c.end, c.text) for c in group)
        if kind == ORGANISATION:
            acronym = next((a for a in (name, *aliases) if _ACRONYM.match(a)), "")
            if acronym == name and aliases:
                name = max(aliases, key=len)
                aliases = tuple(a for a in (acronym, *aliases) if a != name)
            acronym = acronym or domain.acronyms.get(name, "")
            organisations.append(Organisation(name, aliases, acronym, seen))
        else:
            places.append(Place(name, aliases, seen))
    first = lambda e: (e.mentions[0].passage, e.mentions[0].start)  # noqa: E731
    return sorted(organisations, key=first), sorted(places, key=first)


def _link_acronyms(
    passages: list[ParsedPassage],
    groups: dict[tuple[str, str], list[Candidate]],
    names: dict[tuple[str, str], str],
) -> None:
    """Move acronym mentions into the group of their full name (written "Full Name (ACR)",
    or matching the full name's initials)."""
    long_names = {k: names[k] for k in groups if k[0] == ORGANISATION and len(names[k].split()) > 1}
    for key in [k for k in list(groups) if k[0] == ORGANISATION]:
        acronym = names[key]
        if not _ACRONYM.match(acronym) or not groups[key]:
            continue
        target = None
        for long_key, long_name in long_names.items():
            if initials(long_name) == acronym.upper():
                target = long_key
                break
        if target is None:
            for candidate in groups[key]:
                text = passages[candidate.passage].text[: candidate.start].rstrip()
                if text.endswith("("):
                    for long_key, long_name in long_names.items():
                        if text[:-1].rstrip().endswith(long_name):
                            target = long_key
        if target is not None and target != key:
            groups[target].extend(groups[key])
            groups[key] = []

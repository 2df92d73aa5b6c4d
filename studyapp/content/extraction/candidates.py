"""Name mentions found by the model, cleaned: titles split off, names completed, places and
organisations sorted out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from studyapp.content.extraction.document import ParsedPassage
from studyapp.content.extraction.domain import Domain, fold
from studyapp.content.extraction.factlines import FUSED_FLAG, fact_line, value_items
from studyapp.content.extraction.kinds import (
    ORGANISATION,
    PARTICLES,
    PERSON,
    PLACE,
    classify,
    is_suffix,
    known,
)
from studyapp.content.extraction.names import (
    completed_right,
    looks_like_person,
    strip_titles,
    titles_before,
)
from studyapp.content.extraction.roles import ROLE_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["ORGANISATION", "PERSON", "PLACE", "Candidate", "find_candidates", "name_key"]

_POSSESSIVE = {"'s", "’s", "'", "’"}
_SPLITTERS = {"and", ",", "&", "/", ";", "or", "|"}
_LEADING_JUNK = {"the", "a", "an", "his", "her", "their", "its", "our", "former", "late", "then"}
_LOCATIVE = {"in", "at", "near", "into", "across", "towards", "toward", "inside", "outside"}
_MOTION = {"fled", "flee", "flees", "retreated", "retreat", "went", "go", "goes", "returned", "return",
           "moved", "travelled", "traveled", "withdrew", "withdrawn", "marched", "flew", "sent",
           "came", "driven", "drove", "deported", "evacuated", "escaped", "headed", "transferred"}  # fmt: skip
_OTHER_LABELS = {"ORG", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"}
_QUOTES = "\"“”'‘’"


@dataclass
class Candidate:
    """One cleaned mention of a name."""

    passage: int
    start: int  # character span of the name (titles and possessive excluded)
    end: int
    text: str
    kind: str
    titles: list[str] = field(default_factory=list)
    locative: bool = False  # preceded by "in", "at", "near"...
    first_token: int = 0  # token index in the passage Doc
    last_token: int = 0  # exclusive
    group: str = ""  # candidates sharing a group name one person (a fact sheet's name lines)


def _extend_left(doc_tokens: list[Token], start: int, domain: Domain) -> int:
    """Take name words the model left out: "Son" of "Son Ngoc Minh", "Patrice de" of
    "Patrice de MacMahon"."""
    while start > 0:
        token = doc_tokens[start - 1]
        if token.text.lower() in PARTICLES and start > 1:
            before = doc_tokens[start - 2]
            if (
                before.text[:1].isupper()
                and before.is_alpha
                and before.ent_type_ in ("", "PERSON")
                and fold(before.text) not in domain.title_words
            ):
                start -= 2  # "Otto von" + "Bismarck"
                continue
            break
        if not (token.is_alpha and token.text[:1].isupper() and token.tag_ in ("NNP", "NNPS")):
            break
        if token.ent_type_ not in ("", "PERSON") or fold(token.text) in domain.title_words:
            break
        if fold(token.text) in domain.place_words | domain.organisation_words:
            break
        if fold(token.text) in domain.nationalities or (
            fold(token.text) in ROLE_NOUNS and fold(token.text) not in domain.surnames
        ):
            break  # "British" before "Robert Tombs", "Pilot" before "Michael Collins"
        # Stop at the end of a known name ("Khmer Rouge" before "Pol Pot").
        if any(
            known(" ".join(t.text for t in doc_tokens[j:start]), domain)
            for j in range(max(0, start - 4), start)
        ):
            break
        start -= 1
    return start


def _pieces(span_tokens: list[Token]) -> list[list[Token]]:
    """Split "Heng Samrin and Hun Sen" style spans into one list of tokens per name."""
    pieces: list[list[Token]] = [[]]
    for token in span_tokens:
        if token.text.lower() in _SPLITTERS:
            pieces.append([])
        else:
            pieces[-1].append(token)
    return [p for p in pieces if p]


def _of_place(tokens: list[Token], start: int, end: int, domain: Domain) -> int:
    """The end of the person part of "Okubo of Satsuma" taken as one entity: the word before "of"
    names the person, the one after their domain or province."""
    inner = tokens[start:end]
    if (
        len(inner) == 3
        and inner[1].text == "of"
        and all(t.text[:1].isupper() and t.is_alpha for t in (inner[0], inner[2]))
        and not known(" ".join(t.text for t in inner), domain)
    ):
        return start + 1
    return end


def _spans(passage: ParsedPassage, domain: Domain) -> list[tuple[int, int]]:
    """Token ranges that may name a person."""
    doc = passage.doc
    tokens = list(doc)
    ranges: list[tuple[int, int]] = []
    for ent in doc.ents:
        end = _of_place(tokens, ent.start, ent.end, domain)
        if ent.label_ == "PERSON" or (
            ent.label_ in _OTHER_LABELS
            and looks_like_person(tokens, ent.start, end, passage, domain)
        ):
            ranges.append((ent.start, end))
    covered = {i for start, end in ranges for i in range(start, end)}
    # Well-known names the model missed or mislabelled ("Lenin", "Sihanouk").
    for index, token in enumerate(tokens):
        if (
            index in covered
            or not token.text[:1].isupper()
            or fold(token.text) not in domain.people_first_words
        ):
            continue
        for size in (3, 2, 1):
            words = tokens[index : index + size]
            if len(words) == size and fold(" ".join(t.text for t in words)) in domain.people:
                after = tokens[index + size] if index + size < len(tokens) else None
                inside = (
                    words[-1].ent_iob_ in ("B", "I")
                    and after is not None
                    and after.ent_iob_ == "I"
                    and after.text not in _POSSESSIVE  # "Ta Mok's Division 980"
                )
                if inside:
                    break  # part of a longer name ("Ho Chi Minh City")
                if not any(i in covered for i in range(index, index + size)):
                    ranges.append((index, index + size))
                    covered.update(range(index, index + size))
                break
    return sorted(ranges)


def find_candidates(passage: ParsedPassage, domain: Domain) -> list[Candidate]:
    """Cleaned name mentions of one passage, each classified."""
    tokens = list(passage.doc)
    line = fact_line(passage.text)
    if line is not None and line.names_people:
        return _fact_candidates(passage, tokens, line, domain)
    candidates: list[Candidate] = []
    for start, end in _spans(passage, domain):
        for piece in _pieces(tokens[start:end]):
            candidates.extend(_clean(passage, tokens, piece, domain))
    candidates += _named_before(tokens, candidates, domain, passage)
    if line is not None and line.names_no_one:
        # "Place: Embassy of the United States", "Native name: Commune de Paris"
        candidates = [c for c in candidates if c.kind != PERSON]
    return candidates


def _named_before(
    tokens: list[Token], found: list[Candidate], domain: Domain, passage: ParsedPassage
) -> list[Candidate]:
    """A short name the model missed, given as another form of a person's name after it:
    "Phibun, or Luang Plaek Phibunsongkhram"."""
    extra = []
    taken = {i for c in found for i in range(c.first_token, c.last_token)}
    blocked = domain.place_words | domain.organisation_words | domain.event_words
    for candidate in found:
        if candidate.kind != PERSON:
            continue
        _, position = titles_before(tokens, candidate.first_token, domain)
        if position < 2 or tokens[position - 1].text != "or":
            continue
        end = position - 2 if tokens[position - 2].text == "," else position - 1
        start = end
        while (
            start > 0
            and end - start < 3
            and tokens[start - 1].is_alpha
            and tokens[start - 1].text[:1].isupper()
            and tokens[start - 1].tag_ in ("NNP", "NNPS")
            and fold(tokens[start - 1].text) not in blocked | domain.nationalities
            and start - 1 not in taken
        ):
            start -= 1
        if start < end:
            first, last = tokens[start], tokens[end - 1]
            stop = last.idx + len(last.text)
            text = passage.text[first.idx : stop]
            extra.append(
                Candidate(passage.index, first.idx, stop, text, PERSON,
                          first_token=start, last_token=end)
            )  # fmt: skip
    return extra


def _fact_candidates(
    passage: ParsedPassage,
    tokens: list[Token],
    line,
    domain: Domain,  # noqa: ANN001
) -> list[Candidate]:
    """The people a fact line lists ("Commander1: Lt Col. Gordon D. Rowe, Captain Robert J.
    O'Brien"); the name lines of one fact sheet name one person."""
    found = []
    by_char = {t.idx: t for t in tokens}
    for start, end in value_items(passage.text, line):
        piece = [by_char[i] for i in sorted(by_char) if start <= i < end]
        # Credits and captions put a body before the name: "US Navy Bob Fish".
        for position in range(len(piece) - 3, 0, -1):
            if fold(piece[position].text) in domain.organisation_words | domain.place_words:
                piece = piece[position + 1 :]
                break
        for candidate in _clean(passage, tokens, piece, domain, end_char=end):
            if candidate.kind != PERSON and not known(candidate.text, domain):
                candidate.kind = PERSON  # the label says so: "Bay Tuyen" is no bay
            if line.names_one_person and candidate.kind == PERSON:
                candidate.group = "fact sheet"
            found.append(candidate)
    return found


def _trim(piece: list[Token]) -> list[Token]:
    while piece and (
        piece[-1].text in _POSSESSIVE
        or not (piece[-1].text[:1].isalnum() or piece[-1].text in _QUOTES)
        and not (piece[-1].text == "." and len(piece) > 1 and is_suffix(piece[-2].text))
    ):
        piece = piece[:-1]
    while piece and (piece[0].text.lower() in _LEADING_JUNK or not piece[0].text[:1].isalnum()):
        piece = piece[1:]
    return piece


def _clean(
    passage: ParsedPassage,
    tokens: list[Token],
    piece: list[Token],
    domain: Domain,
    end_char: int | None = None,
) -> list[Candidate]:
    piece = _trim(piece)
    if not piece:
        return []
    # A known place or organisation keeps its words ("Luang Prabang" is no title and a name).
    whole = known(" ".join(t.text for t in piece), domain) in (PLACE, ORGANISATION)
    piece_start = piece[0].i
    titles, skip = ([], 0) if whole else strip_titles(piece, domain)
    if skip == len(piece):
        # "the Shogun Keiki": the model took the title alone; the name follows it.
        end = piece[-1].i + 1
        piece = tokens[end : completed_right(tokens, end, domain)]
    else:
        piece = piece[skip:]
    while (
        not whole
        and len(piece) > 1
        and fold(piece[0].text) in domain.nationalities
        and (fold(piece[0].text) not in domain.given_names)
    ):
        piece = piece[1:]  # "Briton John Smith", "British historian" cut by the model
    if not piece:
        return []
    first = _extend_left(tokens, piece[0].i, domain) if not titles else piece[0].i
    last = completed_right(tokens, piece[-1].i + 1, domain)
    piece = tokens[first:last]
    earlier, title_start = titles_before(tokens, piece_start if titles else piece[0].i, domain)
    titles = earlier + titles
    following = tokens[last] if last < len(tokens) else None
    if following is not None and following.text in _POSSESSIVE:
        following = tokens[last + 1] if last + 1 < len(tokens) else None
    kind = classify(piece, following, domain)
    if kind is None:
        return []
    before = tokens[title_start - 1].text.lower() if title_start > 0 else ""
    if before == "to" and title_start > 1 and tokens[title_start - 2].text.lower() in _MOTION:
        before = "into"  # "retreated to O'Smach": a destination
    start = piece[0].idx
    end = piece[-1].idx + len(piece[-1].text)
    flag = FUSED_FLAG.search(piece[-1].text)
    if flag and len(piece[-1].text) > flag.end() - flag.start():
        end -= flag.end() - flag.start()  # "Bay TuyenKIA": killed in action, not a name
    if end_char is not None:
        end = min(end, end_char)
    bracket = passage.text.find("(", start, end)
    if bracket > start:
        end = bracket  # "Armstrong(Born: ...": a bracket run into the name

    return [
        Candidate(
            passage=passage.index,
            start=start,
            end=end,
            text=passage.text[start:end],
            kind=kind,
            titles=titles,
            locative=before in _LOCATIVE,
            first_token=piece[0].i,
            last_token=last,
        )
    ]


def name_key(text: str) -> str:
    """Matching key for a name: folded, quotes dropped, hyphen spacing removed."""
    return re.sub(r"\s*-\s*", "-", " ".join(fold(text).translate(_NO_QUOTES).split()))


_NO_QUOTES = str.maketrans({q: " " for q in _QUOTES})

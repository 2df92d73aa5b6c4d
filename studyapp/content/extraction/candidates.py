"""Name mentions found by the model, cleaned: titles split off, places and organisations sorted out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from studyapp.content.extraction.document import ParsedPassage
from studyapp.content.extraction.domain import Domain, fold
from studyapp.content.extraction.roles import role_after

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

PERSON, ORGANISATION, PLACE = "person", "organisation", "place"
_POSSESSIVE = {"'s", "’s", "'", "’"}
_SPLITTERS = {"and", ",", "&", "/", ";", "or"}
_PARTICLES = {"de", "van", "von", "bin", "al", "la", "da", "du", "der", "den", "y"}
_LEADING_JUNK = {"the", "a", "an", "his", "her", "their", "its", "our", "former", "late", "then"}
_LOCATIVE = {"in", "at", "near", "into", "across", "towards", "toward", "inside", "outside"}
_MOTION = {"fled", "flee", "flees", "retreated", "retreat", "went", "go", "goes", "returned", "return",
           "moved", "travelled", "traveled", "withdrew", "withdrawn", "marched", "flew", "sent",
           "came", "driven", "drove", "deported", "evacuated", "escaped", "headed"}  # fmt: skip
_OTHER_LABELS = {"ORG", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"}


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


def _strip_titles(tokens: list[Token], domain: Domain) -> tuple[list[str], int]:
    """Leading title phrases of ``tokens`` and how many tokens they take."""
    titles: list[str] = []
    position = 0
    while position < len(tokens) - 1:
        for size in range(min(domain.longest_title + 2, len(tokens) - 1 - position), 0, -1):
            words = tokens[position : position + size]
            phrase = " ".join(t.text for t in words)
            if fold(phrase) in domain.titles and words[0].text[:1].isupper():
                end = position + size
                if end < len(tokens) and tokens[end].text == ".":
                    end += 1
                titles.append(" ".join(t.text for t in tokens[position:end]).replace(" .", "."))
                position = end
                break
        else:
            break
    return titles, position


def _titles_before(doc_tokens: list[Token], start: int, domain: Domain) -> tuple[list[str], int]:
    """Title phrases written right before token ``start`` (``Lieutenant General``, ``Col.``)."""
    titles: list[str] = []
    position = start
    while position > 0:
        for size in range(min(domain.longest_title + 1, position), 0, -1):
            words = doc_tokens[position - size : position]
            phrase = fold(" ".join(t.text for t in words))
            if phrase in domain.titles and words[0].text[:1].isupper():
                titles.insert(0, " ".join(t.text for t in words).replace(" .", "."))
                position -= size
                break
        else:
            break
    return titles, position


def _known(words: str, domain: Domain) -> str | None:
    key = fold(words)
    if key in domain.people:
        return PERSON
    if key in domain.places:
        return PLACE
    if key in domain.organisations:
        return ORGANISATION
    return None


def classify(tokens: list[Token], following: Token | None, domain: Domain) -> str | None:
    """Person, place or organisation for a cleaned name; None when it is not a name at all."""
    text = " ".join(t.text for t in tokens)
    known = _known(text, domain)
    if known:
        return known
    words = [fold(t.text) for t in tokens]
    if all(w in domain.nationalities for w in words):
        return None  # "Khmer", "Vietnamese"
    if any(w in domain.place_words for w in words):
        return PLACE
    if any(w in domain.organisation_words for w in words):
        return ORGANISATION
    if following is not None and fold(following.text) in domain.place_words:
        return PLACE  # "Chao Doc province", "Thổ Chu islands", "Ho Chi Minh Trail"
    if (
        following is not None
        and following.text.istitle()
        and fold(following.text) in domain.organisation_words
    ):
        return ORGANISATION  # "Sam Rainsy Party"
    for token in tokens:
        if any(ch.isdigit() for ch in token.text):
            return None
        if (
            not token.text[:1].isupper()
            and token.text.lower() not in _PARTICLES
            and token.text != "-"
        ):
            return None
    if len(tokens) == 1 and tokens[0].text.isupper() and len(tokens[0].text) > 1:
        return ORGANISATION  # an acronym
    if len(tokens) == 1 and len(tokens[0].text) < 2:
        return None
    return PERSON


def _looks_like_person(
    span: Span, doc_tokens: list[Token], passage: ParsedPassage, domain: Domain
) -> bool:
    """A non-PERSON entity the model mislabelled: a short capitalised name with a title before
    it or a role after it ("Pen Sovann, General Secretary")."""
    tokens = [t for t in span if t.text not in _POSSESSIVE]
    if not 2 <= len(tokens) <= 3 or not all(t.text[:1].isupper() and t.is_alpha for t in tokens):
        return False
    if _known(span.text, domain) in (PLACE, ORGANISATION):
        return False
    if any(fold(t.text) in domain.place_words | domain.organisation_words for t in tokens):
        return False
    if _known(span.text, domain) == PERSON or fold(tokens[0].text) in domain.surnames:
        return True
    titles, _ = _titles_before(doc_tokens, span.start, domain)
    if titles:
        return True
    # An apposition that says what the bearer is: ", General Secretary", ", a former militiaman,"
    sentence_end = passage.sentence_span(span.start_char)[1]
    after = passage.text[span.end_char : sentence_end]
    return bool(role_after(after, domain, [], appositions_only=True))


def _extend_left(doc_tokens: list[Token], start: int, domain: Domain) -> int:
    """Take capitalised name words the model left out ("Son" of "Son Ngoc Minh")."""
    while start > 0:
        token = doc_tokens[start - 1]
        if not (token.is_alpha and token.text[:1].isupper() and token.tag_ in ("NNP", "NNPS")):
            break
        if token.ent_type_ not in ("", "PERSON") or fold(token.text) in domain.title_words:
            break
        if fold(token.text) in domain.place_words | domain.organisation_words:
            break
        # Stop at the end of a known name ("Khmer Rouge" before "Pol Pot").
        if any(
            _known(" ".join(t.text for t in doc_tokens[j:start]), domain)
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


def _spans(passage: ParsedPassage, domain: Domain) -> list[tuple[int, int]]:
    """Token ranges that may name a person."""
    doc = passage.doc
    tokens = list(doc)
    ranges: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ == "PERSON" or (
            ent.label_ in _OTHER_LABELS and _looks_like_person(ent, tokens, passage, domain)
        ):
            ranges.append((ent.start, ent.end))
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
    candidates: list[Candidate] = []
    for start, end in _spans(passage, domain):
        for piece in _pieces(tokens[start:end]):
            candidates.extend(_clean(passage, tokens, piece, domain))
    return candidates


def _clean(
    passage: ParsedPassage, tokens: list[Token], piece: list[Token], domain: Domain
) -> list[Candidate]:
    while piece and (piece[-1].text in _POSSESSIVE or not piece[-1].text[:1].isalnum()):
        piece = piece[:-1]
    while piece and (piece[0].text.lower() in _LEADING_JUNK or not piece[0].text[:1].isalnum()):
        piece = piece[1:]
    if not piece:
        return []
    titles, skip = _strip_titles(piece, domain)
    piece = piece[skip:]
    if not piece:
        return []
    first = _extend_left(tokens, piece[0].i, domain) if not titles else piece[0].i
    piece = tokens[first : piece[-1].i + 1]
    earlier, title_start = _titles_before(tokens, piece[0].i, domain)
    titles = earlier + titles
    last = piece[-1].i + 1
    following = tokens[last] if last < len(tokens) else None
    if following is not None and following.text in _POSSESSIVE:
        following = tokens[last + 1] if last + 1 < len(tokens) else None
    kind = classify(piece, following, domain)
    if kind is None:
        return []
    before = tokens[title_start - 1].text.lower() if title_start > 0 else ""
    if before == "to" and title_start > 1 and tokens[title_start - 2].text.lower() in _MOTION:
        before = "into"  # "retreated to O'Smach": a destination
    return [
        Candidate(
            passage=passage.index,
            start=piece[0].idx,
            end=piece[-1].idx + len(piece[-1].text),
            text=passage.text[piece[0].idx : piece[-1].idx + len(piece[-1].text)],
            kind=kind,
            titles=titles,
            locative=before in _LOCATIVE,
            first_token=piece[0].i,
            last_token=last,
        )
    ]


def name_key(text: str) -> str:
    """Matching key for a name: folded, possessive and hyphen spacing removed."""
    return re.sub(r"\s*-\s*", "-", fold(text))

"""Whether a number in running text counts something, or names, dates or times it: identifiers
("Division 616", "Apollo 11"), "one" as a determiner, numbers inside names ("the Five Charter
Oath"), running heads and page numbers."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from studyapp.content.extraction.document import ParsedPassage

if TYPE_CHECKING:
    from spacy.tokens import Token

# A number after one of these nouns names something ("Division 616", "Highway 1").
IDENTIFIER_NOUNS = {"resolution", "article", "route", "highway", "road", "chapter", "page", "pages",
                    "section", "paragraph", "no", "number", "part", "phase", "site", "room",
                    "division", "unit", "zone", "sector", "region", "battalion", "brigade",
                    "regiment", "camp", "code", "case", "flight", "item", "volume", "vol", "level",
                    "grade", "class", "type", "model", "version", "act", "law", "decree", "#",
                    "category", "point", "figure", "table", "s", "cell", "block", "building",
                    "prison", "office", "district", "sub-district", "kilometre", "km", "village",
                    "street", "st", "house", "lot", "row", "line", "squad", "group", "p", "pp", "episode",
                    "season", "issue", "edition", "footnote", "note", "ref", "amendment", "protocol"}  # fmt: skip
_REPORTING = {"said", "says", "say", "told", "tells", "added", "explained", "according",
              "reported", "claimed", "stated", "warned", "admitted", "insisted", "recalled"}  # fmt: skip
_SOURCE_NOUNS = {"source", "sources", "estimate", "report", "account", "observer", "analyst",
                 "expert", "study", "survey", "version", "theory", "diplomat", "official",
                 "count"}  # fmt: skip
_ONE_IDIOMS = {"another", "day", "time", "point", "way", "thing", "by", "after", "or", "and",
               "hand", "moment"}  # fmt: skip
# Units written before the number they measure.
UNITS_BEFORE = {"mach"}
_TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}
_NOUN_TAGS = {"NN", "NNS", "NNP", "NNPS"}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"}  # fmt: skip


def is_identifier(tokens: list[Token], start: int, passage: ParsedPassage) -> bool:
    """The number names something: "Division 616", "Highway 1", "Apollo 11", "Lecture 9"."""
    if start == 0:
        return False
    before = tokens[start - 1]
    word = before.text.lower().rstrip(".")
    if word in IDENTIFIER_NOUNS:
        return True
    if word in UNITS_BEFORE:
        return False  # "Mach 1": a measure written before its number
    if (
        before.text == "."
        and start > 1
        and tokens[start - 2].text.istitle()
        and len(tokens[start - 2].text) <= 4
    ):
        return True  # an abbreviated label: "Art. 27", "Vol. 3", "Fig. 2"
    # A capitalised name word right before a bare number: "Apollo 11 crew", "Launch Complex 39
    # site". An acronym before a count is a result ("the CPP 64 of the 122 seats"); an adverb
    # the tagger took for a name is no name ("Initially 3 Marine security guards").
    if not (
        before.tag_ in ("NNP", "NN")
        and before.text.istitle()
        and word not in _MONTHS
        and not word.endswith("ly")
    ):
        return False
    if passage.sentence_span(before.idx)[0] == before.idx:
        # At the start of a sentence the word may be any capitalised word ("Some 300 ...").
        return (
            before.tag_ == "NNP"
            and tokens[start + 1 : start + 2] != []
            and (tokens[start + 1].text.lower() not in ("of", "to", "-", "–"))
        )
    after = tokens[start + 1] if start + 1 < len(tokens) else None
    # A plural noun after it is what the number counts: "the Third Republic two days later".
    return after is None or not (after.text == "of" or after.tag_ == "NNS")


def one_is_count(tokens: list[Token], start: int, sentence_words: list[str]) -> bool:
    """'one' as a real count ("one squadron") rather than a determiner or pronoun."""
    after = tokens[start + 1] if start + 1 < len(tokens) else None
    before = tokens[start - 1].text.lower() if start > 0 else ""
    if [t.text.lower() for t in tokens[start + 1 : start + 4]] == ["and", "a", "half"]:
        return True  # "one and a half orbits"
    if after is None or after.text.lower() in _ONE_IDIOMS | {"of"}:
        return False
    if after.text in ("-", "–") and start + 2 < len(tokens):
        return tokens[start + 2].text.lower() in _TIME_UNITS  # "a one-year term"
    if after.tag_ not in _NOUN_TAGS | {"JJ", "CD"}:
        return False  # pronoun: "is one shared by many"
    if before in {"no", "any", "every", "each", "the", "this", "which", "at", "than", "in", "on"}:
        return False  # "no one", "in one incident", "on one occasion": not a count
    if after.text.lower() in _SOURCE_NOUNS or (
        start + 2 < len(tokens) and tokens[start + 2].text.lower() in _SOURCE_NOUNS
    ):
        return False  # "one source", "one US estimate": a determiner
    if before in _REPORTING:
        return False  # "said one diplomat"
    following = [t.text.lower() for t in tokens[start + 1 : start + 6]]
    if any(word in _REPORTING for word in following):
        return False  # "one source said"
    rest = (
        " ".join(sentence_words[sentence_words.index("one") + 1 :])
        if "one" in sentence_words
        else ""
    )
    return not re.search(r"\b(?:another|the other|the others)\b", rest)


def in_heading(sentence: str) -> bool:
    """A running head, page number or title line ("THE COMMUNE OF PARIS 187", "- 14 -",
    "Apollo 11: The First Crewed Moon Landing"): no word in lower case, so no statement."""
    return not re.search(r"\b[a-z][a-z]+\b", sentence)


def inside_name(tokens: list[Token], start: int, passage: ParsedPassage) -> bool:
    """A capitalised number word inside a name: "the Five Charter Oath", "the Two Sicilies",
    "the Three Pashas", '"Ten Tragic Days"'."""
    token = tokens[start]
    if not token.is_alpha or not token.text[:1].isupper() or start + 1 >= len(tokens):
        return False
    if passage.sentence_span(token.idx)[0] == token.idx:
        return False  # "Five days later ...": capitalised because it starts the sentence
    after = tokens[start + 1]
    return after.text[:1].isupper() and after.is_alpha

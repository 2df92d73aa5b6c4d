"""Key numbers: counts and measures (troops, tanks, money, percentages, durations), not dates."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from studyapp.content.extraction.counting import (
    UNITS_BEFORE,
    in_heading,
    inside_name,
    is_identifier,
    one_is_count,
)
from studyapp.content.extraction.document import ParsedPassage
from studyapp.content.extraction.factlines import fact_line
from studyapp.content.extraction.numbers import (
    NUMBER_WORDS,
    RANGE_TOKEN,
    SCALES,
    and_a_half,
    parse_digits,
    words_to_number,
)
from studyapp.core.extraction import Figure

if TYPE_CHECKING:
    from spacy.tokens import Token

_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$", re.I)
_CURRENCIES = {"$": "USD", "us$": "USD", "usd": "USD", "£": "GBP", "€": "EUR", "¥": "JPY",
               "dollars": "USD", "dollar": "USD", "riels": "riels", "riel": "riels",
               "baht": "baht", "dong": "dong", "yuan": "yuan"}  # fmt: skip
_PERCENT = {"%", "percent", "per cent", "pc"}
# Words before a number that keep the number as the value ("about 150,000").
APPROXIMATIONS = {"about", "around", "nearly", "almost", "approximately", "roughly", "some",
                  "over", "under", "only", "just", "up", "to", "at", "least", "most", "more",
                  "less", "fewer", "than", "estimated", "an", "a", "another", "the", "other",
                  "all", "exactly", "precisely", "close", "upwards", "of"}  # fmt: skip
_LEAD_WORDS = ("c.", "ca.", "~", "about", "around", "nearly", "almost", "approximately", "roughly", "some", "over",
               "under", "only", "just", "up to", "at least", "at most", "more than", "less than",
               "fewer than", "an estimated", "estimated", "close to", "upwards of")  # fmt: skip
_VAGUE_BEFORE = {"several", "few", "many", "multi", "tens", "hundreds", "thousands", "dozens",
                 "millions", "couple"}  # fmt: skip
_ONE_COMPOUNDS = {"party", "way", "off", "time", "sided", "man", "on", "to", "size", "stop"}
_FRACTIONS = {"third", "thirds", "quarter", "quarters", "half", "halves", "fifth", "fifths",
              "tenth", "tenths"}  # fmt: skip
_TRANSPARENT = {'"', "“", "”", "-", "'", "‘", "’"}
_NOUN_TAGS = {"NN", "NNS", "NNP", "NNPS"}
_SKIP_TAGS = {"JJ", "JJR", "JJS", "VBN", "``", "''", "HYPH", "PRP$", "DT", "RB", "VBG"}


_SUFFIXED = re.compile(r"^(\d+(?:\.\d+)?)(bn|b|m|k)$", re.I)
_SUFFIX_SCALE = {"bn": 1e9, "b": 1e9, "m": 1e6, "k": 1e3}


# Words between two numbers that share one noun.
_LINKS = frozenset(("to", "and", "or", "-", "–", "of", "out", "the"))


def _is_number_token(token: Token) -> bool:
    text = token.text.lower()
    if _ORDINAL.match(text) or ":" in text:
        return False
    return parse_digits(text) is not None or text in NUMBER_WORDS or bool(_SUFFIXED.match(text))


def _value(tokens: list[Token], start: int, end: int) -> tuple[float | None, int]:
    """Value of the number in tokens[start:end] and where it ends, with a written scale suffix
    ("$1.6bn", "300m riels")."""
    words = [t.text for t in tokens[start:end]]
    suffixed = _SUFFIXED.match(words[0]) if len(words) == 1 else None
    if suffixed:
        return float(suffixed.group(1)) * _SUFFIX_SCALE[suffixed.group(2).lower()], end
    value = words_to_number(words)
    if (
        value is not None
        and end < len(tokens)
        and tokens[end].text.lower() in _SUFFIX_SCALE
        and tokens[end - 1].whitespace_ == ""
    ):
        return value * _SUFFIX_SCALE[tokens[end].text.lower()], end + 1
    return value, end


def _unit_after(tokens: list[Token], position: int) -> str:
    """What a number counts: the noun (or proper noun run) after it."""
    index = position
    if index < len(tokens) and tokens[index].text.lower() == "of":
        index += 1  # "200 of his fighters"
    seen_noun: list[Token] = []
    while index < len(tokens) and len(seen_noun) < 6:
        token = tokens[index]
        if token.tag_ in _NOUN_TAGS and token.text[:1].isalpha() or token.text == "%":
            seen_noun.append(token)
        elif token.text in _TRANSPARENT:
            pass  # quotes and hyphens inside a noun phrase: the "re-education camps"
        elif seen_noun or token.tag_ not in _SKIP_TAGS | {"NNP", "NNPS"}:
            break
        index += 1
    if not seen_noun:
        following = tokens[position] if position < len(tokens) else None
        if (
            following is not None
            and following.tag_ in ("JJ", "NNPS", "NNP")
            and following.text[:1].isupper()
        ):
            return following.text  # "killed 500 Vietnamese"
        return ""
    if all(t.tag_ in ("NNP", "NNPS") for t in seen_noun):
        return " ".join(t.text for t in seen_noun)
    return seen_noun[-1].text


def _unit_after_range(tokens: list[Token], position: int) -> str:
    """The noun after the second number, for the first: "2,000 to 3,000 guerrillas",
    "58 of the 120 seats"."""
    index = position
    while index < len(tokens) and index - position < 3 and tokens[index].text.lower() in _LINKS:
        index += 1
    numbers_start = index
    while index < len(tokens) and _is_number_token(tokens[index]):
        index += 1
    if numbers_start == position or index == numbers_start:
        return ""
    return _unit_after(tokens, index)


def _unit_before(tokens: list[Token], position: int) -> str:
    """The noun of "an army of 70,000" / "a population of eight million"."""
    index = position - 1
    while index >= 0 and tokens[index].text.lower() in APPROXIMATIONS - {"of"}:
        index -= 1
    if (
        index >= 1
        and tokens[index].text.lower() == "of"
        and tokens[index - 1].tag_ in ("NN", "NNS")
    ):
        return tokens[index - 1].text
    return ""


def _plural(noun: str) -> str:
    if noun.lower().endswith("s") or not noun.isalpha() or not noun.islower():
        return noun
    return noun + "s"


def find_figures(passage: ParsedPassage, excluded: list[tuple[int, int]]) -> list[Figure]:
    """Every key number in a passage.

    Args:
        passage: The parsed passage.
        excluded: Character spans of date expressions (numbers inside are dates).

    Returns:
        One Figure per number; a range or pair gives one per number.
    """
    tokens = list(passage.doc)
    figures: list[Figure] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        parts = RANGE_TOKEN.match(token.text)
        if parts and not _is_number_token(token):
            for group in ("low", "high"):
                if parts.group(group):
                    value = parse_digits(parts.group(group))
                    span = (token.idx + parts.start(group), token.idx + parts.end(group))
                    figure = _figure(passage, tokens, index, index + 1, excluded,
                                     part=(value, *span)) if value is not None else None  # fmt: skip
                    if figure is not None:
                        figures.append(figure)
            index += 1
            continue
        if not _is_number_token(token):
            index += 1
            continue
        end = index + 1
        while end < len(tokens):  # "two million", "twenty - five", "one hundred and five"
            nxt = tokens[end].text.lower()
            if nxt in NUMBER_WORDS and tokens[end - 1].text.lower() != "-":
                end += 1
            elif (
                nxt in ("-", "and")
                and end + 1 < len(tokens)
                and tokens[end + 1].text.lower() in NUMBER_WORDS
                and tokens[end - 1].text.lower() in NUMBER_WORDS
            ):
                end += 2
            else:
                break
        figure = _figure(passage, tokens, index, end, excluded)
        if figure is not None:
            figures.append(figure)
        index = end
    return figures


def _figure(
    passage: ParsedPassage,
    tokens: list[Token],
    start: int,
    end: int,
    excluded: list[tuple[int, int]],
    part: tuple[float, int, int] | None = None,
) -> Figure | None:
    """The figure of tokens[start:end]; ``part`` is (value, start, end) of one number of a
    token holding two ("25,000–50,000")."""
    words = [t.text for t in tokens[start:end]]
    first = tokens[start]
    char_start, char_end = first.idx, tokens[end - 1].idx + len(tokens[end - 1].text)
    if any(s < char_end and char_start < e for s, e in excluded):
        return None
    if part is None:
        value, end = _value(tokens, start, end)
        if value is None:
            return None
        char_end = tokens[end - 1].idx + len(tokens[end - 1].text)
        value += and_a_half([t.text for t in tokens[end : end + 3]])
    else:
        value, char_start, char_end = part
    lower = words[0].lower()
    previous = tokens[start - 1].text.lower() if start > 0 else ""
    if lower in SCALES and previous not in ("a", "an", "one"):
        return None  # "hundred" alone is not a count we can state
    if previous in _VAGUE_BEFORE or (
        previous == "-" and start > 1 and tokens[start - 2].text.lower() in _VAGUE_BEFORE
    ):
        return None  # "several hundred", "multi-million"
    if len(words) == 1 and re.fullmatch(r"1[4-9]\d\d|20\d\d", words[0]):
        return None  # a year the date finder did not take
    if is_identifier(tokens, start, passage) or inside_name(tokens, start, passage):
        return None
    sentence_start, sentence_end = passage.sentence_span(first.idx)
    if in_heading(passage.text[sentence_start:sentence_end]) and fact_line(passage.text) is None:
        return None
    if lower == "one" and len(words) == 1:
        sentence_words = passage.text[sentence_start:sentence_end].lower().split()
        if not one_is_count(tokens, start, sentence_words):
            return None
    after = tokens[end] if end < len(tokens) else None
    if after is not None and after.text.lower() in ("a.m.", "p.m.", "am", "pm", "o'clock"):
        return None
    if previous == "[" and after is not None and after.text == "]":
        return None  # a citation mark: "[12]"
    if start == 0 and after is not None and after.text in (".", ")"):
        return None  # a list marker: "1." at the start of a passage
    compound = (
        tokens[end + 1].text.lower()
        if after is not None and after.text in ("-", "–") and end + 1 < len(tokens)
        else ""
    )
    if compound.endswith("ed") or (lower == "one" and compound in _ONE_COMPOUNDS):
        return None  # adjectives, not counts: "one-legged", "three-pronged", "one-party"
    if (
        after is not None
        and after.text in ("-", "–")
        and end + 1 < len(tokens)
        and tokens[end + 1].text.lower() in _FRACTIONS
    ):
        return None  # "two-thirds"
    unit = ""
    if start > 0 and tokens[start - 1].text.lower() in UNITS_BEFORE:
        unit = tokens[start - 1].text  # "Mach 1"
    elif start > 0 and tokens[start - 1].text.lower() in _CURRENCIES:
        unit = _CURRENCIES[tokens[start - 1].text.lower()]
        char_start = tokens[start - 1].idx
    elif after is not None and after.text.lower() in _PERCENT | {"per"}:
        unit = "percent"
    elif after is not None and after.text.lower() in _CURRENCIES:
        unit = _CURRENCIES[after.text.lower()]
    elif after is not None and after.text in ("-", "–") and end + 1 < len(tokens):
        unit = _plural(tokens[end + 1].text)  # "13-year war", "12,000-member air force"
    else:
        unit = (
            _unit_after(tokens, end)
            or _unit_before(tokens, start)
            or _unit_after_range(tokens, end)
        )
    if unit.lower() in ("year", "years") and value > 150 and words[0].isdigit():
        return None  # "1975 years": a year misread, not a duration ("two hundred years" is one)
    char_start = _extend_lead(passage.text, char_start)
    sentence_text = passage.text[sentence_start:sentence_end].strip()
    return Figure(
        value=value,
        unit=unit,
        text=passage.text[char_start:char_end],
        passage=passage.index,
        start=char_start,
        end=char_end,
        sentence=sentence_text,
    )


def _extend_lead(text: str, start: int) -> int:
    """Include approximation words before the number in its span ("more than 1,000")."""
    head = text[max(0, start - 20) : start].lower()
    for lead in sorted(_LEAD_WORDS, key=len, reverse=True):
        if head.endswith(lead + " "):
            return start - len(lead) - 1
    return start

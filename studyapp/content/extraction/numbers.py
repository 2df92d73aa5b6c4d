"""Numbers written in digits or English words, to their value."""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1,
}  # fmt: skip
SCALES = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000}  # fmt: skip
NUMBER_WORDS = frozenset(UNITS) - {"a", "an"} | frozenset(SCALES)
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$|^\.\d+$")


def parse_digits(text: str) -> float | None:
    """Value of a digit string such as ``1,000``, ``99.17`` or ``615,000``; None otherwise."""
    text = text.strip()
    if not _DIGITS.match(text):
        return None
    return float(text.replace(",", ""))


def words_to_number(words: list[str]) -> float | None:
    """Value of a number phrase: ``["two", "million"]`` -> 2000000.0.

    Digits may start the phrase (``["50", "million"]``); hyphens and "and" are
    allowed (``twenty-five``, ``one hundred and five``). Returns None when the
    words are not one well-formed number.
    """
    tokens = [w.lower() for part in words for w in re.split(r"[-\s]+", part) if w]
    tokens = [t for t in tokens if t != "and"] if len(tokens) > 1 else tokens
    if not tokens:
        return None
    total = 0.0
    current: float | None = None
    for index, token in enumerate(tokens):
        digits = parse_digits(token)
        if digits is not None:
            if current is not None or index > 0:
                return None
            current = digits
        elif token in UNITS:
            if token in ("a", "an") and (
                index + 1 >= len(tokens) or tokens[index + 1] not in SCALES
            ):
                return None
            value = UNITS[token]
            if current is None:
                current = float(value)
            elif current % 100 >= 20 and current % 10 == 0 and 0 < value < 10:
                current += value  # "twenty" + "five"
            elif current >= 100 and current % 100 == 0 and value < 100:
                current += value  # "one hundred" + "five"
            else:
                return None
        elif token in SCALES:
            scale = SCALES[token]
            if current is None:
                if index > 0:
                    return None  # "thousand million", "two thousand thousand"
                current = 1.0
            if scale == 100:
                current *= scale
            else:
                total += current * scale
                current = None
        else:
            return None
    return total + (current or 0.0)


# One token holding a range or an approximate number: "25,000–50,000", "~15,000", "10,000+".
RANGE_TOKEN = re.compile(
    r"^[~≈]?(?P<low>\d{1,3}(?:,\d{3})+|\d+)(?:[–—-](?P<high>\d{1,3}(?:,\d{3})+|\d+))?\+?$"
)


def and_a_half(following: list[str]) -> float:
    """0.5 when the words after a number are "and a half" ("one and a half orbits"), else 0."""
    return 0.5 if [w.lower() for w in following] == ["and", "a", "half"] else 0.0

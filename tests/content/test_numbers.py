"""Numbers in digits or words, and which numbers are key figures."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studyapp.content.extraction.numbers import words_to_number
from studyapp.core.articles import ArticleText

ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]  # fmt: skip
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def spell(n: int) -> str:
    """English words for 1 <= n < 1,000,000 (a reference independent of the parser)."""
    if n >= 1000:
        head, rest = divmod(n, 1000)
        return f"{spell(head)} thousand" + (f" {spell(rest)}" if rest else "")
    if n >= 100:
        head, rest = divmod(n, 100)
        return f"{ONES[head]} hundred" + (f" and {spell(rest)}" if rest else "")
    if n >= 20:
        return TENS[n // 10] + (f"-{ONES[n % 10]}" if n % 10 else "")
    return TEENS[n - 10] if n >= 10 else ONES[n]


@given(st.integers(1, 999_999))
def test_spelled_numbers(n: int) -> None:
    assert words_to_number(spell(n).split()) == n


@pytest.mark.parametrize(
    ("words", "value"),
    [(["two", "million"], 2e6), (["50", "million"], 5e7), (["1.5", "billion"], 1.5e9),
     (["615,000"], 615000), (["99.17"], 99.17), (["a", "thousand"], 1000), (["one", "hundred", "and", "five"], 105)],
)  # fmt: skip
def test_number_phrases(words: list[str], value: float) -> None:
    assert words_to_number(words) == value


@pytest.mark.parametrize(
    "words", [["two", "two"], ["thousand", "million"], ["a"], ["soldiers"], []]
)
def test_not_numbers(words: list[str]) -> None:
    assert words_to_number(words) is None


def _figures(nlp, text: str) -> list[tuple[float, str]]:  # noqa: ANN001
    from studyapp.content.extraction import extract

    extraction = extract(ArticleText("t", (text,)))
    return [(f.value, f.unit) for f in extraction.figures]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They were tricked out of between $300 and $1,000 each.", [(300, "USD"), (1000, "USD")]),
        ("Turnout was 99.17 percent in the province.", [(99.17, "percent")]),
        ("It ended the 13-year war and a seven-month ceasefire.", [(13, "years"), (7, "months")]),
        ("Nine days later two million people had left the city.", [(9, "days"), (2e6, "people")]),
        ("He left with 200 of his fighters from Division 616.", [(200, "fighters")]),
        ("Thousands of soldiers and several hundred monks, one source said.", []),
        ("The 4th Division moved down Highway 1 on the 2nd day, said one diplomat.", []),
        (
            "One Kampuchean soldier was equal to 30 Vietnamese soldiers.",
            [(1, "soldier"), (30, "soldiers")],
        ),
        ("Part 2 of resolution 718 was read in 1991.", []),
        ("It cost $1.6bn and 300m riels.", [(1.6e9, "USD"), (3e8, "riels")]),
        ("Two-thirds of the one-legged veterans got a one-year pension.", [(1, "years")]),
    ],
)
def test_key_figures(nlp, text: str, expected: list[tuple[float, str]]) -> None:  # noqa: ANN001
    assert _figures(nlp, text) == expected

"""Words for questions: past-tense verbs, readable and wrong dates, numbers of the same size."""

from __future__ import annotations

import random
from datetime import date

import pytest

from studyapp.questions import dates, numbers
from studyapp.questions.verbs import base_form, is_past


@pytest.mark.parametrize(
    ("past", "base"),
    [
        ("conquered", "conquer"),
        ("ed", "ed"),  # an editor's "[ed.]" parsed as a verb
        ("decided", "decide"),
        ("stopped", "stop"),
        ("tried", "try"),
        ("united", "unite"),
        ("visited", "visit"),
        ("created", "create"),
        ("defeated", "defeat"),
        ("massacred", "massacre"),
        ("assembled", "assemble"),
        ("graduated", "graduate"),
        ("agreed", "agree"),
        ("continued", "continue"),
        ("controlled", "control"),
        ("took", "take"),
        ("fled", "flee"),
        ("met", "meet"),
        ("opened", "open"),
        ("changed", "change"),
        ("died", "die"),
        ("besieged", "besiege"),
        ("obliged", "oblige"),
        ("begged", "beg"),
    ],
)
def test_base_form(past: str, base: str) -> None:
    assert base_form(past) == base


def test_past_forms_and_lookalikes() -> None:
    assert is_past("launched") and is_past("became")
    assert not is_past("proceed") and not is_past("hundred") and not is_past("armed")


def test_readable_dates_and_ranges() -> None:
    assert dates.readable("1979-01-07") == "7 January 1979"
    assert dates.readable("1963-05") == "May 1963"
    assert dates.readable_range("1960-09-28", "1960-09-30") == "28–30 September 1960"
    assert dates.readable_range("1978-01-09", "1978-02-20") == "9 January – 20 February 1978"
    assert "January 7, 1979" in dates.spellings("1979-01-07")


def test_near_dates_are_distinct_same_precision_and_outside_the_range() -> None:
    for iso, end in (("1979-01-07", ""), ("1963-05", ""), ("1966", "1970"), ("1975", "")):
        wrong = dates.near_dates(iso, end, ["1975-04-17", "1977", "1978-06"], random.Random(1), 3)
        assert len(wrong) == 3 and len(set(wrong)) == 3
        first, last = dates.interval(iso, end)
        for candidate in wrong:
            assert dates.precision_of(candidate) == dates.precision_of(iso)
            start, stop = dates.interval(candidate)
            assert stop < first or start > last


def test_near_values_keep_the_magnitude() -> None:
    for value in (615000.0, 60000.0, 500.0, 13.0, 2.0):
        wrong = numbers.near_values(value, random.Random(3), 3)
        assert len(wrong) == 3 and value not in wrong and len(set(wrong)) == 3
        assert all(value / 5 <= w <= value * 5 for w in wrong if value >= 20)
    assert numbers.plain(2000000) == "2 million" and numbers.plain(615000) == "615,000"
    assert numbers.qualifier("more than 1,000") == "more than"


def test_near_dates_stay_within_the_story() -> None:
    """A day of the same campaign, not the same day a year later, nor an article date years off."""
    others = ["1871-03-18", "1871-05-21", "1880-07-11", "1872-05-22"]
    for seed in range(20):
        wrong = dates.near_dates("1871-05-23", "", others, random.Random(seed), 3)
        assert len(wrong) == 3
        assert all(abs((date.fromisoformat(w) - date(1871, 5, 23)).days) <= 120 for w in wrong), wrong

"""Date expressions normalised to ISO 8601 cut to their precision."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studyapp.content.extraction.dates import find_dates

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "date", "precision", "end_date"),
    [
        ("On September 28-30, 1960, the congress met", "1960-09-28", "day", "1960-09-30"),
        ("on February 20 and 21, 1963, the party", "1963-02-20", "day", "1963-02-21"),
        ("From 1966 to 1970, the base was", "1966", "year", "1970"),
        ("At the end of December 1977, Vietnam", "1977-12", "month", ""),
        ("the 1978 Vietnamese invasion", "1978", "year", ""),
        ("the founding congress (1960) was", "1960", "year", ""),
        ("on Christmas day, 1978 the army", "1978-12-25", "day", ""),
        ("born on 5/19/1924 in", "1924-05-19", "day", ""),
        ("the 1975-79 regime", "1975", "year", "1979"),
        ("From January 9 to February 20, 1978, he", "1978-01-09", "day", "1978-02-20"),
        ("On 31 December 1977, Khieu Samphan", "1977-12-31", "day", ""),
        ("During the second half of 1978, leaders", "1978", "year", ""),
        ("voting from 23 to 28 May 1993 was", "1993-05-23", "day", "1993-05-28"),
        ("from October 5, 1992 to January 31, 1993", "1992-10-05", "day", "1993-01-31"),
        ("held between 1975 and 1979", "1975", "year", "1979"),
        ("In Sept. 1970 the", "1970-09", "month", ""),
        ("on February 30, 1977 (sic)", "1977-02", "month", ""),
        ("the pilgrimage he undertook in 1324, and", "1324", "year", ""),
        ("Musa died about 1337.", "1337", "year", ""),
        ("the Mamluk sultan Baybars (1260-77) sent", "1260", "year", "1277"),
        ("On 16 December 755 An Lushan marched", "0755-12-16", "day", ""),
        ("In 751 she adopted him", "0751", "year", ""),
        ("the poem of 806, became famous", "0806", "year", ""),
        ("The death of Li Linfu in 752 brought Yang Guozhong to power", "0752", "year", ""),
    ],
)
def test_explicit_dates(text: str, date: str, precision: str, end_date: str) -> None:
    found = [d for d in find_dates(text) if d.kind == "explicit"]
    assert len(found) == 1, found
    assert (found[0].date, found[0].precision, found[0].end_date) == (date, precision, end_date)


@pytest.mark.parametrize(
    "text",
    [
        "Security Council resolution 718 (1991) said",
        "document S/1994/645 of the council",
        "in the early 1980s and the 1950s",
        "a force of 1,975 men",
        "He led 1200 horsemen across the river",
        "Around 500 KR soldiers have graduated",
        "Strength: c. 900 Spaniards",
        "Sinn Féin won 73 of 105 Irish seats",
        "in 300 ships and about 400 armed men",
        "In 500 men sailed and 200 cavalry rode",
        "Rome was founded in 753 BC by",
    ],
)
def test_identifiers_decades_and_impossible_dates_are_not_events(text: str) -> None:
    assert not [d for d in find_dates(text) if d.kind == "explicit"]


def test_yearless_and_relative_dates_are_found_for_context() -> None:
    kinds = {
        (d.text, d.kind)
        for d in find_dates("By the end of June, 9 days later, our 6 January victory")
    }
    assert kinds == {("June", "yearless"), ("9 days later", "relative"), ("6 January", "yearless")}


@given(st.dates(min_value=dt.date(1500, 1, 1), max_value=dt.date(2099, 12, 31)), st.booleans())
def test_any_calendar_day_round_trips(day: dt.date, british: bool) -> None:
    month = MONTHS[day.month - 1]
    text = (
        f"On {day.day} {month} {day.year}, it"
        if british
        else f"On {month} {day.day}, {day.year}, it"
    )
    (found,) = find_dates(text)
    assert (found.date, found.precision) == (day.isoformat(), "day")

"""Dates for questions: readable answers, accepted spellings, ordering and plausible wrong dates."""

from __future__ import annotations

import calendar
import random
import re
from datetime import date, timedelta

MONTHS = list(calendar.month_name)  # "", "January", ...


def parts(iso: str) -> tuple[int, int, int]:
    """(year, month, day) of an ISO date cut to its precision; missing parts are 0."""
    pieces = [int(piece) for piece in iso.split("-")]
    return (pieces + [0, 0])[0], (pieces + [0, 0])[1], (pieces + [0, 0, 0])[2]


def precision_of(iso: str) -> str:
    """ "day", "month" or "year" from the shape of an ISO date."""
    return {1: "year", 2: "month"}.get(iso.count("-") + 1, "day")


def readable(iso: str) -> str:
    """ "1979-01-07" -> "7 January 1979", "1963-05" -> "May 1963", "1970" -> "1970"."""
    year, month, day = parts(iso)
    if day:
        return f"{day} {MONTHS[month]} {year}"
    if month:
        return f"{MONTHS[month]} {year}"
    return str(year)


def readable_range(iso: str, end: str = "") -> str:
    """A date or a range in words: "28–30 September 1960", "9 January – 20 February 1978"."""
    if not end or end == iso:
        return readable(iso)
    (y1, m1, d1), (y2, m2, d2) = parts(iso), parts(end)
    if d1 and d2 and (y1, m1) == (y2, m2):
        return f"{d1}–{d2} {MONTHS[m1]} {y1}"
    if y1 == y2 and (d1 or m1):
        first = readable(iso).rsplit(" ", 1)[0]
        return f"{first} – {readable(end)}"
    return f"{readable(iso)} – {readable(end)}"


def spellings(iso: str) -> list[str]:
    """Other ways a learner may type the same date (for typed answers)."""
    year, month, day = parts(iso)
    if day:
        name = MONTHS[month]
        return [
            f"{name} {day}, {year}",
            f"{name} {day} {year}",
            f"{day} {name[:3]} {year}",
            f"{name[:3]} {day}, {year}",
            iso,
        ]
    if month:
        return [f"{MONTHS[month][:3]} {year}", f"{year}-{month:02d}"]
    return []


def interval(iso: str, end: str = "") -> tuple[date, date]:
    """The first and last day a date (or range) covers, for safe ordering."""
    year, month, day = parts(iso)
    first = date(year, month or 1, day or 1)
    last_iso = end or iso
    ly, lm, ld = parts(last_iso)
    if ld:
        last = date(ly, lm, ld)
    elif lm:
        last = date(ly, lm, calendar.monthrange(ly, lm)[1])
    else:
        last = date(ly, 12, 31)
    return first, max(first, last)


# How far from the right date a wrong one may lie, by precision: a day of the same campaign,
# a month of the same year or so. A year away ("22 May 1872" for the Commune's last week)
# falls outside the story and gives itself away.
NEARBY_DAYS = {"year": 3 * 366, "month": 366, "day": 120}


def _days_apart(first: str, second: str) -> int:
    def as_date(iso: str) -> date:
        year, month, day = parts(iso)
        return date(year, month or 1, day or 1)

    return (as_date(first) - as_date(second)).days


def near_dates(
    iso: str, end: str, others: list[str], rng: random.Random, count: int = 3, same_year: bool = False
) -> list[str]:
    """``count`` wrong dates of the same precision near ``iso``, as ISO strings.

    Dates from the same article come first (they are the most plausible), then
    shifts of the right date; nothing inside the right date's range is offered. With
    ``same_year`` only dates in ``iso``'s year: the title states it, or the learner reads
    it elsewhere, so another year would give itself away.
    """
    precision = precision_of(iso)
    first, last = interval(iso, end)
    year, month, day = parts(iso)

    def acceptable(candidate: str) -> bool:
        if precision_of(candidate) != precision or (same_year and candidate[:4] != iso[:4]):
            return False
        start, stop = interval(candidate)
        return stop < first or start > last

    reach = NEARBY_DAYS[precision]
    nearby = sorted({other for other in others if acceptable(other) and abs(_days_apart(other, iso)) <= reach})
    rng.shuffle(nearby)
    shifted: list[str] = []
    if precision == "year":
        shifted = [str(year + delta) for delta in (-1, 1, -2, 2, 3, -3)]
    elif precision == "month":
        for delta in (-2, -1, 1, 2, 3, -3):
            index = year * 12 + month - 1 + delta
            shifted.append(f"{index // 12}-{index % 12 + 1:02d}")
    else:
        base = date(year, month, day)
        for delta in (-31, 30, -14, 12, 61, -61):
            moved = base + timedelta(days=delta)
            shifted.append(moved.isoformat())
    rng.shuffle(shifted)
    chosen: list[str] = []
    for candidate in nearby[:2] + shifted + nearby[2:]:
        if acceptable(candidate) and candidate not in chosen:
            chosen.append(candidate)
        if len(chosen) == count:
            break
    return chosen


def near_ranges(iso: str, end: str, rng: random.Random, count: int = 3) -> list[tuple[str, str]]:
    """Wrong ranges as long as the right one, shifted so they do not overlap it."""
    first, last = interval(iso, end)
    precision = precision_of(iso)
    found: list[tuple[str, str]] = []
    deltas = [-3, -2, 2, 3, -4, 4] if precision == "year" else [-2, -1, 1, 2, 12, -12]
    rng.shuffle(deltas)
    for delta in deltas:
        shifted = []
        for value in (iso, end):
            year, month, day = parts(value)
            if precision == "year":
                shifted.append(str(year + delta))
                continue
            index = year * 12 + month - 1 + delta
            moved_year, moved_month = index // 12, index % 12 + 1
            if precision == "month":
                shifted.append(f"{moved_year}-{moved_month:02d}")
            else:
                moved_day = min(day, calendar.monthrange(moved_year, moved_month)[1])
                shifted.append(f"{moved_year}-{moved_month:02d}-{moved_day:02d}")
        start, stop = interval(shifted[0], shifted[1])
        if stop < first or start > last:
            found.append((shifted[0], shifted[1]))
        if len(found) == count:
            break
    return found


def written_like(iso: str, like: str) -> str:
    """``iso`` written in the style of ``like`` ("July 20, 1969", "20 July 1969", "1969"),
    so a changed date in a statement does not stand out by its form."""
    year, month, day = parts(iso)
    stripped = like.strip()
    has_year = re.search(r"\d{4}", stripped) is not None
    if day and not has_year:  # "On July 19": its year is read elsewhere
        return f"{MONTHS[month]} {day}" if stripped[:1].isalpha() else f"{day} {MONTHS[month]}"
    if day and stripped[:1].isalpha():
        name = MONTHS[month]
        if "," in stripped:
            return f"{name} {day}, {year}"
        return f"{name} {day} {year}"
    return readable(iso)

"""Progress figures from per-day aggregates: heatmap, weekly retention, streaks, forecast."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from studyapp.core.study import WeekRetention
from studyapp.study.days import StudyClock

HEATMAP_DAYS = 365
FORECAST_DAYS = 30
RETENTION_WEEKS = 52


def streaks(days: Iterable[int], today: int) -> tuple[int, int]:
    """(current, longest) runs of consecutive study days with at least one review.

    The current streak is still alive when today has no review yet but yesterday had.
    """
    ordered = sorted(set(days))
    longest = run = 0
    previous = None
    for day in ordered:
        run = run + 1 if previous is not None and day == previous + 1 else 1
        longest = max(longest, run)
        previous = day
    present = set(ordered)
    start = today if today in present else today - 1
    current = 0
    while start - current in present:
        current += 1
    return current, longest


def heatmap(
    counts: Mapping[int, int], today: int, clock: StudyClock
) -> tuple[tuple[str, int], ...]:
    """(ISO date, reviews) for the last 365 study days, oldest first."""
    first = today - HEATMAP_DAYS + 1
    return tuple((clock.iso(day), counts.get(day, 0)) for day in range(first, today + 1))


def weekly_retention(
    rows: Iterable[tuple[int, int, int]],
    today: int,
    clock: StudyClock,
    weeks: int = RETENTION_WEEKS,
) -> tuple[WeekRetention, ...]:
    """Retention per Monday-based week from (day, review-state answers, passed) rows."""
    today_date = date.fromisoformat(clock.iso(today))
    this_monday = today_date - timedelta(days=today_date.weekday())
    first_monday = this_monday - timedelta(weeks=weeks - 1)
    totals: dict[date, list[int]] = {
        first_monday + timedelta(weeks=i): [0, 0] for i in range(weeks)
    }
    for day, reviews, passed in rows:
        day_date = date.fromisoformat(clock.iso(day))
        monday = day_date - timedelta(days=day_date.weekday())
        if monday in totals:
            totals[monday][0] += reviews
            totals[monday][1] += passed
    return tuple(
        WeekRetention(week_start=monday.isoformat(), reviews=value[0], passed=value[1])
        for monday, value in totals.items()
    )


def forecast(due_days: Mapping[int, int], today: int, days: int = FORECAST_DAYS) -> tuple[int, ...]:
    """Cards due on each of the next ``days`` study days; overdue cards count on day 0."""
    result = [0] * days
    for day, count in due_days.items():
        offset = max(0, day - today)
        if offset < days:
            result[offset] += count
    return tuple(result)


def decade_label(year: int) -> str:
    """ "1960s" for 1963; negative years are BCE."""
    decade = year - year % 10
    return f"{decade}s" if decade >= 0 else f"{-decade} BCE"

"""Streaks, heatmap, weekly retention and forecast from per-day aggregates."""

from __future__ import annotations

from studyapp.study.days import DAY, StudyClock
from studyapp.study.statistics import (
    decade_label,
    forecast,
    heatmap,
    streaks,
    weekly_retention,
)

CLOCK = StudyClock(offset=0)
TODAY = 20000  # 2024-10-04, a Friday


def test_streaks() -> None:
    assert streaks([], TODAY) == (0, 0)
    assert streaks([TODAY], TODAY) == (1, 1)
    assert streaks([TODAY - 2, TODAY - 1], TODAY) == (2, 2)  # alive until today ends
    assert streaks([TODAY - 3, TODAY - 2], TODAY) == (0, 2)
    days = [1, 2, 3, 4, 10, 11, TODAY - 1, TODAY]
    assert streaks(days, TODAY) == (2, 4)


def test_heatmap_covers_a_year_oldest_first() -> None:
    cells = heatmap({TODAY: 5, TODAY - 364: 2, TODAY - 365: 9}, TODAY, CLOCK)
    assert len(cells) == 365
    assert cells[-1] == (CLOCK.iso(TODAY), 5)
    assert cells[0] == (CLOCK.iso(TODAY - 364), 2)
    assert sum(count for _, count in cells) == 7


def test_weekly_retention_groups_by_monday() -> None:
    assert CLOCK.iso(TODAY) == "2024-10-04"
    weeks = weekly_retention([(TODAY, 10, 9), (TODAY - 4, 10, 6), (TODAY - 5, 4, 4)], TODAY, CLOCK)
    assert len(weeks) == 52
    assert weeks[-1].week_start == "2024-09-30"
    assert (weeks[-1].reviews, weeks[-1].passed) == (20, 15)
    assert weeks[-1].retention == 0.75
    assert (weeks[-2].reviews, weeks[-2].passed) == (4, 4)
    assert weeks[0].retention is None


def test_forecast_puts_overdue_on_day_zero() -> None:
    result = forecast({TODAY - 3: 4, TODAY: 1, TODAY + 1: 2, TODAY + 30: 9}, TODAY)
    assert len(result) == 30
    assert result[:3] == (5, 2, 0)
    assert sum(result) == 7


def test_clock_rollover_and_labels() -> None:
    clock = StudyClock(offset=-4 * 3600)  # UTC, day starts at 04:00
    assert clock.day(TODAY * DAY + 3 * 3600) == TODAY - 1
    assert clock.day(TODAY * DAY + 5 * 3600) == TODAY
    assert clock.day_start(TODAY) == TODAY * DAY + 4 * 3600
    assert decade_label(1963) == "1960s"

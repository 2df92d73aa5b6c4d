"""Helpers for tables that list rows from several articles."""

from __future__ import annotations

from collections.abc import Sequence


def shown_once(values: Sequence[str], groups: Sequence[object] | None = None) -> list[str]:
    """Each value where it starts a run, blank below it while it repeats (as a printed table
    names the article once for a group of its rows). A new group (a year) starts a new run."""
    groups = groups if groups is not None else [None] * len(values)
    return [
        value if index == 0 or (values[index - 1], groups[index - 1]) != (value, groups[index])
        else ""
        for index, value in enumerate(values)
    ]  # fmt: skip

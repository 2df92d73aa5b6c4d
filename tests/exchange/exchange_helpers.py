"""Shared helpers for the exchange tests: fixture paths, a no-op progress, record lookups."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from studyapp.core.exchange import ParsedSet
from studyapp.exchange.records import html_to_plain


def quiet(done: int, total: int, message: str) -> None:
    """Progress callback that ignores reports."""


def plain(text: str) -> str:
    """Visible text with whitespace collapsed, for comparing content rather than markup."""
    return " ".join(html_to_plain(re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)).split())


@dataclass(frozen=True)
class Expect:
    """What one fixture must import as: a count, some (prompt, answer) samples, other checks."""

    count: int
    samples: dict[int, tuple[str, str]] = field(default_factory=dict)  # index -> visible texts
    problems: int = 0
    kinds: tuple[str, ...] = ()  # every record's kind, when given
    tags: dict[int, tuple[str, ...]] = field(default_factory=dict)
    decks: dict[int, str] = field(default_factory=dict)
    ids: dict[int, str] = field(default_factory=dict)
    reviews: int | None = None


def check(parsed: ParsedSet, expect: Expect) -> None:
    """Assert a parse matches its expectation, with messages that name the record."""
    records = parsed.records
    assert len(records) == expect.count, [plain(r.prompt) for r in records]
    assert len(parsed.problems) == expect.problems, parsed.problems
    for index, (prompt, answer) in expect.samples.items():
        assert (plain(records[index].prompt), plain(records[index].answer)) == (prompt, answer), (
            index
        )
    if expect.kinds:
        assert tuple(r.kind for r in records) == expect.kinds
    for index, tags in expect.tags.items():
        assert records[index].tags == tags, index
    for index, deck in expect.decks.items():
        assert records[index].deck == deck, index
    for index, external in expect.ids.items():
        assert records[index].external_id == external, index
    if expect.reviews is not None:
        assert len(parsed.reviews) == expect.reviews


def listed(folder: Path) -> set[str]:
    """Relative names of every fixture file below ``folder`` (expected/ parses excluded)."""
    return {
        str(p.relative_to(folder))
        for p in folder.rglob("*")
        if p.is_file() and "expected" not in p.parts
    }

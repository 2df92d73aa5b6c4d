"""Sequence questions: events from across the whole article, to put in the order they happened."""

from __future__ import annotations

import hashlib
import re

from studyapp.questions import dates
from studyapp.questions.facts import Fact
from studyapp.questions.reading import Reading
from studyapp.questions.records import Candidate, record

GROUP = 4
MIN_GROUP = 4  # three items of one story are often ordered by their wording alone
# Items whose wording gives their place away: a birth comes first, a death or anything
# "after" last.
_GIVES_ORDER = re.compile(r"\b(?:born|died|death|after|before|later|earlier|then|again|first|last)\b", re.I)
MAX_ITEM_WORDS = 16
DATE_WORDS = re.compile(
    r"\b(?:1[0-9]\d\d|20\d\d|January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\b"
)


def _timeline(facts: list[Fact]) -> list[Fact]:
    """Dated events with a short summary that gives no date away, one per summary, by date."""
    seen: set[str] = set()
    items = []
    for fact in facts:
        summary = fact.summary.rstrip(".")
        if fact.about != "date" or not summary or DATE_WORDS.search(summary) or _GIVES_ORDER.search(summary):
            continue
        if not 3 <= len(summary.split()) <= MAX_ITEM_WORDS or summary.lower() in seen:
            continue
        seen.add(summary.lower())
        items.append(fact)
    return sorted(items, key=lambda f: dates.interval(f.date, f.end_date))


def _separable(group: list[Fact], candidate: Fact) -> bool:
    """``candidate``'s dates overlap none of the group's, so the order is certain."""
    first, last = dates.interval(candidate.date, candidate.end_date)
    for fact in group:
        start, stop = dates.interval(fact.date, fact.end_date)
        if not (last < start or first > stop):
            return False
    return True


def _groups(timeline: list[Fact]) -> list[list[Fact]]:
    """Groups that each span the timeline: every n-th event, n = number of groups."""
    count = max(1, len(timeline) // GROUP)
    groups = []
    for offset in range(count):
        group: list[Fact] = []
        for fact in timeline[offset::count]:
            if len(group) < GROUP and _separable(group, fact):
                group.append(fact)
        if len(group) >= MIN_GROUP:
            groups.append(group)
    return groups


def write(reading: Reading, facts: list[Fact]) -> list[Candidate]:
    """Put-in-order questions over the article's dated events."""
    candidates = []
    for group in _groups(_timeline(facts)):
        items = [fact.summary.rstrip(".") for fact in group]
        explanation = " ".join(
            f"{dates.readable_range(f.date, f.end_date)}: {item}." for f, item in zip(group, items, strict=True)
        )
        key = hashlib.sha1("|".join(f.key for f in group).encode()).hexdigest()[:16]
        candidates.append(
            Candidate(
                record(
                    reading, "order", "Put these events in the order they happened, earliest first.",
                    " → ".join(items), group[0].sentence,
                    about="sequence", fact_key=key,
                    payload={"items": items, "dates": [f.date for f in group]},
                    difficulty=0.45 + 0.05 * len(items), explanation=explanation,
                ),
                quality=0.9,
                weight=1.2,
            )
        )  # fmt: skip
    return candidates

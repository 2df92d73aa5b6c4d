"""Put-in-order questions: three to five events of the timeline, each with a distinct date."""

from __future__ import annotations

import re

from studyapp.core.extraction import Event
from studyapp.core.questions import QuestionRecord
from studyapp.questions import dates, grammar
from studyapp.questions.material import Material
from studyapp.questions.sentences import Sentence
from studyapp.questions.when import attached

DATE_WORDS = re.compile(
    r"\b(?:1[5-9]\d\d|20\d\d|January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\b"
)
MAX_ITEM_WORDS = 16
GROUP = 4


def summary(event: Event, sentence: Sentence) -> str:
    """What happened, without its date: the main clause of the sentence, kept short."""
    split = grammar.date_phrase(
        sentence.text, event.start - sentence.start, event.end - sentence.start
    )
    if split is None:
        return ""
    clause = grammar.analyse(split[1])
    if clause is None or not attached(sentence, split[0], split[1], clause):
        return ""
    text = f"{grammar.capitalise(clause.subject)} {clause.verb} {clause.rest}"
    words = text.rstrip(".").split()
    if len(words) > MAX_ITEM_WORDS or len(words) < 3 or DATE_WORDS.search(text):
        return ""
    return " ".join(words)


def _timeline(material: Material) -> list[tuple[Event, Sentence, str]]:
    """Events with a usable summary, in date order, one per summary."""
    seen: set[str] = set()
    items = []
    for event, sentence in material.dated_events:
        if event.inferred:
            continue
        text = summary(event, sentence)
        if text and text.lower() not in seen:
            seen.add(text.lower())
            items.append((event, sentence, text))
    return sorted(items, key=lambda item: dates.interval(item[0].date, item[0].end_date))


def _separable(chosen: list[tuple[Event, Sentence, str]], candidate: Event) -> bool:
    """True when ``candidate``'s date range does not overlap any chosen one (so order is certain)."""
    first, last = dates.interval(candidate.date, candidate.end_date)
    for event, _, _ in chosen:
        start, stop = dates.interval(event.date, event.end_date)
        if not (last < start or first > stop):
            return False
    return True


def generate(material: Material) -> list[QuestionRecord]:
    """Order questions from consecutive stretches of the timeline, seeded per article."""
    if "order" not in material.options.kinds:
        return []
    rng = material.rng("order")
    timeline = _timeline(material)
    groups: list[list[tuple[Event, Sentence, str]]] = []
    # Two passes over the timeline, the second shifted, give different groupings.
    for offset in (0, 2):
        start = offset
        while start < len(timeline):
            size = rng.choice((3, 4, 5))
            group: list[tuple[Event, Sentence, str]] = []
            index = start
            while index < len(timeline) and len(group) < size:
                if _separable(group, timeline[index][0]):
                    group.append(timeline[index])
                index += 1
            if len(group) < 3:
                break
            groups.append(group)
            start = index
    records = []
    for group in groups:
        items = [text for _, _, text in group]
        explanation = " ".join(
            f"{dates.readable_range(event.date, event.end_date)}: {text}."
            for event, _, text in group
        )
        records.append(
            material.record(
                "order",
                "Put these events in the order they happened, earliest first.",
                " → ".join(items),
                group[0][1],
                payload={"items": items, "dates": [event.date for event, _, _ in group]},
                difficulty=0.45 + 0.05 * len(items),
                topic="Events",
                explanation=explanation,
            )
        )
    return records

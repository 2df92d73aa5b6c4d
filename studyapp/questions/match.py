"""Matching questions: people of the article paired with the roles it gives them."""

from __future__ import annotations

import hashlib

from studyapp.questions.facts import Fact
from studyapp.questions.profile import confusable
from studyapp.questions.reading import Reading
from studyapp.questions.records import Candidate, record

GROUP = 4
MIN_GROUP = 3


def _groups(facts: list[Fact]) -> list[list[Fact]]:
    """Groups of three or four people whose roles a learner can tell apart."""
    groups: list[list[Fact]] = []
    current: list[Fact] = []
    for fact in facts:
        if any(fact.person == other.person or confusable(fact.answer, other.answer) for other in current):
            continue
        current.append(fact)
        if len(current) == GROUP:
            groups.append(current)
            current = []
    if len(current) >= MIN_GROUP:
        groups.append(current)
    return groups


def _name(reading: Reading, fact: Fact) -> str:
    person = reading.person_named(fact.person)
    return reading.shown_name(person) if person else fact.person


def write(reading: Reading, facts: list[Fact]) -> list[Candidate]:
    """Person ↔ role matching questions from the role facts."""
    roles = [fact for fact in facts if fact.about == "role"]
    reading.rng("match").shuffle(roles)
    candidates = []
    for group in _groups(roles):
        pairs = [[_name(reading, fact), fact.answer] for fact in group]
        key = hashlib.sha1("|".join(f.key for f in group).encode()).hexdigest()[:16]
        candidates.append(
            Candidate(
                record(
                    reading, "match", "Match each person with the role the article gives them.",
                    "; ".join(f"{left} — {right}" for left, right in pairs), group[0].sentence,
                    about="role", fact_key=key, payload={"pairs": pairs},
                    difficulty=0.4 + 0.05 * len(pairs),
                    explanation=" ".join(dict.fromkeys(f.sentence.text for f in group)),
                ),
                quality=0.85,
                weight=0.35,  # names often give their roles away ("Victor Emmanuel II — king")
            )
        )  # fmt: skip
    return candidates

"""Matching questions: people to their roles, or people to what they did."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from studyapp.core.questions import QuestionRecord
from studyapp.questions import grammar
from studyapp.questions.material import Fact, Material

GROUP = 4


ROLE_HEADS = {
    "secretary",
    "minister",
    "president",
    "commander",
    "leader",
    "chairman",
    "general",
    "head",
    "chief",
    "deputy",
    "premier",
    "king",
    "prince",
    "ambassador",
    "governor",
    "official",
}


def confusable(a: str, b: str) -> bool:
    """Two right-hand sides a learner could not tell apart ("Secretary of …" / "The party's secretary")."""
    heads_a = {re.sub(r"[’']s$", "", word.strip(",.;")).lower() for word in a.split()} & ROLE_HEADS
    heads_b = {re.sub(r"[’']s$", "", word.strip(",.;")).lower() for word in b.split()} & ROLE_HEADS
    return bool(heads_a & heads_b) or fuzz.token_set_ratio(a, b) > 70


def _groups(pairs: list[tuple[str, str, Fact]]) -> list[list[tuple[str, str, Fact]]]:
    """Split pairs into groups of 3–5 with distinct people and clearly different right sides."""
    groups: list[list[tuple[str, str, Fact]]] = []
    current: list[tuple[str, str, Fact]] = []
    leftovers: list[tuple[str, str, Fact]] = []
    for pair in pairs:
        clash = any(pair[0] == other[0] or confusable(pair[1], other[1]) for other in current)
        if clash:
            leftovers.append(pair)
            continue
        current.append(pair)
        if len(current) == GROUP:
            groups.append(current)
            current = []
    if len(current) >= 3:
        groups.append(current)
    elif current and groups and len(groups[-1]) + len(current) <= 5:
        merged = groups[-1] + current
        if len({left for left, _, _ in merged}) == len(merged):
            groups[-1] = merged
    return groups


def _record(material: Material, group: list[tuple[str, str, Fact]], prompt: str) -> QuestionRecord:
    pairs = [[left, right] for left, right, _ in group]
    return material.record(
        "match",
        prompt,
        "; ".join(f"{left} — {right}" for left, right in pairs),
        group[0][2].sentence,
        payload={"pairs": pairs},
        difficulty=0.4 + 0.05 * len(pairs),
        topic="People",
        explanation=" ".join(dict.fromkeys(fact.sentence.text for _, _, fact in group)),
    )


def generate(material: Material) -> list[QuestionRecord]:
    """Person ↔ role and person ↔ deed questions, three to five pairs each."""
    if "match" not in material.options.kinds:
        return []
    rng = material.rng("match")
    roles = [(f.person, f.answer, f) for f in material.facts if f.topic == "profile"]
    deeds = []
    for fact in material.facts:
        found = re.match(r"^(?:(.+), who|Who) (?!did )(.+)\?$", fact.prompt)
        if fact.topic == "who" and found and len(found.group(2)) < 100:
            deed = grammar.capitalise(found.group(2))
            if found.group(1) and re.search(r"\d{4}", found.group(1)):
                deed = f"{deed} ({found.group(1)[0].lower()}{found.group(1)[1:]})"
            deeds.append((fact.person, deed, fact))
    records = []
    for pairs, prompt in (
        (roles, "Match each person with the role the article gives them."),
        (deeds, "Match each person with what the article says they did."),
    ):
        rng.shuffle(pairs)
        for group in _groups(pairs):
            records.append(_record(material, group, prompt))
    return records

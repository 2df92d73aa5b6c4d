"""Precision and recall of an extraction against a gold file (the rules of issue 3)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


def collapse(text: str) -> str:
    """Whitespace collapsed, case folded: how names and spans are compared."""
    return re.sub(r"\s+", " ", text).strip().casefold()


@dataclass(frozen=True)
class Score:
    """Precision and recall of one kind of item."""

    matched_gold: int
    gold: int
    matched_predicted: int
    predicted: int

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.matched_predicted / self.predicted if self.predicted else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(*(a + b for a, b in zip(self.astuple(), other.astuple(), strict=True)))

    def astuple(self) -> tuple[int, int, int, int]:
        return (self.matched_gold, self.gold, self.matched_predicted, self.predicted)

    def __str__(self) -> str:
        return (
            f"recall {self.recall:.3f} ({self.matched_gold}/{self.gold}) "
            f"precision {self.precision:.3f} ({self.matched_predicted}/{self.predicted})"
        )


def score_persons(predicted: list[dict[str, Any]], gold: list[dict[str, Any]]) -> Score:
    """A predicted person matches a gold person when any of their names or aliases agree."""

    def names(person: dict[str, Any]) -> set[str]:
        return {collapse(person["name"]), *(collapse(a) for a in person.get("aliases", []))}

    gold_names = [names(g) for g in gold]
    predicted_names = [names(p) for p in predicted]
    matched_gold = sum(1 for g in gold_names if any(g & p for p in predicted_names))
    matched_predicted = sum(1 for p in predicted_names if any(g & p for g in gold_names))
    return Score(matched_gold, len(gold), matched_predicted, len(predicted))


def _one_to_one(predicted: list[dict[str, Any]], gold: list[dict[str, Any]], agree: Any) -> Score:
    used: set[int] = set()
    matched = 0
    for item in gold:
        for index, candidate in enumerate(predicted):
            if index not in used and agree(candidate, item):
                used.add(index)
                matched += 1
                break
    return Score(matched, len(gold), len(used), len(predicted))


def score_events(predicted: list[dict[str, Any]], gold: list[dict[str, Any]]) -> Score:
    """An event matches when its sentence contains the span and its date agrees to the gold's precision."""

    def agree(p: dict[str, Any], g: dict[str, Any]) -> bool:
        return collapse(g["text_span"]) in collapse(p["sentence"]) and p["date"][: len(g["date"])] == g["date"]

    return _one_to_one(predicted, gold, agree)


def score_figures(predicted: list[dict[str, Any]], gold: list[dict[str, Any]]) -> Score:
    """A figure matches when its sentence contains the span and its value is equal."""

    def agree(p: dict[str, Any], g: dict[str, Any]) -> bool:
        return collapse(g["text_span"]) in collapse(p["sentence"]) and float(p["value"]) == float(g["value"])

    return _one_to_one(predicted, gold, agree)


def score_all(predicted: dict[str, Any], gold: dict[str, Any]) -> dict[str, Score]:
    """Scores of persons, events and figures."""
    return {
        "persons": score_persons(predicted["persons"], gold["persons"]),
        "events": score_events(predicted["events"], gold["events"]),
        "figures": score_figures(predicted["figures"], gold["figures"]),
    }

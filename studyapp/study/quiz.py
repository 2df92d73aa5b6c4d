"""Turning stored questions into quiz items: shuffled choices, scrambled order, paired targets."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from studyapp.core.study import QuizItem, SourceLink
from studyapp.study.cloze import render_front
from studyapp.study.grading import plain


def _scrambled(items: list[str], rng: random.Random) -> list[str]:
    shuffled = items[:]
    if len(set(items)) < 2:
        return shuffled
    # An ordering question shown already in order would be a free point.
    while shuffled == items:
        rng.shuffle(shuffled)
    return shuffled


def present(
    question_id: int,
    kind: str,
    prompt: str,
    payload: Mapping[str, Any],
    rng: random.Random,
    explanation: str = "",
    source: SourceLink | None = None,
) -> QuizItem:
    """The item the learner sees for one question; the right answer is not in it."""
    options: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    shown = prompt
    if kind in ("choice", "multi"):
        choices = [str(choice) for choice in payload.get("choices", [])]
        options = tuple(rng.sample(choices, len(choices)))
    elif kind == "true_false":
        options = ("True", "False")
    elif kind == "order":
        options = tuple(_scrambled([str(item) for item in payload.get("items", [])], rng))
    elif kind == "match":
        pairs = [(str(left), str(right)) for left, right in payload.get("pairs", [])]
        options = tuple(left for left, _ in pairs)
        targets = tuple(_scrambled([right for _, right in pairs], rng))
    elif kind == "cloze":
        shown = render_front(prompt, int(payload.get("cloze", 1)), html=False)
    return QuizItem(
        question_id=question_id,
        kind=kind,
        prompt=plain(shown) if kind != "cloze" else shown,
        options=options,
        targets=targets,
        explanation=explanation,
        source=source,
    )

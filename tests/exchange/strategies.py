"""Hypothesis strategies for valid QuestionRecords of every kind (built through make_record)."""

from __future__ import annotations

from typing import Any

from hypothesis import assume
from hypothesis import strategies as st

from studyapp.core.questions import KINDS, QuestionRecord, SourceSpan
from studyapp.exchange.records import RecordInvalid, format_number, make_record

# Letters plus every character that means something in CSV, GIFT, HTML or JSON.
ALPHABET = st.sampled_from(list("abcXYZ019 \t\n~=#{}:\\<>&\"';,|%-*[]/éü漢$.")) | st.characters(
    blacklist_categories=("Cs", "Cc")
)
TEXT = st.text(alphabet=ALPHABET, min_size=1, max_size=25)
NAME = st.text(alphabet=st.sampled_from(list("abcdefgh_-0123456789é")), min_size=1, max_size=8)
NUMBER = st.floats(allow_nan=False, allow_infinity=False, width=64, min_value=-1e9, max_value=1e9)


@st.composite
def payloads(draw: st.DrawFn, kind: str) -> tuple[str, str, dict[str, Any]]:
    """(prompt, answer, payload) that make sense together for ``kind``."""
    prompt = draw(TEXT)
    if kind in ("choice", "multi"):
        choices = draw(st.lists(TEXT, min_size=2, max_size=5))
        if kind == "choice":
            correct = [draw(st.integers(0, len(choices) - 1))]
        else:
            correct = sorted(draw(st.sets(st.integers(0, len(choices) - 1), min_size=1)))
        return (
            prompt,
            "; ".join(choices[i] for i in correct),
            {"choices": choices, "correct": correct},
        )
    if kind == "true_false":
        value = draw(st.booleans())
        return prompt, "True" if value else "False", {"answer": value}
    if kind == "order":
        return prompt, draw(TEXT), {"items": draw(st.lists(TEXT, min_size=2, max_size=4))}
    if kind == "match":
        pairs = draw(st.lists(st.lists(TEXT, min_size=2, max_size=2), min_size=2, max_size=4))
        return prompt, draw(TEXT), {"pairs": pairs}
    if kind == "numerical":
        value, tolerance = draw(NUMBER), abs(draw(NUMBER))
        return prompt, format_number(value), {"value": value, "tolerance": tolerance}
    if kind == "cloze":
        number = draw(st.integers(1, 3))
        hidden = draw(TEXT)
        return f"{prompt} {{{{c{number}::{hidden}}}}}", hidden, {"cloze": number}
    if kind == "typed":
        return prompt, draw(TEXT), {"accepted": draw(st.lists(TEXT, max_size=3))}
    return prompt, draw(st.text(alphabet=ALPHABET, max_size=25)), {}


@st.composite
def records(draw: st.DrawFn, kinds: tuple[str, ...] = KINDS, full: bool = True) -> QuestionRecord:
    """A valid record; with ``full`` also tags, deck, difficulty, source and external id."""
    kind = draw(st.sampled_from(kinds))
    prompt, answer, payload = draw(payloads(kind))
    extra: dict[str, Any] = {}
    if full:
        extra = {
            "explanation": draw(st.text(alphabet=ALPHABET, max_size=20)),
            "difficulty": draw(st.floats(0, 1)),
            "tags": draw(st.lists(NAME, max_size=3)),
            "deck": "::".join(draw(st.lists(NAME, max_size=3))),
            "external_id": draw(st.text(alphabet=ALPHABET, max_size=12)),
            "source": draw(st.none() | st.builds(
                lambda p, s, n, t: SourceSpan(p, s, s + n, t),
                st.integers(0, 500), st.integers(0, 10_000), st.integers(0, 300), TEXT,
            )),
        }  # fmt: skip
    try:
        return make_record(kind, prompt, answer, payload=payload, **extra)
    except RecordInvalid:
        assume(False)
        raise

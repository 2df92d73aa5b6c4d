"""Turning parsed fields into validated, sanitised QuestionRecords (shared by every importer).

Convention: ``prompt``, ``answer``, ``explanation`` and the texts inside ``payload``
(choices, pairs, items, accepted answers) are HTML fragments. Importers of plain-text
formats escape their text with :func:`plain_to_html`; every HTML field is passed through
:func:`~studyapp.exchange.sanitize.sanitize_html` here, so a ``ParsedSet`` never holds
active content, whatever the file held. (The renderer should still sanitise again.)
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import fields
from functools import lru_cache
from typing import Any

from studyapp.core.questions import KINDS, QuestionRecord, SourceSpan
from studyapp.exchange.sanitize import sanitize_html

# A field longer than this is not a card, and Qt would take seconds to lay it out.
MAX_FIELD_CHARS = 100_000
_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]*>")


class RecordInvalid(ValueError):
    """One record cannot become a question; the message is the reason shown to the user."""


def plain_to_html(text: str) -> str:
    """Escape plain text for the HTML fields, keeping line breaks as ``<br>``."""
    return html.escape(text, quote=False).replace("\r\n", "\n").replace("\n", "<br>")


def html_to_plain(text: str) -> str:
    """Visible text of an HTML fragment (for answers compared by typing, and previews)."""
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.IGNORECASE)
    return html.unescape(_TAG.sub("", text)).strip()


def format_number(value: float) -> str:
    """A numerical answer as text: 1822.0 → "1822", 3.1415 → "3.1415"."""
    return (
        str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(float(value))
    )


def looks_like_html(text: str) -> bool:
    """True when text holds a tag or an entity (so it was written as HTML)."""
    return bool(re.search(r"</?[a-zA-Z][^<>]*>|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);", text))


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags as the bank stores them: no whitespace inside, no empties, first spelling kept."""
    if type(tags) is tuple:
        return _clean_tag_tuple(tags)
    return _clean_tag_list(tags)


@lru_cache(maxsize=4096)
def _clean_tag_tuple(tags: tuple[str, ...]) -> tuple[str, ...]:
    return _clean_tag_list(tags)  # the notes of one file share a few tag sets


def _clean_tag_list(tags: Iterable[str]) -> tuple[str, ...]:
    kept: list[str] = []
    folded: set[str] = set()
    for tag in tags:
        for part in _SPACE.split(tag.strip()):
            if part and part.casefold() not in folded:
                folded.add(part.casefold())
                kept.append(part)
    return tuple(kept)


@lru_cache(maxsize=4096)
def clean_deck(name: str) -> str:
    """Deck name with "::" nesting, each level stripped, empty levels removed."""
    return "::".join(p.strip() for p in name.split("::") if p.strip())


def _clean_html(value: str, what: str) -> str:
    if not value:
        return value
    if len(value) > MAX_FIELD_CHARS:
        raise RecordInvalid(f"{what} is {len(value)} characters long (limit {MAX_FIELD_CHARS})")
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return sanitize_html(value).strip()


def _clean_payload(value: Any, what: str = "payload") -> Any:
    """Sanitise every string inside a JSON-like payload; refuse non-JSON values."""
    if isinstance(value, str):
        return _clean_html(value, what)
    if isinstance(value, bool) or value is None or isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise RecordInvalid(f"{what} holds a number that is not finite")
        return value
    if isinstance(value, (list, tuple)):
        return [_clean_payload(item, what) for item in value]
    if isinstance(value, dict):
        return {str(k): _clean_payload(v, what) for k, v in value.items()}
    raise RecordInvalid(f"{what} holds a {type(value).__name__}, not JSON data")


def _check_kind(kind: str, answer: str, payload: dict[str, Any]) -> None:
    """Check that the payload has what the kind needs (see QuestionRecord)."""
    if kind in ("choice", "multi"):
        choices, correct = payload.get("choices"), payload.get("correct")
        if not isinstance(choices, list) or len(choices) < 2:
            raise RecordInvalid("a choice question needs at least two choices")
        if not isinstance(correct, list) or not correct:
            raise RecordInvalid("a choice question needs at least one correct choice")
        if any(not isinstance(i, int) or not 0 <= i < len(choices) for i in correct):
            raise RecordInvalid("a correct-choice index is out of range")
        if kind == "choice" and len(correct) != 1:
            raise RecordInvalid("a single-choice question needs exactly one correct choice")
        if any(not isinstance(c, str) or not c for c in choices):
            raise RecordInvalid("a choice is empty")
    elif kind == "true_false":
        if not isinstance(payload.get("answer"), bool):
            raise RecordInvalid("a true/false question needs a true or false answer")
    elif kind == "match":
        pairs = payload.get("pairs")
        if not isinstance(pairs, list) or len(pairs) < 2 or any(len(p) != 2 for p in pairs):
            raise RecordInvalid("a matching question needs at least two pairs")
        if any(not isinstance(side, str) or not side for p in pairs for side in p):
            raise RecordInvalid("a matching pair has an empty side")
    elif kind == "order":
        if not isinstance(payload.get("items"), list) or len(payload["items"]) < 2:
            raise RecordInvalid("an ordering question needs at least two items")
    elif kind == "numerical":
        value, tolerance = payload.get("value"), payload.get("tolerance", 0)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise RecordInvalid("a numerical question needs a number as its answer")
        if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or tolerance < 0:
            raise RecordInvalid("a numerical tolerance must be a number of 0 or more")
    elif kind == "cloze" and (not isinstance(payload.get("cloze"), int) or payload["cloze"] < 1):
        raise RecordInvalid("a cloze question needs its cloze number (1 or more)")
    if kind != "basic" and kind != "cloze" and not answer:
        raise RecordInvalid("the answer is empty")


def _has_text(cleaned: str) -> bool:
    """True when a cleaned (stripped) HTML fragment shows some text."""
    if "&" not in cleaned:
        return bool(_TAG.sub("", cleaned).strip()) if "<" in cleaned else bool(cleaned)
    return bool(html_to_plain(cleaned))


def _record_maker() -> Callable[..., QuestionRecord]:
    """A constructor equal to QuestionRecord(...) for already valid fields, but faster.

    A frozen dataclass's __init__ sets each of its ten fields through object.__setattr__,
    a good part of the time spent importing a 10,000-card deck. This fills the
    instance's __dict__ in one step, and falls back to the real constructor should
    QuestionRecord ever gain fields, slots or a __post_init__ this does not know.
    """
    names = tuple(f.name for f in fields(QuestionRecord))
    expected = ("kind", "prompt", "answer", "payload", "explanation", "difficulty", "tags",
                "deck", "source", "external_id")  # fmt: skip
    odd = hasattr(QuestionRecord, "__post_init__") or "__slots__" in vars(QuestionRecord)
    if names != expected or odd:
        return QuestionRecord
    new, cls = object.__new__, QuestionRecord

    def make(**values: Any) -> QuestionRecord:
        record = new(cls)
        record.__dict__.update(values)
        return record

    return make


new_record = _record_maker()


def make_record(
    kind: str,
    prompt: str,
    answer: str,
    *,
    payload: dict[str, Any] | None = None,
    explanation: str = "",
    difficulty: float = 0.5,
    tags: Iterable[str] = (),
    deck: str = "",
    source: SourceSpan | None = None,
    external_id: str = "",
) -> QuestionRecord:
    """Validate and sanitise fields into a QuestionRecord.

    Text fields are HTML; they are sanitised and stripped. A basic card may have an empty
    answer (Anki and Mnemosyne allow front-only cards); every other kind may not.

    Raises:
        RecordInvalid: with the reason the record cannot be a question.
    """
    if kind not in KINDS:
        raise RecordInvalid(f"unknown question kind {kind!r}")
    prompt = _clean_html(prompt, "question")
    answer = _clean_html(answer, "answer")
    explanation = _clean_html(explanation, "explanation")
    if not _has_text(prompt) and "<img" not in prompt:
        raise RecordInvalid("the question is empty")
    payload = _clean_payload(dict(payload)) if payload else {}
    if isinstance(payload.get("accepted"), list):
        # An empty alternative would accept an empty reply; it is noise, not an answer.
        payload["accepted"] = [a for a in payload["accepted"] if a != ""]
    _check_kind(kind, answer, payload)
    if isinstance(difficulty, bool) or not isinstance(difficulty, (int, float)):
        raise RecordInvalid("difficulty must be a number")
    if not 0.0 <= difficulty <= 1.0:
        raise RecordInvalid("difficulty must be between 0 and 1")
    if source is not None and not (0 <= source.start <= source.end and source.passage >= 0):
        raise RecordInvalid("the source span is not a valid passage range")
    return new_record(
        kind=kind,
        prompt=prompt,
        answer=answer,
        payload=payload,
        explanation=explanation,
        difficulty=float(difficulty),
        tags=clean_tags(tags),
        deck=clean_deck(deck),
        source=source,
        external_id=external_id.strip(),
    )

"""CSV/TSV rows as records: plain, reversed, cloze and StudyApp's own rows, with a fast path."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import fields
from typing import Any

from studyapp.core.questions import QuestionRecord, SourceSpan
from studyapp.exchange.csv_layout import ColumnMapping, CsvLayout
from studyapp.exchange.records import (
    RecordInvalid,
    clean_deck,
    clean_tags,
    make_record,
    plain_to_html,
)

_CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)
# A field with any of these (escaping, sanitising, cloze) takes the full path.
_NEEDS_CARE = re.compile(r"[<>&\r\n\x00-\x08\x0b\x0c\x0e-\x1f]|\{\{c\d")
# The same test for a whole body, where newlines separate rows (a quote could hide one in a
# field), as single characters: testing each with ``in`` is several times faster than a regex.
_BODY_CARE = '<>&"\r' + "".join(map(chr, (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))))


def _basic_maker() -> Callable[[str, str, tuple[str, ...], str, str], QuestionRecord]:
    """A constructor for basic records from already valid fields, equal to QuestionRecord(...).

    A frozen dataclass's __init__ sets each of its ten fields through object.__setattr__,
    which was a third of the time spent parsing a 100,000-row file. This fills the
    instance's __dict__ the same way in one step, and falls back to the real constructor
    should QuestionRecord ever gain fields, slots or a __post_init__ this does not know.
    """
    names = tuple(f.name for f in fields(QuestionRecord))
    expected = ("kind", "prompt", "answer", "payload", "explanation", "difficulty", "tags",
                "deck", "source", "external_id")  # fmt: skip
    odd = hasattr(QuestionRecord, "__post_init__") or "__slots__" in vars(QuestionRecord)
    if names != expected or odd:

        def construct(
            prompt: str, answer: str, tags: tuple[str, ...], deck: str, external: str
        ) -> QuestionRecord:
            return QuestionRecord("basic", prompt, answer, {}, "", 0.5, tags, deck, None, external)

        return construct
    new, cls = object.__new__, QuestionRecord

    def make(
        prompt: str, answer: str, tags: tuple[str, ...], deck: str, external: str
    ) -> QuestionRecord:
        record = new(cls)
        record.__dict__.update(
            kind="basic", prompt=prompt, answer=answer, payload={}, explanation="",
            difficulty=0.5, tags=tags, deck=deck, source=None, external_id=external,
        )  # fmt: skip
        return record

    return make


_basic = _basic_maker()


def body_is_clean(body: str) -> bool:
    """True when no row of ``body`` can need care, so every row may skip the per-field test.

    Conservative: any "{{c" counts, even when no digit follows.
    """
    return "{{c" not in body and not any(char in body for char in _BODY_CARE)


def compact_basic(
    prompt: str, answer: str, tags: tuple[str, ...], deck: str, external: str
) -> QuestionRecord:
    """The basic record a plain row's compact tuple stands for (see CompactRecords)."""
    return _basic(prompt, answer, tags, deck, external)


def quick_builder(
    mapping: ColumnMapping, layout: CsvLayout, clean: bool = False
) -> Callable[[list[str]], tuple[str, str, tuple[str, ...], str, str] | None] | None:
    """A fast builder for plain two-field rows (the 100,000-row case), or None.

    It returns a compact (prompt, answer, tags, deck, external id) tuple standing for
    exactly what make_record would return (``compact_basic`` makes it) for text that
    needs no escaping, sanitising or stripping, and None for any other row (which then
    takes the full path). ``clean`` says the whole body holds no character that needs
    care, so rows skip the scan.
    """
    if mapping.notetype is not None or mapping.studyapp is not None or layout.notetype:
        return None
    if len(mapping.answer) != 1 or mapping.explanation is not None:
        return None
    question, (answer,) = mapping.question, mapping.answer
    tags_column, deck_column, guid_column = mapping.tags, mapping.deck, mapping.guid
    default_tags, default_deck = clean_tags(layout.tags), clean_deck(layout.deck)
    width = max(*mapping.used(), 1) + 1  # a one-field row is never a question and answer
    care = _NEEDS_CARE.search
    plain = tags_column is None and deck_column is None and guid_column is None

    def build(row: list[str]) -> tuple[str, str, tuple[str, ...], str, str] | None:
        if len(row) < width:
            return None
        prompt, back = row[question], row[answer]
        # "x != x.strip()": an edge is whitespace (str.strip strips exactly what isspace finds).
        if not prompt or prompt != prompt.strip() or back != back.strip():
            return None
        if len(prompt) + len(back) > 10_000 or not clean and (care(prompt) or care(back)):
            return None
        if plain:
            return (prompt, back, default_tags, default_deck, "")
        tags = default_tags
        if tags_column is not None and row[tags_column].strip():
            tags = clean_tags(layout.tags + tuple(row[tags_column].split()))
        deck = (
            clean_deck(row[deck_column])
            if deck_column is not None and row[deck_column]
            else default_deck
        )
        external = row[guid_column].strip() if guid_column is not None else ""
        return (prompt, back, tags, deck, external)

    return build


def _cell(row: list[str], column: int | None) -> str:
    return row[column] if column is not None and column < len(row) else ""


def row_records(row: list[str], mapping: ColumnMapping, layout: CsvLayout) -> list[QuestionRecord]:
    """The one or more records one row makes (a cloze or reversed note makes several)."""
    if len(row) == 1 and layout.columns > 1:
        raise RecordInvalid(f"only one field: no separator {layout.delimiter!r} in the row")

    def field(column: int | None) -> str:
        value = _cell(row, column)
        return value if layout.html else plain_to_html(value)

    prompt = field(mapping.question)
    answer = "<br>".join(v for v in (field(c) for c in mapping.answer) if v.strip())
    tags = layout.tags + tuple(_cell(row, mapping.tags).split())
    deck = _cell(row, mapping.deck) or layout.deck
    guid = _cell(row, mapping.guid)
    explanation = field(mapping.explanation)
    own = _cell(row, mapping.studyapp)
    if own.strip():
        return [_own_record(own, prompt, answer, explanation, tags, deck, guid)]
    notetype = (_cell(row, mapping.notetype) or layout.notetype).lower()
    common: dict[str, Any] = {"tags": tags, "deck": deck}
    numbers = sorted({int(m.group(1)) for m in _CLOZE.finditer(prompt)})
    if numbers and ("cloze" in notetype or not notetype):
        extra = "<br>".join(v for v in (answer, explanation) if v)
        return [_cloze_record(prompt, n, extra, guid, common) for n in numbers]
    kind = "typed" if "type in" in notetype else "basic"
    records = [
        make_record(kind, prompt, answer, explanation=explanation, external_id=guid, **common)
    ]
    if "and reversed" in notetype and answer:
        reverse_id = f"{guid}#reverse" if guid else ""
        records.append(make_record("basic", answer, prompt, external_id=reverse_id, **common))
    return records


def _cloze_record(
    text: str, number: int, extra: str, guid: str, common: dict[str, Any]
) -> QuestionRecord:
    deletions = [m.group(2) for m in _CLOZE.finditer(text) if int(m.group(1)) == number]
    external = f"{guid}#c{number}" if guid else ""
    return make_record(
        "cloze", text, ", ".join(deletions), payload={"cloze": number},
        explanation=extra, external_id=external, **common,
    )  # fmt: skip


def _own_record(
    own: str,
    prompt: str,
    answer: str,
    explanation: str,
    tags: tuple[str, ...],
    deck: str,
    guid: str,
) -> QuestionRecord:
    """A row written by StudyApp's CSV exporter: the JSON column restores what CSV cannot hold."""
    try:
        extra = json.loads(own)
    except ValueError as error:
        raise RecordInvalid(f"the StudyApp column is not valid JSON: {error}") from error
    if not isinstance(extra, dict) or not isinstance(extra.get("kind", "basic"), str):
        raise RecordInvalid("the StudyApp column must be a JSON object with a kind")
    source = extra.get("source")
    span = None
    if isinstance(source, dict):
        try:
            span = SourceSpan(
                int(source["passage"]),
                int(source["start"]),
                int(source["end"]),
                str(source["text"]),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise RecordInvalid("the StudyApp column has a malformed source span") from error
    payload = extra.get("payload", {})
    if not isinstance(payload, dict):
        raise RecordInvalid("the StudyApp column's payload must be an object")
    return make_record(
        extra.get("kind", "basic"), prompt, answer, payload=payload, explanation=explanation,
        difficulty=extra.get("difficulty", 0.5), tags=tags, deck=deck, source=span, external_id=guid,
    )  # fmt: skip

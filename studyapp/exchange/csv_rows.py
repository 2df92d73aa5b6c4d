"""CSV/TSV rows as records: plain, reversed, cloze and StudyApp's own rows, with a fast path."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
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
# field): a body without any lets every row skip the per-field test.
BODY_CARE = re.compile(r'[<>&"\r\x00-\x08\x0b\x0c\x0e-\x1f]|\{\{c\d')


def quick_builder(
    mapping: ColumnMapping, layout: CsvLayout, clean: bool = False
) -> Callable[[list[str]], QuestionRecord | None] | None:
    """A fast record builder for plain two-field rows (the 100,000-row case), or None.

    It returns exactly what make_record would for text that needs no escaping,
    sanitising or stripping, and None for any other row (which then takes the full path).
    ``clean`` says the whole body holds no character that needs care, so rows skip the scan.
    """
    if mapping.notetype is not None or mapping.studyapp is not None or layout.notetype:
        return None
    if len(mapping.answer) != 1 or mapping.explanation is not None:
        return None
    question, (answer,) = mapping.question, mapping.answer
    tags_column, deck_column, guid_column = mapping.tags, mapping.deck, mapping.guid
    default_tags, default_deck = clean_tags(layout.tags), clean_deck(layout.deck)
    width = max(mapping.used()) + 1
    care = _NEEDS_CARE.search

    def build(row: list[str]) -> QuestionRecord | None:
        if len(row) < width or len(row) == 1:
            return None
        prompt, back = row[question], row[answer]
        if (
            not prompt
            or prompt[0].isspace()
            or prompt[-1].isspace()
            or len(prompt) + len(back) > 10_000
        ):
            return None
        if back and (back[0].isspace() or back[-1].isspace()):
            return None
        if not clean and (care(prompt) or care(back)):
            return None
        tags = default_tags
        if tags_column is not None and row[tags_column].strip():
            tags = clean_tags(layout.tags + tuple(row[tags_column].split()))
        deck = (
            clean_deck(row[deck_column])
            if deck_column is not None and row[deck_column]
            else default_deck
        )
        external = row[guid_column].strip() if guid_column is not None else ""
        return QuestionRecord("basic", prompt, back, {}, "", 0.5, tags, deck, None, external)

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

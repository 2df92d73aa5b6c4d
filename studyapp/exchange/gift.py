"""Moodle GIFT importer: multiple choice/response, true-false, short answer, matching, numerical."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from studyapp.core.errors import InputError
from studyapp.core.exchange import ParsedSet, RecordProblem
from studyapp.core.progress import Progress
from studyapp.core.questions import QuestionRecord
from studyapp.exchange.gift_parse import (
    GiftItem,
    GiftSyntaxError,
    blocks,
    parse_block,
    restore,
    split_answers,
    split_format,
    split_general_feedback,
)
from studyapp.exchange.gift_questions import (
    TRUE_FALSE,
    choice,
    matching,
    numerical,
    short_answer,
    to_html,
    true_false,
)
from studyapp.exchange.json_format import question_from_json, schema
from studyapp.exchange.records import RecordInvalid
from studyapp.exchange.sanitize import sanitize_html
from studyapp.exchange.schema_check import SchemaViolation, validate
from studyapp.exchange.text import content_kind, decode_text, read_bytes


def category_deck(path: str) -> str:
    """A Moodle category path (``$course$/top/Default for X/sub``) as a deck name (``Default for X::sub``)."""
    parts = [p.strip() for p in path.split("/") if p.strip()]
    while parts and (re.fullmatch(r"\$\w+\$", parts[0]) or parts[0].lower() == "top"):
        parts.pop(0)
    return "::".join(parts)


class GiftImporter:
    """Reads ``.gift`` files; essays and descriptions are skipped as per-record problems."""

    name = "gift"
    label = "Moodle GIFT"
    extensions = (".gift",)

    def detect(self, path: Path, head: bytes) -> bool:
        """A ``.gift`` name, or text whose questions end in ``{…}`` answer blocks with GIFT markers."""
        if content_kind(head) != "text":
            return False
        if path.suffix.lower() in self.extensions or path.name.lower().endswith(".gift.txt"):
            return True
        sample = head.decode("utf-8", "ignore")
        lines = [line for line in sample.splitlines() if line.strip()]
        if re.match(r"#(separator|html|columns|notetype|deck|tags)", sample.lstrip()):
            return False  # an Anki text export, whatever its cards say
        if lines and sum("\t" in line for line in lines) > len(lines) / 2:
            return False  # tab-separated rows: a text export that mentions braces
        markers = re.findall(r"\{\s*(?:[=~#]|T\s*\}|F\s*\}|TRUE\s*\}|FALSE\s*\})", sample)
        return len(markers) >= 2 or bool(re.search(r"^\s*(::[^:]+::|\$CATEGORY:)", sample, re.M))

    def read(self, path: Path, progress: Progress) -> ParsedSet:
        """Parse every question; syntax errors refuse the file with their line.

        Raises:
            InputError: undecodable text, an empty file, or a GIFT syntax error.
        """
        source = decode_text(path, read_bytes(path)).replace("\r\n", "\n").replace("\r", "\n")
        records: list[QuestionRecord] = []
        problems: list[RecordProblem] = []
        deck = ""
        found = blocks(source)
        for done, (start, block, meta) in enumerate(found, start=1):
            try:
                items = parse_block(start, block)
            except GiftSyntaxError as error:
                raise InputError(str(path), error.reason, line=error.line) from error
            for item in items:
                if item.category is not None:
                    deck = category_deck(item.category)
                    continue
                own = _from_metadata(meta, item)
                if own is not None:
                    records.append(own)
                    continue
                try:
                    records.append(_record(item, deck))
                except RecordInvalid as error:
                    problems.append(
                        RecordProblem(str(error), line=item.line, record=item.title or None)
                    )
                except GiftSyntaxError as error:
                    raise InputError(str(path), error.reason, line=error.line) from error
            if done % 500 == 0:
                progress(done, len(found), f"{done} questions read")
        if not found:
            raise InputError(str(path), "no questions: the file holds only comments")
        progress(len(found), len(found), f"{len(records)} questions read")
        return ParsedSet(
            path=str(path),
            format=self.name,
            records=tuple(records),
            problems=tuple(problems),
            decks=tuple(dict.fromkeys(r.deck for r in records if r.deck)),
        )


def _from_metadata(meta: str | None, item: GiftItem) -> QuestionRecord | None:
    """The record StudyApp's exporter described in its comment, if the question was not edited since."""
    if meta is None:
        return None
    try:
        data = json.loads(meta)
        validate(data, {"$ref": "#/$defs/question"}, schema())
        record = question_from_json(data)
    except (ValueError, RecordInvalid, SchemaViolation):
        return None  # a damaged comment is only a comment: the GIFT text still imports
    if sanitize_html(to_html(item.stem)).strip() != record.prompt:
        return None  # edited by hand after export: the GIFT text wins
    return record


def _record(item: GiftItem, deck: str) -> QuestionRecord:
    """One GIFT item as a question, or RecordInvalid for items with nothing to check."""
    if item.body is None:
        raise RecordInvalid("description item: no question to answer (skipped)")
    body, general = split_general_feedback(item.body)
    general_text = to_html(split_format(general, item.stem.format)) if general is not None else ""
    common: dict[str, Any] = {"deck": deck, "external_id": item.title}
    prompt = to_html(item.stem)
    stripped = restore(body)
    if not stripped:
        raise RecordInvalid("essay question: no answer to check (skipped)")
    head = stripped.split("#", 1)[0].strip().lower()
    if head in TRUE_FALSE:
        return true_false(item, body, prompt, general_text, common)
    if body.lstrip().startswith("#"):
        return numerical(item, body.lstrip()[1:], prompt, general_text, common)
    answers = split_answers(body, item.stem.format)
    if not answers:
        raise GiftSyntaxError(item.body_line, "the answer block has no '=' or '~' answer")
    if all(a.marker == "=" and "->" in a.text.text for a in answers):
        return matching(answers, prompt, general_text, common)
    if any(a.marker == "~" for a in answers):
        return choice(answers, prompt, general_text, common)
    return short_answer(answers, prompt, general_text, common)

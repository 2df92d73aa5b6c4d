"""Moodle GIFT importer: multiple choice/response, true-false, short answer, matching, numerical."""

from __future__ import annotations

import dataclasses
import html
import json
import re
from pathlib import Path
from typing import Any

from studyapp.core.errors import InputError
from studyapp.core.exchange import ParsedSet, RecordProblem
from studyapp.core.progress import Progress
from studyapp.core.questions import QuestionRecord
from studyapp.exchange.gift_parse import (
    Answer,
    GiftItem,
    GiftSyntaxError,
    Text,
    blocks,
    parse_block,
    restore,
    split_answers,
    split_format,
    split_general_feedback,
)
from studyapp.exchange.json_format import question_from_json, schema
from studyapp.exchange.records import RecordInvalid, make_record
from studyapp.exchange.sanitize import sanitize_html
from studyapp.exchange.schema_check import SchemaViolation, validate
from studyapp.exchange.text import content_kind, decode_text, read_bytes

_TF = {"t": True, "true": True, "f": False, "false": False}
_NUMBER = r"-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
_RANGE = re.compile(rf"^({_NUMBER})\s*\.\.\s*({_NUMBER})$")
_TOLERANCE = re.compile(rf"^({_NUMBER})(?:\s*:\s*({_NUMBER}))?$")


def to_html(text: Text) -> str:
    """HTML for a GIFT text: html/moodle are HTML already, plain is escaped, markdown converted."""
    if text.format in ("html", "moodle"):
        return text.text
    escaped = html.escape(text.text, quote=False)
    if text.format == "markdown":
        escaped = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escaped)
        escaped = re.sub(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*", r"<em>\1</em>", escaped)
    return escaped.replace("\n", "<br>")


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
                own = _from_metadata(meta, item, deck)
                if own is not None:
                    records.append(own)
                    continue
                try:
                    records.append(_record(item, deck))
                except RecordInvalid as error:
                    problems.append(RecordProblem(str(error), line=item.line, record=item.title or None))
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


def _from_metadata(meta: str | None, item: GiftItem, deck: str) -> QuestionRecord | None:
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
    return dataclasses.replace(record, deck=deck)


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
    if head in _TF:
        return _true_false(item, body, prompt, general_text, common)
    if body.lstrip().startswith("#"):
        return _numerical(item, body.lstrip()[1:], prompt, general_text, common)
    answers = split_answers(body, item.stem.format)
    if not answers:
        raise GiftSyntaxError(item.body_line, "the answer block has no '=' or '~' answer")
    if all(a.marker == "=" and "->" in a.text.text for a in answers):
        return _matching(answers, prompt, general_text, common)
    if any(a.marker == "~" for a in answers):
        return _choice(answers, prompt, general_text, common)
    return _short_answer(answers, prompt, general_text, common)


def _feedback(answer: Answer) -> str:
    return to_html(answer.feedback) if answer.feedback else ""


def _true_false(item: GiftItem, body: str, prompt: str, general: str, common: dict[str, Any]) -> QuestionRecord:
    parts = body.split("#")
    value = _TF[restore(parts[0]).lower()]
    # Moodle: the first feedback is shown for a wrong answer, the second for a right one.
    wrong = to_html(split_format(parts[1], item.stem.format)) if len(parts) > 1 else ""
    right = to_html(split_format(parts[2], item.stem.format)) if len(parts) > 2 else ""
    payload: dict[str, Any] = {"answer": value}
    if wrong:
        payload["feedback_wrong"] = wrong
    if right:
        payload["feedback_right"] = right
    explanation = general or right
    return make_record(
        "true_false", prompt, "True" if value else "False", payload=payload, explanation=explanation, **common
    )


def _weight(answer: Answer) -> float:
    if answer.weight is not None:
        return answer.weight
    return 100.0 if answer.marker == "=" else 0.0


def _choice(answers: list[Answer], prompt: str, general: str, common: dict[str, Any]) -> QuestionRecord:
    choices = [to_html(a.text) for a in answers]
    weights = [_weight(a) for a in answers]
    full = [i for i, w in enumerate(weights) if w >= 100]
    positive = [i for i, w in enumerate(weights) if w > 0]
    if not positive:
        raise RecordInvalid("multiple choice with no correct answer (no '=' and no positive weight)")
    kind = "choice" if len(full) == 1 else "multi"
    correct = full if kind == "choice" else (full if len(full) > 1 else positive)
    payload: dict[str, Any] = {"choices": choices, "correct": correct}
    if any(w not in (0.0, 100.0) for w in weights) or kind == "multi":
        payload["weights"] = weights
    feedback = [_feedback(a) for a in answers]
    if any(feedback):
        payload["feedback"] = feedback
    answer = "; ".join(choices[i] for i in correct)
    explanation = general or " ".join(feedback[i] for i in correct if feedback[i])
    return make_record(kind, prompt, answer, payload=payload, explanation=explanation, **common)


def _short_answer(answers: list[Answer], prompt: str, general: str, common: dict[str, Any]) -> QuestionRecord:
    full = [a for a in answers if _weight(a) >= 100]
    partial = [a for a in answers if 0 < _weight(a) < 100]
    if not full:
        raise RecordInvalid("short answer with no fully correct answer")
    payload: dict[str, Any] = {"accepted": [to_html(a.text) for a in full[1:]]}
    if partial:
        payload["partial"] = [{"text": to_html(a.text), "weight": _weight(a)} for a in partial]
    feedback = [{"text": to_html(a.text), "feedback": _feedback(a)} for a in answers if a.feedback]
    if feedback:
        payload["feedback"] = feedback
    explanation = general or _feedback(full[0])
    return make_record("typed", prompt, to_html(full[0].text), payload=payload, explanation=explanation, **common)


def _matching(answers: list[Answer], prompt: str, general: str, common: dict[str, Any]) -> QuestionRecord:
    pairs: list[list[str]] = []
    distractors: list[str] = []
    for answer in answers:
        left, _, right = answer.text.text.partition("->")
        left_html = to_html(Text(left.strip(), answer.text.format))
        right_html = to_html(Text(right.strip(), answer.text.format))
        if left_html:
            pairs.append([left_html, right_html])
        else:
            distractors.append(right_html)
    payload: dict[str, Any] = {"pairs": pairs}
    if distractors:
        payload["distractors"] = distractors
    answer_text = "; ".join(f"{left} → {right}" for left, right in pairs)
    return make_record("match", prompt, answer_text, payload=payload, explanation=general, **common)


def _number(text: str, line: int) -> tuple[float, float, list[float] | None]:
    """(value, tolerance, [low, high] for a range) from ``1822``, ``3.14:0.01`` or ``1..5``."""
    text = restore(text).replace(" ", "")
    found = _RANGE.match(text)
    if found:
        low, high = sorted((float(found.group(1)), float(found.group(2))))
        # Rounded so 3.141..3.142 reads back as 3.1415 ± 0.0005, not float noise.
        return round((low + high) / 2, 12), round((high - low) / 2, 12), [low, high]
    found = _TOLERANCE.match(text)
    if not found:
        raise GiftSyntaxError(line, f"numerical answer {text!r} is not a number, number:tolerance or low..high")
    return float(found.group(1)), abs(float(found.group(2) or 0)), None


def _numerical(item: GiftItem, body: str, prompt: str, general: str, common: dict[str, Any]) -> QuestionRecord:
    entries: list[dict[str, Any]] = []
    wrong_feedback = ""
    marker = re.search(r"[=~]", body)
    if marker:
        leading = body[: marker.start()]
        if leading.strip():  # "{#3:2~#wrong}": the first answer has no "=" (Moodle's own tests)
            value, tolerance, bounds = _number(leading, item.body_line)
            entries.append(_entry(value, tolerance, bounds, 100.0, ""))
        for answer in split_answers(body, item.stem.format):
            if answer.marker == "~":
                wrong_feedback = _feedback(answer)  # "~#text": feedback for any other answer
                continue
            value, tolerance, bounds = _number(answer.text.text, item.body_line)
            entries.append(_entry(value, tolerance, bounds, _weight(answer), _feedback(answer)))
    else:
        text, _, feedback = body.partition("#")
        value, tolerance, bounds = _number(text, item.body_line)
        entries.append(_entry(value, tolerance, bounds, 100.0, to_html(split_format(feedback, "moodle"))))
    best = max(entries, key=lambda e: e["weight"], default=None)
    if best is None or best["weight"] <= 0:
        raise RecordInvalid("numerical question with no correct answer")
    payload: dict[str, Any] = {"value": best["value"], "tolerance": best["tolerance"]}
    if "range" in best:
        payload["range"] = best["range"]
    if len(entries) > 1 or best["feedback"]:
        payload["answers"] = entries
    if wrong_feedback:
        payload["feedback_wrong"] = wrong_feedback
    answer = _format_number(best["value"]) if "range" not in best else "{0}..{1}".format(
        *(_format_number(v) for v in best["range"])
    )
    explanation = general or best["feedback"]
    return make_record("numerical", prompt, answer, payload=payload, explanation=explanation, **common)


def _entry(value: float, tolerance: float, bounds: list[float] | None, weight: float, feedback: str) -> dict[str, Any]:
    entry: dict[str, Any] = {"value": value, "tolerance": tolerance, "weight": weight, "feedback": feedback}
    if bounds is not None:
        entry["range"] = bounds
    return entry


def _format_number(value: float) -> str:
    """1822.0 → "1822", 3.1415 → "3.1415"."""
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)

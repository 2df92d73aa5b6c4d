"""GIFT answer blocks as questions: true-false, choice, short answer, matching, numerical."""

from __future__ import annotations

import html
import re
from typing import Any

from studyapp.core.questions import QuestionRecord
from studyapp.exchange.gift_parse import (
    Answer,
    GiftItem,
    GiftSyntaxError,
    Text,
    restore,
    split_answers,
    split_format,
)
from studyapp.exchange.records import RecordInvalid, format_number, make_record

TRUE_FALSE = {"t": True, "true": True, "f": False, "false": False}
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


def _feedback(answer: Answer) -> str:
    return to_html(answer.feedback) if answer.feedback else ""


def true_false(
    item: GiftItem, body: str, prompt: str, general: str, common: dict[str, Any]
) -> QuestionRecord:
    parts = body.split("#")
    value = TRUE_FALSE[restore(parts[0]).lower()]
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
        "true_false",
        prompt,
        "True" if value else "False",
        payload=payload,
        explanation=explanation,
        **common,
    )


def _weight(answer: Answer) -> float:
    if answer.weight is not None:
        return answer.weight
    return 100.0 if answer.marker == "=" else 0.0


def choice(
    answers: list[Answer], prompt: str, general: str, common: dict[str, Any]
) -> QuestionRecord:
    choices = [to_html(a.text) for a in answers]
    weights = [_weight(a) for a in answers]
    full = [i for i, w in enumerate(weights) if w >= 100]
    positive = [i for i, w in enumerate(weights) if w > 0]
    if not positive:
        raise RecordInvalid(
            "multiple choice with no correct answer (no '=' and no positive weight)"
        )
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


def short_answer(
    answers: list[Answer], prompt: str, general: str, common: dict[str, Any]
) -> QuestionRecord:
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
    return make_record(
        "typed", prompt, to_html(full[0].text), payload=payload, explanation=explanation, **common
    )


def matching(
    answers: list[Answer], prompt: str, general: str, common: dict[str, Any]
) -> QuestionRecord:
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
        raise GiftSyntaxError(
            line, f"numerical answer {text!r} is not a number, number:tolerance or low..high"
        )
    return float(found.group(1)), abs(float(found.group(2) or 0)), None


def numerical(
    item: GiftItem, body: str, prompt: str, general: str, common: dict[str, Any]
) -> QuestionRecord:
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
        entries.append(
            _entry(value, tolerance, bounds, 100.0, to_html(split_format(feedback, "moodle")))
        )
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
    answer = (
        format_number(best["value"])
        if "range" not in best
        else f"{format_number(best['range'][0])}..{format_number(best['range'][1])}"
    )
    explanation = general or best["feedback"]
    return make_record(
        "numerical", prompt, answer, payload=payload, explanation=explanation, **common
    )


def _entry(
    value: float, tolerance: float, bounds: list[float] | None, weight: float, feedback: str
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "value": value,
        "tolerance": tolerance,
        "weight": weight,
        "feedback": feedback,
    }
    if bounds is not None:
        entry["range"] = bounds
    return entry

"""GIFT exporter: Moodle-importable questions, with a ``// studyapp:`` comment that keeps every field."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from studyapp.core.exchange import MediaFile
from studyapp.core.progress import Progress
from studyapp.core.questions import QuestionRecord
from studyapp.exchange.gift_parse import META_PREFIX
from studyapp.exchange.json_format import question_to_json
from studyapp.exchange.output import write_atomically

_SPECIAL = str.maketrans({c: "\\" + c for c in "\\~=#{}:"} | {"\n": "\\n", "\r": "\\n"})


def escape(text: str) -> str:
    """Escape GIFT's control characters and newlines in one text."""
    return text.translate(_SPECIAL)


def _number(value: float) -> str:
    return (
        str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(float(value))
    )


def _weight(weight: float) -> str:
    return "" if weight in (0, 100) else f"%{_number(weight)}%"


def _feedback(text: str) -> str:
    return f"#{escape(text)}" if text else ""


def answer_block(record: QuestionRecord) -> str:
    """The ``{…}`` part for a record's kind; kinds GIFT lacks become short answers."""
    p: dict[str, Any] = record.payload
    general = f"####{escape(record.explanation)}" if record.explanation else ""
    if record.kind in ("choice", "multi"):
        choices, correct = p["choices"], set(p["correct"])
        weights = p.get("weights") or [
            (100.0 if record.kind == "choice" else round(100 / len(correct), 5))
            if i in correct
            else 0.0
            for i in range(len(choices))
        ]
        feedback = p.get("feedback") or [""] * len(choices)
        parts = []
        for i, choice in enumerate(choices):
            marker = "=" if weights[i] >= 100 and record.kind == "choice" else "~"
            parts.append(
                f"{marker}{_weight(weights[i]) if marker == '~' else ''}{escape(choice)}{_feedback(feedback[i])}"
            )
        return "{" + " ".join(parts) + general + "}"
    if record.kind == "true_false":
        wrong, right = p.get("feedback_wrong", ""), p.get("feedback_right", "")
        tail = f"#{escape(wrong)}#{escape(right)}" if right else _feedback(wrong)
        return "{" + ("TRUE" if p["answer"] else "FALSE") + tail + general + "}"
    if record.kind == "match":
        pairs = [f"={escape(left)} -> {escape(right)}" for left, right in p["pairs"]]
        pairs += [f"= -> {escape(right)}" for right in p.get("distractors", ())]
        return "{" + " ".join(pairs) + general + "}"
    if record.kind == "numerical":
        entries = p.get("answers") or [
            {
                "value": p["value"],
                "tolerance": p.get("tolerance", 0),
                "weight": 100.0,
                "feedback": "",
                **({"range": p["range"]} if "range" in p else {}),
            }
        ]
        parts = []
        for entry in entries:
            span = (
                f"{_number(entry['range'][0])}..{_number(entry['range'][1])}"
                if "range" in entry
                else f"{_number(entry['value'])}:{_number(entry.get('tolerance', 0))}"
            )
            weight = "" if entry.get("weight", 100) == 100 else f"%{_number(entry['weight'])}%"
            parts.append(f"={weight}{span}{_feedback(entry.get('feedback', ''))}")
        if p.get("feedback_wrong"):
            parts.append(f"~#{escape(p['feedback_wrong'])}")
        return "{#" + " ".join(parts) + general + "}"
    # basic, typed, cloze, order: a short answer with every accepted spelling.
    answers = [record.answer] + [a for a in p.get("accepted", ()) if record.kind == "typed"]
    parts = [f"={escape(a)}" for a in answers if a]
    parts += [
        f"=%{_number(x['weight'])}%{escape(x['text'])}"
        for x in p.get("partial", ())
        if record.kind == "typed"
    ]
    return "{" + " ".join(parts) + general + "}"


def question_text(record: QuestionRecord, with_metadata: bool = True) -> str:
    """One question as GIFT lines (metadata comment, then the question on one line)."""
    lines = []
    if with_metadata:
        lines.append(
            META_PREFIX
            + json.dumps(question_to_json(record), ensure_ascii=False, separators=(",", ":"))
        )
    title = f"::{escape(record.external_id)}::" if record.external_id else ""
    lines.append(f"{title}[html]{escape(record.prompt)} {answer_block(record)}")
    return "\n".join(lines)


def category_line(deck: str) -> str:
    """Moodle category switch for a deck ("A::B" → ``$course$/top/A/B``)."""
    path = "/".join(["$course$", "top", *deck.split("::")]) if deck else "$course$/top"
    return f"$CATEGORY: {path}"


class GiftExporter:
    """Writes GIFT for Moodle; the metadata comments (ignored by Moodle) restore kinds GIFT lacks."""

    name = "gift"
    extension = ".gift"

    def __init__(self, with_metadata: bool = True) -> None:
        self.with_metadata = with_metadata

    def write(
        self,
        records: Sequence[QuestionRecord],
        media: Sequence[MediaFile],
        out: Path,
        progress: Progress,
    ) -> None:
        """Write ``out`` atomically; media cannot travel in GIFT and is left out."""
        blocks: list[str] = []
        deck: str | None = None
        for index, record in enumerate(records, start=1):
            if record.deck != deck:
                deck = record.deck
                blocks.append(category_line(deck))
            blocks.append(question_text(record, self.with_metadata))
            if index % 5000 == 0:
                progress(index, len(records), f"{index} questions written")
        progress(len(records), len(records), f"{len(records)} questions written")
        write_atomically(out, ("\n\n".join(blocks) + "\n").encode("utf-8"))

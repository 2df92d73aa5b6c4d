"""A question shown in full as HTML: prompt, answer, options, accepted answers and its source."""

from __future__ import annotations

import html
import re

from studyapp.core.questions import KIND_NAMES
from studyapp.services.question_bank import QuestionDetail

CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::([^}]*))?\}\}")


def _text(value: object) -> str:
    """Escaped text: imported HTML is shown as its words, never rendered (it is untrusted)."""
    return html.escape(re.sub(r"<[^>]+>", " ", str(value)))


def _prompt(question: QuestionDetail) -> str:
    if question.kind != "cloze":
        return _text(question.prompt)
    escaped = _text(question.prompt)
    return CLOZE.sub(lambda m: f"<b>[{m.group(1)}]</b>", escaped)


def detail_html(question: QuestionDetail) -> str:
    """The question as a small HTML document for the Question bank's detail pane."""
    payload = question.payload
    parts = [
        f"<p style='color:gray'>{KIND_NAMES.get(question.kind, question.kind)} · "
        f"{_text(question.deck.replace('::', ' › '))} · difficulty {question.difficulty:.2f}"
        + (" · <b>suspended</b>" if question.suspended else "")
        + "</p>",
        f"<p style='font-size:15px'>{_prompt(question)}</p>",
    ]
    if question.kind in ("choice", "multi"):
        correct = set(payload.get("correct", []))
        items = "".join(
            f"<li>{'<b>' if i in correct else ''}{_text(choice)}{' ✓</b>' if i in correct else ''}</li>"
            for i, choice in enumerate(payload.get("choices", []))
        )
        parts.append(f"<ol type='A'>{items}</ol>")
    elif question.kind == "order":
        items = "".join(f"<li>{_text(item)}</li>" for item in payload.get("items", []))
        parts.append(f"<p>Right order:</p><ol>{items}</ol>")
    elif question.kind == "match":
        rows = "".join(
            f"<tr><td>{_text(left)}</td><td>&nbsp;→&nbsp;</td><td>{_text(right)}</td></tr>"
            for left, right in payload.get("pairs", [])
        )
        parts.append(f"<table cellpadding='2'>{rows}</table>")
    else:
        parts.append(f"<p><b>Answer:</b> {_text(question.answer)}</p>")
    accepted = payload.get("accepted") or []
    if accepted:
        parts.append(
            f"<p style='color:gray'>Also accepted: {_text(', '.join(map(str, accepted)))}</p>"
        )
    if question.explanation and question.kind != "cloze":  # a cloze is its own sentence
        parts.append(f"<p><i>{_text(question.explanation)}</i></p>")
    if question.article_title:
        parts.append(f"<p style='color:gray'>From “{_text(question.article_title)}”</p>")
    return "".join(parts)

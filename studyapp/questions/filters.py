"""Checks every generated question passes: answer hidden, one sound question, true to its source."""

from __future__ import annotations

import re

from studyapp.core.articles import ArticleText
from studyapp.core.questions import QuestionRecord

CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::[^}]*)?\}\}")
QUESTION_WORDS = ("When ", "Who ", "Which ", "What ", "How many ", "How much ", "Why ")
MAX_PROMPT_WORDS = 45
MAX_CLOZE_WORDS = 60  # a cloze may show the sentence or two its sentence leans on
_ENTITY = re.compile(r"&(?:[a-z]+|#\d+|#x[0-9a-f]+);", re.IGNORECASE)


def fold(text: str) -> str:
    """Lower case, straight quotes and single spaces, for comparing texts."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.lower().split())


def stem(record: QuestionRecord) -> str:
    """What the learner sees before answering (cloze deletions blanked)."""
    return CLOZE.sub("[...]", record.prompt) if record.kind == "cloze" else record.prompt


def hidden_answers(record: QuestionRecord) -> list[str]:
    """The texts that must not show in the stem."""
    if record.kind == "cloze":
        return [match.group(1) for match in CLOZE.finditer(record.prompt)]
    if record.kind in ("true_false", "order", "match"):
        return []  # their answer is a verdict or an arrangement of what is shown
    answers = [record.answer]
    if record.kind == "typed":
        answers += [str(form) for form in record.payload.get("accepted", [])]
    return answers


def contains(haystack: str, needle: str) -> bool:
    """``needle`` appears in ``haystack`` as whole words (case and quotes ignored)."""
    needle = fold(needle)
    return bool(needle) and re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", fold(haystack)) is not None


def _choice_problems(record: QuestionRecord, shown: str) -> list[str]:
    choices = [fold(str(c)) for c in record.payload.get("choices", [])]
    correct = record.payload.get("correct", [])
    wanted = 2 if record.about == "comparison" else 4
    if len(set(choices)) != len(choices) or len(choices) != wanted or len(correct) != 1:
        return ["choices are not distinct options with one right answer"]
    if any(contains(shown, choice) for choice in choices):
        return ["a choice is written in the question"]
    return []


def problems(record: QuestionRecord, article: ArticleText) -> list[str]:
    """Why ``record`` is not fit to show; empty when it is."""
    found = []
    shown = stem(record)
    if any(contains(shown, answer) for answer in hidden_answers(record)):
        found.append("the answer is in the question")
    if record.kind == "choice":
        found += _choice_problems(record, shown)
    if record.kind in ("basic", "typed", "choice", "numerical"):
        if not shown.startswith(QUESTION_WORDS):
            found.append("the stem does not start with a question word")
        if not shown.endswith("?") or shown.count("?") != 1:
            found.append("the stem is not one question")
    if shown.count("(") != shown.count(")") or "  " in shown or _ENTITY.search(shown):
        found.append("unbalanced brackets, stray spaces or HTML entities")
    if len(shown.split()) > (MAX_CLOZE_WORDS if record.kind == "cloze" else MAX_PROMPT_WORDS):
        found.append("too long to read as one question")
    opening = record.prompt[:1]
    if not (opening.isupper() or opening.isdigit() or opening in "\"“'‘{"):
        found.append("does not start with a capital")
    source = record.source
    if not record.explanation or source is None:
        found.append("no source")
    elif (
        not 0 <= source.passage < len(article.passages)
        or article.passages[source.passage][source.start : source.end] != source.text
    ):
        found.append("the source span is not the article's text")
    return found

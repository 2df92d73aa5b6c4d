"""Quality filters every generated question passes: answer hidden, sound stem, no near-duplicates."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from studyapp.core.articles import ArticleText
from studyapp.core.questions import FLASHCARD_KINDS, QuestionRecord

CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::[^}]*)?\}\}")
NEAR_DUPLICATE = 92  # rapidfuzz ratio between two stems of one family
QUESTION_WORDS = ("When ", "Who ", "Which ", "What ", "How many ", "How much ")


def fold(text: str) -> str:
    """Lower case, straight quotes and single spaces, for comparisons."""
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


def _contains(haystack: str, needle: str) -> bool:
    needle = fold(needle)
    return (
        bool(needle) and re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", fold(haystack)) is not None
    )


def problems(record: QuestionRecord, article: ArticleText) -> list[str]:
    """Why ``record`` is not fit to show; empty when it is."""
    found = []
    shown = stem(record)
    if any(_contains(shown, answer) for answer in hidden_answers(record)):
        found.append("the answer is in the question")
    if record.kind == "choice":
        choices = [fold(str(c)) for c in record.payload.get("choices", [])]
        correct = record.payload.get("correct", [])
        if len(set(choices)) != len(choices) or len(choices) < 4 or len(correct) != 1:
            found.append("choices are not four distinct options with one right answer")
        elif any(_contains(shown, choice) for choice in choices):
            found.append("a choice is written in the question")
    if record.kind in ("basic", "typed", "choice", "numerical"):
        if not shown.startswith(QUESTION_WORDS) and ", " not in shown[:60]:
            found.append("the stem does not start with a question word")
        if not shown.endswith("?") or shown.count("?") != 1:
            found.append("the stem is not one question")
    if shown.count("(") != shown.count(")") or "  " in shown:
        found.append("unbalanced brackets or stray spaces")
    if not record.explanation or record.source is None:
        found.append("no source")
    else:
        source = record.source
        passages = article.passages
        if (
            not 0 <= source.passage < len(passages)
            or passages[source.passage][source.start : source.end] != source.text
        ):
            found.append("the source span is not the article's text")
    return found


def family(kind: str) -> str:
    """Flashcards and quiz questions are deduplicated separately."""
    return "flashcard" if kind in FLASHCARD_KINDS else kind


def deduplicate(records: list[QuestionRecord]) -> list[QuestionRecord]:
    """Drop exact duplicates, and near-duplicate stems with the same answer, within a family.

    Two long stems can differ in a few words and still ask different things ("When did
    Khieu Samphan announce …?" / "… who announced …?"), so a near-duplicate must also
    share its answer. The first one wins.
    """
    kept: list[QuestionRecord] = []
    stems: dict[str, list[str]] = {}
    answers: dict[str, list[str]] = {}
    exact: set[tuple[str, str]] = set()
    for record in records:
        group = family(record.kind)
        key = fold(stem(record))
        if record.kind in ("order", "match"):
            key = fold(record.answer)
        if (group, key) in exact:
            continue
        previous = stems.setdefault(group, [])
        said = answers.setdefault(group, [])
        if record.kind in ("basic", "typed", "choice", "numerical") and previous:
            near = process.extract(
                key, previous, scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE, limit=5
            )
            if any(said[index] == fold(record.answer) for _, _, index in near):
                continue
        exact.add((group, key))
        previous.append(key)
        said.append(fold(record.answer))
        kept.append(record)
    return kept

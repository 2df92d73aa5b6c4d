"""Questions as generated or imported, before they reach the bank."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Flashcard kinds are reviewed with FSRS; every kind can appear in a quiz.
FLASHCARD_KINDS = ("basic", "cloze", "typed")
QUIZ_KINDS = ("choice", "multi", "true_false", "order", "match", "numerical")
KINDS = FLASHCARD_KINDS + QUIZ_KINDS
# What every page and dialog calls each kind.
KIND_NAMES = {
    "basic": "Question and answer",
    "cloze": "Fill the gap (cloze)",
    "typed": "Typed answer",
    "choice": "Multiple choice",
    "multi": "Several answers",
    "true_false": "True or false",
    "order": "Put in order",
    "match": "Matching",
    "numerical": "Number",
}


@dataclass(frozen=True)
class SourceSpan:
    """Where in an article a question comes from: passage ordinal and character span."""

    passage: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class QuestionRecord:
    """One question, validated, ready to be written to the bank.

    ``payload`` holds what a kind needs beyond prompt/answer, as JSON-able data:
    ``choices`` (list of str) and ``correct`` (indices) for choice/multi;
    ``answer`` bool for true_false; ``items`` in the right order for order;
    ``pairs`` ([left, right] lists) for match; ``cloze`` (int) for cloze;
    ``accepted`` (alternative answers) for typed; ``tolerance`` for numerical.
    Prompts and answers may hold HTML (imported cards); it is sanitised before
    it is shown.
    """

    kind: str
    prompt: str
    answer: str
    payload: dict[str, Any] = field(default_factory=dict)
    explanation: str = ""
    difficulty: float = 0.5  # 0 easy .. 1 hard
    tags: tuple[str, ...] = ()
    deck: str = ""  # deck name; "::" separates nested decks
    source: SourceSpan | None = None
    external_id: str = ""  # id in the file it came from (Anki guid, Mnemosyne id...)
    # Generated questions only: what the question tests (person, date, number, place,
    # organisation, role, definition, cause, sequence, comparison), the fact it asks
    # about (questions sharing it are siblings), and whether it was ranked out of the
    # default study set (kept as "more", studied only once promoted).
    about: str = ""
    fact_key: str = ""
    extra: bool = False

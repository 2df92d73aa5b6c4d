"""Facts: one thing the article states that a learner could be asked, before it becomes questions.

A fact finder reads the article (``Reading``) and returns facts; the question writers
turn each fact into the kinds it suits (a cloze needs the answer's span, a question
card needs a grammatical question, true/false a restated statement). Finders register
themselves in FINDERS, so this module never imports them (no import cycle).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from studyapp.core.extraction import ParsedSentence
from studyapp.questions.reading import Reading

ABOUT = (
    "person", "date", "number", "place", "organisation", "role", "definition", "cause",
    "sequence", "comparison",
)  # fmt: skip


@dataclass(frozen=True)
class Fact:
    """Something the article states, with what a question about it needs."""

    about: str  # one of ABOUT: what a question on this fact tests
    sentence: ParsedSentence  # where the article states it
    answer: str  # the right answer, as shown to the learner
    span: tuple[int, int] | None = None  # passage span of the answer's words (cloze, swaps)
    question: str = ""  # a question the answer answers ("" when none reads well)
    statement: str = ""  # the sentence restated, subject first (true/false)
    slot: str = ""  # the answer as written inside ``statement`` (a false statement swaps it)
    summary: str = ""  # what happened, restated without its date (sequence items)
    accepted: tuple[str, ...] = ()  # other right answers (aliases, spellings)
    avoid: tuple[str, ...] = ()  # never offered as a wrong choice: right under another name
    date: str = ""
    end_date: str = ""
    value: float = 0.0
    unit: str = ""
    qualifier: str = ""  # "about", "more than": how the number is hedged
    person: str = ""  # the person the fact is about or names
    entity_label: str = ""  # the model's label for a place or organisation answer
    weight: float = 1.0  # how central the fact is to the article (recurring names, dates)

    @property
    def key(self) -> str:
        """Identity of the fact: what it asks about, its answer and where it is stated."""
        raw = f"{self.about}|{self.answer.casefold()}|{self.sentence.passage}:{self.sentence.start}"
        return hashlib.sha1(raw.encode()).hexdigest()[:16]


Finder = Callable[[Reading], list[Fact]]
FINDERS: list[Finder] = []


def finder(function: Finder) -> Finder:
    """Register a fact finder (modules listed in questions/__init__.py are imported once)."""
    FINDERS.append(function)
    return function


def find_facts(reading: Reading) -> list[Fact]:
    """Every fact every registered finder sees, in finder order."""
    return [fact for find in FINDERS for fact in find(reading)]

"""Question cards from facts: flashcards (reveal or type the answer) and quiz questions
(multiple choice, a number to type, or one of two people to tell apart)."""

from __future__ import annotations

import hashlib
import re

from studyapp.questions import numbers
from studyapp.questions.distractors import shown_number, wrong_answers
from studyapp.questions.facts import Fact
from studyapp.questions.names import HOUSEHOLD
from studyapp.questions.phrases import tidy
from studyapp.questions.reading import Reading
from studyapp.questions.records import Candidate, record

# How well each kind of fact makes a question (cause and definition test understanding).
ABOUT = {
    "cause": 1.0, "definition": 1.0, "date": 0.95, "person": 0.95, "number": 0.9,
    "role": 0.85, "organisation": 0.8, "comparison": 0.85, "place": 0.7,
}  # fmt: skip
TYPED_ABOUT = frozenset({"person", "date", "number", "organisation"})
COMFORTABLE_WORDS = 20  # a longer stem is harder to take in
MAX_TYPED_WORDS = 4  # longer answers are recalled, not typed


_PRONOUN = re.compile(r"\b(?:he|she|him|her|it|they|them|we|us)\b", re.IGNORECASE)
_ACRONYM = re.compile(r"\b[A-Z]{3,}s?\b")


def specific(reading: Reading, fact: Fact) -> bool:
    """A question with one answer that a learner can place: it names something (a person,
    a place, a body, a number) and leaves no pronoun to guess. "When was an armistice
    signed?" or "Who became prime minister?" could be any armistice, any country."""
    question = fact.question
    if _PRONOUN.search(question.split(" ", 1)[-1]):
        return False  # "Why did Parisians regard them as their own?": them?
    words = question.rstrip("?").split()[1:]
    return any(w[:1].isupper() or any(ch.isdigit() for ch in w) for w in words[1:])


def _acronyms(text: str) -> int:
    """Acronyms a question leaves unexplained ("sealed the ALSRCs")."""
    return sum(1 for word in _ACRONYM.findall(text) if word.rstrip("s") not in HOUSEHOLD)


def _quality(fact: Fact) -> float:
    length = len(fact.question.split())
    quality = ABOUT.get(fact.about, 0.8) * (1.0 - max(0, length - COMFORTABLE_WORDS) / 30)
    return quality * (0.6 if _acronyms(fact.question) else 1.0)


def _digest(text: str) -> int:
    return int(hashlib.sha1(text.encode()).hexdigest()[:6], 16)


def flashcards(reading: Reading, facts: list[Fact]) -> list[Candidate]:
    """A basic or typed card per fact that has a question: typed for short names, dates and
    numbers (one in three, for variety), basic otherwise."""
    candidates = []
    for fact in facts:
        if not fact.question or fact.about == "comparison" or not specific(reading, fact):
            continue
        if fact.about == "person" and _main_figure(reading, fact):
            continue  # "Who set out his vision …?" in an article on Bolívar: the obvious guess
        typed = (
            fact.about in TYPED_ABOUT
            and len(fact.answer.split()) <= MAX_TYPED_WORDS
            and not fact.end_date  # "1808 – 1810" is written too many ways to type
            and _digest(fact.question) % 3 == 0
        )
        kind = "typed" if typed else "basic"
        payload: dict[str, object] = {}
        if typed:
            payload["accepted"] = [a for a in dict.fromkeys(fact.accepted) if a.lower() != fact.answer.lower()]
        candidates.append(
            Candidate(
                record(
                    reading, kind, fact.question, fact.answer, fact.sentence,
                    about=fact.about, fact_key=fact.key, payload=payload,
                    difficulty=0.5 + (0.15 if typed else 0.0),
                    explanation=tidy(fact.sentence.text),
                ),
                quality=_quality(fact),
                weight=fact.weight,
            )
        )  # fmt: skip
    return candidates


def quiz_questions(reading: Reading, facts: list[Fact]) -> list[Candidate]:
    """A quiz question per fact with a question: multiple choice with three wrong answers of
    its kind, a number to type for some numbers, or "which of these two" comparisons."""
    rng = reading.rng("choice")
    candidates = []
    for fact in facts:
        if not fact.question or not specific(reading, fact):
            continue
        if fact.about == "comparison":
            choices, correct = _two_people(fact, rng.random() < 0.5)
            made = record(
                reading, "choice", fact.question, fact.answer, fact.sentence,
                about=fact.about, fact_key=fact.key,
                payload={"choices": choices, "correct": [correct]}, difficulty=0.4,
                explanation=tidy(fact.sentence.text),
            )  # fmt: skip
            candidates.append(Candidate(made, _quality(fact), fact.weight))
            continue
        if fact.about == "number" and _digest(fact.question) % 2 == 0:
            candidates.append(_numerical(reading, fact))
            continue
        if fact.about == "organisation" and fact.unit:
            continue  # only one expansion fits an acronym's letters: a giveaway as a choice
        wrong = wrong_answers(reading, fact, rng)
        if not wrong:
            continue
        answer = shown_number(fact, fact.value) if fact.about == "number" else fact.answer
        position = rng.randrange(len(wrong) + 1)
        choices = [*wrong]
        choices.insert(position, answer)
        made = record(
            reading, "choice", fact.question, answer, fact.sentence,
            about=fact.about, fact_key=fact.key,
            payload={"choices": choices, "correct": [position]}, difficulty=0.45,
            explanation=tidy(fact.sentence.text),
        )  # fmt: skip
        candidates.append(Candidate(made, _quality(fact), fact.weight))
    return candidates


def _main_figure(reading: Reading, fact: Fact) -> bool:
    person = reading.person_named(fact.person) if fact.person else None
    return person is not None and reading.dominant(person)


def _two_people(fact: Fact, first: bool) -> tuple[list[str], int]:
    return ([fact.answer, fact.unit], 0) if first else ([fact.unit, fact.answer], 1)


def _numerical(reading: Reading, fact: Fact) -> Candidate:
    """Type the number; a hedged figure ("about 30") allows a tenth either way."""
    tolerance = round(fact.value * 0.1, 2) if fact.qualifier else 0
    made = record(
        reading, "numerical", fact.question, numbers.shown(fact.value, fact.unit), fact.sentence,
        about=fact.about, fact_key=fact.key,
        payload={"value": fact.value, "tolerance": tolerance, "unit": fact.unit},
        difficulty=0.6, explanation=tidy(fact.sentence.text),
    )  # fmt: skip
    return Candidate(made, _quality(fact), fact.weight)

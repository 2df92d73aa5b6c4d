"""Cloze flashcards: a key term of an informative sentence hidden Anki-style, ``{{c1::term::hint}}``."""

from __future__ import annotations

from dataclasses import dataclass

from studyapp.core.questions import QuestionRecord
from studyapp.questions.material import Material
from studyapp.questions.sentences import Sentence

PER_SENTENCE = 2  # more blanks per sentence turn one fact into a flood of cards
MIN_WORDS = 6


@dataclass(frozen=True)
class Term:
    """A key term inside a sentence: its span (in the sentence), hint, topic and priority."""

    start: int
    end: int
    hint: str
    topic: str
    priority: int
    also: tuple[tuple[int, int], ...] = ()  # other spans naming the same thing (aliases)


def _terms(material: Material) -> dict[Sentence, list[Term]]:
    found: dict[Sentence, list[Term]] = {}
    for event, sentence in material.dated_events:
        if event.inferred:
            continue  # "Three weeks later" is not a date to learn
        offset = sentence.start
        found.setdefault(sentence, []).append(
            Term(event.start - offset, event.end - offset, "date", "Events", 0)
        )
    for figure, sentence in material.located_figures:
        offset = sentence.start
        found.setdefault(sentence, []).append(
            Term(figure.start - offset, figure.end - offset, "number", "Numbers", 1)
        )
    for person in material.persons:
        by_sentence: dict[Sentence, list[tuple[int, int]]] = {}
        for mention in person.mentions:
            sentence = material.sentences.at(mention.passage, mention.start)
            if sentence is not None and mention.end <= sentence.end:
                spans = by_sentence.setdefault(sentence, [])
                spans.append((mention.start - sentence.start, mention.end - sentence.start))
        for sentence, spans in by_sentence.items():
            first, *rest = sorted(spans)
            found.setdefault(sentence, []).append(
                Term(first[0], first[1], "person", "People", 2, tuple(rest))
            )
    return found


def _blank(text: str, term: Term) -> str:
    """The sentence with every span of ``term`` wrapped as cloze 1."""
    spans = sorted([(term.start, term.end), *term.also], reverse=True)
    for start, end in spans:
        text = f"{text[:start]}{{{{c1::{text[start:end]}::{term.hint}}}}}{text[end:]}"
    return text


def _overlaps(a: Term, b: Term) -> bool:
    return a.start < b.end and b.start < a.end


def generate(material: Material) -> list[QuestionRecord]:
    """Up to two cloze cards per informative sentence, dates first, then numbers, then people."""
    if "cloze" not in material.options.kinds:
        return []
    records = []
    for sentence, terms in _terms(material).items():
        if len(sentence.text.split()) < MIN_WORDS:
            continue
        chosen: list[Term] = []
        for term in sorted(terms, key=lambda t: (t.priority, t.start)):
            if len(chosen) == PER_SENTENCE or any(_overlaps(term, other) for other in chosen):
                continue
            answer = sentence.text[term.start : term.end]
            visible = sentence.text[: term.start] + sentence.text[term.end :]
            if answer.lower() in visible.lower() and not term.also:
                continue  # the term is written twice: hiding one would show the answer
            chosen.append(term)
        for term in chosen:
            answer = sentence.text[term.start : term.end]
            difficulty = {"date": 0.55, "number": 0.6, "person": 0.45}[term.hint]
            records.append(
                material.record(
                    "cloze",
                    _blank(sentence.text, term),
                    answer,
                    sentence,
                    payload={"cloze": 1},
                    difficulty=difficulty + min(len(sentence.text) / 2000, 0.15),
                    topic=term.topic,
                    tags=(term.hint,),
                )
            )
    return records

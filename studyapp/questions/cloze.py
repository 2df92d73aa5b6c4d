"""Cloze flashcards: one key term of a sentence that stands alone, hidden Anki-style ``{{c1::term::hint}}``."""

from __future__ import annotations

import re

from studyapp.questions.facts import Fact
from studyapp.questions.phrases import rewrite, tidy
from studyapp.questions.reading import Reading
from studyapp.questions.records import Candidate, record
from studyapp.questions.slots import subject_name

# Places and bodies are named often and asked for less: a gap on "India" teaches little.
ABOUT = {"date": 1.0, "person": 1.0, "number": 0.9, "organisation": 0.7, "place": 0.55}
MAX_TERM_WORDS = 6
COMFORTABLE_WORDS = 25  # beyond this a cloze gets harder to read at a glance
_CLOZE = re.compile(r"\{\{c1::(.*?)::[a-z]+\}\}")


def cloze_text(reading: Reading, fact: Fact) -> tuple[str, str] | None:
    """The sentence with the fact's term hidden, and the term as written; None if it shows twice."""
    assert fact.span is not None
    sentence = fact.sentence
    term = tidy(sentence.text[fact.span[0] - sentence.start : fact.span[1] - sentence.start])
    replacements = {fact.span: f"{{{{c1::{term}::{fact.about}}}}}"}
    name, pronoun = subject_name(reading, sentence)
    if pronoun is not None:
        replacements[pronoun] = name
    text = rewrite(sentence, replacements)
    visible = _CLOZE.sub("", text).lower()
    if not term or re.search(rf"(?<!\w){re.escape(term.lower())}(?!\w)", visible):
        return None  # written twice: hiding one would show the answer
    return text, term


def _quoted(fact: Fact) -> bool:
    """The term lies inside quotation marks in its sentence."""
    assert fact.span is not None
    before = fact.sentence.text[: fact.span[0] - fact.sentence.start]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def write(reading: Reading, facts: list[Fact]) -> list[Candidate]:
    """A cloze card per fact with a term in a prose sentence."""
    candidates = []
    for fact in facts:
        if fact.about not in ABOUT or fact.span is None or fact.sentence.passage_kind != "prose":
            continue
        if reading.standings[fact.sentence].long:
            continue  # too long to read whole: its facts are asked as questions instead
        made = cloze_text(reading, fact)
        if made is None:
            continue
        text, term = made
        if len(term.split()) > MAX_TERM_WORDS or _quoted(fact):
            continue  # inside a quotation a term is part of what someone said, not a fact
        length = len(text.split())
        quality = ABOUT[fact.about] * (1.0 - max(0, length - COMFORTABLE_WORDS) / 40)
        difficulty = {"date": 0.55, "number": 0.6, "person": 0.45}.get(fact.about, 0.5)
        candidates.append(
            Candidate(
                record(
                    reading, "cloze", text, term, fact.sentence,
                    about=fact.about, fact_key=fact.key, payload={"cloze": 1},
                    difficulty=difficulty + min(length / 200, 0.15),
                    explanation=tidy(fact.sentence.text),
                ),
                quality=quality,
                weight=fact.weight,
            )
        )  # fmt: skip
    return candidates

"""A written question before ranking: its record, the fact it asks about and how good it is."""

from __future__ import annotations

from dataclasses import dataclass, replace

from studyapp.core.extraction import ParsedSentence
from studyapp.core.questions import FLASHCARD_KINDS, QuestionRecord, SourceSpan
from studyapp.questions.reading import Reading

# The topic sub-deck each kind of fact goes to, under the article's deck.
TOPIC_DECKS = {
    "person": "People",
    "role": "People",
    "comparison": "People",
    "date": "Events",
    "sequence": "Events",
    "cause": "Events",
    "number": "Numbers",
    "organisation": "Organisations",
    "place": "Places",
    "definition": "Terms",
}


@dataclass(frozen=True)
class Candidate:
    """One written question, the fact it tests and its quality (0..1) as a question."""

    record: QuestionRecord
    quality: float
    weight: float = 1.0  # importance of the fact in the article

    @property
    def family(self) -> str:
        """Flashcards and quiz questions are chosen separately."""
        return "flashcard" if self.record.kind in FLASHCARD_KINDS else "quiz"

    @property
    def score(self) -> float:
        return self.quality * self.weight

    def as_extra(self) -> QuestionRecord:
        return replace(self.record, extra=True)


def deck(reading: Reading, about: str = "") -> str:
    """The deck a question goes to: the article's deck or one of its topic sub-decks."""
    title = reading.article.title.replace("::", ":").strip() or "Untitled article"
    topic = TOPIC_DECKS.get(about, "")
    return f"{title}::{topic}" if topic else title


def source(sentence: ParsedSentence) -> SourceSpan:
    return SourceSpan(sentence.passage, sentence.start, sentence.end, sentence.text)


def record(
    reading: Reading,
    kind: str,
    prompt: str,
    answer: str,
    sentence: ParsedSentence,
    *,
    about: str,
    fact_key: str,
    payload: dict[str, object] | None = None,
    difficulty: float = 0.5,
    explanation: str = "",
) -> QuestionRecord:
    """A generated QuestionRecord sourced at ``sentence``, in its topic deck."""
    return QuestionRecord(
        kind=kind,
        prompt=reading.with_full_names(prompt, sentence),
        answer=answer,
        payload=dict(payload or {}),
        explanation=explanation or sentence.text,
        difficulty=round(min(max(difficulty, 0.05), 0.95), 2),
        tags=("generated", about),
        deck=deck(reading, about),
        source=source(sentence),
        about=about,
        fact_key=fact_key,
    )

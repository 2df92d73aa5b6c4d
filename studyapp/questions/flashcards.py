"""Question/answer flashcards from facts: "basic" (reveal the answer) or "typed" (type it)."""

from __future__ import annotations

from studyapp.core.questions import QuestionRecord
from studyapp.questions.material import Fact, Material

TOPIC_DECKS = {
    "when": "Events",
    "who": "People",
    "profile": "People",
    "role": "People",
    "how_many": "Numbers",
    "what": "Organisations",
}


def deck_topic(fact: Fact) -> str:
    """The topic sub-deck a fact's questions go to."""
    return TOPIC_DECKS.get(fact.topic, "")


def card(material: Material, fact: Fact, kind: str) -> QuestionRecord:
    """A basic or typed card for ``fact``."""
    payload: dict[str, object] = {}
    difficulty = fact.difficulty
    if kind == "typed":
        accepted = [form for form in fact.accepted if form.lower() != fact.answer.lower()]
        payload["accepted"] = sorted(set(accepted), key=accepted.index)
        difficulty += 0.15  # recalling and spelling is harder than recognising
    return material.record(
        kind,
        fact.prompt,
        fact.answer,
        fact.sentence,
        payload=payload,
        difficulty=difficulty,
        topic=deck_topic(fact),
        tags=(fact.topic,),
    )


def generate(material: Material) -> list[QuestionRecord]:
    """One flashcard (basic or typed) per fact."""
    records = []
    for fact in material.facts:
        kind = material.choose(fact, flashcard=True)
        if kind is not None:
            records.append(card(material, fact, kind))
    return records

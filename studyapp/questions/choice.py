"""Quiz questions from facts: multiple choice with three plausible wrong answers, or a number to type."""

from __future__ import annotations

import random

from rapidfuzz import fuzz

from studyapp.core.questions import QuestionRecord
from studyapp.questions import dates, grammar, numbers
from studyapp.questions.flashcards import deck_topic
from studyapp.questions.match import confusable
from studyapp.questions.material import Fact, Material

WRONG_COUNT = 3


def _unlike(candidate: str, taken: list[str]) -> bool:
    """True when ``candidate`` is not (nearly) one of ``taken``: no aliases, no repeats."""
    return all(fuzz.ratio(candidate.lower(), other.lower()) < 85 for other in taken)


def _people(material: Material, fact: Fact, rng: random.Random) -> list[str]:
    sentence = fact.sentence
    named_here = {person.name for person in material.persons_in(sentence)}
    centre = sentence.passage
    candidates = [
        person
        for person in material.persons
        if person.name != fact.person
        and person.name not in named_here
        and not any(form.lower() in fact.prompt.lower() for form in material.forms(person))
    ]
    # People named close to the sentence are the plausible ones (same era, same story).
    candidates.sort(key=lambda person: min(abs(m.passage - centre) for m in person.mentions))
    pool = candidates[:6]
    rng.shuffle(pool)
    return [person.name for person in pool + candidates[6:]]


def _dates(material: Material, fact: Fact, rng: random.Random) -> list[str]:
    others = [event.date for event, _ in material.dated_events]
    qualifier = ""
    if fact.answer.lower().startswith("the ") and " of " in fact.answer:
        qualifier = fact.answer[: fact.answer.index(" of ") + 4]
    if fact.end_date:
        return [
            grammar.capitalise(f"{qualifier}{dates.readable_range(first, last)}")
            for first, last in dates.near_ranges(fact.date, fact.end_date, rng, count=6)
        ]
    return [
        grammar.capitalise(f"{qualifier}{dates.readable(iso)}")
        for iso in dates.near_dates(fact.date, fact.end_date, others, rng, count=6)
    ]


def _numbers(fact: Fact, rng: random.Random) -> list[str]:
    prefix = f"{fact.qualifier} " if fact.qualifier else ""
    return [
        grammar.capitalise(prefix + numbers.shown(value, fact.unit))
        for value in numbers.near_values(fact.value, rng, count=6)
    ]


def _organisations(material: Material, fact: Fact, rng: random.Random) -> list[str]:
    names = sorted(
        {
            org.name
            for org in material.extraction.organisations
            if len(org.name.split()) >= 2 and not any(ch.isdigit() for ch in org.name)
        }
    )
    rng.shuffle(names)
    # Names that share words with the answer ("… Party of …") are the plausible ones.
    names.sort(key=lambda name: -fuzz.token_set_ratio(name, fact.answer) // 20)
    return [name for name in names if name.lower() not in fact.prompt.lower()]


def _roles(material: Material, fact: Fact, rng: random.Random) -> list[str]:
    from studyapp.questions.profile import usable_role

    roles = sorted(
        {usable_role(material, person) for person in material.persons if person.name != fact.person}
        - {""}
    )
    rng.shuffle(roles)
    return [grammar.capitalise(role) for role in roles]


def wrong_answers(material: Material, fact: Fact, rng: random.Random) -> list[str]:
    """Three wrong answers of the fact's type, none an alias or repeat of the right one."""
    makers = {
        "person": lambda: _people(material, fact, rng),
        "date": lambda: _dates(material, fact, rng),
        "number": lambda: _numbers(fact, rng),
        "organisation": lambda: _organisations(material, fact, rng),
        "role": lambda: _roles(material, fact, rng),
    }
    taken = [fact.answer, *fact.accepted, *fact.avoid]
    chosen: list[str] = []
    for candidate in makers[fact.answer_type]():
        if _unlike(candidate, taken) and candidate.lower() not in fact.prompt.lower():
            if fact.answer_type == "role" and confusable(candidate, fact.answer):
                continue  # "The party's secretary" is arguably right for a "General Secretary"
            chosen.append(candidate)
            taken.append(candidate)
        if len(chosen) == WRONG_COUNT:
            return chosen
    return []


def multiple_choice(material: Material, fact: Fact, rng: random.Random) -> QuestionRecord | None:
    """A "choice" question: the right answer among three wrong ones, in a seeded order."""
    wrong = wrong_answers(material, fact, rng)
    if len(wrong) < WRONG_COUNT:
        return None
    answer = fact.answer
    if fact.answer_type == "number":  # shown like the wrong ones: digits, same qualifier
        prefix = f"{fact.qualifier} " if fact.qualifier else ""
        answer = grammar.capitalise(prefix + numbers.shown(fact.value, fact.unit))
    choices = [*wrong]
    position = rng.randrange(len(choices) + 1)
    choices.insert(position, answer)
    return material.record(
        "choice",
        fact.prompt,
        answer,
        fact.sentence,
        payload={"choices": choices, "correct": [position]},
        difficulty=fact.difficulty - 0.1,
        topic=deck_topic(fact),
        tags=(fact.topic,),
    )


def numerical(material: Material, fact: Fact) -> QuestionRecord:
    """A "numerical" question: type the number; rounded figures allow a small tolerance."""
    tolerance = round(fact.value * 0.1, 2) if fact.qualifier else 0
    return material.record(
        "numerical",
        fact.prompt,
        numbers.shown(fact.value, fact.unit),
        fact.sentence,
        payload={"value": fact.value, "tolerance": tolerance, "unit": fact.unit},
        difficulty=fact.difficulty + 0.1,
        topic=deck_topic(fact),
        tags=(fact.topic,),
    )


def generate(material: Material) -> list[QuestionRecord]:
    """One quiz question per fact: multiple choice, or numerical for some numbers."""
    rng = material.rng("choice")
    records = []
    for fact in material.facts:
        kind = material.choose(fact, flashcard=False)
        if kind == "numerical":
            records.append(numerical(material, fact))
        elif kind == "choice":
            record = multiple_choice(material, fact, rng)
            if record is not None:
                records.append(record)
    return records

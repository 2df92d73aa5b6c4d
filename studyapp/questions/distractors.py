"""Wrong answers of the right answer's kind and context, none of them also right.

People come from the same part of the article (same section, nearby passages), dates
near the right one at its precision, numbers of the same unit and size, expansions
with other initials, roles of other people that cannot be confused with the right one.
When too few good ones exist the answer is an empty list: no multiple-choice question
beats one with a silly option.
"""

from __future__ import annotations

import random

from rapidfuzz import fuzz

from studyapp.core.extraction import Person
from studyapp.questions import dates, numbers
from studyapp.questions.facts import Fact
from studyapp.questions.names import initials, spelled_out
from studyapp.questions.phrases import capitalise
from studyapp.questions.profile import confusable, usable_role
from studyapp.questions.reading import REGNAL_NAME, Reading

NEARBY_PASSAGES = 6  # people named this close to the question's sentence share its story
SAME_ERA_YEARS = 10  # and people active more than this far apart in time do not


def _distinct(candidate: str, taken: list[str]) -> bool:
    """Not (nearly) one of ``taken``: no alias, spelling variant or repeat."""
    low = candidate.lower()
    return all(
        fuzz.ratio(low, other.lower()) < 85
        and low not in other.lower()
        and other.lower() not in low
        and not _same_name(low, other.lower())
        for other in taken
        if other
    )


def _same_name(a: str, b: str) -> bool:
    """Two spellings of one name ("Vittorio Emanuele II" / "Victor Emmanuel II"): they end
    alike and half their words are near each other."""
    first, second = a.split(), b.split()
    if len(first) < 2 or len(second) < 2 or first[-1] != second[-1] and fuzz.ratio(first[-1], second[-1]) < 80:
        return False
    close = sum(1 for word in first if any(fuzz.ratio(word, other) >= 70 for other in second))
    return close * 2 >= max(len(first), len(second))


def _people(reading: Reading, fact: Fact, rng: random.Random) -> list[str]:
    sentence = fact.sentence
    here = {p.name for p, _ in reading.person_mentions.get(sentence, [])}
    section = reading.section(sentence.passage)

    def distance(person: Person) -> int:
        return min(abs(m.passage - sentence.passage) for m in person.mentions)

    era = reading.era(sentence.passage, sentence)
    close = {p.name: rank for rank, p in enumerate(peers(reading, fact.person))}

    kinds = reading.article.kinds

    def fits(person: Person) -> bool:
        if person.name == fact.person or person.name in here:
            return False
        if kinds and not any(kinds[m.passage] == "prose" for m in person.mentions):
            return False  # named only in a caption or a list ("Saint George" of a painting)
        if any(form.lower() in fact.question.lower() for form in reading.forms(person)):
            return False
        if person.name in close:
            return True  # named with the right person: of one story, wherever in the article
        other_era = reading.person_era(person)
        if era is not None and other_era is not None and abs(era - other_era) > SAME_ERA_YEARS:
            return False  # a judge of 2017 offered beside the actors of 1961
        same_section = any(reading.section(m.passage) == section for m in person.mentions)
        return same_section or distance(person) <= NEARBY_PASSAGES

    pool = [p for p in reading.persons if fits(p)]
    # Peers of the right person first, then prominent people near the sentence; people
    # named once are the last resort (a learner has never heard of them).
    # A bare surname beside full names ("Titulescu" among "Menelik II", "Zewditu …") stands
    # out as the odd one: options written like the answer come first.
    def shape(name: str) -> tuple[bool, bool]:
        # One word or several; a regnal number or not ("Frederick V" among three commoners
        # is the only one who could be crowned).
        return len(name.split()) == 1, bool(REGNAL_NAME.search(name))

    answer_shape = shape(fact.answer)

    def odd_shape(person: Person) -> bool:
        return shape(reading.shown_name(person)) != answer_shape

    pool.sort(key=lambda p: (p.name not in close, odd_shape(p), len(p.mentions) < 2, distance(p), p.name))
    near = pool[:5]
    rng.shuffle(near)
    return [reading.shown_name(p) for p in near + pool[5:]]


def peers(reading: Reading, name: str, at_least: int = 1) -> list[Person]:
    """People named in the same sentences as ``name`` (in ``at_least`` of them), most often
    first: of one story and usually of one kind (the astronauts, the generals together)."""
    counts: dict[str, int] = {}
    for mentioned in reading.person_mentions.values():
        names = {p.name for p, _ in mentioned}
        if name in names:
            for other in names - {name}:
                counts[other] = counts.get(other, 0) + 1
    people = {p.name: p for p in reading.persons}
    ranked = sorted(counts, key=lambda n: (-counts[n], n))
    return [people[n] for n in ranked if n in people and counts[n] >= at_least]


def _dates(reading: Reading, fact: Fact, rng: random.Random) -> list[str]:
    qualifier = ""
    if fact.answer.lower().startswith("the ") and " of " in fact.answer:
        qualifier = fact.answer[: fact.answer.index(" of ") + 4]
    if fact.end_date:
        return [
            capitalise(f"{qualifier}{dates.readable_range(first, last)}")
            for first, last in dates.near_ranges(fact.date, fact.end_date, rng, count=6)
        ]
    others = [e.date for e in reading.extraction.events if not e.inferred]
    titled = fact.date[:4] in reading.article.title  # "1969" in the title: no 1970 option
    near = dates.near_dates(fact.date, fact.end_date, others, rng, count=6, same_year=titled)
    return [capitalise(f"{qualifier}{dates.readable(iso)}") for iso in near]


def shown_number(fact: Fact, value: float) -> str:
    """A number written like the answer: its hedge, separators and unit sign."""
    prefix = f"{fact.qualifier} " if fact.qualifier else ""
    return capitalise(prefix + numbers.shown(value, fact.unit))


def _numbers(fact: Fact, rng: random.Random) -> list[str]:
    return [shown_number(fact, value) for value in numbers.near_values(fact.value, rng, count=6)]


def _expansions(reading: Reading, fact: Fact, rng: random.Random) -> list[str]:
    """Other full names whose initials cannot spell the acronym asked about: first the
    other acronyms the article spells out, then its organisations' names."""
    acronym = fact.unit.upper()
    spelled = sorted(
        {name for s in reading.usable() for other, name, _ in spelled_out(s.text) if other != fact.unit}
    )
    rng.shuffle(spelled)
    names = sorted(
        {
            org.name
            for org in reading.extraction.organisations
            if len(org.name.split()) >= 2
            and initials(org.name) != acronym
            and not any(ch.isdigit() for ch in org.name)
            and acronym not in org.aliases
        }
    )
    rng.shuffle(names)
    return [n for n in spelled if initials(n) != acronym] + names


def _roles(reading: Reading, fact: Fact, rng: random.Random) -> list[str]:
    roles = []
    for person in reading.persons:
        if person.name == fact.person:
            continue
        role, _ = usable_role(reading, person)
        if role and not confusable(role, fact.answer):
            roles.append(capitalise(role))
    rng.shuffle(roles)
    return roles


def _places(reading: Reading, fact: Fact, rng: random.Random) -> list[str]:
    """Other places the model labels alike (two cities, two countries), neither inside the other."""
    names = []
    prose = set(reading.usable())
    for place in reading.extraction.places:
        if any(m.text == fact.answer for m in place.mentions):
            continue
        if not any(reading.sentence_at(m.passage, m.start) in prose for m in place.mentions):
            continue  # named only in a heading or a caption: perhaps not a place at all
        labels = {
            w.entity
            for m in place.mentions
            if (s := reading.sentence_at(m.passage, m.start)) is not None
            for w in s.words
            if m.start <= w.start < m.end
        }
        if fact.entity_label and labels == {fact.entity_label}:
            names.append(place.name)
    rng.shuffle(names)
    return [n for n in names if n.lower() not in fact.answer.lower() and fact.answer.lower() not in n.lower()]


def wrong_answers(reading: Reading, fact: Fact, rng: random.Random, count: int = 3) -> list[str]:
    """``count`` wrong answers of the fact's kind, or [] when there are not enough good ones."""
    makers = {
        "person": lambda: _people(reading, fact, rng),
        "date": lambda: _dates(reading, fact, rng),
        "number": lambda: _numbers(fact, rng),
        "role": lambda: _roles(reading, fact, rng),
        "place": lambda: _places(reading, fact, rng),
        "organisation": lambda: _expansions(reading, fact, rng) if fact.unit else [],
    }
    make = makers.get(fact.about)
    if make is None:
        return []
    taken = [fact.answer, *fact.accepted, *fact.avoid]
    chosen: list[str] = []
    for candidate in make():
        if _distinct(candidate, taken) and candidate.lower() not in fact.question.lower():
            chosen.append(candidate)
            taken.append(candidate)
        if len(chosen) == count:
            return chosen
    return []

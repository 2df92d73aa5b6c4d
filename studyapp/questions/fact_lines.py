"""Facts from fact-sheet lines whose label says what they are: "Born: 5 August 1930"."""

from __future__ import annotations

import re

from studyapp.core.extraction import Person
from studyapp.questions import dates
from studyapp.questions.facts import Fact, finder
from studyapp.questions.phrases import capitalise
from studyapp.questions.reading import Reading

# Label -> question about the person the line names; "{}" is the person.
LABELS = {"born": "When was {} born?", "died": "When did {} die?"}
_LABEL = re.compile(r"\b(Born|Died)\s*:\s*$", re.IGNORECASE)


@finder
def life_facts(reading: Reading) -> list[Fact]:
    """ "When was Neil Alden Armstrong born?" from "Neil Alden Armstrong (Born: August 5, 1930 …"."""
    facts = []
    for sentence in reading.sentences:
        if sentence.passage_kind != "fact":
            continue
        people = reading.person_mentions.get(sentence, [])
        for event in reading.events.get(sentence, []):
            if event.inferred or event.precision != "day":
                continue
            label = _LABEL.search(sentence.text[: event.start - sentence.start])
            named = [(p, m) for p, m in people if m.end <= event.start]
            if label is None or not named:
                continue
            person = named[0][0]
            facts.append(
                Fact(
                    about="date",
                    sentence=sentence,
                    answer=capitalise(dates.readable(event.date)),
                    span=(event.start, event.end),
                    question=LABELS[label.group(1).lower()].format(person.name),
                    accepted=tuple(dates.spellings(event.date)),
                    date=event.date,
                    person=person.name,
                    # The main figure's birth and death are worth learning; a side figure's
                    # (the other two astronauts') are trivia: "more", never the default set.
                    weight=0.6 if _main_figure(reading, person) else 0.1,
                )
            )
    return facts


def _main_figure(reading: Reading, person: Person) -> bool:
    """The one person the article is about (two astronauts named equally often: neither)."""
    count = len(person.mentions)
    return reading.dominant(person) and sum(len(p.mentions) == count for p in reading.persons) == 1

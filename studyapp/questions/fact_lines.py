"""Facts from fact-sheet lines whose label says what they are: "Born: 5 August 1930"."""

from __future__ import annotations

import re

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
                    weight=0.35,  # a life date from a fact sheet: rarely what the article is about
                )
            )
    return facts

""" "When" facts: a dated statement becomes "When did … ?" answered by its date."""

from __future__ import annotations

import re

from studyapp.core.extraction import Event
from studyapp.questions import dates, grammar
from studyapp.questions.material import Fact, Material
from studyapp.questions.sentences import Sentence
from studyapp.questions.verbs import is_past

QUALIFIER = re.compile(
    r"\b(the (?:end|beginning|start|middle|first half|second half) of)\b", re.IGNORECASE
)
YEAR = re.compile(r"\b1\d{3}\b|\b20\d{2}\b")


def leading_phrase(material: Material, sentence: Sentence) -> str:
    """The pure date phrase a sentence opens with ("On 31 December 1977"), or ""."""
    for event, where in material.dated_events:
        if where == sentence and not event.inferred:
            split = grammar.date_phrase(
                sentence.text, event.start - sentence.start, event.end - sentence.start
            )
            if split and sentence.text.startswith(split[0]):
                return split[0]
    return ""


def attached(sentence: Sentence, phrase: str, clause_text: str, clause: grammar.Clause) -> bool:
    """Whether the date belongs to the main clause.

    A date at the end of a sentence may belong to a subordinate clause ("…, comparing it
    to the defeat of 17 April 1975"): it counts only when nothing of the predicate was cut.
    """
    if sentence.text.startswith(phrase):
        return True
    return clause_text.rstrip(" .").endswith(clause.rest)


def answer_for(event: Event, phrase: str) -> str:
    """The date in words, keeping "the end of" and similar qualifiers the text gives."""
    answer = dates.readable_range(event.date, event.end_date)
    qualifier = QUALIFIER.search(phrase)
    if qualifier and event.precision != "day":
        answer = f"{qualifier.group(1).lower()} {answer}"
    return grammar.capitalise(answer)


def facts(material: Material) -> list[Fact]:
    """One "When …?" fact per dated event whose sentence has a simple main clause."""
    found = []
    for event, sentence in material.dated_events:
        if event.inferred:
            continue  # a date inferred from context is not what the sentence states
        split = grammar.date_phrase(
            sentence.text, event.start - sentence.start, event.end - sentence.start
        )
        if split is None:
            continue
        phrase, clause_text = split
        clause = grammar.analyse(clause_text)
        if clause is None or not attached(sentence, phrase, clause_text, clause):
            continue
        words = clause.rest.split()
        if clause.passive_or_copula and not is_past(words[0].lower()) and len(words) < 3:
            continue  # "When were the Khmer Rouge stronger?" asks too little to be fair
        prompt = grammar.when_question(clause)
        if YEAR.search(prompt):
            continue  # another date in the stem would give the answer away or confuse
        difficulty = {"day": 0.65, "month": 0.55, "year": 0.4}.get(event.precision, 0.5)
        found.append(
            Fact(
                topic="when",
                prompt=prompt,
                answer=answer_for(event, phrase),
                answer_type="date",
                sentence=sentence,
                difficulty=difficulty + (0.05 if event.end_date else 0.0),
                accepted=tuple(
                    dict.fromkeys(
                        [
                            dates.readable_range(event.date, event.end_date),
                            *dates.spellings(event.date),
                        ]
                    )
                ),
                date=event.date,
                end_date=event.end_date,
            )
        )
    return found

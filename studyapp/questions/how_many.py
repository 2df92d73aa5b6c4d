""" "How many" facts: a counted quantity becomes "How many soldiers did Vietnam have …?"."""

from __future__ import annotations

import re

from studyapp.core.extraction import Figure
from studyapp.questions import grammar, numbers
from studyapp.questions.material import Fact, Material
from studyapp.questions.sentences import Sentence
from studyapp.questions.verbs import base_form, is_past
from studyapp.questions.when import leading_phrase

NOT_COUNTS = {
    "usd",
    "$",
    "percent",
    "%",
    "day",
    "days",
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "hour",
    "hours",
    "age",
    "years old",
    "km",
    "kilometres",
    "miles",
}
STOP = {
    "and",
    "or",
    "with",
    "of",
    "in",
    "on",
    "at",
    "to",
    "from",
    "for",
    "a",
    "an",
    "the",
    "by",
    "each",
    "per",
    "who",
    "which",
    "that",
    "than",
    "into",
    "across",
    "along",
    "including",
}
AUXILIARIES = {"were", "was", "have", "has", "had", "are", "is", "would", "could", "will"}
COLLECTIVE = {
    "people",
    "personnel",
    "police",
    "children",
    "men",
    "women",
    "vietnamese",
    "chinese",
    "cambodians",
    "khmer",
    "staff",
    "cattle",
}
LEADING_QUALIFIER = re.compile(
    r"(?:more than|over|almost|about|around|nearly|approximately|up to|at least|some|roughly|"
    r"fewer than|less than|only)\s+$",
    re.IGNORECASE,
)


def noun_phrase(after: str) -> tuple[str, str]:
    """(what is counted, what follows) from the words after a number."""
    words = after.split(" ")
    taken: list[str] = []
    for index, word in enumerate(words):
        bare = word.strip(",.;:")
        if not bare or bare.lower() in STOP or bare.lower() in AUXILIARIES or is_past(bare.lower()):
            return " ".join(taken), " ".join(words[index:])
        taken.append(bare)
        if bare != word:  # punctuation closes the noun phrase
            return " ".join(taken), " ".join(words[index + 1 :])
    return " ".join(taken), ""


def countable(phrase: str) -> bool:
    last = phrase.split()[-1].lower() if phrase.split() else ""
    return bool(last) and (last.endswith("s") or last in COLLECTIVE) and len(phrase.split()) <= 4


def _question(material: Material, figure: Figure, sentence: Sentence) -> tuple[str, int] | None:
    """The question for a figure and the start of the quantity as quoted (with its qualifier)."""
    text = sentence.text
    start, end = figure.start - sentence.start, figure.end - sentence.start
    qualifier = LEADING_QUALIFIER.search(text[:start])
    if qualifier:
        start = qualifier.start()
    counted, following = noun_phrase(text[end:].lstrip())
    if not text[end:].startswith(" ") or not countable(counted):
        return None
    phrase = leading_phrase(material, sentence)
    clause_start = len(phrase) + 2 if phrase and text.startswith(phrase + ",") else 0
    before = text[clause_start:start].strip()
    first = following.split()[0].lower() if following.split() else ""
    if not before and (first in AUXILIARIES or is_past(first)):
        predicate = grammar.trim_predicate(following)
        if predicate:
            return grammar.with_date(phrase, f"How many {counted} {predicate}?"), start
        return None
    clause = grammar.analyse(f"{before} NUMBER {counted} {following}".strip())
    if clause is None or len(before.split()) < 2:
        return None
    subject = grammar.lower_first(clause.subject)
    verb_before = before.split()[-1]
    rest = grammar.trim_predicate(following)
    if following.lstrip().startswith(("and ", "or ", ",", "as well")):
        rest = ""  # "deployed 16,000 troops and 3,600 police": stop at the noun
    if before.endswith("to have") and clause.passive_or_copula:
        middle = before[len(clause.subject) + len(clause.verb) + 1 :].strip()
        question = f"How many {counted} {clause.verb.lower()} {subject} {middle}?"
    elif is_past(verb_before.lower()) and (
        verb_before == clause.verb or before.endswith(f"and {verb_before}")
    ):
        tail = f" {rest}" if rest else ""
        question = f"How many {counted} did {subject} {base_form(verb_before)}{tail}?"
    else:
        return None
    return grammar.with_date(phrase, question), start


def facts(material: Material) -> list[Fact]:
    """One "How many …?" fact per key number that counts something in a simple clause."""
    found = []
    for figure, sentence in material.located_figures:
        if figure.unit.lower() in NOT_COUNTS or "-" in figure.text or figure.value <= 1:
            continue
        made = _question(material, figure, sentence)
        if made is None:
            continue
        prompt, start = made
        quoted = sentence.text[start : figure.end - sentence.start]
        if any(piece in prompt for piece in (figure.text, numbers.plain(figure.value))):
            continue
        found.append(
            Fact(
                topic="how_many",
                prompt=prompt,
                answer=grammar.capitalise(quoted),
                answer_type="number",
                sentence=sentence,
                difficulty=0.6,
                accepted=tuple(numbers.spellings(figure.value)),
                value=figure.value,
                unit=figure.unit,
                qualifier=numbers.qualifier(quoted),
            )
        )
    return found

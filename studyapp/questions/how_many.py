""" "How many" facts: a number that counts or measures something the sentence names."""

from __future__ import annotations

import re

from studyapp.core.extraction import Figure, ParsedSentence
from studyapp.questions import numbers
from studyapp.questions.clauses import inverted_question, subject_question
from studyapp.questions.facts import Fact, finder
from studyapp.questions.phrases import capitalise, join, subtree, word_range
from studyapp.questions.reading import Reading
from studyapp.questions.slots import Slot, clear, resolved_subject, restated, slot

MAX_COUNTED_WORDS = 5  # "How many additional Apollo missions …": longer reads as a riddle
# Measurements of things (a crater's width, a flight's minutes) are rarely what a history
# student is asked; counts of people, soldiers, votes or money usually are.
MEASURES = frozenset(
    """km kilometres kilometers kilometre kilometer miles mile mi metres meters metre meter feet
    foot ft inches inch cm centimetres mm pounds pound lb kg kilograms tons tonnes hours hour
    minutes minute seconds second degrees days day weeks week months month""".split()  # noqa: SIM905
)  # and spans of time: "four days after the law was signed" counts from something else
_VAGUE = re.compile(r"\bdozens?\b|\bscores?\b|\bhandful\b", re.IGNORECASE)
# A count someone claimed or estimated is disputed by nature: not one answer to learn.
_DISPUTED = re.compile(
    r"\baccording to\b|\bestimat\w*|\bclaim\w*|\breportedly\b|\bone (?:count|source|report)\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"\b[A-Z][a-z]{3,}\b")
_MONEY_OR_SHARE = re.compile(r"^(?:usd|\$|dollars?|percent|%|per cent)$", re.IGNORECASE)


def part_of_name(sentence: ParsedSentence, figure: Figure) -> bool:
    """ "Apollo 11", "Route 9", "Division 616": a number that names, not counts."""
    words = word_range(sentence, figure.start, figure.end)
    if not words or words[0] == 0:
        return False
    before = sentence.words[words[0] - 1]
    return before.tag in ("NNP", "NNPS") and before.text[:1].isupper() and before.end == figure.start - 1


def _importance(sentence: ParsedSentence, figure: Figure) -> float:
    """How worth learning a number is: counts of people and money over measurements, ages,
    small counts, decimals, vague amounts ("a dozen or more") and disputed counts."""
    before = sentence.text[: figure.start - sentence.start].lower().split()
    after = sentence.text[figure.end - sentence.start :].lower()
    if figure.unit.lower() in MEASURES or not figure.unit or (before and before[-1] in ("aged", "age")):
        return 0.35
    if _VAGUE.search(figure.text) or after.startswith(" or more") or _DISPUTED.search(sentence.text):
        return 0.35
    if figure.value < 10 or not float(figure.value).is_integer() and figure.value < 1000:
        return 0.5
    return 1.0


CLOSE_VALUES = 0.15  # two counts this close, in sentences naming the same thing, are one count told twice


def _conflicting(reading: Reading, sentence: ParsedSentence, figure: Figure) -> bool:
    """The article gives another number for the same thing: the same unit, in a sentence
    naming the same place or body ("some 170 guns on Montmartre" / "227 guns on Montmartre")."""
    names = set(_NAME.findall(sentence.text))
    for other_sentence, others in reading.figures.items():
        for other in others:
            if other is figure or other.value == figure.value or other_sentence is sentence:
                continue
            unit, other_unit = figure.unit.lower(), other.unit.lower()
            close = abs(other.value - figure.value) <= CLOSE_VALUES * max(other.value, figure.value)
            same_thing = close or unit == other_unit or (
                unit and unit in other_sentence.text.lower() or other_unit and other_unit in sentence.text.lower()
            )  # "about 150 men" / "about 162 sailors and marines" landed from the Boston
            if same_thing and names & set(_NAME.findall(other_sentence.text)):
                return True
    return False


def _in_range(reading: Reading, sentence: ParsedSentence, figure: Figure) -> bool:
    """ "between 200,000 to 500,000": either end alone is not the answer."""
    for other in reading.figures.get(sentence, []):
        if other is figure:
            continue
        first, second = sorted((figure, other), key=lambda f: f.start)
        between = sentence.text[first.end - sentence.start : second.start - sentence.start]
        if re.fullmatch(r"\s*(?:-|–|—|to|and|or)\s*", between):
            return True
    return False


def _definite(sentence: ParsedSentence, figure: Figure) -> bool:
    """ "the three astronauts": a number the reader already knows, not a key figure."""
    before = sentence.text[: figure.start - sentence.start].rstrip().split()
    return bool(before) and before[-1].lower() in ("the", "these", "those", "its", "their", "his", "her")


def counted(sentence: ParsedSentence, found: Slot) -> tuple[int, list[int]] | None:
    """The noun the number counts and the words naming what is counted ("troops")."""
    words = sentence.words
    number = [i for i in found.words if words[i].dep == "nummod"]
    if len(number) != 1:
        return None
    noun = words[number[0]].head
    if words[noun].tag not in ("NNS", "NNPS") and not words[noun].text.lower().endswith("people"):
        return None
    phrase = [
        i
        for i in subtree(words, noun)
        if i not in found.words and words[i].dep not in ("det", "predet", "punct", "advmod", "quantmod")
    ]
    if not phrase or phrase[-1] != noun or len(phrase) > MAX_COUNTED_WORDS:
        return None  # "troops who …", "of the army": the noun must end the phrase
    if any(words[i].tag.startswith("VB") or words[i].dep in ("prep", "relcl", "cc") for i in phrase):
        return None
    return noun, phrase


def how_many_question(reading: Reading, sentence: ParsedSentence, found: Slot) -> str:
    made = counted(sentence, found)
    if made is None:
        return ""
    noun, phrase = made
    words = sentence.words
    what = join(words, phrase)
    noun_phrase = subtree(words, noun)
    clause = found.clause
    if not clear(reading, clause, without=found.words):
        return ""
    if noun == clause.subject[-1] and set(noun_phrase) == set(clause.subject):
        question = subject_question(clause, f"How many {what}")
    elif words[noun].dep == "dobj" and words[noun].head == clause.verb:
        subject = resolved_subject(reading, clause)
        question = inverted_question(clause, f"How many {what}", without=noun_phrase, subject=subject)
    else:
        return ""
    return question or ""


def _listed_after(sentence: ParsedSentence, figure: Figure) -> bool:
    """The things counted are then named one by one after the counted noun and a comma
    (parsed as an apposition or, often, as a conjunct of it)."""
    words = sentence.words
    nouns = {
        w.head for w in words
        if w.dep == "nummod" and figure.start <= w.start < figure.end
        and w.head + 1 < len(words) and words[w.head + 1].text in (",", ":")
    }  # fmt: skip
    return any(w.dep in ("appos", "conj") and w.head in nouns and w.tag in ("NNP", "NNPS") for w in words)


@finder
def number_facts(reading: Reading) -> list[Fact]:
    """A fact per key number in a sentence that stands alone (not a number inside a name)."""
    facts = []
    for sentence in reading.readable():
        for figure in reading.figures.get(sentence, []):
            if part_of_name(sentence, figure) or figure.value <= 1 or _definite(sentence, figure):
                continue
            if _in_range(reading, sentence, figure) or _conflicting(reading, sentence, figure):
                continue  # one end of a range, or a number the article gives differently elsewhere
            if _listed_after(sentence, figure):
                continue  # "two young tribunes, Appius Claudius and Scipio": the names count them
            found = slot(sentence, figure.start, figure.end)
            question = ""
            # A count belongs to its moment: "by the end of that year almost 200,000" asked
            # without "that year" is a different number, so the sentence must stand whole.
            found = found if not reading.standings[sentence].problem else None
            if found and not _MONEY_OR_SHARE.match(figure.unit) and "-" not in figure.text:
                question = how_many_question(reading, sentence, found)
            statement = restated(reading, found) if found and clear(reading, found.clause) else ""
            facts.append(
                Fact(
                    weight=_importance(sentence, figure),
                    about="number",
                    sentence=sentence,
                    answer=capitalise(figure.text),
                    span=(figure.start, figure.end),
                    question=question,
                    statement=statement if statement.count(figure.text) == 1 else "",
                    slot=figure.text,
                    accepted=tuple(numbers.spellings(figure.value)),
                    value=figure.value,
                    unit=figure.unit,
                    qualifier=numbers.qualifier(figure.text),
                )
            )
    return facts

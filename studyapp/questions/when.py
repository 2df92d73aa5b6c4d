""" "When" facts: a date the article states for something that happened."""

from __future__ import annotations

import datetime as dt
import re

from studyapp.core.extraction import Event, ParsedSentence, Word
from studyapp.questions import dates
from studyapp.questions.clauses import inverted_question
from studyapp.questions.clauses import statement as statement_of
from studyapp.questions.facts import Fact, finder
from studyapp.questions.phrases import capitalise, children, subtree
from studyapp.questions.reading import Reading
from studyapp.questions.slots import (
    Slot,
    clear,
    inside_opening_clause,
    resolved_subject,
    restated,
    slot,
)
from studyapp.questions.standing import points_back
from studyapp.questions.verbs import base_form

QUALIFIER = re.compile(
    r"\b(the (?:end|beginning|start|middle|first half|second half) of)\s*$", re.IGNORECASE
)
YEAR = re.compile(r"\b(?:1[0-9]\d\d|20\d\d)\b")
MONTH = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b")
MIN_QUESTION_WORDS = 5
# Words an article hedges a date with ("around 1552", "c. 1520"); before the date, they or
# "early", "late" make no "When?" ("defeated early in January 1826": "When was it defeated early?").
HEDGES = r"around|about|circa|c\.|ca\.|approximately|roughly|some time in"
APPROXIMATE = re.compile(rf"\b(?:{HEDGES}|early|late|mid-?)\s*(?:in\s+)?$", re.IGNORECASE)
# Verbs that date a figure, not an event: the year of an estimate is not worth a question.
ESTIMATING = frozenset({"estimated", "estimate", "estimates", "numbered", "totalled", "totaled", "counted"})
ONGOING = frozenset({"still", "already"})
# A date that bounds a span ("ruled by Kádár until 1988", "in power since 1979") is not
# when the thing happened: "When was Hungary ruled by Kádár?" has no such answer. Nor is a
# date something was set for ("the meeting was fixed for the 5th of November").
BOUND = re.compile(r"\b(?:until|till|since|by|before|after|from|through|up to|for(?: the)?)\s*$", re.IGNORECASE)
OPEN_BOUND = re.compile(r"\b(?:by|before|after)\s*$", re.IGNORECASE)
PAIRED_DATE_CHARS = 25  # "from 1826 until 1886", "1810, died 1861"
# Verbs of a state, not an event ("Most families owned no land"), or that lean on an event
# named elsewhere ("South Kasai followed"): nothing to put in a sequence.
STATES = frozenset(
    """was were is are had has owned remained lived existed stood lay seemed appeared belonged
    followed continued resumed""".split()  # noqa: SIM905
)  # "When did it happen?" asks nothing


def answer_for(event: Event, before: str) -> str:
    """The date in words, keeping "the end of" and similar qualifiers written ``before`` it."""
    answer = dates.readable_range(event.date, event.end_date)
    qualifier = QUALIFIER.search(before)
    if qualifier and event.precision != "day":
        answer = f"{qualifier.group(1).lower()} {answer}"
    return capitalise(answer)


# Verbs whose adjective completes them ("fell ill", "grew rich"); after any other verb the
# adjective only says how the subject was at the time ("died young", "returned home poor").
_LINKING = frozenset(
    {"be", "become", "seem", "appear", "remain", "stay", "turn", "grow", "get", "go", "fall", "prove",
     "look", "feel", "sound", "keep", "come", "run"}
)  # fmt: skip


def _temporal(found: Slot) -> set[int]:
    """Words of every time or date phrase on the verb: a "When" question leaves them all out."""
    words = found.clause.sentence.words
    dropped: set[int] = set(found.phrase)
    for index, word in enumerate(words):
        if word.head != found.clause.verb or index == found.clause.verb:
            continue
        phrase = subtree(words, index)
        if word.dep == "dobj":
            continue  # "spent a night in jail": the object, not the time it happened
        if word.dep == "acomp" and base_form(words[found.clause.verb].text.lower()) not in _LINKING:
            dropped.update(subtree(words, index))  # "died young, in 1489": "When did he die?"
            continue
        if any(words[i].entity in ("DATE", "TIME") for i in phrase) and (
            word.dep in ("prep", "npadvmod", "advmod") or word.entity in ("DATE", "TIME")
        ):
            dropped.update(phrase)
    return dropped


_HARDLY = frozenset({"scarcely", "hardly", "barely"})


def when_question(reading: Reading, found: Slot) -> str:
    """ "When did the army take the city?" when the date phrase modifies the main verb."""
    if not found.on_verb or found.in_subject:
        return ""
    if found.clause.words[found.clause.verb].text.lower() in ("was", "were", "is", "are"):
        return ""  # "When was Lisbon the capital of an empire?": a state, not an event
    if points_back(found.clause.words, found.clause.verb):
        return ""  # "When did the definitive treaty follow?": follow what?
    if any(found.clause.words[i].text.lower() in _HARDLY for i in children(found.clause.words, found.clause.verb)):
        return ""  # "had scarcely begun to speak when he was interrupted": the event is the interruption
    question = inverted_question(
        found.clause, "When", without=_temporal(found), subject=resolved_subject(reading, found.clause)
    )
    if question is None or len(question.split()) < MIN_QUESTION_WORDS or YEAR.search(question):
        return ""  # another date in the stem would give the answer away or confuse
    if any(w.tag == "CD" for i, w in enumerate(found.clause.words) if i in found.clause.predicate and i not in _temporal(found)):
        return ""  # "When was Vietnam estimated to have 615,000 soldiers?": the number is the fact
    return question


_EVENT_NAME = re.compile(r"\b[A-Z][\w’'-]+(?: (?:of |de |the )?[A-Z][\w’'-]+)+")


def _event_names(text: str) -> list[tuple[str, ...]]:
    """Capitalised names of two words or more, without a leading "The"."""
    names = [tuple(n.split()) for n in _EVENT_NAME.findall(text)]
    return [n[1:] if n[0] == "The" else n for n in names if len(n) - (n[0] == "The") >= 2]


def _same_event_name(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """One name ends with the other: "North Vietnamese Tet Offensive" is the "Tet Offensive"."""
    short, long = sorted((first, second), key=len)
    return long[len(long) - len(short) :] == short


def _disputed(reading: Reading, sentence: ParsedSentence, event: Event) -> bool:
    """The article dates the same named event a few days differently elsewhere ("the Tet
    Offensive on 30 January" / "on 31 January"): no single answer to learn."""
    names = _event_names(sentence.text)
    if event.precision != "day" or not names:
        return False
    start = dt.date.fromisoformat(event.date)
    for other_sentence, others in reading.events.items():
        near = any(
            other.precision == "day"
            and other.date != event.date
            and not other.inferred
            and abs((dt.date.fromisoformat(other.date) - start).days) <= 7
            for other in others
        )  # checked first: naming the same event costs more
        if near and other_sentence is not sentence and any(
            _same_event_name(name, other) for name in names for other in _event_names(other_sentence.text)
        ):
            return True
    return False


def _paired(reading: Reading, sentence: ParsedSentence, event: Event) -> bool:
    """Another date right beside it ("in 1904 and 1905", "from 1826 until 1886"): one end of
    a span is not the answer, and gives the other away."""
    for other in reading.events.get(sentence, []):
        if other is event or other.inferred:
            continue
        gap = max(other.start - event.end, event.start - other.end)
        if 0 <= gap <= PAIRED_DATE_CHARS:
            return True
    return False


def _year_on_the_page(reading: Reading, event: Event) -> bool:
    """A calendar day written without its year ("On July 20, …") whose year its paragraph
    states before it, or the title states alone: the learner reads the year right there. A
    relative date ("three weeks later"), a month alone, or a year worked out from further
    away (an aside's "murdered in 1991" moves the story's clock) is no fact to pin down."""
    if event.precision != "day" or not MONTH.search(event.text) or not re.search(r"\d", event.text):
        return False
    passage = reading.article.passages[event.passage]
    title_years = set(YEAR.findall(reading.article.title))  # "1919–1921" says no one year
    return event.date[:4] in passage[: event.start] or title_years == {event.date[:4]}


# Words opening a phrase that dates by another event ("after a visit by Eisenhower").
_COUNTED_FROM = frozenset({"after", "before", "following", "until", "since"})


def _after_another_event(found: Slot) -> bool:
    """The date follows straight on an "after …" phrase of the same verb ("after a visit by
    Milton Eisenhower, the American president's brother, in 1953, Bolivia became …"): it may
    date that other event, so no question or statement pins it on the verb."""
    words = found.clause.words
    first = found.phrase[0]
    for index, word in enumerate(words[:first]):
        measured = any(w.head == index and w.dep == "npadvmod" for w in words)  # "one year after the coup, on 25 April"
        if word.head == found.clause.verb and word.text.lower() in _COUNTED_FROM and not measured:
            end = max(subtree(words, index))
            if end < first and all(w.text == "," for w in words[end + 1 : first]):
                return True
    return False


_TIME_MARKERS = frozenset({"after", "when", "before", "once", "until", "till", "since", "as", "while"})


def _background(found: Slot) -> bool:
    """The date is on a time clause that opens the sentence to set the scene for another
    ("After the American Civil War ended in 1865, …"): the article tells what happened then,
    not that. A closing one ("ruled until Kitchener destroyed the state in 1898") is news."""
    words = found.clause.words
    verb = found.clause.verb
    return words[verb].dep == "advcl" and verb < words[verb].head and any(
        words[i].dep == "mark" and words[i].head == verb and words[i].text.lower() in _TIME_MARKERS
        for i in range(len(words))
    )


def _verb_adverbs(found: Slot) -> list[int]:
    words = found.clause.words
    return [i for i, w in enumerate(words) if w.head == found.clause.verb and w.dep == "advmod"]


def _done_again(reading: Reading, sentence: ParsedSentence, found: Slot) -> bool:
    """The same subject does the same thing in another sentence ("Phibun formed a new
    government" in 1938 and in 1957): a "When" question or a changed date has two answers."""
    clause = found.clause
    words = clause.words
    verb = base_form(words[clause.verb].text.lower())
    proper = [words[i].text for i in clause.subject if words[i].tag in ("NNP", "NNPS")]
    if not proper:
        return False
    # Its last proper word: "President Benito Juárez" is "Juárez" in the other sentence.
    names = {proper[-1]}
    for other in reading.sentences:
        if other is sentence or proper[-1] not in other.text:
            continue
        for index, word in enumerate(other.words):
            same_verb = word.tag.startswith("VB") and base_form(word.text.lower()) == verb
            if same_verb and names & _subject_words(other.words, index):
                return True
    return False


def _subject_words(words: tuple[Word, ...], verb: int) -> set[str]:
    """The words of a verb's subject, or of the verb it is joined to ("X resigned and formed"):
    "a merchant who lent to Musa died" is not Musa dying."""
    heads = {verb, words[verb].head} if words[verb].dep == "conj" else {verb}
    subjects = {i for i, w in enumerate(words) if w.head in heads and w.dep in ("nsubj", "nsubjpass") and i not in heads}
    parts = {i for i, w in enumerate(words) if w.head in subjects and w.dep in ("compound", "flat", "appos")}
    return {words[i].text for i in subjects | parts}


@finder
def date_facts(reading: Reading) -> list[Fact]:
    """A fact per date with a year in a sentence that stands alone."""
    facts = []
    for sentence in reading.readable():
        for event in reading.events.get(sentence, []):
            if event.inferred and not _year_on_the_page(reading, event):
                continue  # "three weeks later", "in December": no date a learner can pin down
            if _disputed(reading, sentence, event) or _paired(reading, sentence, event):
                continue
            found = slot(sentence, event.start, event.end)
            if found and _done_again(reading, sentence, found):
                continue
            if any(w.text.lower() in ESTIMATING for w in sentence.words):
                continue  # "In 1977 Vietnam was estimated to have 615,000 soldiers": the figure is the fact
            if found and ":" in sentence.text[found.clause.words[found.clause.verb].start - sentence.start : event.start - sentence.start]:
                continue  # "recognised Biafra: Tanzania, the first, on 13 April 1968": a list item's date
            if found and inside_opening_clause(found.clause.words, found.clause.verb, found.phrase[0]):
                found = None  # only the cloze: the question and statement would date the main clause
            if found and _background(found):
                found = None  # "After the Civil War ended in 1865, the US pressed France": the setting
            timeless = _temporal(found) if found else set()
            question = ""
            before = sentence.text[: event.start - sentence.start]
            after_another = found is not None and _after_another_event(found)
            approximate = APPROXIMATE.search(before) or BOUND.search(before) or after_another
            # "still held", "already controlled": a state that went on, not an event then.
            ongoing = found is not None and any(found.clause.words[i].text.lower() in ONGOING for i in _verb_adverbs(found))
            if found and not approximate and not ongoing and clear(reading, found.clause, without=timeless):
                question = when_question(reading, found)
            statement = ""
            verb = "was" if ongoing else found.clause.words[found.clause.verb].text.lower() if found else ""
            # A state holds for years: "Lisbon was the capital … in 1757" is not false.
            # "reorganised the army before 1914": earlier years are true too, so no false twin.
            loose = OPEN_BOUND.search(before) is not None or after_another
            if found and not loose and verb not in STATES and clear(reading, found.clause, extra=found.phrase):
                statement = restated(reading, found, move_to_end=True)
            summary = ""
            if found and found.on_verb and not found.in_subject and verb not in STATES and question:
                summary = statement_of(found.clause, resolved_subject(reading, found.clause), without=timeless)
            accepted = dict.fromkeys(
                [dates.readable_range(event.date, event.end_date), *dates.spellings(event.date)]
            )
            facts.append(
                Fact(
                    about="date",
                    sentence=sentence,
                    answer=answer_for(event, sentence.text[: event.start - sentence.start]),
                    span=(event.start, event.end),
                    question=question,
                    statement=statement if event.text in statement else "",
                    slot=event.text,
                    summary=summary,
                    accepted=tuple(accepted),
                    date=event.date,
                    end_date=event.end_date,
                )
            )
    return facts

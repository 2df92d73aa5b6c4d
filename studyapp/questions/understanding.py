"""Facts that test understanding: what a named thing was, and why something happened.

Both answers are the article's own words, cut from the source sentence, so a learner
can always find them there.
"""

from __future__ import annotations

import re

from studyapp.core.english import PERSON_NOUNS
from studyapp.core.extraction import ParsedSentence
from studyapp.questions.clauses import (
    Clause,
    inverted_question,
    main_clause,
    predicate_words,
    shown_words,
)
from studyapp.questions.facts import Fact, finder
from studyapp.questions.phrases import capitalise, children, join, subtree, tidy, word_range
from studyapp.questions.reading import Reading
from studyapp.questions.slots import resolved_subject
from studyapp.questions.standing import leans_on_context

MIN_ANSWER_WORDS, MAX_ANSWER_WORDS = 3, 25
MAX_NAME_WORDS = 8
MAX_APPOSITION_WORDS = 15  # a longer aside after a name usually describes the whole clause
CAUSE_PREPOSITIONS = ("because of", "due to", "owing to", "as a result of", "in response to", "thanks to")
CAUSE_VERBS = frozenset(
    {"led", "caused", "triggered", "sparked", "prompted", "provoked", "precipitated", "resulted"}
)
_DETERMINERS = frozenset({"a", "an", "the"})
# A cause that is only a bare event noun names nothing: "as a result of the election".
_VAGUE_CAUSE = re.compile(
    r"(?:because of|due to|owing to|as a result of|in response to|thanks to) the (?:\w+ )?\w+"
)
# What a one-word name may stand for in "What was …?" (a body, an event, a law), never a country.
_DEFINABLE = frozenset({"ORG", "EVENT", "LAW", "FAC", "PRODUCT", "WORK_OF_ART"})
_NOT_THINGS = frozenset({"PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
_NAMED = re.compile(r"\b[A-Z][\w’'-]+|\d")


def _named_subject(reading: Reading, clause: Clause) -> bool:
    """The subject names a thing (a proper noun, not a person): "the Radcliffe Line"."""
    words = clause.words
    if len(clause.subject) > MAX_NAME_WORDS:
        return False
    if not any(words[i].tag in ("NNP", "NNPS") for i in clause.subject):
        return False
    if any(words[i].entity in _NOT_THINGS or words[i].tag.startswith("PRP") for i in clause.subject):
        return False  # "What was Monday?": a person, a day or a count is no thing to define
    if len(clause.subject) == 1 and not words[clause.subject[0]].entity:
        return False  # "What was Beato?": one word the model cannot place is likely a surname
    head = next(i for i in clause.subject if words[i].head not in clause.subject)
    named = reading.person_mentions.get(clause.sentence, [])
    # "The Radcliffe Line" names a thing after a person: only its head word must not be one.
    return not any(m.start <= words[head].start < m.end for _, m in named)


def _answer(sentence: ParsedSentence, indices: list[int]) -> str:
    """The words as the article writes them (a contiguous run), citation marks removed."""
    return tidy(join(sentence.words, indices)).rstrip(" ,;:.")


@finder
def definition_facts(reading: Reading) -> list[Fact]:
    """ "What was the Radcliffe Line?" from "The Radcliffe Line was the boundary …"."""
    facts = []
    for sentence in reading.readable():
        clause = main_clause(sentence)
        if clause is None or clause.auxiliaries or not _named_subject(reading, clause):
            continue
        words = sentence.words
        verb = words[clause.verb].text.lower()
        if verb not in ("was", "is", "were", "are"):
            continue
        attributes = [i for i in children(words, clause.verb) if words[i].dep == "attr"]
        if len(attributes) != 1:
            continue
        kept = set(predicate_words(clause))
        answer_words = [i for i in subtree(words, attributes[0]) if i in kept]
        if not answer_words or words[answer_words[0]].text.lower() not in _DETERMINERS:
            continue
        if words[attributes[0]].text.lower() in PERSON_NOUNS:
            continue  # who someone was: a role, asked as "Who was …?"
        answer = _answer(sentence, answer_words)
        if not MIN_ANSWER_WORDS <= len(answer.split()) <= MAX_ANSWER_WORDS:
            continue
        if leans_on_context(reading, sentence, [*clause.subject, *answer_words]):
            continue
        name = join(words, clause.subject).rstrip(" ,")
        if len([w for w in name.split() if w.lower() != "the"]) < 2 and (
            name.lower().startswith("the ") or words[clause.subject[0]].entity not in _DEFINABLE
        ):
            continue  # "the Offensive", "Japan": a short name the article named in full, or a country
        if any(i not in answer_words and words[i].dep != "punct" for i in kept):
            continue  # "Japan was a short sea crossing away": the attribute is not the whole answer
        if words[attributes[0]].text.lower() in {words[i].text.lower() for i in clause.subject}:
            continue  # "the Partition of India was the partition of …": circular
        if any(words[i].dep in ("cc", "conj") for i in clause.subject):
            continue  # "What were the League and the Congress?": two things, one answer
        name = name[:1].lower() + name[1:] if words[clause.subject[0]].text.lower() == "the" else name
        facts.append(
            Fact(
                about="definition",
                sentence=sentence,
                answer=capitalise(answer),
                span=(words[answer_words[0]].start, words[answer_words[-1]].end),
                question=f"What {verb} {name}?",
                avoid=(name,),
                weight=1.3,
            )
        )
    return facts


@finder
def identification_facts(reading: Reading) -> list[Fact]:
    """ "What was the Radcliffe Line?" from an apposition: "the Radcliffe Line, the boundary …,"."""
    facts = []
    for sentence in reading.readable():
        words = sentence.words
        named = reading.person_mentions.get(sentence, [])
        for index, word in enumerate(words):
            if word.dep != "appos" or words[word.head].tag not in ("NNP", "NNPS"):
                continue
            head = word.head
            if any(m.start <= words[head].start < m.end for _, m in named) or words[head].entity == "PERSON":
                continue  # a person's apposition is their role: asked as "Who was …?"
            description = subtree(words, index)
            if words[description[0]].text.lower() not in _DETERMINERS or description[0] <= head:
                continue
            thing = [i for i in subtree(words, head) if i < description[0] and words[i].text != ","]
            if not thing or len(thing) > MAX_NAME_WORDS or thing[-1] != head:
                continue
            if any(words[i].entity in _NOT_THINGS for i in thing) or words[head].text.lower() in PERSON_NOUNS or (
                len(thing) == 1 and words[head].entity not in _DEFINABLE
            ):
                continue  # "Monday, the 14th", "Beato, an Italian-British photographer", "Christian"
            if _in_list(words, head, description):
                continue  # "the Great Palace, the Senate house, …": items of a list, not a gloss
            described = next(i for i in description if words[i].head not in description)
            if words[described].text.lower() in PERSON_NOUNS or any(
                words[i].entity == "PERSON" or words[i].tag in ("PRP", "PRP$") for i in description
            ):
                continue  # who someone is, or a description leaning on someone named elsewhere
            answer = _answer(sentence, description)
            if not MIN_ANSWER_WORDS <= len(answer.split()) <= MAX_APPOSITION_WORDS or "," in answer:
                continue
            if leans_on_context(reading, sentence, [*thing, *description]):
                continue
            name = join(words, thing)
            name = name[:1].lower() + name[1:] if words[thing[0]].text.lower() == "the" else name
            verb = "is" if any(w.tag in ("VBZ", "VBP") and w.dep == "ROOT" for w in words) else "was"
            facts.append(
                Fact(
                    about="definition",
                    sentence=sentence,
                    answer=capitalise(answer),
                    span=(words[description[0]].start, words[description[-1]].end),
                    question=f"What {verb} {name}?",
                    avoid=(name,),
                    weight=1.2,
                )
            )
    return facts


def _in_list(words: tuple, head: int, description: list[int]) -> bool:  # type: ignore[type-arg]
    """The name and its "apposition" are items of one list: either has a conjunct, or another
    comma and noun phrase follow the description."""
    if any(w.dep == "conj" and w.head in (head, *description) for w in words):
        return True
    if words[head].dep == "conj":
        return True
    after = description[-1] + 1
    return after + 1 < len(words) and words[after].text == "," and words[after + 1].tag in ("DT", "NNP", "NNPS")


def _cause_phrase(clause: Clause) -> tuple[list[int], str] | None:
    """The words giving the cause, on the verb: "because …", "due to …". (A purpose, "to hold
    talks", mostly answers itself: "Why did the minister travel to Beijing?")"""
    words = clause.words
    for child in children(words, clause.verb):
        phrase = subtree(words, child)
        text = join(words, phrase).lower()
        marks = {words[i].text.lower() for i in children(words, child) if words[i].dep in ("mark", "aux")}
        if words[child].dep == "advcl" and "because" in marks:
            return phrase, "because"
        if words[child].dep == "prep" and text.startswith(CAUSE_PREPOSITIONS):
            return phrase, "preposition"
    return None


def _one_verb(words: tuple, phrase: list[int], verb: int) -> list[int]:  # type: ignore[type-arg]
    """The phrase without a second verb joined to it ("to hold talks … and visited China")."""
    second = {j for i in phrase if words[i].dep == "conj" and words[i].head == verb for j in subtree(words, i)}
    kept = [i for i in phrase if i not in second]
    while kept and words[kept[-1]].dep in ("cc", "punct"):
        kept.pop()
    return kept


@finder
def cause_facts(reading: Reading) -> list[Fact]:
    """ "Why did X …?" from a cause the sentence states ("because …", "due to …"), and
    "What led to …?" from "A led to B"."""
    facts = []
    for sentence in reading.readable():
        clause = main_clause(sentence)
        if clause is None:
            continue
        words = sentence.words
        subject = resolved_subject(reading, clause)
        found = _cause_phrase(clause)
        if found is not None:
            phrase, _ = found
            question = inverted_question(clause, "Why", without=phrase, subject=subject)
            answer = _answer(sentence, phrase)
            span = (words[phrase[0]].start, words[phrase[-1]].end)
        elif words[clause.verb].text.lower() == "caused" and clause.passive_or_copula:
            agent = [i for i in children(words, clause.verb) if words[i].dep == "agent"]
            if len(agent) != 1:
                continue
            phrase = subtree(words, agent[0])[1:]  # "by the fire" -> "the fire"
            subject_words = join(words, list(clause.subject))
            question = f"What caused {subject_words[:1].lower() + subject_words[1:]}?"
            answer = _answer(sentence, phrase)
            span = (words[phrase[0]].start, words[phrase[-1]].end) if phrase else (0, 0)
        elif words[clause.verb].text.lower() in CAUSE_VERBS and not clause.auxiliaries:
            if any(words[i].tag.startswith("PRP") or words[i].text.lower() in ("this", "that") for i in clause.subject):
                continue
            rest = predicate_words(clause)
            if not rest:
                continue
            question = f"What {join(words, [clause.verb, *rest])}?"
            answer = _answer(sentence, list(clause.subject))
            span = (words[clause.subject[0]].start, words[clause.subject[-1]].end)
        else:
            continue
        if not question or not MIN_ANSWER_WORDS <= len(answer.split()) <= MAX_ANSWER_WORDS:
            continue
        answer_words = word_range(sentence, *span)
        if leans_on_context(reading, sentence, [*shown_words(clause, answer_words), *answer_words]):
            continue  # "Why did Parisians regard them …?", "because of the plan"
        if not _NAMED.search(question.split(" ", 1)[-1]):
            continue  # "Why were regulations enacted?": whose, when? a cause needs a name
        if _VAGUE_CAUSE.fullmatch(answer.lower()):
            continue  # "As a result of the election": which election? says nothing on its own
        facts.append(
            Fact(
                about="cause",
                sentence=sentence,
                answer=capitalise(answer),
                span=span,
                question=question,
                weight=1.4,
            )
        )
    return facts

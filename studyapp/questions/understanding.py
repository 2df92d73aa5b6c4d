"""Facts that test understanding: what a named thing was, and why something happened.

Both answers are the article's own words, cut from the source sentence, so a learner
can always find them there.
"""

from __future__ import annotations

from studyapp.core.extraction import ParsedSentence
from studyapp.questions.clauses import Clause, inverted_question, main_clause, predicate_words
from studyapp.questions.facts import Fact, finder
from studyapp.questions.phrases import capitalise, children, join, subtree, tidy
from studyapp.questions.reading import Reading
from studyapp.questions.slots import resolved_subject

MIN_ANSWER_WORDS, MAX_ANSWER_WORDS = 3, 25
MAX_NAME_WORDS = 8
CAUSE_PREPOSITIONS = ("because of", "due to", "owing to", "as a result of", "in response to", "thanks to")
CAUSE_VERBS = frozenset(
    {"led", "caused", "triggered", "sparked", "prompted", "provoked", "precipitated", "resulted"}
)
_DETERMINERS = frozenset({"a", "an", "the"})


def _named_subject(reading: Reading, clause: Clause) -> bool:
    """The subject names a thing (a proper noun, not a person): "the Radcliffe Line"."""
    words = clause.words
    if len(clause.subject) > MAX_NAME_WORDS:
        return False
    if not any(words[i].tag in ("NNP", "NNPS") for i in clause.subject):
        return False
    if any(words[i].entity == "PERSON" or words[i].tag.startswith("PRP") for i in clause.subject):
        return False
    start, end = words[clause.subject[0]].start, words[clause.subject[-1]].end
    named = reading.person_mentions.get(clause.sentence, [])
    return not any(start <= m.start < end for _, m in named)


def _answer(sentence: ParsedSentence, indices: list[int]) -> str:
    """The words as the article writes them (a contiguous run), citation marks removed."""
    return tidy(join(sentence.words, indices)).rstrip(" ,;:.")


@finder
def definition_facts(reading: Reading) -> list[Fact]:
    """ "What was the Radcliffe Line?" from "The Radcliffe Line was the boundary …"."""
    facts = []
    for sentence in reading.usable():
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
        answer = _answer(sentence, answer_words)
        if not MIN_ANSWER_WORDS <= len(answer.split()) <= MAX_ANSWER_WORDS:
            continue
        name = join(words, clause.subject).rstrip(" ,")
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


def _cause_phrase(clause: Clause) -> tuple[list[int], str] | None:
    """The words giving the cause, on the main verb: "because …", "due to …"."""
    words = clause.words
    for child in children(words, clause.verb):
        phrase = subtree(words, child)
        text = join(words, phrase).lower()
        if words[child].dep == "advcl" and any(
            words[i].dep == "mark" and words[i].text.lower() == "because" for i in children(words, child)
        ):
            return phrase, "because"
        if words[child].dep == "prep" and text.startswith(CAUSE_PREPOSITIONS):
            return phrase, "preposition"
    return None


@finder
def cause_facts(reading: Reading) -> list[Fact]:
    """ "Why did X …?" from a cause the sentence states ("because …", "due to …"), and
    "What led to …?" from "A led to B"."""
    facts = []
    for sentence in reading.usable():
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

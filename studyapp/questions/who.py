""" "Who" facts: a person named in a sentence, asked for as the one who did (or underwent) it."""

from __future__ import annotations

import re

from studyapp.core.extraction import Mention, ParsedSentence, Person
from studyapp.questions.clauses import Clause, inverted_question, subject_question
from studyapp.questions.facts import Fact, finder
from studyapp.questions.reading import Reading
from studyapp.questions.slots import Slot, clear, resolved_subject, restated, slot
from studyapp.questions.verbs import base_form

# Subject words that keep the person the only answer: titles and names, not "X and Y".
_SHARED = frozenset({"cc", "conj", "poss", "case", "prep", "relcl", "acl"})


def _sole_subject(found: Slot) -> bool:
    """The person alone makes up the subject (with titles or an apposition)."""
    words = found.clause.sentence.words
    head = [i for i in found.clause.subject if words[i].head not in found.clause.subject]
    if len(head) != 1 or head[0] not in found.words:
        return False
    return not any(words[i].dep in _SHARED for i in found.clause.subject)


def who_question(reading: Reading, found: Slot) -> str:
    """ "Who took the city?" for a subject, "Who did the king appoint …?" for an object."""
    words = found.clause.sentence.words
    if found.clause.reporting:
        return ""  # "Who told the Post?": the telling is not the fact
    if found.in_subject or set(found.words) & set(found.clause.subject):
        if not _sole_subject(found) or not clear(reading, found.clause, subject=False):
            return ""
        question = subject_question(found.clause, "Who") or ""
        if _gapped_pair(words, found):
            return ""  # "Who was elected secretary and Nuon Chea deputy?": two facts, one gap
        if _in_company(words, found.clause.verb):
            return ""  # "Who died in the crash?" when she died "alongside the president and 94 others"
        if _died_with_many(words, found.clause):
            return ""  # "Who was killed at the Battle of the Boyne?": one of thousands
        if words[found.clause.verb].text.lower() in ("was", "were") and not any(
            words[i].entity in _PLACING for i in found.clause.predicate
        ):
            return ""  # "Who was an Englishman and a Roman Catholic?": nothing places him
        if any(words[i].text.lower() in _INTENSIVE for i in found.clause.subject):
            return ""  # "Villani himself died in the Black Death": as others did; "Who died …?" has many answers
        return question if _says_enough(question) else ""
    top = found.top
    if words[top].dep == "dobj" and words[top].head == found.clause.verb:
        if any(words[i].dep in ("cc", "conj") for i in found.phrase):
            return ""
        if not clear(reading, found.clause, without=found.phrase):
            return ""
        subject = resolved_subject(reading, found.clause)
        return inverted_question(found.clause, "Who", without=found.phrase, subject=subject) or ""
    return ""


_INTENSIVE = frozenset({"himself", "herself", "themselves"})
# Entities that place a "Who was …?" in the story ("the governor of Kars in 1855"); a nationality
# or a faith does not.
_PLACING = frozenset({"PERSON", "GPE", "LOC", "ORG", "FAC", "EVENT", "DATE", "WORK_OF_ART", "LAW"})
_DEATH_VERBS = frozenset({"die", "perish", "kill", "slay", "slain", "fall", "drown"})
# Events in which many die: whoever the article names, "Who died in it?" has other answers.
_MANY_DIE = frozenset(
    {"battle", "siege", "massacre", "war", "plague", "epidemic", "famine", "fighting", "assault",
     "storming", "bombardment", "raid", "crash", "fire", "earthquake", "uprising", "rebellion", "revolt"}
)  # fmt: skip


def _died_with_many(words: tuple, clause: Clause) -> bool:  # type: ignore[type-arg]
    """Died "in", "at" or "of" the event ("killed at the Battle of the Boyne"); not "during"
    it ("died during the siege of Szigetvár": of his own death)."""
    return base_form(words[clause.verb].text) in _DEATH_VERBS and any(
        words[i].text.lower().rstrip("s") in _MANY_DIE
        and words[i].dep == "pobj"
        and words[words[i].head].text.lower() in ("in", "at", "of")
        for i in clause.predicate
    )


# "alongside the president", "along with 94 others", "together with his brother"
_COMPANY = frozenset({"alongside", "with", "among", "beside", "along", "together"})


def _in_company(words: tuple, verb: int) -> bool:  # type: ignore[type-arg]
    """Others did it too, named or counted after "alongside", "with", "along with": the
    subject is one answer of many."""
    for index, word in enumerate(words):
        if word.head != verb or word.dep != "prep" or word.text.lower() not in _COMPANY:
            continue
        objects = [i for i in range(index + 1, len(words)) if words[i].dep == "pobj" and words[i].head in (index, index + 1)]
        if any(words[i].entity == "PERSON" or words[i].text.lower() in ("others", "men", "women", "comrades") for i in objects):
            return True
    return False


def _gapped_pair(words: tuple, found: Slot) -> bool:  # type: ignore[type-arg]
    """The predicate pairs another person with a second role ("… and Nuon Chea as deputy")."""
    return any(
        words[i].entity == "PERSON" and words[i].dep in ("conj", "nsubj", "nsubjpass")
        for i in found.clause.predicate
    )


def _says_enough(question: str) -> bool:
    """ "Who looked outside?", "Who resigned in protest?" ask about a moment, not a fact: a
    question about a person needs four words of predicate, and a name or a number in it
    unless it has six."""
    words = question.rstrip("?").split()[1:]
    named = any(w[:1].isupper() or w[:1].isdigit() for w in words)
    return len(words) >= 4 and (named or len(words) >= 6)


def _weight(reading: Reading, person: Person) -> float:
    """Prominent people are worth asking about; the article's main figure is the obvious
    guess for any gap, so a question on them is worth less."""
    return reading.prominence(person) * (0.6 if reading.dominant(person) else 1.0)


def _fact(
    reading: Reading, person: Person, sentence: ParsedSentence, mention: Mention | None, found: Slot | None
) -> Fact:
    question = who_question(reading, found) if found else ""
    statement = restated(reading, found) if found and clear(reading, found.clause) else ""
    written = mention.text if mention else ""
    forms = reading.forms(person)
    return Fact(
        about="person",
        sentence=sentence,
        answer=reading.shown_name(person),
        span=(mention.start, mention.end) if mention else None,
        question=question,
        statement=statement if written and statement.count(written) == 1 else "",
        slot=written,
        accepted=tuple(a for a in (person.name, *person.aliases) if a != reading.shown_name(person)),
        avoid=tuple(forms),
        person=person.name,
        weight=_weight(reading, person),
    )


# Nouns for works and vessels: a name after them is a title, not the person ("the play Kinjeketile").
WORK_NOUNS = frozenset(
    """play novel film book poem opera song painting statue ship steamer cruiser vessel frigate
    newspaper journal magazine album symphony""".split()  # noqa: SIM905
)


def _part_of_longer_name(sentence: ParsedSentence, mention: Mention) -> bool:
    """A capitalised "He" mid-sentence is a surname the model read as a pronoun ("the war
    minister, He Yingqin"); an epithet or another name word may follow ("John the
    Cappadocian", "Hagia Sophia"): either way the mention is half a name."""
    before = sentence.text[: mention.start - sentence.start].rstrip()
    after = sentence.text[mention.end - sentence.start :]
    previous = before.split()[-1] if before.split() else ""
    if previous in ("He", "She") and not before.endswith((".", "!", "?", ":", '"', "“")) and len(before.split()) > 1:
        return True
    return bool(re.match(r"\s+the\s+[A-Z]|\s[A-Z][^\W\d_]", after))  # "{Hagia} Sophia", "{Jalāl al-Dīn} Mingburnu"


def _after_work_noun(sentence: ParsedSentence, start: int) -> bool:
    before = sentence.text[: start - sentence.start].rstrip().split()
    return bool(before) and before[-1].lower().strip("'’s") in WORK_NOUNS


def _after_article(sentence: ParsedSentence, start: int) -> bool:
    before = sentence.text[: start - sentence.start].rstrip().split()
    return bool(before) and before[-1].lower() in ("the", "a", "an")


@finder
def person_facts(reading: Reading) -> list[Fact]:
    """A fact per person named in a sentence that stands alone, and per resolved "he"/"she"."""
    facts = []
    for sentence in reading.readable():
        seen: set[str] = set()
        for person, mention in reading.person_mentions.get(sentence, []):
            if person.name in seen or reading.followed_by_number(mention.passage, mention.end):
                continue  # "Armstrong … Armstrong": one fact per person per sentence
            if _after_article(sentence, mention.start):
                continue  # "the Offensive": a name after "the" is not a person's
            if _part_of_longer_name(sentence, mention) or _after_work_noun(sentence, mention.start):
                continue  # "John the Cappadocian", "He Yingqin"; "the play Kinjeketile"
            if reading.shared_name(mention.text):
                continue  # "Zhang": the son or the father? Either answer could be wrong
            seen.add(person.name)
            found = slot(sentence, mention.start, mention.end)
            if found is not None and found.in_subject and found.clause.bare_state:
                continue  # "___ was furious": at what, the sentence does not say
            facts.append(_fact(reading, person, sentence, mention, found))
        standing = reading.standings[sentence]
        if standing.subject_name and sentence.words[standing.pronoun].tag == "PRP":
            person = reading.person_named(standing.subject_name)
            word = sentence.words[standing.pronoun]
            found = slot(sentence, word.start, word.end)
            if person is not None and person.name not in seen and found is not None:
                question = who_question(reading, found)
                if question:
                    facts.append(
                        Fact(
                            about="person",
                            sentence=sentence,
                            answer=reading.shown_name(person),
                            question=question,
                            accepted=tuple(
                                a for a in (person.name, *person.aliases) if a != reading.shown_name(person)
                            ),
                            avoid=tuple(reading.forms(person)),
                            person=person.name,
                            weight=_weight(reading, person),
                        )
                    )
    return facts

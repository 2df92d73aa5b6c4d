"""Role facts ("Who was Heng Samrin?") and comparisons of two people with contrasting roles."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from studyapp.core.extraction import ParsedSentence, Person
from studyapp.questions.facts import Fact, finder
from studyapp.questions.phrases import capitalise, word_range
from studyapp.questions.reading import Reading

MIN_ROLE_WORDS, MAX_ROLE_WORDS = 2, 14
# A role that ends on one of these says only what it says in context ("the senior member
# of the group", "a leader of the movement"): which group?
_CONTEXT_NOUNS = re.compile(
    r"\b(?:the|its|their|his|her) (?:group|party|movement|country|government|regime|army|people|"
    r"organization|organisation|team|unit|mission|city|committee|council|family|faction)(?:['’]s)?\b",
    re.IGNORECASE,
)
_POSSESSIVE_START = re.compile(r"^(?:his|her|their|its|our|my)\b", re.IGNORECASE)
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})


def _role_sentence(reading: Reading, person: Person) -> tuple[ParsedSentence, tuple[int, int]] | None:
    """The usable sentence stating the role next to a mention, and the role's span there."""
    role = person.role.strip()
    usable = reading.memo.get("role sentences")
    if usable is None:
        usable = reading.memo["role sentences"] = set(reading.usable()) | {
            s for s in reading.sentences if s.passage_kind == "prose" and len(s.words) <= 60
        }
    for mention in person.mentions:
        sentence = reading.sentence_at(mention.passage, mention.start)
        if sentence is None or sentence not in usable:
            continue
        position = sentence.text.find(role)
        if position >= 0:
            start = sentence.start + position
            return sentence, (start, start + len(role))
    return None


def _is_noun_phrase(sentence: ParsedSentence, span: tuple[int, int]) -> bool:
    """The role's words form a noun phrase headed by a noun ("the U.S. commander in
    Vietnam"), not a verb phrase ("briefed by the general")."""
    words = word_range(sentence, *span)
    if not words:
        return False
    inside = set(words)
    heads = [i for i in words if sentence.words[i].head not in inside]
    return len(heads) == 1 and sentence.words[heads[0]].tag in _NOUN_TAGS and (
        sentence.words[words[0]].tag not in ("VBN", "VBD", "VBG", "IN", "TO")
    )


def usable_role(reading: Reading, person: Person) -> tuple[str, ParsedSentence | None]:
    """The person's role when it reads as an answer to "Who was X?", with its sentence."""
    cache = reading.memo.setdefault("roles", {})
    if person.name not in cache:
        cache[person.name] = _usable_role(reading, person)
    return cache[person.name]


def _usable_role(reading: Reading, person: Person) -> tuple[str, ParsedSentence | None]:
    role = person.role.strip().strip(",.;")
    if not MIN_ROLE_WORDS <= len(role.split()) <= MAX_ROLE_WORDS or _POSSESSIVE_START.match(role):
        return "", None
    if any(form.lower() in role.lower() for form in reading.forms(person)):
        return "", None
    if _CONTEXT_NOUNS.search(role) and not re.search(r"\b[A-Z]", role[1:]):
        return "", None  # "the party's secretary": which party? (unless a name says so)
    found = _role_sentence(reading, person)
    if found is None or not _is_noun_phrase(*found):
        return "", None
    return role, found[0]


def _lower_article(role: str) -> str:
    """ "The secretary of …" → "the secretary of …"; "Prime Minister" stays as written."""
    first, _, rest = role.partition(" ")
    return f"{first.lower()} {rest}" if first.lower() in ("the", "a", "an") else role


def confusable(a: str, b: str) -> bool:
    """Two roles a learner could not tell apart, or both true of one person."""
    return fuzz.token_set_ratio(a.lower(), b.lower()) > 60


@finder
def role_facts(reading: Reading) -> list[Fact]:
    """ "Who was X?" answered by the role the article gives, for each person with one."""
    facts = []
    for person in reading.persons:
        role, sentence = usable_role(reading, person)
        if not role or sentence is None:
            continue
        facts.append(
            Fact(
                about="role",
                sentence=sentence,
                answer=capitalise(role),
                question=f"Who was {reading.shown_name(person)}?",
                avoid=tuple(reading.forms(person)),
                person=person.name,
                # One role is rarely all that makes a person worth knowing: "Who was X?"
                # answered by one post reads as partial.
                weight=0.35 * reading.prominence(person),  # kept as "more"
            )
        )
    return facts


@finder
def comparison_facts(reading: Reading) -> list[Fact]:
    """ "Which of these two was the commander of …?" for two people of one section whose
    roles differ clearly: the learner has to tell the two apart."""
    roles = []
    for person in reading.persons:
        role, sentence = usable_role(reading, person)
        if role and sentence is not None:
            roles.append((person, role, sentence))
    facts = []
    for index, (person, role, sentence) in enumerate(roles):
        for other, other_role, other_sentence in roles[index + 1 :]:
            if reading.section(sentence.passage) != reading.section(other_sentence.passage):
                continue
            if confusable(role, other_role):
                continue
            facts.append(
                Fact(
                    about="comparison",
                    sentence=sentence,
                    answer=reading.shown_name(person),
                    question=f"Which of these two was {_lower_article(role)}?",
                    avoid=(reading.shown_name(other),),
                    person=person.name,
                    unit=reading.shown_name(other),  # the other person: the one wrong choice
                    weight=0.35 * min(reading.prominence(person), reading.prominence(other)),
                )
            )
            break  # one comparison per person
    return facts

"""Person profiles: "Who was Heng Samrin?" answered by the roles the article gives him."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from studyapp.core.extraction import Person
from studyapp.questions import grammar
from studyapp.questions.material import Fact, Material
from studyapp.questions.sentences import Sentence

DETERMINER = re.compile(r"^(?:the|a|an|one of|former|its|his|her)\b", re.IGNORECASE)


def _sentence_for(material: Material, person: Person) -> Sentence | None:
    """The sentence where the article gives the role (else the first mention's)."""
    first = None
    role = person.role.lower()
    for mention in person.mentions:
        sentence = material.sentences.at(mention.passage, mention.start)
        if sentence is None:
            continue
        first = first or sentence
        if role and role.split(",")[0].strip() in sentence.text.lower():
            return sentence
    return first


def usable_role(material: Material, person: Person) -> str:
    role = person.role.strip().strip(",.;")
    if len(role.split()) < 2 or len(role.split()) > 16:
        return ""  # a bare title ("Prince", "Major") says too little to quiz on
    if re.match(r"(?:his|her|their|its|our)\b", role, re.IGNORECASE):
        return ""  # "his commander" needs the sentence before it
    if any(form.lower() in role.lower() for form in material.forms(person)):
        return ""
    return role


def facts(material: Material) -> list[Fact]:
    """A profile fact per person with a role, and "Who was the <role>?" when the role is unique."""
    found = []
    roles = {person.name: usable_role(material, person) for person in material.persons}
    for person in material.persons:
        role = roles[person.name]
        sentence = _sentence_for(material, person)
        if not role or sentence is None:
            continue
        forms = material.forms(person)
        found.append(
            Fact(
                topic="profile",
                prompt=f"Who was {person.name}?",
                answer=grammar.capitalise(role),
                answer_type="role",
                sentence=sentence,
                difficulty=0.5 if len(person.mentions) > 2 else 0.6,
                avoid=tuple(forms),
                person=person.name,
            )
        )
        shared = any(
            other != person.name and other_role and fuzz.token_set_ratio(role, other_role) > 70
            for other, other_role in roles.items()
        )
        text = " ".join(material.article.passages).lower()
        indefinite = re.match(r"(?:a|an|one)\b", role, re.IGNORECASE)
        specific = len(role.split()) >= 3 or " of " in role
        if shared or text.count(role.lower()) != 1 or indefinite or not specific:
            continue  # "Who was a fighter …?" or "Who was the Prime Minister?" has many answers  # two people with the same role: "Who was the …?" would have two answers
        possessive = re.match(r"\S+[’']s\b", role)  # "FUNCINPEC's military commander"
        article = "" if DETERMINER.match(role) or possessive else "the "
        found.append(
            Fact(
                topic="role",
                prompt=f"Who was {article}{role}?",
                answer=person.name,
                answer_type="person",
                sentence=sentence,
                difficulty=0.55,
                accepted=tuple(person.aliases),
                avoid=tuple(forms),
                person=person.name,
            )
        )
    return found

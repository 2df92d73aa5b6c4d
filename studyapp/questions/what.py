""" "What" facts about organisations: what an acronym stands for, what was set up when."""

from __future__ import annotations

import re

from studyapp.questions import grammar
from studyapp.questions.material import Fact, Material
from studyapp.questions.sentences import Sentence
from studyapp.questions.verbs import is_past
from studyapp.questions.when import leading_phrase

# "Kampuchean United Front for National Salvation (KUFNS)": a name and the acronym after it.
NAMED_ACRONYM = re.compile(
    r"((?:[A-Z][\w’'-]*\s+(?:(?:of|for|and|the|de|du)\s+)*){1,9}[A-Z][\w’'-]*)\s+\(([A-Z]{2,8})\)"
)
SMALL = {"of", "for", "and", "the", "de", "du"}


def initials_match(name: str, acronym: str) -> bool:
    """True when ``acronym`` is made of the initials of ``name``'s main words."""
    words = [word for word in re.split(r"[\s-]+", name) if word and word.lower() not in SMALL]
    initials = "".join(word[0].upper() for word in words)
    return acronym in initials and initials.endswith(acronym)


def _acronyms(material: Material) -> list[tuple[str, str, Sentence]]:
    """(acronym, full name, sentence) for every acronym the article spells out."""
    found: dict[str, tuple[str, str, Sentence]] = {}
    for sentence in material.sentences:
        for match in NAMED_ACRONYM.finditer(sentence.text):
            name, acronym = match.group(1), match.group(2)
            words = name.split()
            # Trim leading words until the initials fit: "the Kampuchean United Front …".
            while words and not initials_match(" ".join(words), acronym):
                words = words[1:]
            if words and acronym not in found:
                found[acronym] = (acronym, " ".join(words), sentence)
    for organisation in material.extraction.organisations:
        acronym = organisation.acronym
        if not acronym or acronym in found or organisation.name == acronym:
            continue
        # Only acronyms the article itself writes: the question must trace to a sentence.
        for mention in organisation.mentions:
            sentence = material.sentences.at(mention.passage, mention.start)
            if sentence is not None and re.search(rf"\b{re.escape(acronym)}\b", sentence.text):
                found[acronym] = (acronym, organisation.name, sentence)
                break
    return list(found.values())


def facts(material: Material) -> list[Fact]:
    """ "What does CPK stand for?" and "What was established …?" facts."""
    found = []
    names: dict[str, str] = {}
    for acronym, name, sentence in _acronyms(material):
        names[name.lower()] = acronym
        found.append(
            Fact(
                topic="what",
                prompt=f"What does {acronym} stand for?",
                answer=name,
                answer_type="organisation",
                sentence=sentence,
                difficulty=0.45,
                accepted=(f"the {name}",),
                avoid=(acronym,),
            )
        )
    for event, sentence in material.dated_events:
        split = grammar.date_phrase(
            sentence.text, event.start - sentence.start, event.end - sentence.start
        )
        if split is None or event.inferred:
            continue
        clause = grammar.analyse(split[1])
        if clause is None or not clause.passive_or_copula or not is_past(clause.rest.split()[0]):
            continue  # only "X was established/founded/set up …", not "X were stronger"
        subject = re.sub(r"\s*\([A-Z]{2,8}\)$", "", clause.subject)
        bare = re.sub(r"^the\s+", "", subject, flags=re.IGNORECASE)
        if bare.lower() not in names:
            continue
        phrase = leading_phrase(material, sentence) or split[0]
        found.append(
            Fact(
                topic="what",
                prompt=grammar.with_date(phrase, f"What {clause.verb.lower()} {clause.rest}?"),
                answer=bare,
                answer_type="organisation",
                sentence=sentence,
                difficulty=0.55,
                accepted=(names[bare.lower()],),
                avoid=(names[bare.lower()],),
            )
        )
    return found

""" "Who" facts: a person as the subject (or object) of a statement becomes "Who … ?"."""

from __future__ import annotations

import re

from studyapp.core.extraction import Mention, Person
from studyapp.questions import grammar
from studyapp.questions.material import Fact, Material
from studyapp.questions.sentences import Sentence
from studyapp.questions.verbs import base_form, is_past
from studyapp.questions.when import leading_phrase

ROLE_WORDS = (
    "leader|commander|minister|secretary|general|president|chairman|official|premier|"
    "spokesman|chief|head|ambassador|governor|envoy|director"
)
PREFIX = re.compile(
    rf"((?:(?:[A-Z][\w.'’-]*|(?i:{ROLE_WORDS}))\s+)*(?:[A-Z][\w.'’-]*|(?i:{ROLE_WORDS}))\s+)$"
)
ROLE = re.compile(rf"\b(?:{ROLE_WORDS})\b", re.IGNORECASE)
ALIAS_AFTER = re.compile(r"^\s*\([^)]*\)")
PLACEHOLDER = "Somebody"


def _has_verb(text: str) -> bool:
    words = [word.strip(",.;").lower() for word in text.split()]
    return any(word in ("was", "were") or is_past(word) for word in words)


def _cut_at_other_person(predicate: str, others: list[str]) -> str:
    """Stop before " and <another person>" (gapping: "… secretary and Nuon Chea as deputy")."""
    for name in others:
        position = predicate.find(f" and {name}")
        if position > 0:
            predicate = predicate[:position]
    return predicate


def _earlier_phrase(material: Material, sentence: Sentence) -> str:
    """The date phrase of the closest earlier sentence of the same paragraph, when this one has no date.

    "On September 28-30, 1960, the Congress met … . The General Assembly decided …, and
    Tou Samouth was elected …": the election is dated by the sentence before.
    """
    if any(where == sentence for _, where in material.dated_events):
        return ""
    earlier = [
        s for s in material.sentences.by_passage[sentence.passage] if s.end <= sentence.start
    ]
    for previous in reversed(earlier):
        phrase = leading_phrase(material, previous)
        if phrase:
            return phrase
        if any(where == previous for _, where in material.dated_events):
            return ""  # a date in another place of that sentence: too unsure to carry over
    return ""


def _context(before: str, sentence: Sentence, material: Material) -> str | None:
    """The date/adverbial phrase to keep before "who", "" for none, None when not a clause start."""
    stripped = before.rstrip()
    phrase = leading_phrase(material, sentence) or _earlier_phrase(material, sentence)
    if not stripped:
        return phrase
    if re.search(r"(?:,\s*and|\band|;)$", stripped):
        parts = [
            part for part in re.split(r"[,;]", stripped[: stripped.rfind("and")]) if part.strip()
        ]
        if not parts or not _has_verb(parts[-1]):
            return None  # a compound subject: "Pol Pot and Keo Meas traveled …"
        return phrase
    if stripped.endswith(","):
        head = stripped[:-1].strip()
        if phrase and head == phrase:
            return phrase
        named = any(p.name in head for p in material.persons_in(sentence))
        aside = (
            head[len(phrase) + 1 :].strip() if phrase and head.startswith(phrase + ",") else head
        )
        plain = re.sub(r"\d+, \d{4}", "", aside)
        if len(aside.split()) <= 7 and "," not in plain and not _has_verb(aside) and not named:
            return head  # "After returning", "By now"
    return None


def _subject_fact(
    material: Material, person: Person, mention: Mention, sentence: Sentence
) -> Fact | None:
    text = sentence.text
    before = text[: mention.start - sentence.start]
    after = ALIAS_AFTER.sub("", text[mention.end - sentence.start :])
    prefix_match = PREFIX.search(before)
    prefix = prefix_match.group(1) if prefix_match else ""
    if any(
        form in prefix for other in material.persons_in(sentence) for form in material.forms(other)
    ):
        return None  # "Ho Chi Minh Lenin and Cal Kim": a list of people, not a title
    titles = {title.lower().rstrip(".") for title in person.titles}
    role_words = [w for w in prefix.split() if w.lower().rstrip(".") not in titles]
    context = _context(before[: len(before) - len(prefix)], sentence, material)
    if context is None and prefix:
        context = _context(before, sentence, material)
        prefix, role_words = "", []
    if context is None:
        return None
    headline = not sentence.text.rstrip().endswith((".", "!", "?", "”", '"'))
    if headline and re.match(r"\s+\w+ed\b(?:\s+\w+){0,3}\s+by\b", after):
        return None  # "Duch sentenced to life by …": a headline's passive, not "who sentenced"
    first = after.split()[0].strip(",").lower() if after.split() else ""
    if not after.startswith(" ") or not (is_past(first) or first in ("was", "were", "had")):
        return None
    others = [
        form for other in material.persons if other is not person for form in material.forms(other)
    ]
    predicate = _cut_at_other_person(grammar.trim_predicate(after), others)
    if len(predicate.split()) < 2:
        return None
    role = " ".join(role_words)
    if role and ROLE.search(role) and role_words[-1][0].isalpha():
        question = f"Which {role} {predicate}?"
    else:
        question = f"Who {predicate}?"
    return _fact(material, person, grammar.with_date(context, question), sentence, 0.5)


def _object_fact(
    material: Material, person: Person, mention: Mention, sentence: Sentence
) -> Fact | None:
    text = sentence.text
    phrase = leading_phrase(material, sentence)
    begin = len(phrase) + 1 if phrase and text.startswith(phrase + ",") else 0
    clause_text = text[begin : mention.start - sentence.start].strip()
    after = ALIAS_AFTER.sub("", text[mention.end - sentence.start :])
    if not clause_text or not is_past(clause_text.split()[-1].lower()):
        return None
    clause = grammar.analyse(f"{clause_text} {PLACEHOLDER}{after}")
    if clause is None or clause.passive_or_copula or not clause.rest.startswith(PLACEHOLDER):
        return None
    if clause_text.split()[-1] != clause.verb:
        return None
    rest = clause.rest[len(PLACEHOLDER) :].strip()
    subject = grammar.lower_first(clause.subject)
    question = f"Who did {subject} {base_form(clause.verb)} {rest}".strip() + "?"
    return _fact(material, person, grammar.with_date(phrase, question), sentence, 0.6)


def _fact(
    material: Material, person: Person, prompt: str, sentence: Sentence, difficulty: float
) -> Fact | None:
    forms = material.forms(person)
    if any(form.lower() in prompt.lower() for form in forms):
        return None  # the answer (or one of its names) would be in the question
    rare = 0.1 if len(person.mentions) <= 2 else 0.0
    return Fact(
        topic="who",
        prompt=prompt,
        answer=person.name,
        answer_type="person",
        sentence=sentence,
        difficulty=difficulty + rare,
        accepted=tuple(alias for alias in person.aliases if alias != person.name),
        avoid=tuple(forms),
        person=person.name,
    )


def facts(material: Material) -> list[Fact]:
    """ "Who …?" facts for every mention that is the subject or object of a simple clause."""
    found: list[Fact] = []
    for person in material.persons:
        for mention in person.mentions:
            sentence = material.sentences.at(mention.passage, mention.start)
            if sentence is None or mention.end > sentence.end:
                continue
            fact = _subject_fact(material, person, mention, sentence) or _object_fact(
                material, person, mention, sentence
            )
            if fact is not None:
                found.append(fact)
    return found

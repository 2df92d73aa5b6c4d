"""Place and organisation facts, and what an acronym the article defines stands for."""

from __future__ import annotations

import re

from studyapp.core.extraction import ParsedSentence
from studyapp.questions.facts import Fact, finder
from studyapp.questions.phrases import word_range
from studyapp.questions.reading import Reading
from studyapp.questions.slots import clear, restated, slot

# Acronyms everyone knows: asking what they stand for teaches nothing, and their sibling
# bodies make distractors that are arguably right.
HOUSEHOLD = frozenset(
    """UN US USA UK USSR EU NATO NASA CIA FBI KGB BBC CNN AP AFP UNESCO UNICEF WHO WWI WWII
    AD BC CE BCE TV OK""".split()  # noqa: SIM905
)
_SMALL = frozenset({"of", "for", "and", "the", "de", "du", "la", "des", "on", "in", "to", "a", "an"})
# "Full Name (ACR)" as the article writes it.
_DEFINED = re.compile(
    r"((?:[A-Z][\w’'-]*[ -](?:(?:of|for|and|the|de|du|on|in|to)\s+)*){1,9}[A-Z][\w’'-]*)\s+\(([A-Z][A-Za-z]{1,9})\)"
)


_EVERYWHERE = frozenset({"earth", "moon", "world", "europe", "asia", "africa", "america"})
_CLOCK = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?\s*$")
# The model's labels that agree with each kind of name.
LABELS = {"place": ("GPE", "LOC"), "organisation": ("ORG",)}


def initials(name: str) -> str:
    """Initials of a name's significant words ("Mobile Quarantine Facility" -> "MQF")."""
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w and w.lower() not in _SMALL).upper()


def spelled_out(text: str) -> list[tuple[str, str, int]]:
    """(acronym, full name, name start) for each "Full Name (ACR)" whose initials spell ACR."""
    found = []
    for match in _DEFINED.finditer(text):
        words = match.group(1).split()
        acronym = match.group(2)
        # Leading words the acronym does not cover ("the", "NASA's") are dropped.
        while words and (initials(" ".join(words)) != acronym.upper() or words[0].lower() in _SMALL):
            words = words[1:]
        if words:
            name = " ".join(words)
            found.append((acronym, name, match.start(1) + match.group(1).index(name)))
    return found


def _entity_label(sentence: ParsedSentence, start: int, end: int) -> str:
    labels = {sentence.words[i].entity for i in word_range(sentence, start, end)}
    labels.discard("")
    return labels.pop() if len(labels) == 1 else ""


@finder
def entity_facts(reading: Reading) -> list[Fact]:
    """A fact per place and organisation named in a sentence that stands alone (for gaps)."""
    facts = []
    usable = set(reading.usable())
    for about, entities in (
        ("place", reading.extraction.places),
        ("organisation", reading.extraction.organisations),
    ):
        for entity in entities:
            if len(entity.name) < 3 or entity.name.isupper() and about == "place":
                continue
            if len(entity.name.split()) < 2 and len(entity.mentions) < 2 and not entity.aliases:
                continue  # named once in one word: too little to be sure what it is
            if about == "place" and ("." in entity.name or entity.name.lower() in _EVERYWHERE):
                continue  # "the U.S.", "Earth": given away by any sentence about them
            for mention in entity.mentions:
                sentence = reading.sentence_at(mention.passage, mention.start)
                if sentence not in usable or mention.end > sentence.end:
                    continue
                if reading.followed_by_number(mention.passage, mention.end):
                    continue
                if _CLOCK.search(reading.article.passages[mention.passage][: mention.start]):
                    continue  # "17:21:50 UTC": a time zone after a clock time
                label = _entity_label(sentence, mention.start, mention.end)
                if label not in LABELS[about]:
                    continue  # the model reads these words as something else
                found = slot(sentence, mention.start, mention.end)
                statement = restated(reading, found) if found and clear(reading, found.clause) else ""
                facts.append(
                    Fact(
                        about=about,
                        sentence=sentence,
                        answer=mention.text,
                        span=(mention.start, mention.end),
                        statement=statement if statement.count(mention.text) == 1 else "",
                        slot=mention.text,
                        accepted=tuple(a for a in (entity.name, *entity.aliases) if a != mention.text),
                        avoid=(entity.name, *entity.aliases),
                        entity_label=label,
                        # A place or body named often is central; one named in passing ("the
                        # Oval Office") is not worth a gap.
                        weight=1.0 if len(entity.mentions) >= 3 else 0.75,
                    )
                )
    return facts


@finder
def acronym_facts(reading: Reading) -> list[Fact]:
    """ "What does MQF stand for?" where the article spells the acronym out and it is not
    one everybody knows."""
    facts, seen = [], set()
    for sentence in reading.usable():
        for acronym, name, start in spelled_out(sentence.text):
            if acronym in seen or acronym.upper() in HOUSEHOLD or len(acronym) < 3:
                continue
            seen.add(acronym)
            begin = sentence.start + start
            facts.append(
                Fact(
                    about="organisation",
                    sentence=sentence,
                    answer=name,
                    span=(begin, begin + len(name)),
                    question=f"What does {acronym} stand for?",
                    accepted=(f"the {name}",),
                    avoid=(acronym,),
                    unit=acronym,  # the acronym itself: wrong choices must not share its initials
                    weight=0.4,  # what letters stand for is rarely the history: kept as "more"
                )
            )
    return facts

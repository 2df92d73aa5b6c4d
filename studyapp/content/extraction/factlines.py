"""Infobox and fact-sheet lines ("Commander1: Lt Col. Gordon D. Rowe, Captain Robert J. O'Brien"):
the label says whether the values name people."""

from __future__ import annotations

import re
from dataclasses import dataclass

# One "Label: value" line, optionally bulleted; infobox labels may carry a column number
# ("Commander1", "Strength2").
_LINE = re.compile(
    r"^\s*(?:[-•*·▪]\s*)?(?P<label>[A-Z][A-Za-z'’ ]{0,38}?[A-Za-z])\d?\s*:\s*(?P<value>\S.*?)\s*$"
)
# Labels whose values are people, and labels whose values are only names of one person.
PEOPLE_LABELS = frozenset(
    {"commander", "commanders", "leader", "leaders", "commanders and leaders",
     "leaders and commanders", "crew", "pilot", "pilots", "astronauts", "president",
     "presidents", "monarch", "king", "queen", "emperor", "founder", "founders", "chairman",
     "prime minister", "spouse", "predecessor", "successor", "credit", "credits",
     "photo credit", "image credit", "photographer", "left to right", "from left",
     "pictured", "author", "authors", "name", "full name", "birth name", "born",
     "known as", "also known as", "other names", "real name", "nickname", "nicknames"}
)  # fmt: skip
NAME_LABELS = frozenset(
    {"name", "full name", "birth name", "born", "known as", "also known as", "other names",
     "real name", "nickname", "nicknames"}
)  # fmt: skip
# Labels whose values never name a person: places, dates, forces, results, native names.
OTHER_LABELS = frozenset(
    {"conflict", "part of", "partof", "date", "dates", "place", "location", "result",
     "combatant", "combatants", "belligerent", "belligerents", "units", "unit", "strength",
     "casualties", "casualties and losses", "native name", "map type", "territory",
     "territorial changes", "army", "capital", "language", "languages", "religion",
     "government", "status", "type", "cause", "causes", "outcome", "goals", "methods",
     "motto", "anthem", "died", "resting place", "nationality", "allegiance",
     "branch", "service", "rank", "battles", "battles/wars", "awards", "organisation",
     "organization", "party", "mission type", "operator", "spacecraft", "launch site",
     "landing site", "duration"}
)  # fmt: skip
# Items of a list value: commas, bars, semicolons.
_ITEM = re.compile(r"[^,|;]+")
_ANNOTATION = re.compile(r"\s*(?:[(\[].*|[†‡✝].*)$")  # "(est.)", "†" (died in the battle)
_TRANSLATION = re.compile(r"\s*\(\s*(?:the\s+)?(?P<name>[A-Z][^()]*?)\s*\)\s*$")
# Infobox flags fused to a name: killed/missing/wounded in action, prisoner of war.
FUSED_FLAG = re.compile(r"(?<=[a-z])(?:KIA|MIA|WIA|POW|DOW)$")


@dataclass(frozen=True)
class FactLine:
    """A labelled line: its folded label (column number dropped) and where the value starts."""

    label: str
    value_start: int

    @property
    def names_people(self) -> bool:
        return self.label in PEOPLE_LABELS

    @property
    def names_no_one(self) -> bool:
        return self.label in OTHER_LABELS

    @property
    def names_one_person(self) -> bool:
        return self.label in NAME_LABELS


def fact_line(text: str) -> FactLine | None:
    """The label of a one-line "Label: value" passage, None for prose."""
    if "\n" in text.strip() or len(text) > 400:
        return None
    match = _LINE.match(text)
    if match is None or len(match.group("label").split()) > 4:
        return None
    label = " ".join(match.group("label").lower().replace("’", "'").split())
    return FactLine(label, match.start("value"))


def value_items(text: str, line: FactLine) -> list[tuple[int, int]]:
    """Character spans of the items of a people-naming value, each cut to the name itself:
    annotations ("†", "(est.)") and fused flags ("TuyenKIA") dropped."""
    items = []
    matches = list(_ITEM.finditer(text, line.value_start))
    if line.label == "born":
        matches = matches[:1]  # "Born: <name>, <date>, <place>"
    for match in matches:
        item = match.group()
        annotation = _ANNOTATION.search(item)
        if annotation:
            item = item[: annotation.start()]
            translated = _TRANSLATION.match(annotation.group())
            if line.label.startswith("nickname") and translated:
                # "El Centauro del Norte (the Centaur of the North)": both are names
                items.append(
                    (match.start() + annotation.start() + translated.start("name"),
                     match.start() + annotation.start() + translated.end("name"))
                )  # fmt: skip
        item = item.rstrip()
        flag = FUSED_FLAG.search(item)
        if flag:
            item = item[: flag.start()]
        start = match.start() + len(item) - len(item.lstrip())
        end = match.start() + len(item)
        if end > start and not any(ch.isdigit() for ch in item):
            items.append((start, end))
    return items

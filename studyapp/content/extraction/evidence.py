"""Whether a one-word name is used as a person's: the model tags places, eras and common nouns
("Kioto", "Meiji", "Moon") as people, but only people act, own, bear titles or rule domains."""

from __future__ import annotations

from typing import TYPE_CHECKING

from studyapp.content.extraction.document import ParsedPassage
from studyapp.content.extraction.domain import Domain
from studyapp.content.extraction.kinds import is_title_word

if TYPE_CHECKING:
    from studyapp.content.extraction.candidates import Candidate

# Dependency roles of a name that acts or owns: "Ho expected", "Mori's action", "was killed by".
_ACTING = {"nsubj", "nsubjpass", "poss", "agent"}
_POSSESSIVE = {"'s", "’s"}
_OWNING_PRONOUNS = {"his", "her", "their"}


def lower_case_words(passages: list[ParsedPassage]) -> set[str]:
    """Every word the article writes in lower case somewhere: a capitalised one-word "name"
    among them is a common noun ("the Moon" beside "the moon")."""
    return {t.text for p in passages for t in p.doc if t.is_alpha and t.text.islower()}


def _acts(passage: ParsedPassage, candidate: Candidate, domain: Domain) -> bool:
    doc = passage.doc
    if not 0 <= candidate.first_token < candidate.last_token <= len(doc):
        return False
    head = doc[candidate.last_token - 1]
    if head.dep_ in _ACTING:
        return True
    after = doc[candidate.last_token] if candidate.last_token < len(doc) else None
    if after is not None and after.text in _POSSESSIVE:
        return True
    if (
        after is not None
        and after.text == "of"
        and candidate.last_token + 1 < len(doc)
        and (
            doc[candidate.last_token + 1].text[:1].isupper()
            or doc[candidate.last_token + 1].text.lower() in _OWNING_PRONOUNS
        )
    ):
        return True  # "Yamanouchi of Tosa", "Katsu of his own Government"
    first = candidate.first_token
    return first >= 2 and doc[first - 1].text == "," and is_title_word(doc[first - 2].text, domain)


def used_as_person(
    passages: list[ParsedPassage],
    mentions: list[Candidate],
    domain: Domain,
    lower_case: set[str],
    has_role: bool,
) -> bool:
    """A one-word name with a title, a role, or a mention that acts, owns or rules; and not a
    word the article also writes in lower case."""
    if any(c.titles for c in mentions):
        return True
    word = mentions[0].text
    if word.lower() in lower_case:
        return False
    return has_role or any(_acts(passages[c.passage], c, domain) for c in mentions)

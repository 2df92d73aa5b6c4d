"""Other forms of a person's name written beside it, which the model left unlabelled: a short
name before "or" ("Phibun, or Luang Plaek Phibunsongkhram"), a name in brackets ("Pope Pius IX
(Pio Nono)") and a nickname in quotes ('known to his troops as "Black Jack"')."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from studyapp.content.extraction.document import ParsedPassage
from studyapp.content.extraction.domain import Domain, fold
from studyapp.content.extraction.kinds import PERSON, Candidate, known
from studyapp.content.extraction.names import titles_before, unlabelled_name_word

if TYPE_CHECKING:
    from spacy.tokens import Token

# 'known to his troops as "Black Jack"', 'mocked by his subjects as "Franceschiello"'.
_NICKNAME = re.compile(
    r"\b(?:known|called|nicknamed|dubbed|mocked|remembered|styled|hailed|derided)\b"
    r"[^.;:\"“”]{0,40}?(?:\bas\s+)?[\"“](?:[Tt]he\s+)?(?P<name>[A-Z][^\"“”.,;:]{1,40}?)[,.]?[\"”]"
)


def other_names(
    passage: ParsedPassage, tokens: list[Token], found: list[Candidate], domain: Domain
) -> list[Candidate]:
    """Candidates for the other names written beside the people in ``found``; each shares a
    group with its person (nicknames and bracketed names) or is linked as an alias later."""
    extra = _named_before(tokens, found, domain, passage)
    extra += _nicknames(passage, tokens, found)
    return extra + _bracketed_names(passage, tokens, found, domain)


def _named_before(
    tokens: list[Token], found: list[Candidate], domain: Domain, passage: ParsedPassage
) -> list[Candidate]:
    """A short name the model missed, given as another form of a person's name after it:
    "Phibun, or Luang Plaek Phibunsongkhram"."""
    extra = []
    taken = {i for c in found for i in range(c.first_token, c.last_token)}
    blocked = domain.place_words | domain.organisation_words | domain.event_words
    for candidate in found:
        if candidate.kind != PERSON:
            continue
        _, position = titles_before(tokens, candidate.first_token, domain)
        if position < 2 or tokens[position - 1].text != "or":
            continue
        end = position - 2 if tokens[position - 2].text == "," else position - 1
        start = end
        while (
            start > 0
            and end - start < 3
            and tokens[start - 1].is_alpha
            and tokens[start - 1].text[:1].isupper()
            and tokens[start - 1].tag_ in ("NNP", "NNPS")
            and fold(tokens[start - 1].text) not in blocked | domain.nationalities
            and start - 1 not in taken
        ):
            start -= 1
        if start < end:
            first, last = tokens[start], tokens[end - 1]
            stop = last.idx + len(last.text)
            text = passage.text[first.idx : stop]
            extra.append(
                Candidate(passage.index, first.idx, stop, text, PERSON,
                          first_token=start, last_token=end)
            )  # fmt: skip
    return extra


def _bracketed_names(
    passage: ParsedPassage, tokens: list[Token], found: list[Candidate], domain: Domain
) -> list[Candidate]:
    """Another name in brackets right after a person's, which the model left unlabelled:
    "Pope Pius IX (Pio Nono)"."""
    extra = []
    for candidate in found:
        start = candidate.last_token
        if candidate.kind != PERSON or start + 2 >= len(tokens) or tokens[start].text != "(":
            continue
        end = start + 1
        while end < len(tokens) and end - start <= 3 and unlabelled_name_word(tokens[end], domain):
            end += 1
        run = tokens[start + 1 : end]
        if not run or end >= len(tokens) or tokens[end].text != ")":
            continue
        if any(t.ent_type_ or t.text.isupper() for t in run) or known(
            " ".join(t.text for t in run), domain
        ):
            continue
        candidate.group = candidate.group or f"brackets {passage.index}:{candidate.start}"
        first, stop = run[0].idx, run[-1].idx + len(run[-1].text)
        extra.append(
            Candidate(passage.index, first, stop, passage.text[first:stop], PERSON,
                      first_token=run[0].i, last_token=end, group=candidate.group)
        )  # fmt: skip
    return extra


def _nicknames(
    passage: ParsedPassage, tokens: list[Token], found: list[Candidate]
) -> list[Candidate]:
    """Nicknames in quotes ('known to his troops as "Black Jack"'), each linked to the person
    named last before it in the sentence."""
    extra = []
    for match in _NICKNAME.finditer(passage.text):
        sentence_start = passage.sentence_span(match.start())[0]
        owners = [
            c for c in found if c.kind == PERSON and sentence_start <= c.start < match.start()
        ]
        if not owners:
            continue
        start, end = match.span("name")
        owner = owners[-1]
        owner.group = owner.group or f"nickname {passage.index}:{owner.start}"
        first = next((t.i for t in tokens if t.idx >= start), len(tokens))
        last = next((t.i for t in tokens if t.idx >= end), len(tokens))
        extra.append(
            Candidate(passage.index, start, end, passage.text[start:end], PERSON,
                      first_token=first, last_token=last, group=owner.group, nickname=True)
        )  # fmt: skip
    return extra

"""People: name mentions merged across spellings, aliases and partial names, with titles and roles."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from typing import TYPE_CHECKING

from rapidfuzz.distance import OSA

from studyapp.content.extraction.candidates import PERSON, PLACE, Candidate, name_key
from studyapp.content.extraction.document import ParsedPassage
from studyapp.content.extraction.domain import Domain, fold
from studyapp.content.language import STOPWORDS
from studyapp.content.extraction.roles import role_after, role_before
from studyapp.core.extraction import Mention, Person

if TYPE_CHECKING:
    from spacy.tokens import Token

# "Saloth Sar (Pol Pot)", "Ta Mok, alias Chhit Choeun", "Kaing Guek Eav, better known as Duch"
_ALIAS_LINK = re.compile(
    r"^\s*(?:\(\s*|,?\s*(?:alias|aka|a\.k\.a\.|also known as|better known as|known as|"
    r"nicknamed|whose real name (?:is|was)|real name|born|or)\s+)$",
    re.I,
)


class _Groups:
    """Union-find over name keys."""

    def __init__(self, keys: list[str]) -> None:
        self.parent = {k: k for k in keys}

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def _near(a: str, b: str) -> bool:
    """Variant spellings of one word ("Tuo"/"Tou", "Samouth"/"Samoth")."""
    if a == b:
        return True
    if min(len(a), len(b)) < 3 or a[0] != b[0] and len(a) < 6:
        return False
    return OSA.distance(a, b) <= (1 if min(len(a), len(b)) < 8 else 2)


def _same_person_spelling(a: list[str], b: list[str]) -> bool:
    """Same number of words, at most one of them spelt differently."""
    if len(a) != len(b) or a == b:
        return False
    differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(a) == 1:
        return len(a[0]) >= 6 and _near(a[0], b[0])
    return len(differing) == 1 and _near(*differing[0])


def _part_of(short: list[str], long: list[str]) -> bool:
    """``short`` names part of ``long``: a first or last word, or a run of words
    (one of them possibly spelt differently: "Ngoc Min" in "Son Ngoc Minh")."""
    if len(short) >= len(long):
        return False
    if len(short) == 1:
        return short[0] in (long[0], long[-1]) and len(short[0]) >= 2
    for offset in range(len(long) - len(short) + 1):
        window = long[offset : offset + len(short)]
        if window == short or _same_person_spelling(short, window):
            return True
    return False


def _link_aliases(passages: list[ParsedPassage], people: list[Candidate], groups: _Groups) -> None:
    by_passage: dict[int, list[Candidate]] = defaultdict(list)
    for candidate in people:
        by_passage[candidate.passage].append(candidate)
    for passage_index, mentions in by_passage.items():
        text = passages[passage_index].text
        for first, second in zip(mentions, mentions[1:], strict=False):
            between = text[first.end : second.start]
            if second.start - first.end < 40 and _ALIAS_LINK.match(between):
                if between.strip().startswith("(") and not text[second.end :].lstrip().startswith(")"):
                    continue
                groups.union(name_key(first.text), name_key(second.text))


def _merge(passages: list[ParsedPassage], people: list[Candidate], domain: Domain) -> dict[str, list[str]]:
    """Group name keys that name one person."""
    order: dict[str, int] = {}
    for position, candidate in enumerate(people):
        order.setdefault(name_key(candidate.text), position)
    keys = list(order)
    groups = _Groups(keys)
    _link_aliases(passages, people, groups)
    known: dict[str, str] = {}
    for key in keys:
        canonical = domain.people.get(key)
        if canonical:
            if canonical in known:
                groups.union(key, known[canonical])
            known.setdefault(canonical, key)
    words = {key: key.split() for key in keys}
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if _same_person_spelling(words[a], words[b]):
                groups.union(a, b)
    positions: dict[str, list[int]] = defaultdict(list)
    for position, candidate in enumerate(people):
        positions[name_key(candidate.text)].append(position)
    for short in sorted(keys, key=lambda k: len(words[k])):
        matches = {groups.find(long) for long in keys if _part_of(words[short], words[long])}
        matches.discard(groups.find(short))
        if len(matches) == 1:
            groups.union(short, matches.pop())
        elif matches:
            # Ambiguous ("Sen" of "Hun Sen" or "Son Sen"): the person named most recently before.
            first = positions[short][0]
            latest = {
                root: max((p for k in keys if groups.find(k) == root for p in positions[k] if p < first), default=-1)
                for root in matches
            }
            best = max(latest, key=lambda root: latest[root])
            if latest[best] >= 0:
                groups.union(short, best)
    merged: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        merged[groups.find(key)].append(key)
    return merged


def _split_joined(people: list[Candidate], domain: Domain) -> list[Candidate]:
    """Split a span the model ran together ("Ho Chi Minh Lenin") where a known name ends early."""
    known = {name_key(c.text) for c in people} | set(domain.people)
    result: list[Candidate] = []
    for candidate in people:
        words = list(re.finditer(r"\S+", candidate.text))
        for cut in range(len(words) - 1, 1, -1) if len(words) >= 3 else ():
            prefix = candidate.text[: words[cut - 1].end()]
            rest = candidate.text[words[cut].start() :]
            if name_key(prefix) in known and rest[:1].isupper():
                result.append(replace(candidate, end=candidate.start + len(prefix), text=prefix))
                start = candidate.start + words[cut].start()
                result.append(replace(candidate, start=start, text=rest, titles=[], locative=False))
                break
        else:
            result.append(candidate)
    return result


def _partial_mentions(passages: list[ParsedPassage], people: list[Candidate], domain: Domain) -> list[Candidate]:
    """Partial references the model missed ("Meas" for "Meas Phong", "Ngoc Min" for "Son Ngoc
    Minh"): a run of capitalised proper nouns standing alone that names part of a longer name."""
    names = [fold(c.text).split() for c in people if len(c.text.split()) >= 2]
    blocked = domain.title_words | domain.place_words | domain.organisation_words
    covered = {(c.passage, i) for c in people for i in range(c.start, c.end)}
    found: list[Candidate] = []
    for passage in passages:
        tokens = list(passage.doc)
        index = 0
        while index < len(tokens):
            end = index
            while end < len(tokens) and end - index < 3 and _name_word(tokens[end]):
                end += 1
            if end == index:
                index += 1
                continue
            run = tokens[index:end]
            words = [fold(t.text) for t in run]
            free = all((passage.index, t.idx) not in covered for t in run)
            plain = not any(w in blocked or w in STOPWORDS for w in words)
            if free and plain and (len(words) > 1 or len(words[0]) >= 3):
                if any(_part_of(words, name) for name in names):
                    start, stop = run[0].idx, run[-1].idx + len(run[-1].text)
                    found.append(Candidate(passage.index, start, stop, passage.text[start:stop], PERSON,
                                           first_token=run[0].i, last_token=end))  # fmt: skip
            index = end
    return found


def _name_word(token: Token) -> bool:
    return (
        token.is_alpha and token.text[:1].isupper() and token.tag_ in ("NNP", "NNPS")
        and token.ent_type_ in ("", "PERSON")
    )  # fmt: skip


def _display(forms: list[str]) -> str:
    """The written form to show for one key: the commonest, avoiding ALL-CAPS surnames."""
    counts: dict[str, int] = defaultdict(int)
    for form in forms:
        counts[form] += 1
    shouting = lambda f: sum(1 for w in f.split() if len(w) > 1 and w.isupper())  # noqa: E731
    return min(counts, key=lambda f: (shouting(f), -counts[f]))


def _role(passages: list[ParsedPassage], mentions: list[Candidate], domain: Domain, others: list[str]) -> str:
    fallback = ""
    for candidate in mentions:
        passage = passages[candidate.passage]
        sentence_start, sentence_end = passage.sentence_span(candidate.start)
        before = passage.text[sentence_start : candidate.start]
        after = passage.text[candidate.end : sentence_end]
        role = role_after(after, domain, others)
        if role:
            return role
        fallback = fallback or role_before(before, after, domain)
    return fallback


def build_people(passages: list[ParsedPassage], candidates: list[Candidate], domain: Domain) -> tuple[list[Person], list[Candidate]]:
    """Merge person mentions into people.

    Returns:
        The people in order of first mention, and the candidates found to be
        places after all (every mention after "in", "at", "near"... and the name
        not a known person).
    """
    people = _split_joined([c for c in candidates if c.kind == PERSON], domain)
    people = sorted(people + _partial_mentions(passages, people, domain), key=lambda c: (c.passage, c.start))
    merged = _merge(passages, people, domain)
    by_key: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in people:
        by_key[name_key(candidate.text)].append(candidate)
    all_names = sorted({c.text for c in people}, key=len, reverse=True)
    result: list[tuple[int, Person]] = []
    places: list[Candidate] = []
    for keys in merged.values():
        mentions = sorted((c for k in keys for c in by_key[k]), key=lambda c: (c.passage, c.start))
        if all(c.locative for c in mentions) and not any(k in domain.people for k in keys):
            places.extend(Candidate(**{**c.__dict__, "kind": PLACE}) for c in mentions)
            continue
        displays = {k: _display([c.text for c in by_key[k]]) for k in keys}
        first_seen = {k: min((c.passage, c.start) for c in by_key[k]) for k in keys}
        name_key_ = max(keys, key=lambda k: (len(k.split()), len(by_key[k]), tuple(-x for x in first_seen[k])))
        name = displays[name_key_]
        aliases = tuple(displays[k] for k in sorted(keys, key=lambda k: first_seen[k]) if k != name_key_)
        titles: list[str] = []
        for candidate in mentions:
            for title in candidate.titles:
                if fold(title) not in {fold(t) for t in titles}:
                    titles.append(title)
        own = {c.text for c in mentions}
        role = _role(passages, mentions, domain, [n for n in all_names if n not in own])
        person = Person(
            name=name,
            aliases=aliases,
            role=role,
            titles=tuple(titles),
            mentions=tuple(Mention(c.passage, c.start, c.end, c.text) for c in mentions),
        )
        result.append(((mentions[0].passage, mentions[0].start), person))
    return [person for _, person in sorted(result, key=lambda item: item[0])], places

"""People: name mentions merged across spellings, aliases and partial names, with titles and roles."""

from __future__ import annotations

import re
from collections import defaultdict

from studyapp.content.extraction.candidates import PERSON, PLACE, Candidate, name_key
from studyapp.content.extraction.document import ParsedPassage
from studyapp.content.extraction.domain import Domain, fold
from studyapp.content.extraction.evidence import lower_case_words, used_as_person
from studyapp.content.extraction.factlines import fact_line
from studyapp.content.extraction.kinds import is_suffix
from studyapp.content.extraction.mentions import (
    checked_headings,
    joined,
    part_of,
    partial_mentions,
    same_full_name,
    same_person_spelling,
    split_joined,
)
from studyapp.content.extraction.roles import role_after, role_before
from studyapp.core.extraction import Mention, Person

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


def _link_aliases(passages: list[ParsedPassage], people: list[Candidate], groups: _Groups) -> None:
    by_passage: dict[int, list[Candidate]] = defaultdict(list)
    for candidate in people:
        by_passage[candidate.passage].append(candidate)
    for passage_index, mentions in by_passage.items():
        text = passages[passage_index].text
        for first, second in zip(mentions, mentions[1:], strict=False):
            between = text[first.end : second.start]
            for title in reversed(second.titles):  # "Phibun, or Luang Plaek Phibunsongkhram"
                if between.rstrip().endswith(title):
                    between = between.rstrip()[: -len(title)]
            if second.start - first.end < 40 and _ALIAS_LINK.match(between):
                if between.strip().startswith("(") and not text[second.end :].lstrip().startswith(
                    ")"
                ):
                    continue
                groups.union(name_key(first.text), name_key(second.text))
    # The name lines of one fact sheet ("Name: Francisco Villa", "Known as: Pancho Villa", in
    # consecutive passages) and a name with its nickname.
    grouped: dict[str, tuple[int, str]] = {}
    for candidate in people:
        if candidate.group:
            key = name_key(candidate.text)
            last = grouped.get(candidate.group)
            if last is not None and candidate.passage - last[0] <= 1:
                groups.union(key, last[1])
            grouped[candidate.group] = (candidate.passage, key)


def _merge(
    passages: list[ParsedPassage], people: list[Candidate], domain: Domain
) -> dict[str, list[str]]:
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
            two_known = domain.people.get(a, a) != domain.people.get(b, b) and (
                a in domain.people and b in domain.people
            )
            if not two_known and (
                same_person_spelling(words[a], words[b])
                or same_full_name(words[a], words[b])
                or joined(words[a], words[b])
            ):
                groups.union(a, b)
    positions: dict[str, list[int]] = defaultdict(list)
    for position, candidate in enumerate(people):
        positions[name_key(candidate.text)].append(position)
    for short in sorted(keys, key=lambda k: len(words[k])):
        matches = {groups.find(long) for long in keys if part_of(words[short], words[long])}
        matches.discard(groups.find(short))
        if len(matches) == 1:
            groups.union(short, matches.pop())
        elif len(words[short]) == 1 and _renamed(words[short][0], matches, keys, words, groups):
            # "Joseph-Désiré Mobutu" ... "Mobutu" ... "Mobutu Sese Seko": the word ends one name
            # and starts the other, the way a person who took a new name is written.
            for root in matches:
                groups.union(short, root)
        elif matches:
            # Ambiguous ("Sen" of "Hun Sen" or "Son Sen"): the person named most recently
            # before; when none is named before, the one named first after.
            first = positions[short][0]
            spans = {
                root: [p for k in keys if groups.find(k) == root for p in positions[k]]
                for root in matches
            }
            before = {
                root: max((p for p in spans[root] if p < first), default=-1) for root in spans
            }
            best = max(before, key=lambda root: before[root])
            if before[best] < 0:
                best = min(spans, key=lambda root: min(spans[root]))
            groups.union(short, best)
    merged: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        merged[groups.find(key)].append(key)
    return merged


def _bare_heading(text: str) -> bool:
    """A short heading line: no sentence, no label ("== Decena Trágica ==", "Partition of India")."""
    words = text.strip(" =#*").split()
    return 0 < len(words) <= 6 and not re.search(r"[.!?:;,]", text) and fact_line(text) is None


def _renamed(
    word: str, roots: set[str], keys: list[str], words: dict[str, list[str]], groups: _Groups
) -> bool:
    """Two names, one ending with ``word`` and the other starting with it."""
    if len(roots) != 2:
        return False
    ends, starts = set(), set()
    for key in keys:
        root = groups.find(key)
        if root in roots and len(words[key]) > 1:
            if words[key][-1] == word:
                ends.add(root)
            if words[key][0] == word:
                starts.add(root)
    return len(ends) == 1 and len(starts) == 1 and ends != starts and not ends & starts


def _display(forms: list[str]) -> str:
    """The written form to show for one key: the commonest, avoiding ALL-CAPS surnames."""
    counts: dict[str, int] = defaultdict(int)
    for form in forms:
        counts[form] += 1
    shouting = lambda f: sum(1 for w in f.split() if len(w) > 1 and w.isupper())  # noqa: E731
    best = min(counts, key=lambda f: (shouting(f), -counts[f]))
    return " ".join(_unshout(word) for word in best.split(" "))


def _unshout(word: str) -> str:
    """An ALL-CAPS name word in title case ("HENG" -> "Heng", "O'BRIEN" -> "O'Brien"); initials,
    regnal numbers and short words ("U.S.", "II") stay as written."""
    letters = [ch for ch in word if ch.isalpha()]
    if len(letters) < 2 or not word.isupper() or is_suffix(word) or "." in word:
        return word
    return re.sub(r"[^\W\d_]+", lambda m: m.group()[:1] + m.group()[1:].lower(), word)


def _spelling_variants(mentions: list[Candidate], name: str) -> tuple[str, ...]:
    """Other ways the text writes the name itself, beyond case ("Komei" beside "Kōmei")."""
    seen = {name.casefold()}
    variants = []
    for candidate in mentions:
        if (
            candidate.text.casefold() not in seen
            and " ".join(candidate.text.split()) == candidate.text
        ):
            seen.add(candidate.text.casefold())
            variants.append(candidate.text)
    return tuple(variants)


def _role(
    passages: list[ParsedPassage], mentions: list[Candidate], domain: Domain, others: list[str]
) -> str:
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


def build_people(
    passages: list[ParsedPassage], candidates: list[Candidate], domain: Domain
) -> tuple[list[Person], list[Candidate]]:
    """Merge person mentions into people.

    Returns:
        The people in order of first mention, and the candidates found to be
        places after all (every mention after "in", "at", "near"... and the name
        not a known person).
    """
    people = split_joined([c for c in candidates if c.kind == PERSON], domain)
    people = checked_headings(passages, people, domain)
    people = sorted(
        people + partial_mentions(passages, people, domain), key=lambda c: (c.passage, c.start)
    )
    merged = _merge(passages, people, domain)
    by_key: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in people:
        by_key[name_key(candidate.text)].append(candidate)
    all_names = sorted({c.text for c in people}, key=len, reverse=True)
    lower_case = lower_case_words(passages)
    result: list[tuple[int, Person]] = []
    places: list[Candidate] = []
    for keys in merged.values():
        mentions = sorted((c for k in keys for c in by_key[k]), key=lambda c: (c.passage, c.start))
        if any(k in domain.people for k in keys):
            pass
        elif all(c.locative for c in mentions):
            places.extend(Candidate(**{**c.__dict__, "kind": PLACE}) for c in mentions)
            continue
        elif all(c.names_event and not c.titles for c in mentions):
            continue  # "the Nguyen Hue offensive": an event named after someone, not a person
        own = {c.text for c in mentions}
        role = _role(passages, mentions, domain, [n for n in all_names if n not in own])
        if not any(k in domain.people for k in keys) and all(
            _bare_heading(passages[c.passage].text) for c in mentions
        ):
            continue  # "== Decena Trágica ==": a section named after an event, not a person
        if (
            all(len(k.split()) == 1 for k in keys)
            and not any(k in domain.people for k in keys)
            and not used_as_person(passages, mentions, domain, lower_case, bool(role))
        ):
            continue  # "Meiji" (an era), "Kioto" (a city), "Moon": named, but never as a person
        displays = {k: _display([c.text for c in by_key[k]]) for k in keys}
        first_seen = {k: min((c.passage, c.start) for c in by_key[k]) for k in keys}
        # The fullest form, but a known person's usual name over a nickname
        # ("Nuon Chea" over "Brother Number Two").
        usual = lambda k: fold(domain.people.get(k, "")) == k  # noqa: E731
        name_key_ = max(
            keys,
            key=lambda k: (
                usual(k),
                not all(c.nickname for c in by_key[k]),
                len(k.split()),
                len(by_key[k]),
                tuple(-x for x in first_seen[k]),
            ),
        )
        name = displays[name_key_]
        aliases = []
        for key in sorted(keys, key=lambda k: first_seen[k]):
            if key != name_key_:
                aliases.append(displays[key])
            aliases.extend(_spelling_variants(by_key[key], displays[key]))
        titles: list[str] = []
        for candidate in mentions:
            for title in candidate.titles:
                if fold(title) not in {fold(t) for t in titles}:
                    titles.append(title)
        person = Person(
            name=name,
            aliases=tuple(aliases),
            role=role,
            titles=tuple(titles),
            mentions=tuple(Mention(c.passage, c.start, c.end, c.text) for c in mentions),
        )
        result.append(((mentions[0].passage, mentions[0].start), person))
    return [person for _, person in sorted(result, key=lambda item: item[0])], places

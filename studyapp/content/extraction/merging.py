"""Name keys grouped into people: written aliases, fact-sheet name lines, known people, variant
spellings, fuller and shorter forms of one name."""

from __future__ import annotations

import re
from collections import defaultdict

from studyapp.content.extraction.document import ParsedPassage
from studyapp.content.extraction.domain import Domain, fold
from studyapp.content.extraction.kinds import Candidate, name_key
from studyapp.content.extraction.mentions import (
    REGNAL,
    joined,
    part_of,
    same_full_name,
    same_person_spelling,
    spelt_out,
)
from studyapp.content.extraction.romanisation import same_in_pinyin
from studyapp.core.english import PEERAGES

# "Salah ad-Din Yusuf ibn Ayyub, the sultan of Egypt and Syria known in Europe as Saladin":
# a description between the name and "known as" (no other name inside it).
_DESCRIBED_AS = re.compile(r"^,\s+(?:the|a|an)\s+[a-z][^,;.()]{0,60}?\bknown (?:in|to|among) [^,;.()]{1,30}? as\s+$")
# "Saloth Sar (Pol Pot)", "Ta Mok, alias Chhit Choeun", "Kaing Guek Eav, better known as Duch"
_ALIAS_LINK = re.compile(
    r"^\s*(?:\(\s*|[,(]\s*(?:(?:usually|often|commonly|popularly|also|sometimes)\s+)?called\s+|\(\s*also\s+|"
    r"[,(–—-]\s*(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+called\s+(?:him|her)\s+|"  # "Martini – the Army called him John Martin"
    r"[,(]\s*(?:also\s+)?(?:spelled|spelt|written|transliterated)(?:\s+as)?\s+|also\s+(?:spelled|spelt|written)(?:\s+as)?\s+|"
    r"and in [A-Z]\w+ as\s+|"  # "known in Italian as … and in French as …"
    r"[,(]?\s*(?:alias|aka|a\.k\.a\.|also known as|better known as|known (?:in [A-Z]\w+ )?as|"
    r"nicknamed|whose real name (?:is|was)|real name|(?:had been |was )?born|(?-i:or)|remembered as|styled|dubbed|"
    r"whom (?:[\w-]+ ){0,3}call(?:ed|s)?|"  # "Metacom, whom the English called Philip"; never "Lepore OR Brooks"
    r"(?-i:or),?\s+as\s+(?:he|she)\s+(?:is|was)\s+(?:\w+\s+)?(?:called|known)(?:\s+(?:in|to)\s+[A-Z]\w+)?,|"  # "…, or, as he is commonly called in English, …"
    r"(?:took|ascended|came to) the throne as(?: the)?|reigning as|(?:known )?by his reign (?:title|name) as(?: the)?|"
    r"(?:became|was crowned|reigned|ruled) (?:(?:king|queen|emperor|empress|shah|sultan|tsar|pope) )?as(?: the)?|"
    r"(?:later )?renamed|baptised|baptized|christened)\s+)$",
    re.I,
)


# "Frederic Thesiger, 2nd Baron Chelmsford", "Robert Dudley, Earl of Leicester", "Albert de
# Gondi, comte de Retz" (French titles in lower case): the peerage names the same man, and
# the article may go on to call him by it alone.
_PEERAGE_LINK = re.compile(rf"^\s*,\s*(?:the\s+)?(?:\d+(?:st|nd|rd|th)\s+)?(?:(?:{PEERAGES})\s+(?:of\s+)?)?$", re.I)
_APPOSITION_ENDS = re.compile(r"\s*(?:[,)]\s*[a-z]|[.;:])")
_PEERAGE_WORD = re.compile(rf"\d(?:st|nd|rd|th)|\b(?:{PEERAGES})\b", re.I)
# The bracket holds the other name alone, or with a remark on who uses it ("Franz von Waldeck
# (Francis of Waldeck, as our older writers style him)").
_BRACKET_CLOSES = re.compile(r"\s*(?:,\s*as\s+[^()]{1,50})?\)")
_QUOTED = re.compile(r"[\"“]([^\"“”]{2,30})[\"”]")


class _Groups:
    """Union-find over name keys; two rulers of one name ("Alexander I", "Alexander II") are
    never put in one group, whatever short form ("Alexander") would join them."""

    def __init__(self, keys: list[str]) -> None:
        self.parent = {k: k for k in keys}
        self.rulers: dict[str, set[tuple[str, ...]]] = {k: {_ruler(k)} - {()} for k in keys}

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        first, second = self.find(a), self.find(b)
        if first == second:
            return
        names = {name[:-1]: name[-1] for name in self.rulers[second]}
        if any(name[:-1] in names and names[name[:-1]] != name[-1] for name in self.rulers[first]):
            return  # "Alexander I" and "Alexander II"
        self.parent[first] = second
        self.rulers[second] |= self.rulers[first]


def _ruler(key: str) -> tuple[str, ...]:
    """ "alexander ii" → ("alexander", "ii"); () for a name without a regnal number."""
    words = key.split()
    return tuple(words) if len(words) >= 2 and REGNAL.match(words[-1]) else ()


def _link_aliases(passages: list[ParsedPassage], people: list[Candidate], groups: _Groups) -> None:
    by_passage: dict[int, list[Candidate]] = defaultdict(list)
    for candidate in people:
        by_passage[candidate.passage].append(candidate)
    for passage_index, mentions in by_passage.items():
        text = passages[passage_index].text
        for first, second in zip(mentions, mentions[1:], strict=False):
            between = raw = text[first.end : second.start]
            for title in reversed(second.titles):  # "Phibun, or Luang Plaek Phibunsongkhram"
                if between.rstrip().endswith(title):
                    between = between.rstrip()[: -len(title)]
            # Not a bare comma: a peerage in the words between, or one the mention took as its
            # title when the apposition then closes ("Robert Jenkinson, Lord Liverpool, regarded";
            # "Pélissier, Lord Raglan, Sir James Simpson" is a list).
            closes = _APPOSITION_ENDS.match(text, second.end) is not None
            peerage = _PEERAGE_LINK.match(between) and (
                _PEERAGE_WORD.search(between) or (closes and _PEERAGE_WORD.search(raw))
            )
            described = second.start - first.end < 90 and _DESCRIBED_AS.match(between)
            gap = second.start - first.end
            if described or gap < 60 and _ALIAS_LINK.match(between) or gap < 40 and peerage:
                if between.strip() == "(" and not _BRACKET_CLOSES.match(text, second.end):
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


def merge_names(
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
    # A nickname quoted inside a full name and written alone elsewhere ('Corazon "Cory"
    # Aquino' ... "Cory"): one person.
    for candidate in people:
        for quoted in _QUOTED.findall(candidate.text):
            nickname = name_key(quoted)
            if nickname in groups.parent and nickname != name_key(candidate.text):
                groups.union(nickname, name_key(candidate.text))
    words = {key: key.split() for key in keys}
    after: dict[str, list[str]] = defaultdict(list)  # what follows each mention: ", Duke of Lorraine"
    for candidate in people:
        after[name_key(candidate.text)].append(fold(passages[candidate.passage].text[candidate.end : candidate.end + 40]))
    written = {}
    for candidate in people:
        written.setdefault(name_key(candidate.text), candidate.text)
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            two_known = domain.people.get(a, a) != domain.people.get(b, b) and (
                a in domain.people and b in domain.people
            )
            if not two_known and (
                same_person_spelling(words[a], words[b])
                or same_full_name(words[a], words[b])
                or joined(words[a], words[b])
                or same_in_pinyin(written[a], written[b])  # "Tseng Kuo-fan", "Zeng Guofan"
                or same_person_spelling(spelt_out(written[a]), spelt_out(written[b]))
                or _same_in_another_language(words[a], words[b], domain)
                or _named_by_place(words[a], words[b], after[b])
                or _named_by_place(words[b], words[a], after[a])
            ):
                groups.union(a, b)
    positions: dict[str, list[int]] = defaultdict(list)
    for position, candidate in enumerate(people):
        positions[name_key(candidate.text)].append(position)
    for short in sorted(keys, key=lambda k: len(words[k])):
        # A given name already one person's ("Napoleon" of "Napoleon II") is not also the
        # given name of a surname two people share.
        taken = any(len(words[k]) > 1 and groups.find(k) == groups.find(short) for k in keys)
        matches = {
            groups.find(long)
            for long in keys
            if part_of(words[short], words[long])
            and not _given_name_of_surnamed(words[short], words[long], keys, taken)
        }
        matches.discard(groups.find(short))
        if len(words[short]) == 1 and len(matches) > 1:
            # A lone given name ("Alexander") beside a monarch ("Alexander I") and a man with a
            # surname ("Alexander Bestuzhev"): the monarch, who has no other name to go by.
            royal = {groups.find(k) for k in keys if words[k][0] == words[short][0] and _royal(words[k])}
            surnamed = {
                groups.find(k) for k in keys
                if words[k][0] == words[short][0] and len(words[k]) == 2 and not _royal(words[k])
            }  # fmt: skip
            if matches & royal:
                matches -= surnamed - royal  # "Faisal bin Hussein" (Faisal I) stays a candidate
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


def _named_by_place(short: list[str], long: list[str], after_long: list[str]) -> bool:
    """ "Charles of Lorraine" and "Charles V, Duke of Lorraine": a given name and the place
    the other name's title is of (written in the name or right after it)."""
    if len(short) < 3 or short[1] != "of" or len(long) < 2 or long[0] != short[0] or long == short:
        return False
    place = " ".join(short[2:])
    titled = re.compile(rf"^,?\s*(?:[\w-]+\s+){{0,3}}of\s+{re.escape(place)}\b")
    return any(titled.match(text) for text in after_long) or f" of {place}" in " ".join(long[1:])


def _royal(name: list[str]) -> bool:
    """ "Alexander I", "Peter the Great", "William of Orange": a ruler's name, no surname."""
    return len(name) >= 2 and (bool(REGNAL.match(name[1])) or name[1] in ("the", "of"))


def _given_name_of_surnamed(short: list[str], long: list[str], keys: list[str], taken: bool) -> bool:
    """ "William" and "William Sancroft" when the article also calls him "Sancroft": a man
    named by his surname is not then named by his given name alone, so a lone "William" is
    someone else (William of Orange)."""
    # Only a plain "Given Surname": in "Faisal bin Hussein" or "Nuri as-Said" the given name
    # is the usual short form.
    plain = len(long) == 2 and "-" not in long[1]
    if not (plain and len(short) == 1 and short[0] == long[0] and long[-1] in keys):
        return False
    # Unless the surname names two people ("Fidel" and "Raúl Castro", "Saad" and "Safiya
    # Zaghlul"): then the given name is how the article tells them apart.
    shared = any(k.split()[-1] == long[-1] and k.split()[0] != long[0] for k in keys if " " in k)
    return taken or not shared


def _same_in_another_language(a: list[str], b: list[str], domain: Domain) -> bool:
    """The same name with its given names in another language: "Jan III Sobieski" and "John III
    Sobieski", "Vittorio Emanuele II" and "Victor Emmanuel II"."""
    if len(a) != len(b) or len(a) < 2 or a == b:
        return False
    table = domain.name_equivalents

    def same(x: str, y: str) -> bool:
        return x == y or (x in table and table.get(x) == table.get(y))

    return all(same(x, y) for x, y in zip(a, b, strict=True)) and a[-1] == b[-1]


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

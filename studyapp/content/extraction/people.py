"""People: name mentions merged across spellings, aliases and partial names, with titles and roles."""

from __future__ import annotations

import re
from collections import defaultdict

from studyapp.content.extraction.candidates import PERSON, PLACE, Candidate, name_key
from studyapp.content.extraction.cleaning import VEHICLES
from studyapp.content.extraction.document import ParsedPassage
from studyapp.content.extraction.domain import Domain, fold
from studyapp.content.extraction.evidence import lower_case_words, used_as_person
from studyapp.content.extraction.factlines import fact_line
from studyapp.content.extraction.kinds import is_suffix
from studyapp.content.extraction.mentions import checked_headings, partial_mentions, split_joined
from studyapp.content.extraction.merging import merge_names
from studyapp.content.extraction.roles import role_after, role_before
from studyapp.core.extraction import Mention, Person

# A section's letter or number before its heading: "A. KEY DATES", "3. Dismissal and Expulsion".
_ENUMERATOR = re.compile(r"^\s*(?:[A-Z]|\d{1,2}|[IVX]{1,4})\.\s+")


def _bare_heading(text: str) -> bool:
    """A short heading line: no sentence, no label ("== Decena Trágica ==", "Partition of
    India", "A. KEY DATES")."""
    text = _ENUMERATOR.sub("", text)
    words = text.strip(" =#*").split()
    return 0 < len(words) <= 6 and not re.search(r"[.!?:;,]", text) and fact_line(text) is None


def _heading_line(text: str) -> bool:
    """A short line that ends with no full stop: a heading or a label, not a sentence."""
    stripped = text.strip()
    return len(stripped.split()) <= 8 and not re.search(r"[.!?:;][\"”')\]]*$", stripped) and fact_line(text) is None


# "X remained a banned organisation", "X, a secret society": what the text says the name is.
_IS_A = re.compile(
    r"\s*(?:,|\s(?:was|is|remained|became|remains)\b)\s*(?:(?:formerly|once|originally|long|still|then)\s+)?(?:a|an|the)\s+"
    r"(?:[a-z][a-z-]*\s+){0,3}?(?P<noun>[a-z]+)"
    r"(?=\s*(?:[,.;:()]|$|\s(?:of|in|for|that|which|with|from|until|since|to)\b))"
)


def _described_as_thing(text: str, end: int, domain: Domain) -> bool:
    """The words after a mention say it is a body, a place or an event, not a person."""
    match = _IS_A.match(text, end)
    if match is None:
        return False
    noun = fold(match.group("noun"))
    things = domain.organisation_words | domain.place_words | domain.event_words
    return noun in things and noun not in domain.person_nouns


def _named_craft(passages: list[ParsedPassage], mentions: list[Candidate]) -> bool:
    """A name the article also gives a ship or a craft ("the French freighter Mont-Blanc",
    "the ironclad Huáscar"): its other mentions ("the Mont-Blanc's anchor") are the craft too."""
    names = "|".join(sorted({re.escape(c.text) for c in mentions}, key=len, reverse=True))
    craft = re.compile(rf"\b(?:{'|'.join(VEHICLES)})\s+(?:{names})\b", re.IGNORECASE)
    return any(craft.search(p.text) for p in passages)


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


def _kept_clusters(
    passages: list[ParsedPassage],
    merged: dict[str, list[str]],
    by_key: dict[str, list[Candidate]],
    domain: Domain,
) -> tuple[list[tuple[list[str], list[Candidate]]], list[Candidate]]:
    """The groups of name keys that name people, each with its mentions in text order, and the
    mentions found to name places after all."""
    all_names = sorted({c.text for cs in by_key.values() for c in cs}, key=len, reverse=True)
    lower_case = lower_case_words(passages)
    kept = []
    places: list[Candidate] = []
    for keys in merged.values():
        mentions = sorted((c for k in keys for c in by_key[k]), key=lambda c: (c.passage, c.start))
        is_known = any(k in domain.people for k in keys)
        # Every mention names where something happened, but for a heading that names it too
        # ("5. Tel el-Kebir and after"): a place.
        told = [c for c in mentions if not _heading_line(passages[c.passage].text)]
        if not is_known and told and all(c.locative for c in told) and not any(c.titles for c in mentions):
            places.extend(Candidate(**{**c.__dict__, "kind": PLACE}) for c in mentions)
            continue
        if not is_known and all(c.names_event and not c.titles for c in mentions):
            continue  # "the Nguyen Hue offensive": an event named after someone, not a person
        one_word = all(len(k.split()) == 1 for k in keys)  # "the battleship Bismarck" beside "Otto von Bismarck"
        if not is_known and one_word and not any(c.titles for c in mentions) and _named_craft(passages, mentions):
            continue  # "the freighter Mont-Blanc": a ship, however the model read "the Mont-Blanc's"
        if not is_known and all(_bare_heading(passages[c.passage].text) for c in mentions):
            continue  # "== Decena Trágica ==": a section named after an event, not a person
        if (
            not is_known
            and not any(c.titles for c in mentions)
            and any(_described_as_thing(passages[c.passage].text, c.end, domain) for c in mentions)
        ):
            continue  # "Mau Mau remained a banned organisation": a body, not a person
        if not is_known and all(len(k.split()) == 1 for k in keys):
            own = {c.text for c in mentions}
            role = _role(passages, mentions, domain, [n for n in all_names if n not in own])
            if not used_as_person(passages, mentions, domain, lower_case, bool(role)):
                continue  # "Meiji" (an era), "Kioto" (a city), "Moon": never used as a person
        kept.append((keys, mentions))
    return kept, places


_OF_PLACE = re.compile(r" of ([A-Z][^\W\d_]+(?:-[A-Z][^\W\d_]+)?)\b(?! [A-Z])")


def _place_in_name(passages: list[ParsedPassage], mentions: list[Candidate], domain: Domain) -> str:
    """The place every mention of a one-word name is followed by ("Lucian of Antioch",
    "Theonas of Marmarica"): a name the model or the lists cut before "of". Not after a
    surname ("Okubo of Satsuma" is Okubo, of the domain he came from)."""
    if any(" " in c.text for c in mentions) or fold(mentions[0].text) in domain.surnames:
        return ""
    places = set()
    for c in mentions:
        after = _OF_PLACE.match(passages[c.passage].text, c.end)
        if after is None:
            return ""
        places.add(after.group(1))
    return places.pop() if len(places) == 1 else ""


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
    merged = merge_names(passages, people, domain)
    by_key: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in people:
        by_key[name_key(candidate.text)].append(candidate)
    kept, places = _kept_clusters(passages, merged, by_key, domain)
    # Roles end before another person's name: the names of the people kept, not of the
    # eras and places that were candidates ("Duma" is no name to cut a role at).
    kept_names = sorted({c.text for _, mentions in kept for c in mentions}, key=len, reverse=True)
    result: list[tuple[int, Person]] = []
    for keys, mentions in kept:
        own = {c.text for c in mentions}
        role = _role(passages, mentions, domain, [n for n in kept_names if n not in own])
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
        spans = [Mention(c.passage, c.start, c.end, c.text) for c in mentions]
        place = _place_in_name(passages, mentions, domain) if not aliases else ""
        if place:  # "Lucian of Antioch" every time: before surnames, the place was the name
            # (readers write "Yamanouchi" for the lord of Tosa as often: that form stays an alias)
            aliases = [name]
            name = f"{name} of {place}"
            spans = [Mention(m.passage, m.start, m.end + len(" of " + place), name) for m in spans]
        person = Person(
            name=name,
            aliases=tuple(aliases),
            role=role,
            titles=tuple(titles),
            mentions=tuple(spans),
        )
        result.append(((mentions[0].passage, mentions[0].start), person))
    return [person for _, person in sorted(result, key=lambda item: item[0])], places

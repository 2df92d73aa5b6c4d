"""Person mentions beyond the model's: run-together names split, partial references found,
Title Case headlines checked; and the spelling rules that match name variants."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from rapidfuzz.distance import OSA

from studyapp.content.extraction.candidates import PERSON, Candidate, name_key
from studyapp.content.extraction.document import ParsedPassage
from studyapp.content.extraction.domain import Domain, fold
from studyapp.content.extraction.factlines import fact_line
from studyapp.content.extraction.kinds import is_suffix
from studyapp.content.language import STOPWORDS

if TYPE_CHECKING:
    from spacy.tokens import Token


# From this length a word may be spelt with two changes and still be one name ("Dombrowski"/
# "Dąbrowski"); at eight letters two changes make a kinsman ("Hideyoshi"/"Hideyori",
# "Yoritomo"/"Yoshitomo": father and son).
LONG_NAME = 9


def _near(a: str, b: str) -> bool:
    """Variant spellings of one word ("Tuo"/"Tou", "Samouth"/"Samoth", "Min"/"Minh").

    In a short word one changed letter makes another name ("Nol"/"Non", "Sen"/"Son"): only
    swapped, added or dropped letters count there; a changed first letter always does.
    """
    a, b = a.replace("-", ""), b.replace("-", "")  # "Shih-kai" / "Shikai"
    if a == b:
        return True
    if min(len(a), len(b)) < 3 or a[0] != b[0]:
        return False  # "Qishan" and "Yishan" are two men
    if len(a) == len(b) <= 4 and sorted(a) != sorted(b):
        return False
    return OSA.distance(a, b) <= (1 if min(len(a), len(b)) < LONG_NAME else 2)


_SUFFIXES = {"jr", "sr", "jnr", "snr"}


def core(words: list[str]) -> list[str]:
    """Name words without a generational suffix ("Aldrin Jr." -> "Aldrin")."""
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words = words[:-1]
    return words


# Letters that English texts write with two ("Şemsi" / "Shemshi", "Çelebi" / "Chelebi").
_DIGRAPHS = str.maketrans({"ş": "sh", "Ş": "sh", "ç": "ch", "Ç": "ch", "ž": "zh", "Ž": "zh",
                           "č": "ch", "Č": "ch", "š": "sh", "Š": "sh", "ğ": "", "ı": "i"})  # fmt: skip


def spelt_out(name: str) -> list[str]:
    """The words of a name with letters written as two in English ("Şemsi" -> "shemsi")."""
    return fold(name.translate(_DIGRAPHS)).split()


def same_person_spelling(a: list[str], b: list[str]) -> bool:
    """Same number of words, at most one of them spelt differently."""
    if len(a) != len(b) or a == b:
        return False
    differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(a) == 1:
        return len(a[0]) >= 6 and _near(a[0], b[0])
    return len(differing) == 1 and _near(*differing[0])


def _initial_of(a: str, b: str) -> bool:
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def same_full_name(a: list[str], b: list[str]) -> bool:
    """One person's full name written with fewer or initialled middle names: "Neil Armstrong",
    "Neil A. Armstrong" and "Neil Alden Armstrong"; "Edwin E. Buzz Aldrin" and "Edwin Eugene
    Buzz Aldrin Jr."."""
    a, b = core(a), core(b)
    short, long = sorted((a, b), key=len)
    if len(short) < 2 or short == long or short[-1] != long[-1]:
        return False
    if not _initial_of(short[0], long[0]):
        return False
    position = 1
    for word in short[1:-1]:
        while position < len(long) - 1 and not _initial_of(word, long[position]):
            position += 1
        if position >= len(long) - 1:
            return False
        position += 1
    return True


def variant_surname(a: str, b: str) -> bool:
    """Two transliterations of one surname: a letter added, dropped or swapped ("Niazi"/"Niyazi",
    "Talât"/"Talaat", "Kasavubu"/"Kasa-Vubu"), or in long names two changes ("Dombrowski"/
    "Dąbrowski"). A changed letter in a shorter word makes another name ("Sarit"/"Sarin")."""
    a, b = a.replace("-", ""), b.replace("-", "")
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or a[0] != b[0]:
        return False
    distance = OSA.distance(a, b)
    if min(len(a), len(b)) >= LONG_NAME:
        return distance <= 2
    return distance == 1 and (len(a) != len(b) or sorted(a) == sorted(b))


def joined(a: list[str], b: list[str]) -> bool:
    """The same name with its words run together or apart: "Abdul Hamid" and "Abdülhamid II",
    "Kasavubu" and "Kasa-Vubu"."""

    def letters(words: list[str]) -> str:
        return "".join(w for w in core(words) if not REGNAL.match(w)).replace("-", "")

    return len(a) != len(b) and letters(a) == letters(b) and len(letters(a)) >= 6


# Words for "son of" / "daughter of" inside Arabic and Malay names.
_PATRONYMIC = frozenset({"bin", "ibn", "bint", "binti", "bte"})
REGNAL = re.compile(r"^(?:i{1,3}|iv|vi{0,3}|ix|xi{0,3})$")


def part_of(short: list[str], long: list[str]) -> bool:
    """``short`` names part of ``long``: a first or last word, or a run of words
    (one of them possibly spelt differently: "Ngoc Min" in "Son Ngoc Minh")."""
    short, long = core(short), core(long)
    if len(short) >= len(long) and not (
        len(short) == len(long) == 1 and "-" in long[0] and short[0] != long[0]
    ):
        return False
    if any(word in _PATRONYMIC for word in long[1:-1]):
        # "Faisal bin Hussein": what follows "bin" names the father, not a surname; the short
        # form of the name is the given name ("Faisal"), and "Hussein" is another man.
        cut = next(i for i, word in enumerate(long) if i and word in _PATRONYMIC)
        long = long[:cut]
        if len(short) == 1:
            return short[0] == long[0]
        return short == long
    if "of" in long[1:-1] and len(short) == 1:
        # "William of Poitiers", "Emma of Normandy": the place is not a name he goes by.
        long = long[: long.index("of", 1)]
    if len(short) == 1:
        return len(short[0]) >= 2 and (
            short[0] in (long[0], long[-1])
            or variant_surname(short[0], long[-1])
            or (len(short[0]) >= 4 and short[0] == long[-1].rsplit("-", 1)[-1])
            or (len(short[0]) >= 4 and len(long) >= 2 and short[0] == long[-1].split("-", 1)[0])
        )  # "Esterhazy" of "Ferdinand Walsin-Esterhazy", "Thun" of "Franz Thun-Hohenstein"
    for offset in range(len(long) - len(short) + 1):
        window = long[offset : offset + len(short)]
        if window == short or same_person_spelling(short, window):
            return True
    return False


def split_joined(people: list[Candidate], domain: Domain) -> list[Candidate]:
    """Split a span the model ran together ("Ho Chi Minh Lenin") where a known name ends early."""
    known = {name_key(c.text) for c in people} | set(domain.people)
    result: list[Candidate] = []
    for candidate in people:
        words = list(re.finditer(r"\S+", candidate.text))
        for cut in range(len(words) - 1, 1, -1) if len(words) >= 3 else ():
            prefix = candidate.text[: words[cut - 1].end()]
            rest = candidate.text[words[cut].start() :]
            if (
                name_key(prefix) in known
                and rest[:1].isupper()
                and not is_suffix(rest.split()[0])  # "Victor Emmanuel" + "II" is one name
            ):
                result.append(replace(candidate, end=candidate.start + len(prefix), text=prefix))
                start = candidate.start + words[cut].start()
                result.append(replace(candidate, start=start, text=rest, titles=[], locative=False))
                break
        else:
            result.extend(_split_at_hyphen(candidate, known))
    return result


def _split_at_hyphen(candidate: Candidate, known: set[str]) -> list[Candidate]:
    """ "the Pol Pot-Ieng Sary clique": two known names joined by a hyphen are two people."""
    for match in re.finditer(r"(?<=\w)[-–](?=[A-Z])", candidate.text):
        prefix, rest = candidate.text[: match.start()], candidate.text[match.end() :]
        if len(prefix.split()) >= 2 and name_key(prefix) in known:
            second = candidate.start + match.end()
            return [
                replace(candidate, end=candidate.start + len(prefix), text=prefix),
                replace(candidate, start=second, text=rest, titles=[], locative=False),
            ]
    return [candidate]


def partial_mentions(
    passages: list[ParsedPassage], people: list[Candidate], domain: Domain
) -> list[Candidate]:
    """Partial references the model missed ("Meas" for "Meas Phong", "Ngoc Min" for "Son Ngoc
    Minh"): a run of capitalised proper nouns standing alone that names part of a longer name
    and shares at least one word with it exactly."""
    # Nicknames and fact-sheet items ("El Centauro del Norte") are not split into words.
    sources = [c for c in people if len(c.text.split()) >= 2 and not c.group]
    names = [fold(c.text).split() for c in sources]
    blocked = domain.title_words | domain.place_words | domain.organisation_words
    blocked |= domain.nationalities | domain.event_words
    words = {w for c in sources for w in c.text.split()}
    words = {
        w for w in words if w.isalpha() and fold(w) not in blocked and w.lower() not in STOPWORDS
    }
    if not words:
        return []
    pattern = re.compile(
        r"\b(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")\b"
    )
    covered = {(c.passage, i) for c in people for i in range(c.start, c.end)}
    found: dict[tuple[int, int], Candidate] = {}
    for passage in passages:
        hits = [
            m.start()
            for m in pattern.finditer(passage.text)
            if (passage.index, m.start()) not in covered
        ]
        if not hits:
            continue
        by_char = {t.idx: t for t in passage.doc}
        for char in hits:
            token = by_char.get(char)
            if token is None or not _name_word(token, words):
                continue
            doc = passage.doc
            start = token.i
            while start > 0 and token.i - start < 2 and _name_word(doc[start - 1], words):
                start -= 1
            end = token.i + 1
            while end < len(doc) and end - start < 3 and _name_word(doc[end], words):
                end += 1
            run = doc[start:end]
            run_words = [fold(t.text) for t in run]
            if any((passage.index, t.idx) in covered for t in run) or any(
                w in blocked for w in run_words
            ):
                continue
            if end < len(doc) and doc[end].text[:1].isupper() and fold(doc[end].text) in blocked:
                continue  # "Radcliffe" of "the Radcliffe Line": a thing named after a person
            if len(run_words) == 1 and len(run_words[0]) < 3:
                continue
            if any(part_of(run_words, name) for name in names):
                first, stop = run[0].idx, run[-1].idx + len(run[-1].text)
                found[(passage.index, first)] = Candidate(
                    passage.index, first, stop, passage.text[first:stop], PERSON,
                    first_token=run[0].i, last_token=end,
                )  # fmt: skip
    return list(found.values())


def _name_word(token: Token, name_words: set[str]) -> bool:
    """A capitalised proper noun outside any entity, or inside an entity made only of words of
    people's names (the model tags a lone surname such as "Saroeun" as ORG or GPE, "Pino Suárez"
    as a place)."""
    if not (token.is_alpha and token.text[:1].isupper()):
        return False
    if token.ent_type_ in ("", "PERSON"):
        return token.tag_ in ("NNP", "NNPS") or token.ent_type_ == "PERSON"
    doc = token.doc
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return all(t.text in name_words for t in doc[start:end])


_SMALL = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "by", "with", "from",
          "over", "after", "as", "into", "vs", "is", "are"}  # fmt: skip


def is_title_case(text: str) -> bool:
    """A headline in Title Case ("Hun Sen Warns Rainsy Over Border Claims"): every word capitalised,
    so the model cannot tell names from other words."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if w.lower() not in _SMALL]
    if len(words) < 3 or text.rstrip().endswith("."):
        return False
    lower = sum(1 for w in words if not w[:1].isupper())
    return lower < 2 and lower <= 0.15 * len(words)


def checked_headings(
    passages: list[ParsedPassage], people: list[Candidate], domain: Domain
) -> list[Candidate]:
    """In Title Case headlines keep only names known to be people or named in the body too."""
    headings = {p.index for p in passages if is_title_case(p.text) and fact_line(p.text) is None}
    if not headings:
        return people
    body = [fold(c.text).split() for c in people if c.passage not in headings]
    kept = []
    for candidate in people:
        words = fold(candidate.text).split()
        if (
            candidate.passage not in headings
            or " ".join(words) in domain.people
            or any(
                words == name or part_of(words, name) or same_full_name(words, name)
                for name in body
            )
        ):
            kept.append(candidate)
    return kept

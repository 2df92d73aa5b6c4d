"""Chinese names written in Wade-Giles and in pinyin: "Yuan Shih-kai" and "Yuan Shikai", "Tseng
Kuo-fan" and "Zeng Guofan", "Lung Yu" and "Longyu" are one person's name. Histories quote older
books in the old spelling beside the new one; each Wade-Giles syllable is written in pinyin
(with every reading an apostrophe left out could mean) and the names compared."""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache

# Initials, longest first: Wade-Giles -> pinyin readings (an aspirate apostrophe is often left
# out, so "k" may be pinyin "g" or "k", "ch" may be "zh", "ch", "j" or "q").
_INITIALS = (
    ("ch'", ("ch", "q")), ("ts'", ("c",)), ("tz'", ("c",)), ("hs", ("x",)), ("ch", ("zh", "j", "ch", "q")),
    ("ts", ("z", "c")), ("tz", ("z", "c")), ("sh", ("sh",)), ("ss", ("s",)), ("sz", ("s",)),
    ("k'", ("k",)), ("p'", ("p",)), ("t'", ("t",)), ("k", ("g", "k")), ("p", ("b", "p")),
    ("t", ("d", "t")), ("j", ("r",)),
)  # fmt: skip
# Finals: Wade-Giles -> pinyin readings.
_FINALS = (
    ("iung", ("iong",)), ("ung", ("ong",)), ("ieh", ("ie",)), ("ien", ("ian",)), ("ueh", ("ue",)),
    ("uei", ("ui",)), ("erh", ("er",)), ("ih", ("i",)), ("u", ("u", "i")), ("o", ("o", "e")),
    ("yu", ("you", "yu")), ("eh", ("e",)),
)  # fmt: skip
_MOST_FORMS = 64


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


@lru_cache(maxsize=4096)
def _syllable_forms(syllable: str) -> frozenset[str]:
    """Pinyin readings of one syllable (the syllable itself included: it may be pinyin)."""
    forms = {syllable.replace("'", "")}
    initial, readings = next(((i, r) for i, r in _INITIALS if syllable.startswith(i)), ("", ("",)))
    rest = syllable[len(initial) :]
    rests = {rest}
    for final, replacements in _FINALS:
        if rest.endswith(final) and rest != final or rest == final:
            stem = rest[: len(rest) - len(final)]
            rests |= {stem + r for r in replacements}
            break
    forms |= {head + tail for head in readings for tail in rests}
    return frozenset(f for f in forms if f)


@lru_cache(maxsize=4096)
def pinyin_forms(name: str) -> frozenset[str]:
    """Every pinyin reading of a name, syllables joined and spaces and hyphens dropped."""
    syllables = [s for s in re.split(r"[\s\-‐]+", _plain(name)) if s]
    if not syllables or not all(re.fullmatch(r"[a-z']+", s) for s in syllables):
        return frozenset()
    forms: set[str] = set()
    for combination in itertools.product(*(_syllable_forms(s) for s in syllables)):
        forms.add("".join(combination))
        if len(forms) >= _MOST_FORMS:
            break
    return frozenset(forms)


def same_in_pinyin(a: str, b: str) -> bool:
    """Two spellings of one Chinese name (two syllables or more): "Yuan Shih-kai" and "Yuan
    Shikai"; "Hung Hsiu-ch'üan" and "Hong Xiuquan"."""
    if a == b or len(re.split(r"[\s\-]+", a)) < 2 and len(re.split(r"[\s\-]+", b)) < 2:
        return False
    return bool(pinyin_forms(a) & pinyin_forms(b))

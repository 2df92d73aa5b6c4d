"""English word knowledge for repairing pasted text: words split by OCR or a line break, or run together."""

from __future__ import annotations

import re
from functools import lru_cache

# Zipf frequencies (wordfreq's scale: 3 is once per million words, 6 once per thousand).
COMMON = 3.0  # a repaired word must be at least this common...
RARE = 2.6  # ...and one of the pieces it was split into must be rarer than this
EVERYDAY_WORD = 3.5  # this common, a word is everyday English ("replaced", "needing"), no name or fragment
FUNCTION_WORDS = ("the", "of", "and", "to", "in", "a", "for", "on", "with", "by", "from", "at")
# A word and the lower-case word after it, found at every word (the lookahead overlaps).
_WORD_PAIR = re.compile(r"\b(?=([A-Z]?[a-z]+) ([a-z]+)\b)")
_RUN_TOGETHER = re.compile(r"\b[a-z]{6,}\b")
# A word broken at a line end: the second part starts in lower case ("govern-\nment").
# A word broken at a line end ("govern-\nment"; "Inspector-\nGeneral" keeps its hyphen).
_LINE_END_HYPHEN = re.compile(r"\b([^\W\d_]+)-\n[ \t]*([^\W\d_][^\W\d_]*)\b")
# OCR reads "m" as "rn" ("confirrnation", "Parliarnent") and "l" as "1" ("go1d"): a word
# English does not have.
_RN = re.compile(r"\b[A-Z]?[a-z]*(?:rn|tb|[A-Za-z]1[a-z])[a-z]*\b")
# ...and "O" as a zero at the start of a name ("0range", "0jukwu").
_ZERO_FOR_O = re.compile(r"\b0(?=[a-z]{2,}\b)")
# ...and "n" for "u" in a lower-case word no list knows ("conrt"): only into a common word.
_N_FOR_U = re.compile(r"\b[a-z]*n[a-z]*\b")
_MISREAD = (("rn", "m"), ("tb", "th"), ("1", "l"))  # "rnen" → "men", "tbe" → "the", "go1d" → "gold"
# ...and "h" as "b", "n" as "u" in short everyday words ("wbich", "aud"): only into a word as
# common as "which" or "and", so a rare real word ("bis", "aud" is Zipf 3.2) needs a margin.
_B_OR_U = re.compile(r"\b[a-z]*[bu][a-z]*\b")
_MISREAD_INTO_COMMON = (("b", "h"), ("u", "n"))
FUNCTION_WORD = 5.0  # Zipf: once in ten thousand words, as common as "which", "have"
MISREAD_MARGIN = 3.0  # the repaired word must be this much commoner (Zipf: 1,000 times)
_WORDS = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=65536)
def frequency(word: str) -> float:
    """How common ``word`` is in English, on the Zipf scale (0 for unknown words)."""
    from wordfreq import zipf_frequency  # imported here: loading the word list takes 0.3 s

    return zipf_frequency(word, "en")


def _joined(first: str, second: str) -> str | None:
    """``first + second`` when the two are one common word that was split in two."""
    whole = (first + second).lower()
    joined_frequency = frequency(whole)
    if joined_frequency < COMMON:
        return None
    rarest = min(frequency(first.lower()), frequency(second.lower()))
    if rarest >= RARE or joined_frequency < rarest + 1:
        return None
    return first + second


def join_split_words(text: str) -> str:
    """Rejoin words that OCR or a lost hyphen split ("the Em peror", "de fining" → "defining").

    Only lower-case continuations are joined, so names ("Lon Nol", "de Gaulle") never are.
    """
    pieces: list[str] = []
    position = 0
    for match in _WORD_PAIR.finditer(text):
        start = match.start()
        if start < position:
            continue  # the first word was joined to the one before it
        whole = _joined(match.group(1), match.group(2))
        if whole is not None:
            pieces.append(text[position:start] + whole)
            position = match.end(2)
    return "".join(pieces) + text[position:]


def split_run_together(text: str) -> str:
    """Separate a function word run into the next word by OCR ("thepublic" → "the public")."""

    def repair(match: re.Match[str]) -> str:
        word = match.group(0)
        if frequency(word) >= 1.5:
            return word
        for head in FUNCTION_WORDS:
            rest = word[len(head) :]
            if word.startswith(head) and len(rest) >= 3 and frequency(rest) >= 3.5:
                return f"{head} {rest}"
        return word

    return _RUN_TOGETHER.sub(repair, text)


WORD_OF_ENGLISH = 3.0  # wordfreq's Zipf score of a word a reader meets now and then


def join_line_end_hyphens(text: str) -> str:
    """Join a word hyphenated across a line end ("govern-\nment" → "government", "Obre-\ngón"
    → "Obregón" when the text writes "Obregón" elsewhere), but keep the hyphen of a real
    compound ("self-\ngoverning"). The word moves up to the first line and the line break
    stays after it, so the lines keep their wrapped lengths."""
    vocabulary = {word.lower() for word in _WORDS.findall(text)}

    def repair(match: re.Match[str]) -> str:
        first, second = match.group(1), match.group(2)
        if second[0].isupper():
            return f"{first}-{second}\n"  # "Inspector-General", "Austro-Hungarian"
        whole = first + second
        known = whole.lower() in vocabulary
        common = frequency(whole.lower())
        # A compound joins words or a prefix: "trailba-" is neither, and "re-placed" is
        # "replaced" (wordfreq scores a hyphenated pair by its halves, so a common word wins).
        fragment = frequency(first.lower()) == 0
        # "en-trusted": two letters are a prefix, not a word of a compound, when the whole is
        # a word English has ("ex-soldier" stays, "exsoldier" is none).
        prefix = len(first) <= 2 and common >= WORD_OF_ENGLISH
        if known or fragment or prefix or common >= EVERYDAY_WORD or common >= max(2.0, frequency(f"{first}-{second}".lower())):
            return f"{whole}\n"
        return f"{first}-{second}\n"

    return _LINE_END_HYPHEN.sub(repair, text)


def repair_ocr_letters(text: str) -> str:
    """Undo OCR misreadings ("confirrnation" → "confirmation", "tbe" → "the", "0range" →
    "Orange") in words English does not have, when the repaired word is a common one."""

    def repair(match: re.Match[str]) -> str:
        word = match.group(0)
        lower = word.lower()
        known = frequency(lower)  # "tbe" is rare slang; "the" is a thousand times commoner
        for wrong, right in _MISREAD:
            for at in (m.start() for m in re.finditer(wrong, lower)):
                candidate = lower[:at] + right + lower[at + len(wrong) :]
                if frequency(candidate) >= max(COMMON, known + MISREAD_MARGIN):
                    return (candidate[0].upper() if word[0].isupper() else candidate[0]) + candidate[1:]
        return word

    def repair_u(match: re.Match[str]) -> str:
        word = match.group(0)
        if frequency(word) > 0:
            return word  # "tone", "sachem": words (English or not) the list knows
        for at in (m.start() for m in re.finditer("n", word)):
            candidate = word[:at] + "u" + word[at + 1 :]
            if frequency(candidate) >= COMMON + MISREAD_MARGIN / 2:
                return candidate  # "conrt" → "court", "nnder" → "under"
        return word

    def repair_common(match: re.Match[str]) -> str:
        word = match.group(0)
        known = frequency(word)
        if known >= EVERYDAY_WORD:
            return word  # "bad", "but": words in their own right
        for wrong, right in _MISREAD_INTO_COMMON:
            for at in (m.start() for m in re.finditer(wrong, word)):
                candidate = word[:at] + right + word[at + 1 :]
                if frequency(candidate) >= max(FUNCTION_WORD, known + MISREAD_MARGIN):
                    return candidate  # "aud" → "and", "wbich" → "which", "bave" → "have"
        return word

    text = _N_FOR_U.sub(repair_u, _ZERO_FOR_O.sub("O", _RN.sub(repair, text)))
    return _B_OR_U.sub(repair_common, text)


# "Martin IV., a Frenchman", "Peter III. of Arragon": older books stop a regnal number.
_REGNAL_STOP = re.compile(r"\b([A-Z][^\W\d_]+ [IVX]{1,5})\.(?=[,;:]|\s+[a-z])")


def drop_regnal_stops(text: str) -> str:
    """Drop the full stop an old book puts after a regnal number ("Martin IV., a
    Frenchman" → "Martin IV, a Frenchman") where no sentence can end: before a comma or a
    word in lower case. Read as an end, the stop cuts the sentence, and a gap on the name
    would leave it behind ("___., a Frenchman")."""
    return _REGNAL_STOP.sub(r"\1", text)


"""Reading a parsed sentence: subtrees, spans of words, and text rebuilt from words.

Every question is written from a sentence's words (``core.extraction.Word``), so the
text it shows can leave out what the learner should not see (citation marks, an aside
in a foreign script) and still keep the article's own spelling and spacing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from studyapp.core.english import NAME_PARTICLES, STOPWORDS
from studyapp.core.extraction import ParsedSentence, Word

# Citation and footnote marks: "[1]", "[?]", "[citation needed]", a footnote digit after a
# sentence's last word ("… the 6th NVA.6").
CITATION = re.compile(
    r"\[(?:\d{1,3}|[a-z]|\?|citation needed|note \d+|clarification needed)(?:\]|(?=\s|$))"
    r"|(?<=[A-Za-z)][.,;:])\d{1,2}(?=\s|$)|(?<=[A-Za-z][.,;:]['’\"”])\d{1,2}(?=\s|$)"
)
# Parenthesised asides a question should not repeat: another script, "q.v.", "?", empty.
NOISE_ASIDE = re.compile(r"\s*\((?:[^()]*[^\x00-\u024f\u1e00-\u1eff\u2010-\u206f\s()][^()]*|q\.v\.|\?|\s*|,\s*)\)")
VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})


def subtree(words: Sequence[Word], index: int) -> list[int]:
    """Indices of the words under ``index`` in the parse (itself included), in order."""
    children: dict[int, list[int]] = {}
    for position, word in enumerate(words):
        if word.head != position:
            children.setdefault(word.head, []).append(position)
    found, stack = [], [index]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children.get(current, ()))
    return sorted(found)


def children(words: Sequence[Word], index: int) -> list[int]:
    """Indices of the words whose head is ``index``."""
    return [i for i, word in enumerate(words) if word.head == index and i != index]


def root(words: Sequence[Word]) -> int | None:
    """Index of the sentence's root word."""
    for index, word in enumerate(words):
        if word.dep == "ROOT":
            return index
    return None


def span_of(indices: Iterable[int]) -> tuple[int, int]:
    """(first, last + 1) of a set of word indices."""
    ordered = sorted(indices)
    return ordered[0], ordered[-1] + 1


def join(words: Sequence[Word], indices: Iterable[int]) -> str:
    """The words at ``indices`` as written, with the article's spacing between neighbours."""
    ordered = [i for i in sorted(indices) if not _citation_number(words, i)]
    parts: list[str] = []
    for position, index in enumerate(ordered):
        word = words[index]
        parts.append(word.text)
        following = ordered[position + 1] if position + 1 < len(ordered) else None
        if following is not None and (word.space or following != index + 1):
            parts.append(" ")
    return tidy("".join(parts))


def _citation_number(words: Sequence[Word], index: int) -> bool:
    """The "4" of a "[4]" the parse hung on a verb: picked alone, tidy() could not tell it
    from a number of the sentence ("Moscow was captured 4 in August 1382")."""
    before = words[index - 1].text if index else ""
    after = words[index + 1].text if index + 1 < len(words) else ""
    return before.endswith("[") and after.startswith("]") and CITATION.fullmatch(f"[{words[index].text}]") is not None


# A printed chapter's opening word set in capitals ("WHEN Suleiman … came to the throne"):
# a function word, so never a name or an acronym ("US troops" stays).
_CAPITALS_OPENING = re.compile(r"^([A-Z])([A-Z]{2,})(?=\s+(?:[A-Za-z{][a-z{]|\d))")


def _opening_in_capitals(match: re.Match[str]) -> str:
    word = match.group(0)
    return word[0] + word[1:].lower() if word.lower() in STOPWORDS else word


# A transcript's speaker label or time code before the words ("NARRATOR (V.O.): The roots …",
# "[00:02:02] HISTORIAN: And then …"): the script's, not the sentence's.
_SPEAKER_LABEL = re.compile(r"^(?:\[\d{1,2}(?::\d\d){1,2}\]\s*)?[A-Z][A-Z.'’ -]{1,30}(?:\s*\([A-Z. /]{1,12}\))?:\s+(?=[A-Z\"“{])")
# OCR's spaces inside a date range or after an opening quote: "(1684- 1687)", '" the mad."'.
_OCR_SPACE = re.compile(r"(?<=\d)- (?=\d)|(?<=\s[\"“]) (?=\w)")


def tidy(text: str) -> str:
    """Remove citation marks, speaker labels and noisy asides; normalise spaces around punctuation."""
    text = _SPEAKER_LABEL.sub("", CITATION.sub("", text))
    text = _OCR_SPACE.sub(lambda m: "-" if m.group(0) == "- " else "", text)
    text = _CAPITALS_OPENING.sub(_opening_in_capitals, text)
    text = NOISE_ASIDE.sub("", text)
    text = re.sub(r"\s+([,.;:!?)])", r"\1", text)
    text = re.sub(r"([(])\s+", r"\1", text)
    text = re.sub(r",\s*,", ",", text)
    return " ".join(text.split())


def sentence_text(sentence: ParsedSentence) -> str:
    """The sentence as a learner should read it: without citation marks or noisy asides."""
    return tidy(sentence.text)


def rewrite(sentence: ParsedSentence, replacements: dict[tuple[int, int], str]) -> str:
    """The sentence with passage spans replaced (a blank, a resolved pronoun), then tidied."""
    text = sentence.text
    for (start, end), new in sorted(replacements.items(), reverse=True):
        text = text[: start - sentence.start] + new + text[end - sentence.start :]
    return tidy(text)


def char_span(sentence: ParsedSentence, first: int, last: int) -> tuple[int, int]:
    """Passage character span of words ``first`` to ``last - 1``."""
    return sentence.words[first].start, sentence.words[last - 1].end


def word_range(sentence: ParsedSentence, start: int, end: int) -> list[int]:
    """Indices of the words inside the passage character span [start, end)."""
    return [i for i, w in enumerate(sentence.words) if w.start >= start and w.end <= end]


def is_verb(word: Word) -> bool:
    return word.tag in VERB_TAGS


def capitalise(text: str) -> str:
    """Upper-case the first character only."""
    return text[:1].upper() + text[1:]


def _name_follows(words: Sequence[Word], first: int) -> bool:
    """The capitalised word is followed by a particle and a name ("Baccio della Porta") or by
    a person's name ("Shehu Usman"): it is the first word of that name ("Many Britons" is not)."""
    if not words[first].text[:1].isupper():
        return False
    after = first + 1
    if after + 1 < len(words) and words[after].text.lower() in NAME_PARTICLES:
        return words[after + 1].tag in ("NNP", "NNPS") and words[after + 1].text[:1].isupper()
    return after < len(words) and words[after].entity == "PERSON"


# Adjectives a sentence may put before a person's name, capitalised only as its first word.
_BEFORE_A_NAME = frozenset({"young", "old", "elderly", "aged", "little", "poor", "brave", "ailing", "dying"})


def lower_first(text: str, words: Sequence[Word], first: int) -> str:
    """Lower-case ``text``'s first letter unless its first word is a name or an acronym."""
    word = words[first]
    # A capitalised "An" in mid-sentence is a name ("On 16 December 755 An Lushan marched").
    mid_sentence = first > 0 and words[first - 1].text not in (":", '"', "“", "‘", "'")
    if word.tag == "DT":
        return text if mid_sentence and word.text[:1].isupper() else text[:1].lower() + text[1:]
    named = word.entity not in ("", "CARDINAL", "DATE", "TIME", "QUANTITY", "ORDINAL", "PERCENT", "MONEY")
    describing = word.text.lower() in _BEFORE_A_NAME and not named and _name_follows(words, first)
    if describing:
        return text[:1].lower() + text[1:]  # "Young Gustav Eriksson escaped": young, not a name
    if word.tag in ("NNP", "NNPS") or named or (len(word.text) > 1 and word.text.isupper()):
        return text
    if _name_follows(words, first):
        return text  # "Baccio della Porta", "Shehu Usman": a name the model did not label
    if word.text == "I":
        return text
    return text[:1].lower() + text[1:]

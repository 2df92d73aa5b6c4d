"""A passage after spaCy: its text, tokens and sentence boundaries."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from studyapp.content.plaintext import ends_sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass
class ParsedPassage:
    """One passage with its spaCy Doc and sentence character spans."""

    index: int
    text: str
    doc: Doc
    sentences: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.sentences:
            self.sentences = split_sentences(self.text) or [(0, len(self.text))]
        self._starts = [start for start, _ in self.sentences]

    def sentence_span(self, char: int) -> tuple[int, int]:
        """The (start, end) of the sentence holding character ``char``."""
        position = max(0, bisect.bisect_right(self._starts, char) - 1)
        return self.sentences[position]

    def sentence_text(self, char: int) -> str:
        """The sentence holding character ``char``, as written."""
        start, end = self.sentence_span(char)
        return self.text[start:end].strip()


# A sentence ends at terminal punctuation (with closing quotes, brackets or citation marks)
# followed by a space and a capital letter, digit or opening quote.
_SENTENCE_END = re.compile(r"[.!?…]+(?:[\"”’')\]]|\[\d+\])*(?=\s+[\"“‘(\[]?[A-Z0-9])")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of a passage.

    Rule-based rather than the model's sentence recogniser: it is faster, never
    cuts inside a word ("Co-|Defense Minister"), and keeps abbreviations and
    initials ("Col.", "U.S.", "Lyndon B. Johnson") inside their sentence.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if ends_sentence(text[start : match.end()]):
            spans.append((start, match.end()))
            start = match.end()
            while start < len(text) and text[start].isspace():
                start += 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans

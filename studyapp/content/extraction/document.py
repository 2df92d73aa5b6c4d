"""A passage after spaCy: its text, tokens and sentence boundaries."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

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
            self.sentences = [(s.start_char, s.end_char) for s in self.doc.sents] or [
                (0, len(self.text))
            ]
        self._starts = [start for start, _ in self.sentences]

    def sentence_span(self, char: int) -> tuple[int, int]:
        """The (start, end) of the sentence holding character ``char``."""
        position = max(0, bisect.bisect_right(self._starts, char) - 1)
        return self.sentences[position]

    def sentence_text(self, char: int) -> str:
        """The sentence holding character ``char``, as written."""
        start, end = self.sentence_span(char)
        return self.text[start:end].strip()

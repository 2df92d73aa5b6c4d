"""A passage after spaCy: its text, tokens and sentence boundaries."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from studyapp.content.plaintext import ends_sentence
from studyapp.core.extraction import ParsedSentence, Word

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


def parsed_sentences(passage: ParsedPassage, kind: str) -> list[ParsedSentence]:
    """The passage's sentences with their parse, as plain data for the question writers."""
    found = []
    doc = passage.doc
    if not doc.has_annotation("SENT_START"):  # a pipeline without a parser (a user's choice)
        doc = _with_rule_sentences(doc)
    for number, sentence in enumerate(doc.sents):
        words = tuple(
            Word(
                text=token.text,
                start=token.idx,
                tag=token.tag_,
                dep=token.dep_,
                head=token.head.i - sentence.start,
                entity=token.ent_type_,
                begins_entity=token.ent_iob_ == "B",
                space=bool(token.whitespace_),
            )
            for token in sentence
        )
        start = sentence.start_char
        if kind == "list" and number == 0 and words and words[0].text in _BULLETS:
            # A bullet of lecture notes may be a whole sentence ("- On 16 January 1969 Jan
            # Palach set himself on fire."): the question writers read it without its bullet.
            words = _without_first_word(words)
            start = words[0].start if words else sentence.end_char
        text = passage.text[start : sentence.end_char]
        found.append(
            ParsedSentence(
                passage.index, start, sentence.end_char, text, kind, words,
                first_in_passage=number == 0,
            )
        )  # fmt: skip
    return found


_BULLETS = frozenset({"-", "*", "•", "·", "▪", "►", "◦", "–"})


def _without_first_word(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """The words after a bullet, their heads renumbered (one that hung on the bullet becomes
    its own head)."""
    return tuple(
        replace(word, head=index if word.head == 0 else word.head - 1)
        for index, word in enumerate(words[1:])
    )


def _with_rule_sentences(doc: Doc) -> Doc:
    starts = {start for start, _ in split_sentences(doc.text)}
    for token in doc:
        token.is_sent_start = token.i == 0 or token.idx in starts
    return doc


# A sentence ends at terminal punctuation (with closing quotes, brackets, citation marks or a
# footnote number) followed by a space and a capital letter, digit or opening quote.
_SENTENCE_END = re.compile(
    r"[.!?…]+(?:[\"”’')\]]|\[(?:\d+|[a-z]|\?|citation needed)\])*(?:\d{1,2}(?=\s))?(?=\s+[\"“‘'(\[]?[A-Z0-9])"
)
_LONGEST_QUOTE = 400  # characters: a quotation left open longer than this was never closed


def _inside_quote(text: str) -> bool:
    """True when ``text`` opens a quotation or a bracket it has not closed yet
    ("the Lenin Shipyard (Stocznia Gdańska im. Lenina)": no sentence ends inside)."""
    return text.count('"') % 2 == 1 or text.count("“") > text.count("”") or text.count("(") > text.count(")")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of a passage.

    Rule-based rather than the model's sentence recogniser: it is faster, never
    cuts inside a word ("Co-|Defense Minister"), keeps abbreviations and initials
    ("Col.", "U.S.", "Lyndon B. Johnson") inside their sentence, and keeps a quotation
    with the words that report it ("\"I'm tired. It's time,\" said Col. Sy Khon.").
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        sentence = text[start : match.end()]
        if not ends_sentence(sentence):
            continue
        if _inside_quote(sentence) and len(sentence) < _LONGEST_QUOTE:
            continue
        spans.append((start, match.end()))
        start = match.end()
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans

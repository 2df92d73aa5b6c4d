"""Sentences of an article's passages, with their spans, and the source span of a question."""

from __future__ import annotations

import re
from dataclasses import dataclass

from studyapp.core.articles import ArticleText
from studyapp.core.questions import SourceSpan

# A sentence ends at . ! ? (optionally closed by a quote or bracket) before a capital,
# a digit or an opening quote; abbreviations such as "Col." or "U.S." do not end one.
BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[A-Z0-9\"“‘(])")
ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Col|Gen|Lt|Maj|Capt|Sgt|Gov|Sen|Rep|St|No|Jan|Feb|Mar|Apr|Jun|Jul|"
    r"Aug|Sep|Sept|Oct|Nov|Dec|Co|Inc|Ltd|vs|etc)|\b[A-Z](?:\.[A-Z])*)\.$"
)


@dataclass(frozen=True)
class Sentence:
    """One sentence: passage ordinal, character span in that passage, and its text."""

    passage: int
    start: int
    end: int
    text: str

    def source(self) -> SourceSpan:
        """The sentence as a question's SourceSpan."""
        return SourceSpan(self.passage, self.start, self.end, self.text)


def _inside_quote(text: str) -> bool:
    """True when ``text`` opens a quotation it does not close."""
    return text.count('"') % 2 == 1 or text.count("“") > text.count("”")


def split_passage(passage: int, text: str) -> list[Sentence]:
    """Split one passage into sentences whose spans index ``text`` exactly."""
    sentences: list[Sentence] = []
    start = 0
    for match in BOUNDARY.finditer(text):
        candidate = text[start : match.start()].rstrip()
        if ABBREVIATIONS.search(candidate.split(" ")[-1] if candidate else ""):
            continue
        if _inside_quote(text[start : match.end()]):
            continue  # "I'm tired of fighting. It's time …," said Major Meas Phong
        end = match.start() + len(match.group(0).rstrip())
        end = start + len(text[start:end].rstrip())
        if text[start:end].strip():
            sentences.append(Sentence(passage, start, end, text[start:end]))
        start = match.end()
    tail = text[start:].rstrip()
    if tail.strip():
        sentences.append(Sentence(passage, start, start + len(tail), tail))
    return sentences


class SentenceIndex:
    """Every sentence of an article, looked up by passage and character offset."""

    def __init__(self, article: ArticleText):
        self.article = article
        self.by_passage = [split_passage(i, text) for i, text in enumerate(article.passages)]

    def __iter__(self):  # type: ignore[no-untyped-def]
        for sentences in self.by_passage:
            yield from sentences

    def at(self, passage: int, offset: int) -> Sentence | None:
        """The sentence of ``passage`` holding character ``offset``."""
        if not 0 <= passage < len(self.by_passage):
            return None
        for sentence in self.by_passage[passage]:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None

    def locate(self, passage: int, text: str, near: int) -> Sentence | None:
        """The span of sentence ``text`` in ``passage`` (the occurrence holding ``near``).

        Extraction gives each item its sentence as written; its own boundaries win
        over ours, as long as the text really is at that place in the passage.
        """
        if not 0 <= passage < len(self.article.passages):
            return None
        body = self.article.passages[passage]
        text = text.strip()
        if text:
            position = body.find(text)
            while position != -1:
                if position <= near < position + len(text) or near == position + len(text):
                    return Sentence(passage, position, position + len(text), text)
                position = body.find(text, position + 1)
        return self.at(passage, near)

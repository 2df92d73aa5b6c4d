"""Articles as loaded from a file, before they reach the bank."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ArticleText:
    """An article split into passages (paragraphs, headings or captions).

    Passage texts are the article's own words with whitespace inside a
    paragraph collapsed; every span elsewhere is an offset into one passage.
    """

    title: str
    passages: tuple[str, ...]
    source: str = ""
    published: str = ""  # original publication details where the text gives them
    key: str = ""  # stable identity (bundled file name or content hash)
    # What each passage is (content.structure.KINDS: prose, title, heading, caption, fact,
    # list, chrome); empty when unknown, and then every passage counts as prose.
    kinds: tuple[str, ...] = ()

    def kind(self, index: int) -> str:
        """The kind of passage ``index`` ("prose" when not known)."""
        return self.kinds[index] if index < len(self.kinds) else "prose"


@dataclass(frozen=True)
class ArticleSummary:
    """One row of the Library: an article with its counts and the learner's progress."""

    id: int
    title: str
    source: str
    published: str
    passage_count: int
    question_count: int = 0  # every question its decks hold: study set, "more" and quiz kinds
    study_set_count: int = 0  # the flashcards of its study set: what the learner studies
    studied_count: int = 0  # of those, the ones the current learner has answered at least once
    bundled: bool = False  # ships with the app (comes back at the next start if deleted)


@dataclass(frozen=True)
class PassageView:
    """A passage ready to show in the Reader."""

    id: int
    ordinal: int
    text: str
    kind: str = "prose"  # prose, title, heading, caption, fact, list or chrome
    citations: tuple[tuple[int, int], ...] = ()  # spans of citation marks ("[1]") in ``text``


@dataclass(frozen=True)
class ArticleView:
    """An article with its passages, for the Reader."""

    id: int
    title: str
    source: str
    published: str
    passages: tuple[PassageView, ...] = field(default_factory=tuple)

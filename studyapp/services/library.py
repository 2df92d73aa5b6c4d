"""Articles in the bank: add them once, list them for the Library, open them in the Reader."""

from __future__ import annotations

import dataclasses

from studyapp.bank.database import Bank
from studyapp.bank.queries import library
from studyapp.core.articles import ArticleSummary, ArticleText, ArticleView


def add_article(bank: Bank, article: ArticleText, bundled: bool = False) -> tuple[int, bool]:
    """Store ``article`` unless an article with the same key exists.

    Returns (article id, True if it was added now). One transaction: the article and all
    its passages land together or not at all. It holds the write lock from its start, so
    two processes adding the same article at once (two first starts) add it once.
    """
    with bank.transaction() as session:
        existing = library.article_with_key(session, article.key)
        if existing is not None:
            return existing, False
        return library.add_article(session, article, bundled), True


def ensure_bundled_articles(bank: Bank) -> list[int]:
    """Load the bundled articles into the bank the first time; return the ids added now.

    Every start looks the bundled keys up first, so the files are read only when one is missing.
    """
    from studyapp.content.bundled import bundled_articles, bundled_keys

    with bank.reading() as session:
        missing = [key for key in bundled_keys() if library.article_with_key(session, key) is None]
    if not missing:
        return []
    added = []
    for article in bundled_articles(missing):
        article_id, is_new = add_article(bank, article, bundled=True)
        if is_new:
            added.append(article_id)
    return added


def list_articles(bank: Bank, learner_id: int | None = None) -> list[ArticleSummary]:
    """Every article with its passage and question counts and the learner's progress."""
    with bank.reading() as session:
        return library.article_summaries(session, learner_id)


def get_article(bank: Bank, article_id: int) -> ArticleView | None:
    """The article with its passages in order (with their citation marks), or None."""
    from studyapp.content.structure import citation_spans

    with bank.reading() as session:
        view = library.article_view(session, article_id)
    if view is None:
        return None
    passages = tuple(
        dataclasses.replace(p, citations=tuple(citation_spans(p.text))) for p in view.passages
    )
    return dataclasses.replace(view, passages=passages)


def passage_location(bank: Bank, passage_id: int) -> tuple[int, int] | None:
    """(article id, passage ordinal) of a passage, for "show in article" links."""
    with bank.reading() as session:
        return library.passage_location(session, passage_id)


def article_reach(bank: Bank, article_id: int) -> tuple[int, int]:
    """(questions, reviews) that go with the article if it is deleted, to ask first."""
    with bank.reading() as session:
        return library.article_reach(session, article_id)


def delete_article(bank: Bank, article_id: int) -> bool:
    """Delete an article and everything that came with it, in one transaction."""
    with bank.transaction() as session:
        return library.delete_article(session, article_id)

"""Extraction use cases: find people, numbers and dated events in a file or a stored article,
and store what was found."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from studyapp.bank.database import Bank
from studyapp.bank.queries import knowledge, library
from studyapp.content.extraction import extract, extraction_to_json
from studyapp.content.loaders import load_article
from studyapp.content.structure import passage_kinds
from studyapp.core.articles import ArticleText
from studyapp.core.extraction import Extraction
from studyapp.core.progress import Progress, no_progress


def extract_file(path: str | Path, progress: Progress = no_progress) -> Extraction:
    """Load an article file and extract from it.

    Raises:
        InputError: The file is missing, not text, empty or not English.
    """
    return extract(load_article(path), progress)


def extract_file_json(path: str | Path, progress: Progress = no_progress) -> dict[str, Any]:
    """The ``studyapp extract FILE --json`` document for an article file.

    Returns:
        ``{"persons": [...], "events": [...], "figures": [...]}`` as in DESIGN.md.

    Raises:
        InputError: The file is missing, not text, empty or not English.
    """
    return extraction_to_json(extract_file(path, progress))


def article_text(bank: Bank, article_id: int) -> ArticleText:
    """The stored article as the extraction pipeline takes it.

    Raises:
        KeyError: No article has ``article_id``.
    """
    with bank.reading() as session:
        stored = library.get_article(session, article_id)
    if stored is None:
        raise KeyError(article_id)
    article = stored.text()
    return dataclasses.replace(article, kinds=passage_kinds(article.passages))


def articles_to_analyse(bank: Bank) -> list[int]:
    """Articles whose people, figures and events have not been extracted yet."""
    with bank.reading() as session:
        return library.articles_not_analysed(session)


def analyse_articles(bank: Bank, article_ids: list[int], progress: Progress = no_progress) -> int:
    """Extract and store people, figures and events for each article; return how many were done.

    Each article is stored in its own transaction, so Cancel keeps the ones finished.
    """
    for index, article_id in enumerate(article_ids):
        article = article_text(bank, article_id)
        progress(index, len(article_ids), f"Finding people and dates in “{article.title}”")
        store_extraction(bank, article_id, extract(article))
    progress(len(article_ids), len(article_ids), "Done")
    return len(article_ids)


def store_extraction(bank: Bank, article_id: int, extraction: Extraction) -> None:
    """Replace the article's stored extraction results with ``extraction``, in one transaction."""
    article = article_text(bank, article_id)
    with bank.transaction() as session:
        knowledge.replace_extraction(session, article_id, extraction)
        library.set_passage_kinds(session, article_id, list(article.kinds))

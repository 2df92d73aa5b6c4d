"""The three corpora question tests run on, each extracted and generated once per session.

- bundled: the two articles that ship with the app;
- dev: history articles written for these tests (tests/questions/articles), far from
  Cambodia, kept as people paste them;
- shared: the five unseen-style articles of ../shared/articles (skipped when absent).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from studyapp.content.bundled import bundled_articles
from studyapp.content.extraction import extract
from studyapp.content.loaders import load_article
from studyapp.core.articles import ArticleText
from studyapp.core.extraction import Extraction
from studyapp.core.questions import QuestionRecord
from studyapp.questions import generate

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1].parent / "shared"
GOLD = HERE.parent / "content" / "gold"
DEV_ARTICLES = HERE / "articles"
CORPORA = ("bundled", "dev", "shared")


@dataclass(frozen=True)
class Generated:
    """One article, its extraction and every question generated from it (default and more)."""

    article: ArticleText
    extraction: Extraction
    questions: list[QuestionRecord]

    @property
    def default(self) -> list[QuestionRecord]:
        return [q for q in self.questions if not q.extra]


def _articles(corpus: str) -> list[ArticleText]:
    if corpus == "bundled":
        return bundled_articles()
    if corpus == "dev":
        return [load_article(path) for path in sorted(DEV_ARTICLES.glob("*.txt"))]
    folder = SHARED / "articles"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent: the unseen-style articles live outside the repository")
    return [load_article(path) for path in sorted(folder.glob("*.txt"))]


_CACHE: dict[str, list[Generated]] = {}


def generated_corpus(corpus: str) -> list[Generated]:
    """Every article of ``corpus`` with its questions (each corpus built once per session)."""
    if corpus not in _CACHE:
        sets = []
        for article in _articles(corpus):
            extraction = extract(article)
            sets.append(Generated(article, extraction, generate(article, extraction)))
        _CACHE[corpus] = sets
    return _CACHE[corpus]

"""The texts the extraction and generation benchmarks share: distinct history articles, and one
long text made of them (each article used at most twice, so name merging meets as many
different names as real reading does)."""

from __future__ import annotations

from pathlib import Path

from studyapp.content.bundled import bundled_articles
from studyapp.content.loaders import load_article
from studyapp.core.articles import ArticleText

ROOT = Path(__file__).resolve().parent.parent
SHARED_ARTICLES = ROOT.parent / "shared" / "articles"
OWN_ARTICLES = sorted((ROOT / "tests" / "content" / "articles").glob("*.txt")) + sorted(
    (ROOT / "tests" / "questions" / "articles").glob("*.txt")
)
REPEATS = 2  # each article at most twice in the long text


def words(article: ArticleText) -> int:
    """How many words an article has."""
    return sum(len(passage.split()) for passage in article.passages)


def shared_articles() -> list[ArticleText]:
    """The unseen-style articles of ../shared/articles ([] when the folder is absent)."""
    return [load_article(path) for path in sorted(SHARED_ARTICLES.glob("*.txt"))]


def source_articles() -> list[ArticleText]:
    """Every distinct article: bundled, the tests' own, and ../shared/articles when present."""
    return bundled_articles() + [load_article(path) for path in OWN_ARTICLES] + shared_articles()


def large_article(sources: list[ArticleText]) -> ArticleText:
    """One long text: every source article in turn, then all of them again in reverse."""
    passages = [
        p
        for article in [*sources, *reversed(sources)][: REPEATS * len(sources)]
        for p in article.passages
    ]
    return ArticleText(title="Benchmark", passages=tuple(passages), key="bench")

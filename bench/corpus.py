"""The texts the extraction and generation benchmarks share: the bundled articles plus
the test articles, and a ~50,000-word text made from their passages."""

from __future__ import annotations

import random
from pathlib import Path

from studyapp.content.bundled import bundled_articles
from studyapp.content.loaders import load_article
from studyapp.core.articles import ArticleText

TARGET_WORDS = 50_000
EXTRA_ARTICLES = sorted(
    (Path(__file__).resolve().parent.parent / "tests" / "content" / "articles").glob("*.txt")
)


def words(article: ArticleText) -> int:
    """How many words an article has."""
    return sum(len(passage.split()) for passage in article.passages)


def source_articles() -> list[ArticleText]:
    """The bundled articles followed by the test articles."""
    return bundled_articles() + [load_article(path) for path in EXTRA_ARTICLES]


def large_article(sources: list[ArticleText]) -> ArticleText:
    """About 50,000 words: every source passage, shuffled in rounds so batches vary."""
    pool = [passage for article in sources for passage in article.passages]
    rng = random.Random(7)
    passages: list[str] = []
    count = 0
    while count < TARGET_WORDS:
        shuffled = pool[:]
        rng.shuffle(shuffled)
        for passage in shuffled:
            passages.append(passage)
            count += len(passage.split())
            if count >= TARGET_WORDS:
                break
    return ArticleText(title="Benchmark", passages=tuple(passages), key="bench")

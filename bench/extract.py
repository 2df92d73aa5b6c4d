"""Words per second of the whole extraction pipeline, with model load time reported separately.

Run: python bench/extract.py
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studyapp.content.bundled import bundled_articles  # noqa: E402
from studyapp.content.extraction import extract, load_pipeline  # noqa: E402
from studyapp.content.loaders import load_article  # noqa: E402
from studyapp.core.articles import ArticleText  # noqa: E402

TARGET_WORDS = 50_000
EXTRA_ARTICLES = sorted((Path(__file__).resolve().parent.parent / "tests" / "content" / "articles").glob("*.txt"))


def words(article: ArticleText) -> int:
    return sum(len(p.split()) for p in article.passages)


def large_article(sources: list[ArticleText]) -> ArticleText:
    """About 50,000 words: every source passage, shuffled in rounds so batches vary."""
    pool = [p for a in sources for p in a.passages]
    rng = random.Random(7)
    passages: list[str] = []
    count = 0
    while count < TARGET_WORDS:
        round_ = pool[:]
        rng.shuffle(round_)
        for passage in round_:
            passages.append(passage)
            count += len(passage.split())
            if count >= TARGET_WORDS:
                break
    return ArticleText(title="Benchmark", passages=tuple(passages), key="bench")


def timed(article: ArticleText, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        extract(article)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    start = time.perf_counter()
    import spacy  # noqa: F401

    imported = time.perf_counter() - start
    start = time.perf_counter()
    load_pipeline()
    loaded = time.perf_counter() - start
    print(f"import spacy: {imported:.2f} s; model load: {loaded:.2f} s")

    bundled = bundled_articles()
    extract(bundled[0])  # warm-up: first-call allocations and domain tables
    for article in bundled:
        seconds = timed(article)
        print(f"bundled {article.key:14} {words(article):6} words  {seconds * 1000:7.1f} ms  "
              f"{words(article) / seconds:8.0f} words/s")
    sources = bundled + [load_article(p) for p in EXTRA_ARTICLES]
    big = large_article(sources)
    seconds = timed(big, repeat=2)
    print(f"large article           {words(big):6} words  {seconds * 1000:7.1f} ms  "
          f"{words(big) / seconds:8.0f} words/s  (target >= 5000)")


if __name__ == "__main__":
    main()

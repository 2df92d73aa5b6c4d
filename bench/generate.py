"""Time to extract and generate questions: both bundled articles, and a ~50,000-word text.

The language model is loaded first and timed apart. Run: python bench/generate.py
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import large_article, source_articles, words  # noqa: E402

from studyapp.content.bundled import bundled_articles  # noqa: E402
from studyapp.content.extraction import extract, load_pipeline  # noqa: E402
from studyapp.core.articles import ArticleText  # noqa: E402
from studyapp.questions import generate  # noqa: E402


def run(articles: list[ArticleText], repeat: int = 3) -> tuple[float, float, int, Counter[str]]:
    """Best (extract seconds, generate seconds, question count, kinds) over ``repeat`` runs."""
    best: tuple[float, float, int, Counter[str]] | None = None
    for _ in range(repeat):
        extract_time = generate_time = 0.0
        kinds: Counter[str] = Counter()
        for article in articles:
            start = time.perf_counter()
            extraction = extract(article)
            middle = time.perf_counter()
            questions = generate(article, extraction)
            extract_time += middle - start
            generate_time += time.perf_counter() - middle
            kinds.update(question.kind for question in questions)
        total = sum(kinds.values())
        if best is None or extract_time + generate_time < best[0] + best[1]:
            best = (extract_time, generate_time, total, kinds)
    assert best is not None
    return best


def main() -> None:
    start = time.perf_counter()
    load_pipeline()
    print(f"model load: {time.perf_counter() - start:.2f} s")
    bundled = bundled_articles()
    extract_time, generate_time, total, kinds = run(bundled)
    count = sum(words(article) for article in bundled)
    print(
        f"bundled articles ({count} words): extract {extract_time:.2f} s + generate "
        f"{generate_time:.2f} s = {extract_time + generate_time:.2f} s (target <= 3 s); "
        f"{total} questions {dict(kinds)}"
    )

    sources = source_articles()
    large = large_article(sources)
    extract_time, generate_time, total, kinds = run([large], repeat=1)
    print(
        f"large text ({words(large)} words): extract {extract_time:.2f} s + generate "
        f"{generate_time:.2f} s = {extract_time + generate_time:.2f} s; {total} questions"
    )


if __name__ == "__main__":
    main()

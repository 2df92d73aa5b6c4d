"""Time to extract and generate questions: the bundled pair, the unseen-style articles of
../shared/articles, and a long text of distinct articles; with the cost of the dependency
parser (added for question writing) measured in the same run.

Run: python bench/generate.py
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import large_article, shared_articles, source_articles, words  # noqa: E402

from studyapp.content.bundled import bundled_articles  # noqa: E402
from studyapp.content.extraction import extract, load_pipeline  # noqa: E402
from studyapp.core.articles import ArticleText  # noqa: E402
from studyapp.questions import generate  # noqa: E402


def run(articles: list[ArticleText], repeat: int = 3) -> tuple[float, float, Counter[str]]:
    """Best (extract seconds, generate seconds, default-set kinds) over ``repeat`` runs."""
    best: tuple[float, float, Counter[str]] | None = None
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
            kinds.update(q.kind for q in questions if not q.extra)
        if best is None or extract_time + generate_time < best[0] + best[1]:
            best = (extract_time, generate_time, kinds)
    assert best is not None
    return best


def parser_cost(articles: list[ArticleText]) -> tuple[float, float]:
    """Seconds to run the pipeline over ``articles`` with and without the parser."""
    nlp = load_pipeline()
    texts = [p for article in articles for p in article.passages]
    timings = []
    for disabled in ((), ("rule_sentences", "parser")):
        best = float("inf")
        for _ in range(3):
            with nlp.select_pipes(disable=list(disabled)):
                start = time.perf_counter()
                list(nlp.pipe(texts, batch_size=256))
                best = min(best, time.perf_counter() - start)
        timings.append(best)
    return timings[0], timings[1]


def main() -> None:
    start = time.perf_counter()
    load_pipeline()
    print(f"model load: {time.perf_counter() - start:.2f} s")
    bundled = bundled_articles()
    extract_time, generate_time, kinds = run(bundled)
    count = sum(words(article) for article in bundled)
    print(
        f"bundled pair ({count} words): extract {extract_time:.2f} s + generate "
        f"{generate_time:.2f} s = {extract_time + generate_time:.2f} s (target <= 3 s); "
        f"default set {sum(kinds.values())} {dict(kinds)}"
    )
    shared = shared_articles()
    if shared:
        extract_time, generate_time, kinds = run(shared)
        count = sum(words(article) for article in shared)
        total = extract_time + generate_time
        print(
            f"../shared/articles ({len(shared)} articles, {count} words): {total:.2f} s, "
            f"{count / total:.0f} words/s; default set {sum(kinds.values())}"
        )
    else:
        print("../shared/articles is absent: skipped")
    sources = source_articles()
    large = large_article(sources)
    extract_time, generate_time, kinds = run([large], repeat=1)
    total = extract_time + generate_time
    print(
        f"long text of {len(sources)} distinct articles, each twice ({words(large)} words): "
        f"extract {extract_time:.2f} s + generate {generate_time:.2f} s = {total:.2f} s, "
        f"{words(large) / total:.0f} words/s"
    )
    with_parser, without = parser_cost(sources)
    print(
        f"dependency parser (added for question writing): pipeline {with_parser:.2f} s with it, "
        f"{without:.2f} s without, +{(with_parser / without - 1) * 100:.0f}% on "
        f"{sum(words(a) for a in sources)} words"
    )
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()

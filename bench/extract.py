"""Words per second of the whole extraction pipeline, with model load time reported separately.

Run: python bench/extract.py
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import large_article, source_articles, words  # noqa: E402

from studyapp.content.bundled import bundled_articles  # noqa: E402
from studyapp.content.extraction import analyse, extract, load_pipeline  # noqa: E402
from studyapp.content.extraction.document import ParsedPassage  # noqa: E402
from studyapp.content.extraction.nlp import parse  # noqa: E402
from studyapp.core.articles import ArticleText  # noqa: E402


def timed(article: ArticleText, repeat: int = 3) -> tuple[float, float]:
    """Best wall-clock and CPU seconds of ``extract`` over ``repeat`` runs.

    CPU time is shown too because other processes on a shared machine slow the
    wall clock; on an idle machine the two agree.
    """
    best_wall = best_cpu = float("inf")
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        extract(article)
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return best_wall, best_cpu


def line(label: str, count: int, wall: float, cpu: float) -> str:
    return (
        f"{label:24} {count:6} words  {wall * 1000:8.1f} ms  {count / wall:7.0f} words/s"
        f"  ({count / cpu:7.0f} words per CPU-second)"
    )


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
        print(line(f"bundled {article.key}", words(article), *timed(article)))
    sources = source_articles()
    big = large_article(sources)
    wall, cpu = time.perf_counter(), time.process_time()
    docs = list(parse(big.passages))
    print(
        line(
            "spaCy pipeline alone",
            words(big),
            time.perf_counter() - wall,
            time.process_time() - cpu,
        )
    )
    parsed = [
        ParsedPassage(i, text, doc)
        for i, (text, doc) in enumerate(zip(big.passages, docs, strict=True))
    ]
    wall, cpu = time.perf_counter(), time.process_time()
    analyse(parsed)
    print(
        line(
            "domain analysis only",
            words(big),
            time.perf_counter() - wall,
            time.process_time() - cpu,
        )
    )
    print(
        line("whole pipeline, 50k", words(big), *timed(big, repeat=2)) + "  target >= 5000 words/s"
    )
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()

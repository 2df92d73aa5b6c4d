"""The curated articles shipped in resources/articles/."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from studyapp.core.articles import ArticleText
from studyapp.paths import resources_dir


def articles_dir() -> Path:
    """The folder holding the bundled article files."""
    return resources_dir() / "articles"


def bundled_keys() -> list[str]:
    """The keys (file stems) of the bundled articles, in file-name order, without reading them."""
    return [path.stem for path in sorted(articles_dir().glob("*.txt"))]


def bundled_articles(keys: list[str] | None = None) -> list[ArticleText]:
    """Every bundled article (or those with ``keys``), in file-name order, keyed by file stem.

    Raises:
        ValueError: When a bundled file is damaged (a packaging bug, not user input).
    """
    # Imported here: their patterns take ~70 ms to compile, and every start asks only
    # bundled_keys() (the files are parsed once, on first start).
    from studyapp.content.frontmatter import parse_front_matter
    from studyapp.content.structure import passage_kinds

    articles = []
    for path in sorted(articles_dir().glob("*.txt")):
        if keys is not None and path.stem not in keys:
            continue
        try:
            article = parse_front_matter(path.read_text(encoding="utf-8"), key=path.stem)
            articles.append(dataclasses.replace(article, kinds=passage_kinds(article.passages)))
        except ValueError as error:
            raise ValueError(f"{path}: {error}") from None
    return articles

"""Content test fixtures: the spaCy model and the bundled extractions, computed once per session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from studyapp.content.bundled import bundled_articles
from studyapp.content.extraction import extract, load_pipeline
from studyapp.core.articles import ArticleText
from studyapp.core.extraction import Extraction

# With --import-mode=importlib pytest no longer puts test folders on sys.path (gold_scoring).
_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)


@pytest.fixture(scope="session")
def nlp():  # noqa: ANN201 - spaCy's Language, imported lazily
    """The shared spaCy pipeline (loaded once per session)."""
    return load_pipeline()


@pytest.fixture(scope="session")
def bundled() -> dict[str, ArticleText]:
    """The bundled articles by key."""
    return {article.key: article for article in bundled_articles()}


@pytest.fixture(scope="session")
def bundled_extractions(nlp, bundled: dict[str, ArticleText]) -> dict[str, Extraction]:  # noqa: ANN001
    """Extraction of every bundled article, by key."""
    return {key: extract(article) for key, article in bundled.items()}

"""Question test fixtures: both bundled articles extracted and generated once per session."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from studyapp.content.bundled import bundled_articles
from studyapp.content.extraction import extract
from studyapp.core.articles import ArticleText
from studyapp.core.extraction import Extraction
from studyapp.core.questions import QuestionRecord
from studyapp.questions import generate

GOLD = Path(__file__).resolve().parent.parent / "content" / "gold"


@dataclass(frozen=True)
class Generated:
    """One bundled article, its extraction and the questions generated from it."""

    article: ArticleText
    extraction: Extraction
    questions: list[QuestionRecord]


@pytest.fixture(scope="session")
def generated() -> dict[str, Generated]:
    """Every bundled article with its questions, by key (the spaCy model loads once)."""
    sets = {}
    for article in bundled_articles():
        extraction = extract(article)
        sets[article.key] = Generated(article, extraction, generate(article, extraction))
    return sets


@pytest.fixture(scope="session")
def all_questions(generated: dict[str, Generated]) -> list[tuple[ArticleText, QuestionRecord]]:
    """Every generated question with its article."""
    return [(item.article, q) for item in generated.values() for q in item.questions]


@pytest.fixture(scope="session")
def gold() -> dict[str, dict]:  # type: ignore[type-arg]
    """The hand-checked gold annotations of the bundled articles, by article key."""
    found = {}
    for key in ("kprp_part2", "kr_defectors"):
        path = GOLD / f"{key}.json"
        if not path.exists():
            pytest.skip(f"{path} is absent")
        found[key] = json.loads(path.read_text(encoding="utf-8"))
    return found

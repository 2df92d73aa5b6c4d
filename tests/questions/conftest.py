"""Question test fixtures: the corpora of tests/questions/corpora.py, and the bundled gold."""

from __future__ import annotations

import json

import pytest

from tests.questions.corpora import CORPORA, GOLD, Generated, generated_corpus


@pytest.fixture(scope="session", params=CORPORA)
def corpus(request: pytest.FixtureRequest) -> list[Generated]:
    """Each corpus in turn (the shared one skips when ../shared is absent)."""
    return generated_corpus(request.param)


@pytest.fixture(scope="session")
def generated() -> dict[str, Generated]:
    """The bundled articles with their questions, by key."""
    return {item.article.key: item for item in generated_corpus("bundled")}


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

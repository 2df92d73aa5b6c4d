"""First-start loading of the bundled articles, and article imports."""

from __future__ import annotations

import pytest
from bank_locations import BankLocation
from sqlalchemy import func, select

from studyapp.bank.models import Article, Passage
from studyapp.content.bundled import bundled_articles
from studyapp.services.library import (
    ensure_bundled_articles,
    get_article,
    list_articles,
    passage_location,
)


@pytest.fixture
def bank(bank_location: BankLocation):  # type: ignore[no-untyped-def]
    opened = bank_location.open()
    yield opened
    opened.close()


def _counts(bank) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    with bank.sessions() as session:
        return (
            session.scalar(select(func.count()).select_from(Article)),
            session.scalar(select(func.count()).select_from(Passage)),
        )


def test_bundled_articles_load_once(bank) -> None:  # type: ignore[no-untyped-def]
    added = ensure_bundled_articles(bank)
    assert len(added) == 2
    first = _counts(bank)
    assert ensure_bundled_articles(bank) == []
    assert _counts(bank) == first
    expected_passages = sum(len(article.passages) for article in bundled_articles())
    assert first == (2, expected_passages)


def test_articles_keep_their_passages_in_order(bank) -> None:  # type: ignore[no-untyped-def]
    ensure_bundled_articles(bank)
    by_title = {article.title: article for article in bundled_articles()}
    for summary in list_articles(bank):
        view = get_article(bank, summary.id)
        assert view is not None
        assert [p.text for p in view.passages] == list(by_title[view.title].passages)
        assert summary.passage_count == len(view.passages)
        middle = view.passages[len(view.passages) // 2]
        assert passage_location(bank, middle.id) == (view.id, middle.ordinal)

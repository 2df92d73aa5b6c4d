"""The Question bank service: filters, batches over 100,000 questions, edit, suspend, delete."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from bank_locations import BankLocation
from sqlalchemy import insert

from studyapp.bank.database import Bank, open_bank
from studyapp.bank.models import Deck, Question
from studyapp.services import question_bank as service
from studyapp.services.question_bank import QuestionFilter


def build(where: Path | BankLocation, count: int) -> Bank:
    """A bank with three decks (one nested) and ``count`` questions of three kinds."""
    opened = where.open() if isinstance(where, BankLocation) else open_bank(where)
    with opened.transaction() as session:
        history = Deck(name="History")
        people = Deck(name="History::People")
        other = Deck(name="Geography")
        session.add_all([history, people, other])
        session.flush()
        rows = [
            {
                "deck_id": (history.id, people.id, other.id)[i % 3],
                "kind": ("basic", "choice", "cloze")[i % 3],
                "prompt": f"Question {i} about topic {i % 97}?",
                "answer": f"Answer {i}",
                "origin": "generated" if i % 2 else "imported",
                "content_hash": str(i),
                "payload": {"choices": [f"Answer {i}", "x", "y", "z"], "correct": [0]}
                if i % 3 == 1
                else {},
            }
            for i in range(count)
        ]
        session.execute(insert(Question), rows)
    return opened


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    """100,000 questions, built once for the read-only tests."""
    opened = build(tmp_path_factory.mktemp("big") / "bank.sqlite", 100_000)
    yield opened  # type: ignore[misc]
    opened.close()


@pytest.fixture
def small(bank_location: BankLocation) -> Bank:
    opened = build(bank_location, 30)
    yield opened  # type: ignore[misc]
    opened.close()


@pytest.fixture
def medium(bank_location: BankLocation) -> Bank:
    opened = build(bank_location, 3000)
    yield opened  # type: ignore[misc]
    opened.close()


def test_counts_and_batches_stay_fast_with_100000_questions(bank: Bank) -> None:
    start = time.perf_counter()
    assert service.count_questions(bank) == 100_000
    first = service.list_questions(bank, QuestionFilter(), 0, 400)
    deep = service.list_questions(bank, QuestionFilter(), 90_000, 400)
    assert time.perf_counter() - start < 1.0
    assert len(first) == len(deep) == 400 and first[0].id < deep[0].id


def test_filters_combine(medium: Bank) -> None:
    bank = medium
    decks = {deck.name: deck for deck in service.list_decks(bank)}
    assert decks["History"].count == 2000 and decks["History::People"].count == 1000
    in_history = QuestionFilter(deck_id=decks["History"].id, kind="choice", origin="generated")
    rows = service.list_questions(bank, in_history, 0, 1000)
    assert rows and all(
        r.kind == "choice" and r.origin == "generated" and r.deck.startswith("History")
        for r in rows
    )
    found = service.list_questions(bank, QuestionFilter(text="topic 42?"), 0, 5000)
    assert found and all(r.prompt.endswith("topic 42?") for r in found)
    assert (
        service.count_questions(bank, QuestionFilter(text="100%_")) == 0
    )  # LIKE wildcards are literal


def test_edit_suspend_delete(small: Bank) -> None:
    bank = small
    service.update_question(bank, 2, "Which?", "Right", "Because")
    detail = service.get_question(bank, 2)
    assert (
        detail is not None and detail.prompt == "Which?" and detail.payload["choices"][0] == "Right"
    )
    with pytest.raises(ValueError):
        service.update_question(bank, 2, "  ", "x", "y")
    assert service.set_suspended(bank, [1, 2, 3], True) == 3
    assert service.count_questions(bank, QuestionFilter(suspended=True)) == 3
    assert service.delete_questions(bank, [1, 2]) == 2
    assert service.get_question(bank, 1) is None and service.count_questions(bank) == 28

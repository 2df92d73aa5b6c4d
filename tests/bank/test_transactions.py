"""Transactions on a real bank (a file, a server): writes take the lock at once, reads never
wait, waits are bounded; on a server, answers wait only for the same learner's answers."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from bank_locations import BankLocation, PostgresServer
from sqlalchemy import func, select

from studyapp.bank import database
from studyapp.bank.database import Bank, open_bank
from studyapp.bank.models import Deck
from studyapp.core.errors import BankBusy


@pytest.fixture
def bank(bank_location: BankLocation) -> Iterator[Bank]:
    opened = bank_location.open()
    yield opened
    opened.close()


@contextmanager
def writer_holding_the_lock(bank: Bank, answering: bool = False) -> Iterator[threading.Event]:
    """Another writer (a second Bank on the same bank, in a thread) inside its transaction:
    a write of shared material, or (``answering``) an answer of the same learner's role."""
    other = open_bank(bank.path or bank.store.url.render_as_string(hide_password=False))
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with other.answering() if answering else other.transaction() as session:
            session.add(Deck(name="held", description=""))
            session.flush()
            held.set()
            release.wait(30)

    thread = threading.Thread(target=hold)
    thread.start()
    assert held.wait(10)
    try:
        yield release
    finally:
        release.set()
        thread.join()
        other.close()


def _decks(session) -> int:  # type: ignore[no-untyped-def]
    return int(session.scalar(select(func.count()).select_from(Deck)))


def test_a_read_never_waits_for_a_writer(bank: Bank) -> None:
    with writer_holding_the_lock(bank):
        started = time.monotonic()
        with bank.reading() as session:
            assert _decks(session) == 0  # the writer has not committed
        assert time.monotonic() - started < 0.5


def test_an_answer_waits_a_moment_at_most_then_says_the_bank_is_busy(
    bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "INTERACTIVE_WAIT", 0.3)
    # SQLite has one writer; on a server, an answer waits for the same role's answers only.
    with writer_holding_the_lock(bank, answering=bank.on_server):
        started = time.monotonic()
        with pytest.raises(BankBusy, match="busy"), bank.answering() as session:
            session.add(Deck(name="mine", description=""))
        waited = time.monotonic() - started
    assert 0.3 <= waited < 1.5
    with bank.reading() as session:
        assert session.scalar(select(Deck.name).where(Deck.name == "mine")) is None


def test_a_write_waiting_for_the_lock_sees_what_the_other_committed(bank: Bank) -> None:
    """BEGIN IMMEDIATE: what a write transaction reads stays true until it commits."""
    with writer_holding_the_lock(bank) as release:
        threading.Timer(0.2, release.set).start()
        started = time.monotonic()
        with bank.transaction() as session:
            assert _decks(session) == 1  # it began after the other's commit, not before
            session.add(Deck(name=f"after {_decks(session)}", description=""))
        assert 0.15 <= time.monotonic() - started < 5
    with bank.reading() as session:
        assert _decks(session) == 2


def test_on_a_server_an_answer_never_waits_for_a_writer_of_shared_material(
    postgres: PostgresServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(An SQLite file has one writer at a time: there, answers take turns with imports.)"""
    monkeypatch.setattr(database, "INTERACTIVE_WAIT", 0.3)
    bank = open_bank(postgres.new_database())
    try:
        with writer_holding_the_lock(bank):  # the teacher's import, say
            started = time.monotonic()
            with bank.answering() as session:
                session.add(Deck(name="answered meanwhile", description=""))
            assert time.monotonic() - started < 2  # waiting for the lock would raise BankBusy
    finally:
        bank.close()

"""Bulk question writing: identity hash, plain and full rows alike, index rebuild, collector state."""

from __future__ import annotations

import gc
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event, select

from studyapp.bank.database import Bank, open_bank
from studyapp.bank.models import ImportBatch, Question
from studyapp.core.errors import InputError
from studyapp.core.questions import QuestionRecord
from studyapp.services import import_store
from studyapp.services.import_store import question_hash
from studyapp.services.imports import import_file

RECORDS = [
    QuestionRecord("basic", "plain front", "plain back"),
    QuestionRecord("basic", "tagged", "back", tags=("a", "b"), external_id="g1"),
    QuestionRecord("cloze", "{{c1::x}} y", "x", payload={"cloze": 1, "b": [1, 2]}),
    QuestionRecord("basic", "explained", "back", explanation="why", difficulty=0.25),
]


@pytest.fixture
def bank(data_dir: Path) -> Bank:
    opened = open_bank(data_dir / "bank.sqlite3")
    yield opened
    opened.close()


def _store(bank: Bank, records: list[QuestionRecord], on_duplicate: str = "skip") -> None:
    with bank.transaction() as session:
        batch = ImportBatch(path="x", format="csv", sha256="0" * 64)
        session.add(batch)
        session.flush()
        target = import_store.DeckChoice("Deck", force=False)
        import_store.store_questions(
            session, records, target, batch.id, on_duplicate, lambda *args: None
        )


def test_stored_hash_is_question_hash_and_rows_hold_every_field(bank: Bank) -> None:
    _store(bank, RECORDS)
    with bank.sessions() as session:
        stored = list(session.scalars(select(Question).order_by(Question.id)))
    assert [q.content_hash for q in stored] == [question_hash(r) for r in RECORDS]
    for question, record in zip(stored, RECORDS, strict=True):
        assert (question.kind, question.prompt, question.answer, question.payload) == (
            record.kind, record.prompt, record.answer, record.payload,
        )  # fmt: skip
        assert (question.explanation, question.difficulty, question.tags) == (
            record.explanation, record.difficulty, " ".join(record.tags),
        )  # fmt: skip
        assert (question.external_id, question.origin, question.suspended) == (
            record.external_id, "imported", False,
        )  # fmt: skip


def test_plain_rows_are_stored_exactly_like_full_rows(bank: Bank) -> None:
    """A plain card goes through the short statement; its row must not differ in any column."""
    _store(bank, [QuestionRecord("basic", "p", "a")])  # all plain: the short statement
    almost = QuestionRecord("basic", "q", "a", external_id="x")  # one field off: full row
    _store(bank, [QuestionRecord("basic", "r", "a"), almost])  # mixed: plain row widened
    connection = sqlite3.connect(bank.path)
    try:
        columns = "typeof(payload), payload, typeof(explanation), explanation, typeof(difficulty),"
        columns += " difficulty, typeof(tags), tags, import_batch_id, created_at, origin, suspended"
        rows = connection.execute(f"SELECT {columns} FROM question ORDER BY id").fetchall()
    finally:
        connection.close()
    assert rows[0][:8] == rows[1][:8] == rows[2][:8]
    assert rows[0][:8] == ("text", "{}", "text", "", "real", 0.5, "text", "")
    assert rows[1][8:] == rows[2][8:]  # one import: the same batch and time
    assert rows[0][10:] == rows[1][10:] == ("imported", 0)


def test_keep_mode_copies_get_their_own_identity(bank: Bank) -> None:
    _store(bank, RECORDS[:1])
    _store(bank, RECORDS[:1], on_duplicate="keep")
    with bank.sessions() as session:
        hashes = list(session.scalars(select(Question.content_hash).order_by(Question.id)))
    assert len(hashes) == 2 and hashes[0] == question_hash(RECORDS[0]) != hashes[1]


def _dropped_indexes(bank: Bank, path: Path) -> list[str]:
    statements: list[str] = []

    def trace(connection: sqlite3.Connection, _record: object) -> None:
        connection.set_trace_callback(statements.append)

    event.listen(bank.engine, "connect", trace)
    bank.engine.dispose()  # new connections get the trace
    try:
        import_file(bank, path)
    finally:
        event.remove(bank.engine, "connect", trace)
        bank.engine.dispose()
    return [s for s in statements if s.startswith("DROP INDEX")]


def test_indexes_are_rebuilt_only_when_the_import_outweighs_the_table(
    bank: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(import_store, "REBUILD_INDEXES_FROM", 10)
    first = tmp_path / "first.tsv"
    first.write_text("".join(f"q{i}\ta{i}\n" for i in range(40)), encoding="utf-8")
    assert len(_dropped_indexes(bank, first)) == 5  # every question index, the unique one too
    second = tmp_path / "second.tsv"
    second.write_text("".join(f"r{i}\ta{i}\n" for i in range(20)), encoding="utf-8")
    assert _dropped_indexes(bank, second) == []  # 20 new rows into 40: updated in place
    with bank.sessions() as session:
        assert len(list(session.scalars(select(Question.id)))) == 60
    connection = sqlite3.connect(bank.path)
    try:
        with pytest.raises(sqlite3.IntegrityError):  # the rebuilt unique index holds
            connection.execute(
                "INSERT INTO question (deck_id, kind, prompt, answer, payload, explanation,"
                " difficulty, tags, origin, content_hash, external_id, suspended, created_at,"
                " updated_at) SELECT deck_id, kind, prompt, answer, payload, explanation,"
                " difficulty, tags, origin, content_hash, external_id, 0, 0, 0 FROM question"
                " LIMIT 1"
            )
    finally:
        connection.close()


def test_collector_is_back_on_after_an_import_or_a_failure(bank: Bank, tmp_path: Path) -> None:
    good = tmp_path / "good.tsv"
    good.write_text("a\tb\n", encoding="utf-8")
    bad = tmp_path / "bad.tsv"
    bad.write_bytes(b"")
    assert gc.isenabled()
    import_file(bank, good)
    assert gc.isenabled()
    with pytest.raises(InputError):
        import_file(bank, bad)
    assert gc.isenabled()
    gc.disable()
    try:
        import_file(bank, tmp_path / "good.tsv")  # already imported: adds nothing
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()

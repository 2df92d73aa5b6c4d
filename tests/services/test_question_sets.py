"""Writing question sets in chunks: identity hash, every field kept, invisible until published."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from bank_locations import BankLocation, sql_rows
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from studyapp.bank.database import Bank, open_bank
from studyapp.bank.models import ImportBatch, Question
from studyapp.bank.queries import imports
from studyapp.core.errors import InputError
from studyapp.core.exchange import ParsedSet
from studyapp.core.questions import QuestionRecord
from studyapp.services.question_bank import count_questions
from studyapp.services.transfer import clean_up_after_crash, import_files, question_sets
from studyapp.services.transfer.question_sets import DeckChoice, question_hash

RECORDS = [
    QuestionRecord("basic", "plain front", "plain back"),
    QuestionRecord("basic", "tagged", "back", tags=("a", "b"), external_id="g1"),
    QuestionRecord("cloze", "{{c1::x}} y", "x", payload={"cloze": 1, "b": [1, 2]}),
    QuestionRecord("basic", "explained", "back", explanation="why", difficulty=0.25),
]


@pytest.fixture
def bank(bank_location: BankLocation) -> Bank:
    opened = bank_location.open()
    yield opened
    opened.close()


@pytest.fixture
def sqlite_bank(data_dir: Path) -> Bank:
    opened = open_bank(data_dir / "bank.sqlite3")
    yield opened
    opened.close()


def _store(
    bank: Bank, records: list[QuestionRecord], on_duplicate: str = "skip", sha: str = "0"
) -> None:
    parsed = ParsedSet(path="x", format="csv", records=tuple(records))
    question_sets.import_question_set(
        bank, parsed, sha * 64, DeckChoice("Deck", force=False), on_duplicate, lambda *a: None
    )


def _rows(bank: Bank, columns: str) -> list[tuple[object, ...]]:
    return sql_rows(bank, f"SELECT {columns} FROM question ORDER BY id")


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
        assert (question.about, question.extra, question.fact_key) == ("", False, "")


def test_rows_split_over_chunks_are_stored_alike(
    sqlite_bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's storage classes: the bulk path writes what the ORM would (typeof is SQLite's)."""
    bank = sqlite_bank
    monkeypatch.setattr(question_sets, "CHUNK_ROWS", 2)
    _store(bank, [QuestionRecord("basic", f"p{i}", "a") for i in range(5)])
    columns = "typeof(payload), payload, typeof(explanation), explanation, typeof(difficulty),"
    columns += " difficulty, typeof(tags), tags, import_batch_id, created_at, origin, suspended"
    rows = _rows(bank, columns)
    assert len(rows) == 5 and len(set(rows)) == 1  # one import: the same batch and time
    assert rows[0][:8] == ("text", "{}", "text", "", "real", 0.5, "text", "")
    assert rows[0][10:] == ("imported", 0)


def test_keep_mode_copies_get_their_own_identity(bank: Bank) -> None:
    _store(bank, RECORDS[:1])
    _store(bank, RECORDS[:1], on_duplicate="keep", sha="1")
    with bank.sessions() as session:
        hashes = list(session.scalars(select(Question.content_hash).order_by(Question.id)))
    assert len(hashes) == 2 and hashes[0] == question_hash(RECORDS[0]) != hashes[1]


def test_the_unique_index_holds(bank: Bank) -> None:
    _store(bank, RECORDS[:1])
    with pytest.raises(IntegrityError):
        sql_rows(
            bank,
            "INSERT INTO question (deck_id, kind, prompt, answer, payload, explanation,"
            " difficulty, tags, origin, content_hash, external_id, suspended, created_at,"
            " updated_at) SELECT deck_id, kind, prompt, answer, payload, explanation,"
            " difficulty, tags, origin, content_hash, external_id, suspended, 0, 0 FROM question"
            " LIMIT 1",
        )


def test_a_crashed_import_is_invisible_and_removed_later(bank: Bank, tmp_path: Path) -> None:
    """What a killed import committed (its first chunks) is never shown, and goes at the next start."""
    _store(bank, RECORDS[:1])
    with bank.transaction() as session:  # an import that got this far, then was killed
        batch = imports.begin_batch(session, "killed.tsv", "csv", "f" * 64)
        deck = session.scalar(select(Question.deck_id))
        values = {"deck_id": deck, "kind": "basic", "prompt": "half", "answer": "done",
                  "payload": "{}", "explanation": "", "difficulty": 0.5, "tags": "",
                  "origin": "imported", "content_hash": "h" * 64, "external_id": "",
                  "import_batch_id": batch, "suspended": False, "about": "", "extra": False,
                  "fact_key": "", "created_at": 0, "updated_at": 0}  # fmt: skip
        row = tuple(values[name] for name in imports.QUESTION_COLUMNS)
        imports.insert_questions(session, [row])
    assert len(_rows(bank, "id")) == 2 and count_questions(bank) == 1
    assert clean_up_after_crash(bank) == 1
    assert len(_rows(bank, "id")) == 1
    with bank.sessions() as session:
        assert session.scalar(select(ImportBatch.id).where(ImportBatch.id == batch)) is None


def test_the_collector_is_left_alone(bank: Bank, tmp_path: Path) -> None:
    """No process-wide switch from an import, which may run while a preview runs in another thread."""
    good = tmp_path / "good.tsv"
    good.write_text("".join(f"q{i}\ta{i}\n" for i in range(20)), encoding="utf-8")
    states: list[bool] = []
    import_files(bank, [good], progress=lambda *args: states.append(gc.isenabled()))
    assert states and all(states)
    with pytest.raises(InputError):
        bad = tmp_path / "bad.tsv"
        bad.write_bytes(b"")
        import_files(bank, [bad])
    assert gc.isenabled()

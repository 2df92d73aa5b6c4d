"""Import service: all or nothing, duplicates skip/update/keep, re-import adds nothing, export round-trips."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from bank_locations import BankLocation
from sqlalchemy import func, select

from studyapp.bank.database import Bank, open_bank
from studyapp.bank.models import Deck, ImportBatch, Media, Question
from studyapp.core.errors import Cancelled, InputError
from studyapp.core.exchange import ImportSummary, MediaFile
from studyapp.core.progress import Progress, no_progress
from studyapp.exchange.csv_layout import ColumnMapping, CsvOptions
from studyapp.exchange.json_format import JsonExporter
from studyapp.exchange.records import make_record
from studyapp.services.transfer import (
    export_questions,
    import_files,
    plan_file,
    preview_file,
    text_layout,
)


def import_file(
    bank: Bank, path: Path, deck: str | None = None, on_duplicate: str = "skip",
    progress: Progress = no_progress, options: CsvOptions | None = None,
    mapping: ColumnMapping | None = None,
) -> ImportSummary:  # fmt: skip
    """One question-set file through the import entry point, as the dialog drives it."""
    plan = plan_file(path, options=options, mapping=mapping)
    summary = import_files(bank, [plan], deck, on_duplicate, progress)[0].questions
    assert summary is not None
    return summary


@pytest.fixture
def bank(bank_location: BankLocation) -> Bank:
    opened = bank_location.open()
    yield opened
    opened.close()


def count(bank: Bank, model: type = Question) -> int:
    with bank.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def bank_bytes(bank: Bank) -> str:
    """A digest of the bank's content (the WAL is checkpointed by reading through SQLAlchemy)."""
    with bank.sessions() as session:
        rows = session.execute(select(Question.prompt, Question.answer, Question.deck_id)).all()
        decks = session.execute(select(Deck.name)).all()
        batches = session.execute(select(ImportBatch.sha256)).all()
    return hashlib.sha256(repr((rows, decks, batches)).encode()).hexdigest()


def test_import_adds_once_and_reimport_adds_nothing(bank: Bank, tmp_path: Path) -> None:
    path = write(tmp_path, "vocab.tsv", "chat\tcat\nchien\tdog\nchat\tcat\n")
    summary = import_file(bank, path)
    assert (summary.added, summary.skipped, summary.format) == (
        2,
        1,
        "csv",
    )  # the in-file duplicate
    with bank.sessions() as session:
        assert session.scalar(select(Deck.name)) == "vocab"
        batch = session.scalars(select(ImportBatch)).one()
        assert (batch.added, batch.skipped, batch.format) == (2, 1, "csv")
    again = import_file(bank, path)
    assert again.already_imported and again.added == 0
    assert count(bank) == 2


def test_duplicates_skip_update_keep(bank: Bank, tmp_path: Path) -> None:
    first = write(tmp_path, "a.txt", "#separator:tab\n#guid column:1\ng1\thello\tworld\n")
    second = write(tmp_path, "b.txt", "#separator:tab\n#guid column:1\ng1\tgoodbye\tworld\n")
    import_file(bank, first, deck="D")
    assert import_file(bank, second, deck="D", on_duplicate="skip").skipped == 1
    with bank.transaction() as session:
        batches = list(session.scalars(select(ImportBatch.id)))
        session.execute(ImportBatch.__table__.delete().where(ImportBatch.id == batches[-1]))
    summary = import_file(bank, second, deck="D", on_duplicate="update")
    assert (summary.added, summary.updated) == (0, 1)
    with bank.sessions() as session:
        assert list(session.scalars(select(Question.prompt))) == ["goodbye"]
    third = write(tmp_path, "c.txt", "#separator:tab\n#guid column:1\ng1\tgoodbye\tworld\n\n")
    assert import_file(bank, third, deck="D", on_duplicate="keep").added == 1
    assert count(bank) == 2


def test_bad_file_leaves_the_bank_unchanged(bank: Bank, tmp_path: Path) -> None:
    import_file(bank, write(tmp_path, "ok.tsv", "a\tb\n"))
    before = bank_bytes(bank)
    bad = write(tmp_path, "bad.tsv", 'q\ta\nq2\t"never closed\n')
    with pytest.raises(InputError) as caught:
        import_file(bank, bad)
    assert caught.value.line == 2
    assert bank_bytes(bank) == before


def test_cancel_rolls_back(bank: Bank, tmp_path: Path) -> None:
    path = write(tmp_path, "big.tsv", "".join(f"q{i}\ta{i}\n" for i in range(12000)))

    def cancel(done: int, total: int, message: str) -> None:
        if message == "writing questions":
            raise Cancelled()

    with pytest.raises(Cancelled):
        import_file(bank, path, progress=cancel)
    assert count(bank) == 0 and count(bank, ImportBatch) == 0
    assert import_file(bank, path).added == 12000


def test_rejected_records_are_reported(bank: Bank, tmp_path: Path, shared: Path) -> None:
    summary = import_file(bank, shared / "fixtures" / "gift" / "moodle_questions.gift.txt")
    assert (
        summary.added == 7 and summary.skipped == 1
    )  # the two "TSL is blablabla" are one question
    assert [p.record for p in summary.rejected] == ["Q8"]


def test_every_valid_fixture_imports_into_the_bank(bank: Bank, shared: Path) -> None:
    total = 0
    for folder in ("csv", "gift", "aiken", "mnemosyne"):
        for path in sorted((shared / "fixtures" / folder).glob("*.*")):
            if preview_file(path).records:  # some hold only GIFT categories: nothing to import
                total += import_file(bank, path).added
    assert count(bank) == total > 150


def test_media_conflicts_are_renamed(bank: Bank, tmp_path: Path) -> None:
    def json_file(name: str, data: bytes) -> Path:
        record = make_record("basic", '<img src="pic.png">', "a" + name)
        out = tmp_path / f"{name}.json"
        JsonExporter().write(
            [record], [MediaFile("pic.png", data, "image/png")], out, lambda *a: None
        )
        return out

    import_file(bank, json_file("one", b"first"))
    import_file(bank, json_file("two", b"second"))
    with bank.sessions() as session:
        names = sorted(session.scalars(select(Media.name)))
        prompts = sorted(session.scalars(select(Question.prompt)))
    renamed = next(n for n in names if n != "pic.png")
    assert "pic.png" in names and renamed.startswith("pic-") and len(names) == 2
    assert prompts == sorted(['<img src="pic.png">', f'<img src="{renamed}">'])


@pytest.mark.parametrize("format", ["csv", "json", "gift"])
def test_export_then_import_into_a_fresh_bank(
    bank: Bank, tmp_path: Path, shared: Path, format: str
) -> None:
    import_file(bank, shared / "fixtures" / "gift" / "moodle_examples.gift.txt", deck="Moodle")
    import_file(bank, shared / "fixtures" / "csv" / "quizlet_export_zh_fr.tsv", deck="Chinese::HSK")
    out = tmp_path / f"all.{format}"
    assert export_questions(bank, format, out) == count(bank)
    assert export_questions(bank, format, tmp_path / f"one.{format}", deck="Chinese") == 41
    fresh = open_bank(tmp_path / "fresh" / "bank.sqlite3")  # from either engine to a file
    try:
        assert import_file(fresh, out).added == count(bank)
        with bank.sessions() as a, fresh.sessions() as b:
            columns = (Question.kind, Question.prompt, Question.answer, Question.payload, Question.explanation,
                       Question.tags, Question.external_id)  # fmt: skip
            assert sorted(map(repr, a.execute(select(*columns)).all())) == sorted(
                map(repr, b.execute(select(*columns)).all())
            )
    finally:
        fresh.close()


def test_preview_reads_without_writing(bank: Bank, tmp_path: Path) -> None:
    parsed = preview_file(write(tmp_path, "p.tsv", "a\tb\n"))
    assert len(parsed.records) == 1 and count(bank) == 0


def test_a_cancelled_import_takes_its_committed_chunks_away(bank: Bank, tmp_path: Path) -> None:
    """Chunks already committed are never visible and are deleted when the import stops."""
    from studyapp.services.question_bank import count_questions
    from studyapp.services.transfer import question_sets

    import_file(bank, write(tmp_path, "first.tsv", "kept\tyes\n"))
    path = write(tmp_path, "many.tsv", "".join(f"q{i}\ta{i}\n" for i in range(12000)))
    seen: list[tuple[int, int]] = []

    def cancel(done: int, total: int, message: str) -> None:
        if message == "writing questions":
            seen.append((count(bank), count_questions(bank)))  # stored / visible
            if len(seen) == 2:
                raise Cancelled()

    with pytest.raises(Cancelled):
        import_file(bank, path, progress=cancel)
    chunk = question_sets.CHUNK_ROWS
    assert seen == [(1 + chunk, 1), (1 + 2 * chunk, 1)]  # written, but shown to nobody
    assert count(bank) == 1 and count(bank, ImportBatch) == 1
    assert import_file(bank, path).added == 12000


def test_column_mapping_from_the_dialog(bank: Bank, tmp_path: Path) -> None:
    path = write(tmp_path, "sheet.csv", "a;b;c\nd;e;f\n")
    layout = text_layout(path)
    assert layout.delimiter == ";" and layout.mapping.question == 0
    mapping = ColumnMapping(question=2, answer=(0,))
    preview = preview_file(path, mapping=mapping)
    assert [(r.prompt, r.answer) for r in preview.records] == [("c", "a"), ("f", "d")]
    summary = import_file(bank, path, options=CsvOptions(delimiter=";"), mapping=mapping)
    assert summary.added == 2
    with bank.sessions() as session:
        assert sorted(session.scalars(select(Question.prompt))) == ["c", "f"]


def test_mnemosyne_history_becomes_the_learners_reviews(bank: Bank, shared: Path) -> None:
    from studyapp.bank.models import Card, ReviewLog

    summary = import_file(bank, shared / "fixtures" / "mnemosyne" / "mnemosyne2_anki-test_mnemo.db")
    assert summary.added == 7
    with bank.sessions() as session:
        logs = session.execute(
            select(ReviewLog.rating, ReviewLog.reviewed_at, ReviewLog.state_before)
        ).all()
        cards = session.execute(select(Card.reps, Card.last_review, Card.state)).all()
    assert sorted(r.rating for r in logs) == [2, 3, 3, 4, 4, 4]  # Mnemosyne grades 2, 3, 3, 5, 5, 5
    assert all(r.reviewed_at > 1_300_000_000_000 for r in logs)  # milliseconds, March 2012
    assert len(cards) == 6 and all(c.reps >= 1 and c.last_review for c in cards)


def test_cancelled_history_import_creates_no_learner(bank: Bank, shared: Path) -> None:
    from studyapp.bank.models import Card, Learner, ReviewLog

    def cancel(done: int, total: int, message: str) -> None:
        if message == "writing questions":
            raise Cancelled()

    path = shared / "fixtures" / "mnemosyne" / "mnemosyne2_anki-test_mnemo.db"
    with pytest.raises(Cancelled):
        import_file(bank, path, progress=cancel)
    assert [count(bank, m) for m in (Question, Learner, Card, ReviewLog)] == [0, 0, 0, 0]

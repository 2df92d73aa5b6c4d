"""Importing question-set files into the bank in one transaction, and exporting questions out."""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import select

from studyapp.bank.database import Bank
from studyapp.bank.models import Deck, ImportBatch, Media, Passage, Question
from studyapp.core.errors import InputError
from studyapp.core.exchange import ImportSummary, MediaFile, ParsedSet
from studyapp.core.progress import Progress, no_progress
from studyapp.core.questions import QuestionRecord, SourceSpan
from studyapp.exchange.csv_layout import ColumnMapping, CsvLayout, CsvOptions
from studyapp.exchange.csv_text import inspect as inspect_text
from studyapp.exchange.registry import exporter_named, read_file, read_text_table
from studyapp.services.backups import backup_before
from studyapp.services.import_reviews import session_learner, store_reviews
from studyapp.services.import_store import (
    MEDIA_REF,
    DeckChoice,
    already_imported,
    store_media,
    store_questions,
)

DUPLICATE_MODES = ("skip", "update", "keep")


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def text_layout(path: Path, options: CsvOptions | None = None) -> CsvLayout:
    """The separator, HTML flag, header and column roles guessed for a delimited text file.

    The import dialog shows this guess and may pass a changed ``ColumnMapping`` or
    ``CsvOptions`` back to :func:`preview_file` and :func:`import_file`.

    Raises:
        InputError: the file cannot be decoded or has a single column.
    """
    return inspect_text(Path(path), options)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a file's records are built and written.

    A 100,000-row file makes several objects per row that all live until the import
    ends; each automatic collection would rescan them, which cost a third of the import's
    time. Reference counting still frees everything as usual, and the collector runs
    again afterwards (unless it was already off).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _parse(
    path: Path, progress: Progress, options: CsvOptions | None, mapping: ColumnMapping | None
) -> ParsedSet:
    with _collector_paused():
        if options is None and mapping is None:
            return read_file(path, progress)
        return read_text_table(path, progress, options, mapping)


def preview_file(
    path: Path,
    progress: Progress = no_progress,
    options: CsvOptions | None = None,
    mapping: ColumnMapping | None = None,
) -> ParsedSet:
    """Detect and read a file without touching the bank (the import dialog's preview).

    ``options``/``mapping`` read it as delimited text the way the user chose.

    Raises:
        InputError: the file cannot be imported.
    """
    return _parse(Path(path), progress, options, mapping)


def import_file(
    bank: Bank,
    path: Path,
    deck: str | None = None,
    on_duplicate: str = "skip",
    progress: Progress = no_progress,
    options: CsvOptions | None = None,
    mapping: ColumnMapping | None = None,
) -> ImportSummary:
    """Import one file: read and validate everything, then write it in a single transaction.

    A file imported before (same SHA-256) adds nothing. Records with no deck go to
    ``deck`` or, when None, to a deck named after the file; ``deck`` given puts every
    record there. A duplicate (same content, or same id from the same app, in the same
    deck) is skipped, updated in place, or kept as a second copy, per ``on_duplicate``.
    ``options``/``mapping`` (from the dialog's column step) read the file as delimited text.

    Raises:
        InputError: the file cannot be imported; the bank is unchanged.
        Cancelled: the progress callback stopped it; the bank is unchanged.
        BackupError: the safety backup before the import failed; nothing was written.
    """
    if on_duplicate not in DUPLICATE_MODES:
        raise ValueError(f"on_duplicate must be one of {DUPLICATE_MODES}, not {on_duplicate!r}")
    with _collector_paused():
        # Returning from _import frees its records before the collector is back on, so the
        # collector's first run has not 100,000 survivors to look at.
        return _import(bank, Path(path), deck, on_duplicate, progress, options, mapping)


def _import(
    bank: Bank,
    path: Path,
    deck: str | None,
    on_duplicate: str,
    progress: Progress,
    options: CsvOptions | None,
    mapping: ColumnMapping | None,
) -> ImportSummary:
    parsed = _parse(path, progress, options, mapping)
    try:
        sha = file_sha256(path)
    except OSError as error:
        raise InputError(str(path), f"cannot read file: {error.strerror or error}") from error
    with bank.sessions() as session:
        if already_imported(session, sha):
            return ImportSummary(
                str(path), parsed.format, skipped=len(parsed.records), already_imported=True
            )
    fallback = deck.strip() if deck and deck.strip() else path.name.split(".")[0] or "Imported"
    records = list(parsed.records)
    backup_before("import", bank)
    with bank.transaction() as session:
        batch = ImportBatch(path=str(path), format=parsed.format, sha256=sha)
        session.add(batch)
        session.flush()
        records = store_media(session, parsed.media, records)
        target = DeckChoice(fallback, force=bool(deck and deck.strip()))
        added, updated, skipped = store_questions(
            session, records, target, batch.id, on_duplicate, progress
        )
        batch.added, batch.updated, batch.skipped = added, updated, skipped
        batch.rejected = len(parsed.problems)
        reviews = (
            store_reviews(session, batch.id, parsed.reviews, session_learner(session))
            if parsed.reviews
            else 0
        )
    progress(1, 1, f"{added} added, {updated} updated, {skipped} skipped, {reviews} past reviews")
    return ImportSummary(str(path), parsed.format, added, updated, skipped, parsed.problems)


def export_questions(
    bank: Bank,
    format: str,
    out: Path,
    deck: str | None = None,
    question_ids: Sequence[int] | None = None,
    progress: Progress = no_progress,
) -> int:
    """Write questions (all, one deck with its sub-decks, or a selection) to ``out``.

    Returns:
        How many questions were written.

    Raises:
        KeyError: ``format`` names no exporter.
        InputError: ``deck`` names no deck.
    """
    exporter = exporter_named(format)
    with bank.sessions() as session:
        names = dict(session.execute(select(Deck.id, Deck.name)).all())
        statement = select(Question).order_by(Question.id)
        if deck is not None:
            ids = [i for i, n in names.items() if n == deck or n.startswith(f"{deck}::")]
            if not ids:
                raise InputError(str(out), f"no deck named {deck!r}")
            statement = statement.where(Question.deck_id.in_(ids))
        if question_ids is not None:
            statement = statement.where(Question.id.in_(list(question_ids)))
        questions = list(session.scalars(statement))
        passages = {
            p.id: p
            for p in session.scalars(
                select(Passage).where(
                    Passage.id.in_({q.source_passage_id for q in questions if q.source_passage_id})
                )
            )
        }
        records = [_record(q, names.get(q.deck_id, ""), passages) for q in questions]
        used = {
            m.group(2) or m.group(5)
            for r in records
            for t in (r.prompt, r.answer)
            for m in MEDIA_REF.finditer(t)
        }
        media = [
            MediaFile(m.name, m.data, m.mime)
            for m in session.scalars(select(Media).where(Media.name.in_(used)))
        ]
    exporter.write(records, media, Path(out), progress)
    return len(records)


def _record(question: Question, deck: str, passages: dict[int, Passage]) -> QuestionRecord:
    source = None
    passage = passages.get(question.source_passage_id) if question.source_passage_id else None
    if (
        passage is not None
        and question.source_start is not None
        and question.source_end is not None
    ):
        text = passage.text[question.source_start : question.source_end]
        source = SourceSpan(passage.ordinal, question.source_start, question.source_end, text)
    return QuestionRecord(
        kind=question.kind,
        prompt=question.prompt,
        answer=question.answer,
        payload=dict(question.payload or {}),
        explanation=question.explanation,
        difficulty=question.difficulty,
        tags=tuple(question.tags.split()),
        deck=deck,
        source=source,
        external_id=question.external_id,
    )

"""Importing question-set files into the bank in one transaction, and exporting questions out."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from studyapp.bank.database import Bank
from studyapp.bank.models import Deck, ImportBatch, Media, Passage, Question, now
from studyapp.core.errors import InputError
from studyapp.core.exchange import ImportSummary, MediaFile, ParsedSet
from studyapp.core.progress import Progress, no_progress
from studyapp.core.questions import QuestionRecord, SourceSpan
from studyapp.exchange.csv_layout import ColumnMapping, CsvLayout, CsvOptions
from studyapp.exchange.csv_text import inspect as inspect_text
from studyapp.exchange.registry import exporter_named, read_file, read_text_table
from studyapp.services.backups import backup_before
from studyapp.services.import_reviews import store_reviews
from studyapp.services.learners import current_learner

DUPLICATE_MODES = ("skip", "update", "keep")
REBUILD_INDEXES_FROM = 20_000  # new rows from which indexes are rebuilt rather than updated
CHUNK = 5000  # rows per executemany, with a progress report (and a chance to cancel) between
_MEDIA_REF = re.compile(r"""(src=["'])([^"']+)(["'])|(\[sound:)([^\]]+)(\])""")


def question_hash(record: QuestionRecord) -> str:
    """Identity of imported content: kind, prompt, answer and payload (two variants differ)."""
    payload = json.dumps(record.payload, sort_keys=True) if record.payload else "{}"
    key = "\x1f".join((record.kind, record.prompt, record.answer, payload))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


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


def _parse(
    path: Path, progress: Progress, options: CsvOptions | None, mapping: ColumnMapping | None
) -> ParsedSet:
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
    path = Path(path)
    parsed = _parse(path, progress, options, mapping)
    try:
        sha = file_sha256(path)
    except OSError as error:
        raise InputError(str(path), f"cannot read file: {error.strerror or error}") from error
    with bank.sessions() as session:
        if _already_imported(session, sha):
            return ImportSummary(
                str(path), parsed.format, skipped=len(parsed.records), already_imported=True
            )
    fallback = deck.strip() if deck and deck.strip() else path.name.split(".")[0] or "Imported"
    records = list(parsed.records)
    learner = current_learner(bank) if parsed.reviews else None
    backup_before("import", bank)
    with bank.transaction() as session:
        batch = ImportBatch(path=str(path), format=parsed.format, sha256=sha)
        session.add(batch)
        session.flush()
        records = _store_media(session, parsed.media, records)
        target = _DeckChoice(fallback, force=bool(deck and deck.strip()))
        added, updated, skipped = _store_questions(
            session, records, target, batch.id, on_duplicate, progress
        )
        batch.added, batch.updated, batch.skipped = added, updated, skipped
        batch.rejected = len(parsed.problems)
        reviews = store_reviews(session, batch.id, parsed.reviews, learner) if learner else 0
    progress(1, 1, f"{added} added, {updated} updated, {skipped} skipped, {reviews} past reviews")
    return ImportSummary(str(path), parsed.format, added, updated, skipped, parsed.problems)


@dataclass(frozen=True)
class _DeckChoice:
    """Where records go: ``name`` for all (force) or only for those without a deck."""

    name: str
    force: bool

    def of(self, record: QuestionRecord) -> str:
        return self.name if self.force or not record.deck else record.deck


def _already_imported(session: Session, sha: str) -> bool:
    """True when a batch with this file hash still has questions in the bank."""
    batches = list(session.scalars(select(ImportBatch.id).where(ImportBatch.sha256 == sha)))
    if not batches:
        return False
    return (
        session.scalar(select(Question.id).where(Question.import_batch_id.in_(batches)).limit(1))
        is not None
    )


def _deck_ids(session: Session, names: Iterable[str]) -> dict[str, int]:
    """Ids of the named decks, creating the missing ones (and their parents)."""
    wanted: set[str] = set()
    for name in names:
        parts = name.split("::")
        wanted.update("::".join(parts[: i + 1]) for i in range(len(parts)))
    known = dict(session.execute(select(Deck.name, Deck.id).where(Deck.name.in_(wanted))).all())
    missing = sorted(wanted - set(known))
    if missing:
        session.execute(
            Deck.__table__.insert(), [{"name": n, "created_at": now()} for n in missing]
        )
        known.update(
            session.execute(select(Deck.name, Deck.id).where(Deck.name.in_(missing))).all()
        )
    return known  # type: ignore[return-value]


def _store_media(
    session: Session, media: Sequence[MediaFile], records: list[QuestionRecord]
) -> list[QuestionRecord]:
    """Add media files; a name already used by other bytes is stored renamed, and cards follow."""
    renamed: dict[str, str] = {}
    rows = []
    for item in media:
        digest = hashlib.sha256(item.data).hexdigest()
        existing = session.scalar(select(Media.sha256).where(Media.name == item.name))
        name = item.name
        if existing == digest:
            continue
        if existing is not None:
            stem, dot, suffix = item.name.rpartition(".")
            name = f"{stem or suffix}-{digest[:8]}{dot}{suffix if stem else ''}"
            renamed[item.name] = name
            if session.scalar(select(Media.id).where(Media.name == name)) is not None:
                continue
        rows.append({"name": name, "sha256": digest, "mime": item.mime, "data": item.data})
    if rows:
        session.execute(Media.__table__.insert(), rows)
    if not renamed:
        return records

    def rename(text: str) -> str:
        def swap(match: re.Match[str]) -> str:
            if match.group(1):
                return match.group(1) + renamed.get(match.group(2), match.group(2)) + match.group(3)
            return match.group(4) + renamed.get(match.group(5), match.group(5)) + match.group(6)

        return _MEDIA_REF.sub(swap, text)

    return [
        replace(
            r, prompt=rename(r.prompt), answer=rename(r.answer), explanation=rename(r.explanation)
        )
        for r in records
    ]


def _store_questions(
    session: Session,
    records: list[QuestionRecord],
    target: _DeckChoice,
    batch_id: int,
    on_duplicate: str,
    progress: Progress,
) -> tuple[int, int, int]:
    """Insert new questions, update or skip duplicates; bulk statements, never ORM add_all."""
    decks = _deck_ids(session, {target.of(r) for r in records})
    by_hash: dict[tuple[int, str], int] = {}
    by_external: dict[tuple[int, str], int] = {}
    rows = session.execute(
        select(Question.id, Question.deck_id, Question.content_hash, Question.external_id).where(
            Question.deck_id.in_(set(decks.values()))
        )
    )
    for question_id, deck_id, digest, external in rows:
        by_hash[(deck_id, digest)] = question_id
        if external:
            by_external[(deck_id, external)] = question_id
    stamp = now()
    new_rows: list[tuple[Any, ...]] = []
    changes: list[tuple[Any, ...]] = []
    skipped = 0
    for index, record in enumerate(records):
        deck_id = decks[target.of(record)]
        digest = question_hash(record)
        match = by_hash.get((deck_id, digest))
        if match is None and record.external_id:
            match = by_external.get((deck_id, record.external_id))
        if match is not None and on_duplicate == "keep":
            # A second copy needs its own identity: the unique (deck, hash) pair stays unique.
            digest = hashlib.sha256(f"{digest}:{batch_id}:{index}".encode()).hexdigest()
            match = None
        if match is None:
            new_rows.append(_row(record, deck_id, digest, batch_id, stamp))
            by_hash[(deck_id, digest)] = -1  # a later copy in the same file is a duplicate
        elif on_duplicate == "update" and match != -1:
            changes.append((*_row(record, deck_id, digest, batch_id, stamp)[1:], match))
            by_hash[(deck_id, digest)] = match
        else:
            skipped += 1
    _write(session, new_rows, changes, progress)
    return len(new_rows), len(changes), skipped


# The question columns an import writes, in the order _row gives them.
COLUMNS = (
    "deck_id", "kind", "prompt", "answer", "payload", "explanation", "difficulty", "tags",
    "content_hash", "external_id", "import_batch_id", "created_at", "updated_at",
)  # fmt: skip


def _row(
    record: QuestionRecord, deck_id: int, digest: str, batch_id: int, stamp: int
) -> tuple[Any, ...]:
    # payload is stored as the JSON text SQLAlchemy's JSON type reads back.
    payload = json.dumps(record.payload) if record.payload else "{}"
    return (deck_id, record.kind, record.prompt, record.answer, payload, record.explanation, record.difficulty,
            " ".join(record.tags), digest, record.external_id, batch_id, stamp, stamp)  # fmt: skip


def _write(
    session: Session,
    new_rows: list[tuple[Any, ...]],
    changes: list[tuple[Any, ...]],
    progress: Progress,
) -> None:
    """Plain DB-API executemany inside the session's transaction.

    SQLAlchemy's per-row parameter processing cost more than SQLite's own work for
    100,000 rows; a big page cache keeps the question indexes in memory meanwhile.
    """
    total = len(new_rows) + len(changes)
    names = ", ".join(COLUMNS)
    insert = f"INSERT INTO question ({names}, origin, suspended) VALUES ({', '.join('?' * len(COLUMNS))}, 'imported', 0)"
    assignments = ", ".join(f"{c} = ?" for c in COLUMNS[1:])
    cursor = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
    cache = int(cursor.execute("PRAGMA cache_size").fetchone()[0])
    cursor.execute("PRAGMA cache_size=-131072")
    rebuild: list[tuple[str, str]] = []
    if len(new_rows) >= REBUILD_INDEXES_FROM:
        # Building a secondary index once is cheaper than 100,000 random index inserts; the
        # drop and the re-creation are in this same transaction, so a failure restores both.
        rebuild = cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'question' AND sql IS NOT NULL"
        ).fetchall()
        for name, _ in rebuild:
            cursor.execute(f'DROP INDEX "{name}"')
    try:
        for start in range(0, len(new_rows), CHUNK):
            cursor.executemany(insert, new_rows[start : start + CHUNK])
            progress(min(start + CHUNK, len(new_rows)), total, "writing questions")
        for _, sql in rebuild:
            cursor.execute(sql)
        for start in range(0, len(changes), CHUNK):
            cursor.executemany(
                f"UPDATE question SET {assignments} WHERE id = ?", changes[start : start + CHUNK]
            )
            progress(len(new_rows) + min(start + CHUNK, len(changes)), total, "updating questions")
    finally:
        cursor.execute(f"PRAGMA cache_size={cache}")
        cursor.close()


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
            for m in _MEDIA_REF.finditer(t)
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

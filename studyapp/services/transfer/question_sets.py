"""Writing one parsed question set: duplicates decided in memory, rows written in short chunks.

The write lock is held for one chunk at a time (a few tens of milliseconds), with a pause
between chunks, so an answer given meanwhile is saved at once instead of freezing the
window. The batch is published by its last, small transaction: until then no page shows
its questions, and a failure or Cancel deletes them again (see bank/queries/imports.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from studyapp.bank.database import Bank
from studyapp.bank.models import now
from studyapp.bank.queries import imports
from studyapp.bank.queries.decks import decks_named, ensure_decks
from studyapp.core.errors import StudyAppError
from studyapp.core.exchange import CompactRecords, ImportSummary, MediaFile, ParsedSet
from studyapp.core.progress import Progress
from studyapp.core.questions import QuestionRecord
from studyapp.services.backups import backup_before
from studyapp.services.transfer.history import replay_history, write_history

DUPLICATE_MODES = ("skip", "update", "keep")
CHUNK_ROWS = 2500  # ~20 ms of writing on a 2-core laptop: the longest an answer waits
STAGE_ROWS = 20_000  # rows handed to the driver at once while staging (no lock held)
CHUNK_PAUSE = 0.002  # seconds between chunks: a waiting writer takes the lock meanwhile
MEDIA_CHUNK_BYTES = 8 << 20
MEDIA_REF = re.compile(r"""(src=["'])([^"']+)(["'])|(\[sound:)([^\]]+)(\])""")


def question_hash(record: QuestionRecord) -> str:
    """Identity of imported content: kind, prompt, answer and payload (two variants differ)."""
    payload = json.dumps(record.payload, sort_keys=True) if record.payload else "{}"
    key = "\x1f".join((record.kind, record.prompt, record.answer, payload))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class DeckChoice:
    """Where records go: ``name`` for all (force) or only for those without a deck."""

    name: str
    force: bool


@dataclass
class _Rows:
    """What the duplicate check decided: rows to add, duplicates to update, how many skipped."""

    new: list[tuple[Any, ...]]
    changes: list[tuple[Any, ...]]
    skipped: int


def import_question_set(
    bank: Bank,
    parsed: ParsedSet,
    sha256: str,
    target: DeckChoice,
    on_duplicate: str,
    progress: Progress,
) -> ImportSummary:
    """Write a parsed file into the bank (after a safety backup); the caller holds the import lock.

    A file imported before (same SHA-256, its questions still in the bank) adds nothing.

    Raises:
        BackupError: the backup failed; nothing was written.
        DatabaseError: the disk refused a write; what was written is taken away again.
        Cancelled: the progress callback stopped it; likewise.
    """
    with bank.reading() as session:
        if imports.imported_before(session, sha256):
            return ImportSummary(parsed.path, parsed.format, skipped=len(parsed.records),
                                 already_imported=True)  # fmt: skip
    backup_before("import", bank)
    # Work over every record happens before the write lock is taken, never while it is held.
    history = replay_history(bank, parsed.reviews)
    keys = _keys(parsed.records, target)
    with bank.reading() as session:
        # The questions of the target decks this file may repeat. Read on a snapshot: only
        # this import can add to these decks now (it holds the import lock), and the unique
        # index would refuse a duplicate that slipped in anyway.
        existing = decks_named(session, keys.decks)
        known = imports.identities(session, existing.values(), keys.digests, keys.externals)
    stamp = now()
    with bank.transaction() as session:
        batch_id = imports.begin_batch(session, parsed.path, parsed.format, sha256)
        after_id = imports.last_question_id(session)
        records, media = _plan_media(session, parsed.media, parsed.records)
        decks = ensure_decks(session, keys.decks)
    try:
        if records is not parsed.records:  # media renamed: the identities are the new texts'
            keys = _keys(records, target)
        rows = _decide(keys, decks, known, target, batch_id, on_duplicate, stamp)
        _write_media(bank, media, batch_id)
        _write_questions(bank, rows, batch_id, stamp, progress)
        with bank.transaction() as session:
            for start in range(0, len(rows.changes), CHUNK_ROWS):
                imports.update_questions(session, rows.changes[start : start + CHUNK_ROWS])
            reviews = write_history(session, history, batch_id, bank.role)
            imports.finish_batch(session, batch_id, len(rows.new), len(rows.changes),
                                 rows.skipped, len(parsed.problems))  # fmt: skip
    except BaseException:
        _abandon(bank, batch_id, after_id, stamp)
        raise
    progress(1, 1, f"{len(rows.new)} added, {len(rows.changes)} updated, {rows.skipped} skipped,"
                   f" {reviews} past reviews")  # fmt: skip
    return ImportSummary(parsed.path, parsed.format, len(rows.new), len(rows.changes),
                         rows.skipped, parsed.problems)  # fmt: skip


@dataclass
class _Keys:
    """What an import recognises its records by, worked out before it takes any lock."""

    decks: set[str]  # the deck names the records go to
    fields: list[tuple[Any, ...]]  # each record's values as stored (see _fields)
    digests: list[str]  # each record's identity, question_hash(record)
    externals: set[str]  # the ids the file gave its records


def _keys(records: Sequence[QuestionRecord], target: DeckChoice) -> _Keys:
    """One pass over every record (the hot loop of a 100,000-row import).

    Each record's stored values are kept as a tuple (kind, prompt, answer, payload JSON,
    explanation, difficulty, tags, deck, external id), so that deciding on duplicates
    reads no record again. A big text file's plain rows are read straight from their
    compact tuples (CompactRecords.basic), without making a record for each.
    """
    sha256, dumps = hashlib.sha256, json.dumps
    fields: list[tuple[Any, ...]] = []
    digests: list[str] = []
    decks: set[str] = {target.name} if target.force else set()
    externals: set[str] = set()
    add_field, add_digest = fields.append, digests.append
    items: Iterable[Any] = (
        records.raw() if isinstance(records, CompactRecords) and records.basic else records
    )
    joined: dict[tuple[str, ...], str] = {}  # rows share a few tag sets
    for item in items:
        if type(item) is tuple:
            prompt, answer, tag_list, deck, external = item
            # Exactly question_hash of the basic record the tuple stands for (no payload).
            add_digest(sha256(f"basic\x1f{prompt}\x1f{answer}\x1f{{}}".encode()).hexdigest())
            tags = joined.get(tag_list)
            if tags is None:
                tags = joined[tag_list] = " ".join(tag_list)
            add_field(("basic", prompt, answer, "{}", "", 0.5, tags, deck, external))
        else:
            payload, kind, prompt, answer = item.payload, item.kind, item.prompt, item.answer
            if payload:
                stored, keyed = dumps(payload), dumps(payload, sort_keys=True)
            else:
                stored = keyed = "{}"
            # Exactly question_hash(record), the one definition of an import's identity.
            add_digest(sha256(f"{kind}\x1f{prompt}\x1f{answer}\x1f{keyed}".encode()).hexdigest())
            deck, external = item.deck, item.external_id
            add_field((kind, prompt, answer, stored, item.explanation, item.difficulty,
                       " ".join(item.tags), deck, external))  # fmt: skip
        if external:
            externals.add(external)
    if not target.force:
        decks.update(field[7] or target.name for field in fields)
    return _Keys(decks or {target.name}, fields, digests, externals)


def _decide(
    keys: _Keys,
    decks: dict[str, int],
    known: Sequence[imports.Identity],
    target: DeckChoice,
    batch_id: int,
    on_duplicate: str,
    stamp: int,
) -> _Rows:
    """Rows for the new questions and the updates; a duplicate has the same content or id."""
    by_hash: dict[int, dict[str, int]] = {deck_id: {} for deck_id in decks.values()}
    by_external: dict[int, dict[str, int]] = {deck_id: {} for deck_id in decks.values()}
    for identity in known:
        by_hash[identity.deck_id][identity.content_hash] = identity.id
        if identity.external_id:
            by_external[identity.deck_id][identity.external_id] = identity.id
    new: list[tuple[Any, ...]] = []
    changes: list[tuple[Any, ...]] = []
    skipped = 0
    sha256, append = hashlib.sha256, new.append
    forced = decks[target.name] if target.force else None
    fallback = target.name
    for index, (fields, digest) in enumerate(zip(keys.fields, keys.digests, strict=True)):
        kind, prompt, answer, stored, explanation, difficulty, tags, deck, external = fields
        deck_id = forced if forced is not None else decks[deck or fallback]
        seen = by_hash[deck_id]
        match = seen.get(digest)
        if match is None and external:
            match = by_external[deck_id].get(external)
        if match is not None and on_duplicate == "keep":
            # A second copy needs its own identity: the unique (deck, hash) pair stays unique.
            digest = sha256(f"{digest}:{batch_id}:{index}".encode()).hexdigest()
            match = None
        if match is None:
            append((len(new) + 1, deck_id, kind, prompt, answer, stored, explanation, difficulty,
                    tags, digest, external))  # the order of imports.STAGED_COLUMNS  # fmt: skip
            seen[digest] = -1  # a later copy in the same file is a duplicate
        elif on_duplicate == "update" and match != -1:
            changes.append((kind, prompt, answer, stored, explanation, difficulty, tags, digest,
                            external, batch_id, stamp, match))  # fmt: skip
            seen[digest] = match
        else:
            skipped += 1
    return _Rows(new, changes, skipped)


def _write_questions(
    bank: Bank, rows: _Rows, batch_id: int, stamp: int, progress: Progress
) -> None:
    """Stage the new rows without any lock, then copy them over in short write chunks."""
    total = len(rows.new) + len(rows.changes)
    if not rows.new:
        return
    with bank.chunks() as writer:
        try:
            with writer.staging() as session:
                imports.start_stage(session)
                for start in range(0, len(rows.new), STAGE_ROWS):
                    imports.stage_questions(session, rows.new[start : start + STAGE_ROWS])
            for start in range(0, len(rows.new), CHUNK_ROWS):
                last = min(start + CHUNK_ROWS, len(rows.new))
                with writer.transaction() as session:
                    imports.publish_staged(session, start + 1, last, batch_id, stamp)
                progress(last, total, "writing questions")
                time.sleep(CHUNK_PAUSE)
        finally:
            # The table lives only as long as the connection; dropping it just frees it
            # sooner, and must not hide why the import stopped.
            with contextlib.suppress(Exception), writer.staging() as session:
                imports.end_stage(session)


def _abandon(bank: Bank, batch_id: int, after_id: int, since: int) -> None:
    """Take away what a failed or cancelled import wrote; a crash leaves it to the next start.

    On a full disk even deleting may fail: the rows then stay invisible until
    ``remove_unfinished_imports`` runs with room to write.
    """
    with contextlib.suppress(StudyAppError, OSError):
        remove_batch(bank, batch_id, after_id, since)


def remove_batch(bank: Bank, batch_id: int, after_id: int, since: int) -> None:
    """Delete an unfinished batch's questions in chunks, then the batch with its media."""
    while True:
        with bank.transaction() as session:
            removed = imports.remove_batch_rows(session, batch_id, after_id, CHUNK_ROWS)
        if removed < CHUNK_ROWS:
            break
        time.sleep(CHUNK_PAUSE)
    with bank.transaction() as session:
        imports.remove_batch(session, batch_id, since)


def remove_unfinished_imports(bank: Bank) -> int:
    """Delete what imports cut short by a crash left; the caller holds the import lock."""
    with bank.reading() as session:
        batches = [(b, imports.batch_started(session, b) or 0)
                   for b in imports.unfinished_batch_ids(session)]  # fmt: skip
    for batch_id, since in batches:
        remove_batch(bank, batch_id, 0, since)
    return len(batches)


# -- media -----------------------------------------------------------------------------------
def _plan_media(
    session: Any, media: Sequence[MediaFile], records: Sequence[QuestionRecord]
) -> tuple[Sequence[QuestionRecord], list[tuple[str, str, str, bytes]]]:
    """Media rows to add; a name already used by other bytes is stored renamed, cards follow."""
    existing = imports.media_digests(session, {item.name for item in media})
    renamed: dict[str, str] = {}
    rows: dict[str, tuple[str, str, str, bytes]] = {}
    for item in media:
        digest = hashlib.sha256(item.data).hexdigest()
        name = item.name
        if existing.get(name) == digest:
            continue
        if name in existing:
            stem, dot, suffix = name.rpartition(".")
            name = f"{stem or suffix}-{digest[:8]}{dot}{suffix if stem else ''}"
            renamed[item.name] = name
            if name in existing or imports.media_digests(session, [name]):
                continue
        rows[name] = (name, digest, item.mime, item.data)
    if renamed:
        records = [_renamed(record, renamed) for record in records]
    return records, list(rows.values())


def _renamed(record: QuestionRecord, renamed: dict[str, str]) -> QuestionRecord:
    def swap(match: re.Match[str]) -> str:
        if match.group(1):
            return match.group(1) + renamed.get(match.group(2), match.group(2)) + match.group(3)
        return match.group(4) + renamed.get(match.group(5), match.group(5)) + match.group(6)

    return replace(
        record,
        prompt=MEDIA_REF.sub(swap, record.prompt),
        answer=MEDIA_REF.sub(swap, record.answer),
        explanation=MEDIA_REF.sub(swap, record.explanation),
    )


def _write_media(bank: Bank, media: list[tuple[str, str, str, bytes]], batch_id: int) -> None:
    chunk: list[tuple[Any, ...]] = []
    size = 0
    for name, digest, mime, data in media:
        chunk.append((name, digest, mime, data, batch_id))
        size += len(data)
        if size >= MEDIA_CHUNK_BYTES:
            with bank.transaction() as session:
                imports.insert_media(session, chunk)
            chunk, size = [], 0
            time.sleep(CHUNK_PAUSE)
    if chunk:
        with bank.transaction() as session:
            imports.insert_media(session, chunk)


__all__ = [
    "DUPLICATE_MODES",
    "DeckChoice",
    "import_question_set",
    "question_hash",
    "remove_unfinished_imports",
]

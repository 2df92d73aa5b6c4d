"""Writing parsed question sets into the bank: decks, media, questions, duplicates, in bulk."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from operator import attrgetter
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from studyapp.bank.models import Deck, ImportBatch, Media, Question, now
from studyapp.core.exchange import MediaFile
from studyapp.core.progress import Progress
from studyapp.core.questions import QuestionRecord

REBUILD_INDEXES_FROM = 20_000  # new rows from which indexes are rebuilt rather than updated
_DECK = attrgetter("deck")
CHUNK = 5000  # rows per executemany, with a progress report (and a chance to cancel) between
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

    def of(self, record: QuestionRecord) -> str:
        return self.name if self.force or not record.deck else record.deck


def already_imported(session: Session, sha: str) -> bool:
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


def store_media(
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

        return MEDIA_REF.sub(swap, text)

    return [
        replace(
            r, prompt=rename(r.prompt), answer=rename(r.answer), explanation=rename(r.explanation)
        )
        for r in records
    ]


def store_questions(
    session: Session,
    records: list[QuestionRecord],
    target: DeckChoice,
    batch_id: int,
    on_duplicate: str,
    progress: Progress,
) -> tuple[int, int, int]:
    """Insert new questions, update or skip duplicates; bulk statements, never ORM add_all."""
    names = {target.name} if target.force else set(map(_DECK, records))
    if "" in names:  # records without a deck go to the target
        names.discard("")
        names.add(target.name)
    decks = _deck_ids(session, names)
    by_hash: dict[int, dict[str, int]] = {deck_id: {} for deck_id in decks.values()}
    by_external: dict[int, dict[str, int]] = {deck_id: {} for deck_id in decks.values()}
    rows = session.execute(
        select(Question.id, Question.deck_id, Question.content_hash, Question.external_id).where(
            Question.deck_id.in_(set(decks.values()))
        )
    )
    for question_id, deck_id, digest, external in rows:
        by_hash[deck_id][digest] = question_id
        if external:
            by_external[deck_id][external] = question_id
    stamp = now()
    new_rows: list[tuple[Any, ...]] = []
    changes: list[tuple[Any, ...]] = []
    skipped = 0
    # The hot loop of a 100,000-row import: question_hash inlined, rows built in place.
    sha256, dumps, append = hashlib.sha256, json.dumps, new_rows.append
    forced = decks[target.name] if target.force else None
    for index, record in enumerate(records):
        deck_id = forced if forced is not None else decks[record.deck or target.name]
        payload = record.payload
        if payload:
            stored, keyed = dumps(payload), dumps(payload, sort_keys=True)
        else:
            stored = keyed = "{}"
        kind, prompt, answer = record.kind, record.prompt, record.answer
        explanation, difficulty, tags, external = (
            record.explanation, record.difficulty, record.tags, record.external_id,
        )  # fmt: skip
        # Exactly question_hash(record), which stays the one definition of an import's identity.
        digest = sha256(f"{kind}\x1f{prompt}\x1f{answer}\x1f{keyed}".encode()).hexdigest()
        seen = by_hash[deck_id]
        match = seen.get(digest)
        if match is None and external:
            match = by_external[deck_id].get(external)
        if match is not None and on_duplicate == "keep":
            # A second copy needs its own identity: the unique (deck, hash) pair stays unique.
            digest = sha256(f"{digest}:{batch_id}:{index}".encode()).hexdigest()
            match = None
        if match is None:
            if payload or explanation or difficulty != 0.5 or tags or external:
                append((deck_id, kind, prompt, answer, stored, explanation, difficulty,
                        " ".join(tags), digest, external))  # fmt: skip
            else:  # the plain card (most of a big import): see PLAIN in _write
                append((deck_id, kind, prompt, answer, digest))
            seen[digest] = -1  # a later copy in the same file is a duplicate
        elif on_duplicate == "update" and match != -1:
            changes.append((kind, prompt, answer, stored, explanation, difficulty,
                            " ".join(tags), digest, external, batch_id, stamp, stamp,
                            match))  # fmt: skip
            seen[digest] = match
        else:
            skipped += 1
    _write(session, new_rows, changes, batch_id, stamp, progress)
    return len(new_rows), len(changes), skipped


# The question columns an import writes, in the order store_questions builds its rows; new
# rows leave out the last three, the same for the whole import.
COLUMNS = (
    "deck_id", "kind", "prompt", "answer", "payload", "explanation", "difficulty", "tags",
    "content_hash", "external_id", "import_batch_id", "created_at", "updated_at",
)  # fmt: skip
# A plain card's row holds only deck_id, kind, prompt, answer and content_hash: its other
# columns are these defaults, written into the statement instead of bound for each row.
PLAIN = ("?", "?", "?", "?", "'{}'", "''", "0.5", "''", "?", "''")  # COLUMNS' first ten


def _write(
    session: Session,
    new_rows: list[tuple[Any, ...]],
    changes: list[tuple[Any, ...]],
    batch_id: int,
    stamp: int,
    progress: Progress,
) -> None:
    """Plain DB-API executemany inside the session's transaction.

    SQLAlchemy's per-row parameter processing cost more than SQLite's own work for
    100,000 rows; a big page cache keeps the question indexes in memory meanwhile.
    What is the same for every new row is written into the statement, not bound per row.
    """
    total = len(new_rows) + len(changes)
    names = ", ".join(COLUMNS)
    common = f"{int(batch_id)}, {int(stamp)}, {int(stamp)}, 'imported', 0"
    full = ("?",) * (len(COLUMNS) - 3)
    insert = {  # by the length of a row: 10 values, or 5 for a plain card
        values.count("?"): f"INSERT INTO question ({names}, origin, suspended)"
        f" VALUES ({', '.join(values)}, {common})"
        for values in (full, PLAIN)
    }
    assignments = ", ".join(f"{c} = ?" for c in COLUMNS[1:])
    cursor = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
    cache = int(cursor.execute("PRAGMA cache_size").fetchone()[0])
    cursor.execute("PRAGMA cache_size=-131072")
    rebuild: list[tuple[str, str]] = []
    if len(new_rows) >= REBUILD_INDEXES_FROM and len(new_rows) >= _question_count(cursor):
        # Building an index once (a sort) is cheaper than 100,000 random index inserts, as
        # long as the table does not already hold more rows than the import adds. The drop
        # and the re-creation are in this same transaction, so a failure restores both;
        # re-creating the unique index checks what the dropped one would have.
        rebuild = cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'question' AND sql IS NOT NULL"
        ).fetchall()
        for name, _ in rebuild:
            cursor.execute(f'DROP INDEX "{name}"')
    try:
        for start in range(0, len(new_rows), CHUNK):
            rows = new_rows[start : start + CHUNK]
            widths = set(map(len, rows))
            if len(widths) == 1:
                cursor.executemany(insert[widths.pop()], rows)
            else:  # mixed: plain rows widened, not one executemany per short run
                cursor.executemany(insert[len(full)], [_widened(row) for row in rows])
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


def _widened(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A plain card's short row as a full one (PLAIN's defaults filled in)."""
    if len(row) != PLAIN.count("?"):
        return row
    deck_id, kind, prompt, answer, digest = row
    return (deck_id, kind, prompt, answer, "{}", "", 0.5, "", digest, "")


def _question_count(cursor: Any) -> int:
    return int(cursor.execute("SELECT count(*) FROM question").fetchone()[0])

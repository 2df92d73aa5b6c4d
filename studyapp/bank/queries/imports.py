"""Import queries: batches, media and questions written in chunks, then published at once.

An import holds the write lock only for short chunks, so answers given meanwhile wait a
moment at most. It still lands whole or not at all: its batch row is unfinished
(``finished_at`` NULL) until the last chunk, and every page leaves out the questions of
an unfinished batch (``common.published``). A failed import deletes its rows; one cut
short by a crash is removed by ``remove_unfinished`` at the next import or start.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    delete,
    exists,
    func,
    insert,
    literal,
    select,
    update,
)
from sqlalchemy.orm import Session
from sqlalchemy.schema import CreateTable, DropTable

from studyapp.bank.models import Card, Deck, ImportBatch, Media, Question, ReviewLog, now
from studyapp.bank.queries.bulk import insert_rows, update_rows
from studyapp.bank.queries.common import run, unfinished_batches
from studyapp.bank.queries.review import MEMORY_COLUMNS
from studyapp.core.questions import FLASHCARD_KINDS

# The columns an import writes for a new question, in the order its rows hold them (the
# table's own order, which the compiled statement keeps: rows go to the driver as they are).
QUESTION_COLUMNS = (
    "deck_id", "kind", "prompt", "answer", "payload", "explanation", "difficulty", "tags",
    "origin", "content_hash", "external_id", "import_batch_id", "suspended", "about", "extra",
    "fact_key", "created_at", "updated_at",
)  # fmt: skip
# An update of a duplicate: these columns, then the question's id.
UPDATE_COLUMNS = (
    "kind", "prompt", "answer", "payload", "explanation", "difficulty", "tags", "content_hash",
    "external_id", "import_batch_id", "updated_at",
)  # fmt: skip
MEDIA_COLUMNS = ("name", "sha256", "mime", "data", "import_batch_id")
LOG_COLUMNS = (
    "card_id", "learner_id", "rating", "reviewed_at", "duration_ms", "state_before", "card_before",
)  # fmt: skip


@dataclass(frozen=True)
class Identity:
    """How an import recognises a question it already has: content hash and external id."""

    id: int
    deck_id: int
    content_hash: str
    external_id: str


# -- the batch -------------------------------------------------------------------------------
def imported_before(session: Session, sha256: str) -> bool:
    """True when a finished import of a file with this hash still has questions in the bank."""
    batches = list(
        run(
            session,
            select(ImportBatch.id).where(
                ImportBatch.sha256 == sha256, ImportBatch.finished_at.is_not(None)
            ),
        ).scalars()
    )
    if not batches:
        return False  # a new file: no need to look through every question
    found = select(Question.id).where(Question.import_batch_id.in_(batches)).limit(1)
    return run(session, found).first() is not None


def begin_batch(session: Session, path: str, format_name: str, sha256: str) -> int:
    """Record an import that starts now; its questions stay invisible until it finishes."""
    statement = (
        insert(ImportBatch)
        .values(path=path, format=format_name, sha256=sha256, created_at=now(), finished_at=None,
                added=0, updated=0, skipped=0, rejected=0)  # fmt: skip
        .returning(ImportBatch.id)
    )
    return int(run(session, statement).scalar_one())


def finish_batch(
    session: Session, batch_id: int, added: int, updated: int, skipped: int, rejected: int
) -> None:
    """Publish the batch: from this commit on, its questions are in the bank for everyone."""
    run(
        session,
        update(ImportBatch)
        .where(ImportBatch.id == batch_id)
        .values(added=added, updated=updated, skipped=skipped, rejected=rejected,
                finished_at=now()),  # fmt: skip
    )


def last_question_id(session: Session) -> int:
    """The highest question id so far (0 in an empty bank): an import's rows come after it."""
    return int(run(session, select(func.coalesce(func.max(Question.id), 0))).scalar_one())


def unfinished_batch_ids(session: Session) -> list[int]:
    """Batches still marked as being written (only a crashed import's, under the import lock)."""
    return [int(batch_id) for batch_id in run(session, unfinished_batches()).scalars()]


def remove_batch_rows(session: Session, batch_id: int, after_id: int, limit: int) -> int:
    """Delete up to ``limit`` of an unfinished batch's questions with ids above ``after_id``.

    Their cards and history go with them (foreign keys). Returns how many were deleted.
    """
    chunk = (
        select(Question.id)
        .where(Question.import_batch_id == batch_id, Question.id > after_id)
        .order_by(Question.id)
        .limit(limit)
    )
    ids = list(run(session, chunk).scalars())
    if ids:
        run(session, delete(Question).where(Question.id.in_(ids)))
    return len(ids)


def remove_batch(session: Session, batch_id: int, since: int) -> None:
    """Delete an unfinished batch's media, the decks it made that stayed empty, and the batch."""
    run(session, delete(Media).where(Media.import_batch_id == batch_id))
    # Only imports make decks without an article, and only one import runs at a time: an
    # empty one made since this batch began is this batch's (its sub-decks are empty too).
    run(
        session,
        delete(Deck).where(
            Deck.article_id.is_(None),
            Deck.created_at >= since,
            ~exists().where(Question.deck_id == Deck.id),
        ),
    )
    run(session, delete(ImportBatch).where(ImportBatch.id == batch_id))


def batch_started(session: Session, batch_id: int) -> int | None:
    """When an unfinished batch began (Unix seconds), or None when it is gone."""
    return run(session, select(ImportBatch.created_at).where(ImportBatch.id == batch_id)).scalar()


PROBE = 500  # values in one IN (…) when looking duplicates up by their keys

# -- questions -------------------------------------------------------------------------------
def identities(
    session: Session,
    deck_ids: Iterable[int],
    digests: Sequence[str] = (),
    externals: Iterable[str] = (),
) -> list[Identity]:
    """The questions of these decks an import would take for duplicates of its records.

    With few records against a big deck, only those matching a content hash or an
    external id are looked up (index probes); otherwise every question of the decks is
    read, which is then the cheaper way.
    """
    deck_ids = list(deck_ids)
    if not deck_ids:
        return []
    columns = (Question.id, Question.deck_id, Question.content_hash, Question.external_id)
    in_decks = Question.deck_id.in_(deck_ids)
    held = run(session, select(func.count()).select_from(Question).where(in_decks)).scalar_one()
    wanted_externals = list(externals)
    if len(digests) + len(wanted_externals) >= held // 4:
        return [Identity(*row) for row in run(session, select(*columns).where(in_decks))]
    found: dict[int, Identity] = {}
    hashes = list(dict.fromkeys(digests))
    for start in range(0, len(hashes), PROBE):
        chunk = hashes[start : start + PROBE]
        statement = select(*columns).where(in_decks, Question.content_hash.in_(chunk))
        found.update((row.id, Identity(*row)) for row in run(session, statement))
    for start in range(0, len(wanted_externals), PROBE):
        chunk = wanted_externals[start : start + PROBE]
        # "!= ''" repeats the partial index's condition, so that the index can serve.
        statement = select(*columns).where(
            in_decks, Question.external_id != "", Question.external_id.in_(chunk)
        )
        found.update((row.id, Identity(*row)) for row in run(session, statement))
    return list(found.values())


def insert_questions(session: Session, rows: Sequence[Sequence[Any]]) -> None:
    """Add questions; each row holds the values of QUESTION_COLUMNS in that order."""
    insert_rows(session, Question, QUESTION_COLUMNS, rows)


# -- staged questions ------------------------------------------------------------------------
# A big import first writes its new questions into a temporary table of its own connection
# (no lock: nobody else sees it), then copies them over chunk by chunk with one INSERT …
# SELECT each: the write lock is then held for SQL's own work only, not for handing every
# value of every row to the driver.
STAGED_COLUMNS = (
    "n", "deck_id", "kind", "prompt", "answer", "payload", "explanation", "difficulty", "tags",
    "content_hash", "external_id",
)  # fmt: skip
_STAGE = Table(
    "studyapp_import_stage",
    MetaData(),
    Column("n", Integer, primary_key=True, autoincrement=False),  # the row's place in the file
    Column("deck_id", Integer, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("prompt", Text, nullable=False),
    Column("answer", Text, nullable=False),
    Column("payload", JSON, nullable=False),  # JSON text, as the question table takes it
    Column("explanation", Text, nullable=False),
    Column("difficulty", Float, nullable=False),
    Column("tags", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("external_id", Text, nullable=False),
    prefixes=["TEMPORARY"],
)


def start_stage(session: Session) -> None:
    """An empty staging table on this session's connection (a temporary table: private)."""
    connection = session.connection()
    connection.execute(DropTable(_STAGE, if_exists=True))
    connection.execute(CreateTable(_STAGE))


def stage_questions(session: Session, rows: Sequence[Sequence[Any]]) -> None:
    """Stage new questions; each row holds STAGED_COLUMNS' values, ``n`` counting from 1."""
    insert_rows(session, _STAGE, STAGED_COLUMNS, rows)


def publish_staged(session: Session, first: int, last: int, batch_id: int, stamp: int) -> None:
    """Add staged rows ``first``..``last`` (by ``n``, in that order) as questions of the batch."""
    staged = [_STAGE.c[name] for name in STAGED_COLUMNS[1:]]
    constants = {
        "origin": literal("imported", String), "import_batch_id": literal(batch_id, Integer),
        "suspended": literal(False), "about": literal("", String), "extra": literal(False),
        "fact_key": literal("", String), "created_at": literal(stamp, Integer),
        "updated_at": literal(stamp, Integer),
    }  # fmt: skip
    rows = (
        select(*staged, *constants.values())
        .where(_STAGE.c.n.between(first, last))
        .order_by(_STAGE.c.n)
    )
    run(session, insert(Question).from_select([*STAGED_COLUMNS[1:], *constants], rows))


def end_stage(session: Session) -> None:
    """Drop the staging table."""
    session.connection().execute(DropTable(_STAGE, if_exists=True))


def update_questions(session: Session, rows: Sequence[Sequence[Any]]) -> None:
    """Overwrite duplicates; each row holds UPDATE_COLUMNS' values, then the question id."""
    update_rows(session, Question, UPDATE_COLUMNS, rows)


# -- media -----------------------------------------------------------------------------------
def media_digests(session: Session, names: Iterable[str]) -> dict[str, str]:
    """The SHA-256 of each named media file the bank already holds."""
    statement = select(Media.name, Media.sha256).where(Media.name.in_(list(names)))
    return dict(run(session, statement).all())  # type: ignore[arg-type]


def insert_media(session: Session, rows: Sequence[Sequence[Any]]) -> None:
    """Add media files; each row holds MEDIA_COLUMNS' values."""
    insert_rows(session, Media, MEDIA_COLUMNS, rows)


# -- review history --------------------------------------------------------------------------
def questions_without_card(
    session: Session, batch_id: int, learner_id: int
) -> list[tuple[int, str]]:
    """(id, external id) of the flashcards the batch added or updated that have no card yet."""
    statement = select(Question.id, Question.external_id).where(
        Question.import_batch_id == batch_id,
        Question.kind.in_(FLASHCARD_KINDS),
        ~exists().where(Card.question_id == Question.id, Card.learner_id == learner_id),
    )
    return [(int(question_id), external) for question_id, external in run(session, statement)]


def add_card_with_history(
    session: Session, learner_id: int, question_id: int, memory: dict[str, Any],
    logs: Sequence[Sequence[Any]],
) -> None:  # fmt: skip
    """Give the learner a card in ``memory``'s state with its replayed answers.

    ``logs`` rows hold LOG_COLUMNS' values after card_id and learner_id.
    """
    card_id = run(
        session,
        insert(Card)
        .values(learner_id=learner_id, question_id=question_id, suspended=False,
                **{name: memory[name] for name in MEMORY_COLUMNS})  # fmt: skip
        .returning(Card.id),
    ).scalar_one()
    rows = [(card_id, learner_id, *log) for log in logs]
    insert_rows(session, ReviewLog, LOG_COLUMNS, rows)


def questions_imported_from(session: Session, path: str) -> int:
    """How many questions finished imports of the file at ``path`` put in the bank."""
    statement = (
        select(func.count())
        .select_from(Question)
        .join(ImportBatch, ImportBatch.id == Question.import_batch_id)
        .where(ImportBatch.path == path, ImportBatch.finished_at.is_not(None))
    )
    return int(run(session, statement).scalar_one())

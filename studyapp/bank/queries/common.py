"""What every query shares: running a statement, and which questions the learner may see."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, CursorResult, Executable, case, func, or_, select
from sqlalchemy.orm import Session

from studyapp.bank.models import ImportBatch, Question


def run(session: Session, statement: Executable, params: Any = None) -> CursorResult[Any]:
    """Execute a Core statement on the session's connection, in its transaction.

    Going through the connection skips the ORM's per-statement machinery, which cost
    more than SQLite's own work for the small look-ups of the review queue.
    """
    return session.connection().execute(statement, params)


def counted(condition: ColumnElement[bool]) -> Any:
    """How many rows meet ``condition``: sum(CASE …), which every SQL database runs."""
    return func.sum(case((condition, 1), else_=0))


def unfinished_batches() -> Any:
    """The ids of import batches still writing their rows (a subquery)."""
    return select(ImportBatch.id).where(ImportBatch.finished_at.is_(None))


def published(question: Any = Question) -> ColumnElement[bool]:
    """True for a question the learner may see: not part of an import still being written.

    An import commits its rows in short chunks so that answers never wait long for the
    write lock; its batch is marked finished in the last one, and until then every page
    leaves its questions (and their cards) out, so the import lands whole or not at all.
    """
    return or_(
        question.import_batch_id.is_(None),
        question.import_batch_id.not_in(unfinished_batches()),
    )


def visibility(session: Session) -> list[ColumnElement[bool]]:
    """``[published()]`` while an import is being written, else nothing to check.

    For the statements that read every question: checking each row against the unfinished
    batches costs about a tenth of such a scan, and almost always there are none.
    """
    pending = session.connection().execute(unfinished_batches().limit(1)).first()
    return [] if pending is None else [published()]

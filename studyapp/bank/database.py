"""The SQLite engine (WAL, foreign keys), sessions, and opening a bank safely."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Select, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from studyapp.core.errors import DatabaseError

SQLITE_HEADER = b"SQLite format 3\x00"


def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # NORMAL in WAL mode survives any crash or kill of the process: a committed
    # transaction is in the WAL file before COMMIT returns; only a power cut
    # could lose the last few. FULL would cost an fsync per answer.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def check_readable(path: Path) -> None:
    """Raise DatabaseError if ``path`` exists but is not a readable SQLite bank; never writes."""
    if not path.exists():
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise DatabaseError(str(path), f"cannot read the question bank: {error.strerror}") from None
    if header and header != SQLITE_HEADER:
        raise DatabaseError(str(path), "this file is not an SQLite database (it may be damaged)")
    if not header:
        return  # an empty file is a new bank
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise DatabaseError(str(path), f"the question bank is damaged: {error}") from None
    except UnicodeDecodeError:  # SQLite's message quotes non-UTF-8 bytes of a damaged schema
        raise DatabaseError(
            str(path), "the question bank is damaged: its schema is unreadable"
        ) from None


def check_writable(path: Path) -> None:
    """Raise DatabaseError when the bank or its folder is read-only (a read-only disk or rights).

    Checked first: SQLite in WAL mode cannot even read a bank whose folder is read-only,
    and its "unable to open database file" would wrongly suggest a damaged bank.
    """
    folder = path.parent
    if folder.is_dir() and not os.access(folder, os.W_OK):
        raise DatabaseError(
            str(path),
            f"the data folder {folder} is read-only; StudyApp needs to write there"
            " (make it writable, or choose another folder with --data-dir)",
        )
    if path.exists() and not os.access(path, os.W_OK):
        raise DatabaseError(str(path), "the question bank file is read-only; make it writable")


def storage_problem(error: BaseException) -> str | None:
    """What a failed SQLite write means in words ("the disk is full"), or None if not storage."""
    name = getattr(getattr(error, "orig", error), "sqlite_errorname", "") or ""
    if name == "SQLITE_FULL":
        return "the disk is full"
    if name.startswith("SQLITE_READONLY"):
        return "the question bank cannot be written (read-only)"
    if name.startswith("SQLITE_IOERR"):
        return "the disk refused the write (it may be full or failing)"
    return None


@dataclass
class Bank:
    """An open question bank: its file, engine and session factory."""

    path: Path
    engine: Engine
    sessions: sessionmaker[Session]

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work commits on success and rolls back on any exception.

        A write the disk refuses (full, read-only, failing) raises DatabaseError
        with a message a learner can act on; the transaction is rolled back.
        """
        try:
            with self.sessions.begin() as session:
                yield session
        except OperationalError as error:
            problem = storage_problem(error)
            if problem is None:
                raise
            raise DatabaseError(str(self.path), f"{problem}; nothing was saved") from error

    def close(self) -> None:
        """Release every connection (and so the WAL's shared memory)."""
        self.engine.dispose()


def query_dict(session: Session, statement: Select[tuple[Any, Any]]) -> dict[Any, Any]:
    """The rows of a two-column query as a dict (first column to second)."""
    return {key: value for key, value in session.execute(statement)}


def create_bank_engine(path: Path) -> Engine:
    """An engine for the SQLite file at ``path`` with our pragmas on every connection."""
    engine = create_engine(f"sqlite+pysqlite:///{path}")
    event.listen(engine, "connect", _on_connect)
    return engine


def open_bank(path: Path, migrate: bool = True) -> Bank:
    """Open (creating if needed) the bank at ``path`` and bring its schema to head.

    Raises DatabaseError, leaving the file untouched, when it is not a healthy
    SQLite file or its schema is newer than this version of StudyApp.
    """
    check_writable(path)
    check_readable(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseError(str(path), f"cannot create the data folder: {error.strerror}") from None
    engine = create_bank_engine(path)
    if migrate:
        from studyapp.bank.backups import backup_before_migration
        from studyapp.bank.migrations import upgrade_to_head

        try:
            upgrade_to_head(engine, path, before_upgrade=backup_before_migration)
        except Exception:
            engine.dispose()
            raise
    return Bank(path=path, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))

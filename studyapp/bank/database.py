"""The SQLite engine (WAL, foreign keys), sessions, and opening a bank safely."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
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
        raise DatabaseError(str(path), "the question bank is damaged: its schema is unreadable") from None


@dataclass
class Bank:
    """An open question bank: its file, engine and session factory."""

    path: Path
    engine: Engine
    sessions: sessionmaker[Session]

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work commits on success and rolls back on any exception."""
        with self.sessions.begin() as session:
            yield session

    def close(self) -> None:
        """Release every connection (and so the WAL's shared memory)."""
        self.engine.dispose()


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

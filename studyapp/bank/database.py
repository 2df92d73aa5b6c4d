"""The SQLite engine (WAL, foreign keys), read and write transactions, and opening a bank safely."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from studyapp.core.errors import BankBusy, DatabaseError

__all__ = ["Bank", "Session", "open_bank"]

SQLITE_HEADER = b"SQLite format 3\x00"
SYNCHRONOUS = ("NORMAL", "FULL")
# How long a write waits for another writer (another import, another StudyApp) to finish.
# Background work can wait; an answer given on the UI thread waits at most a moment, then
# reports the bank busy instead of freezing the window (imports commit in short chunks,
# so in practice an answer waits one chunk: see bench/study.py).
BACKGROUND_WAIT = 60.0
INTERACTIVE_WAIT = 1.0
_POLL = 0.001  # seconds between two attempts at the write lock
_BUSY_CODES = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
_WAIT_OPTION = "studyapp_write_wait"
BULK_CACHE_KIB = -65536  # a bulk writer's page cache (negative: KiB), 64 MiB


def _connect_pragmas(synchronous: str):  # type: ignore[no-untyped-def]
    def on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Transactions are begun by _on_begin below, not by the driver's guesswork, so a
        # read is one snapshot and a write holds the write lock from its first statement.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # First: switching a new file to WAL needs a lock another process may hold a moment.
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL mode survives any crash or kill of the process: a committed
        # transaction is in the WAL file before COMMIT returns; only a power cut
        # could lose the last few. FULL costs an fsync per answer (bench/study.py).
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.close()

    return on_connect


def begin_write(driver: sqlite3.Connection, wait: float, path: object = "") -> None:
    """BEGIN IMMEDIATE on ``driver``, trying every millisecond for up to ``wait`` seconds.

    SQLite's own busy handler backs off to 100 ms sleeps, so a writer that commits in
    short chunks could keep it out for long; trying often gets in at the first gap.

    Raises:
        BankBusy: the write lock stayed taken for ``wait`` seconds.
    """
    deadline = time.monotonic() + wait
    driver.execute("PRAGMA busy_timeout=0")
    try:
        while True:
            try:
                driver.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if getattr(error, "sqlite_errorcode", None) not in _BUSY_CODES:
                    raise
                if time.monotonic() >= deadline:
                    raise BankBusy(
                        str(path),
                        "the question bank is busy with another task (an import?); nothing"
                        " was saved, try again in a moment",
                    ) from None
                time.sleep(_POLL)
    finally:
        driver.execute("PRAGMA busy_timeout=5000")


def _on_begin(connection: Connection) -> None:
    driver = connection.connection.driver_connection
    if driver is None or driver.in_transaction:  # type: ignore[union-attr]
        return
    wait = connection.get_execution_options().get(_WAIT_OPTION)
    if wait is None:
        driver.execute("BEGIN")  # type: ignore[union-attr]
    else:
        begin_write(driver, float(wait), connection.engine.url.database or "")  # type: ignore[arg-type]


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
    """An open question bank: its file, engine and session factory.

    ``transaction()`` writes (one at a time, across processes), ``reading()`` reads one
    consistent snapshot and never waits for a writer.
    """

    path: Path
    engine: Engine
    sessions: sessionmaker[Session]

    @contextmanager
    def transaction(self, wait: float = BACKGROUND_WAIT) -> Iterator[Session]:
        """A write session: commits on success, rolls back on any exception.

        It holds the write lock from its start (BEGIN IMMEDIATE), so what it reads stays
        true until it commits; it waits at most ``wait`` seconds for another writer.

        Raises:
            BankBusy: another writer kept the lock for ``wait`` seconds; nothing was saved.
            DatabaseError: the disk refused the write (full, read-only, failing), with a
                message a learner can act on; the transaction is rolled back.
        """
        with self._storage_errors(), self.sessions.begin() as session:
            session.connection(execution_options={_WAIT_OPTION: wait})
            yield session

    @contextmanager
    def _storage_errors(self) -> Iterator[None]:
        try:
            yield
        except OperationalError as error:
            problem = storage_problem(error)
            if problem is None:
                raise
            raise DatabaseError(str(self.path), f"{problem}; nothing was saved") from error

    @contextmanager
    def chunks(self, wait: float = BACKGROUND_WAIT) -> Iterator[ChunkWriter]:
        """One connection for many short write transactions (a bulk import, chunk by chunk).

        Keeping one connection keeps its page cache, which is made big meanwhile: the
        indexes a chunk updates are then still in memory for the next one.
        """
        with self.engine.connect() as connection:
            connection.execution_options(**{_WAIT_OPTION: wait})
            driver = connection.connection.driver_connection
            sqlite = connection.dialect.name == "sqlite"
            if sqlite:
                driver.execute(f"PRAGMA cache_size={BULK_CACHE_KIB}")  # type: ignore[union-attr]
            try:
                yield ChunkWriter(self, connection)
            finally:
                if sqlite:
                    driver.execute("PRAGMA cache_size=-2000")  # type: ignore[union-attr]

    @contextmanager
    def answering(self) -> Iterator[Session]:
        """A write the learner is waiting for on screen: waits at most INTERACTIVE_WAIT."""
        with self.transaction(INTERACTIVE_WAIT) as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only session on one snapshot of the bank; rolled back when done."""
        with self.sessions() as session:
            yield session

    def analyze(self) -> None:
        """Gather the query planner's statistics (ANALYZE), as PRAGMA optimize does over time.

        For benchmarks and tests that load a bank in bulk and must compare like with like.
        """
        with self.engine.connect() as connection:
            connection.execution_options(**{_WAIT_OPTION: BACKGROUND_WAIT})
            connection.exec_driver_sql("ANALYZE")
            connection.commit()

    def close(self) -> None:
        """Release every connection (and so the WAL's shared memory)."""
        self.engine.dispose()


@dataclass
class ChunkWriter:
    """Short write transactions on one connection (see Bank.chunks)."""

    bank: Bank
    connection: Connection

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One chunk: a write session that commits on success, rolls back on any exception."""
        with (
            self.bank._storage_errors(),
            Session(bind=self.connection) as session,
            session.begin(),
        ):
            yield session


def create_bank_engine(path: Path, synchronous: str = "NORMAL") -> Engine:
    """An engine for the SQLite file at ``path`` with our pragmas and transactions."""
    if synchronous not in SYNCHRONOUS:
        raise ValueError(f"synchronous must be one of {SYNCHRONOUS}")
    engine = create_engine(f"sqlite+pysqlite:///{path}")
    event.listen(engine, "connect", _connect_pragmas(synchronous))
    event.listen(engine, "begin", _on_begin)
    return engine


def open_bank(path: Path, migrate: bool = True, synchronous: str = "NORMAL") -> Bank:
    """Open (creating if needed) the bank at ``path`` and bring its schema to head.

    ``synchronous`` FULL makes every commit wait for an fsync (the benchmark's
    like-for-like comparison with Anki); NORMAL is the app's choice.

    Raises DatabaseError, leaving the file untouched, when it is not a healthy
    SQLite file or its schema is newer than this version of StudyApp.
    """
    check_writable(path)
    check_readable(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseError(str(path), f"cannot create the data folder: {error.strerror}") from None
    engine = create_bank_engine(path, synchronous)
    if migrate:
        from studyapp.bank.backups import backup_before_migration
        from studyapp.bank.migrations import upgrade_to_head

        try:
            upgrade_to_head(engine, path, before_upgrade=backup_before_migration)
        except Exception:
            engine.dispose()
            raise
    return Bank(path=path, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))

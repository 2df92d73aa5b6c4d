"""A bank in one SQLite file: WAL, foreign keys, one writer at a time, a file lock for imports.

Everything that differs between engines has one home per engine: this module for SQLite,
``server_store`` for PostgreSQL. ``database.open_bank`` picks one; nothing else asks
which engine it is on.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event

from studyapp.core.errors import BankBusy, DatabaseError

SQLITE_HEADER = b"SQLite format 3\x00"
SYNCHRONOUS = ("NORMAL", "FULL")
_POLL = 0.001  # seconds between two attempts at the write lock
_BUSY_CODES = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
BULK_CACHE_KIB = -65536  # a bulk writer's page cache (negative: KiB), 64 MiB


def _connect_pragmas(synchronous: str):  # type: ignore[no-untyped-def]
    def on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Transactions are begun by SqliteStore.begin, not by the driver's guesswork, so a
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


def stored_revision(path: Path) -> str | None:
    """The bank's revision read with plain sqlite3, without importing Alembic."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None
    finally:
        connection.close()
    return row[0] if row else None


class SqliteStore:
    """The SQLite file at ``path``: what a Bank needs to know that is SQLite's own."""

    server = False
    away = None  # a file is never away

    def __init__(self, path: Path, synchronous: str = "NORMAL"):
        if synchronous not in SYNCHRONOUS:
            raise ValueError(f"synchronous must be one of {SYNCHRONOUS}")
        self.path = Path(path)
        self.location = str(self.path)
        self.synchronous = synchronous

    def prepare(self) -> None:
        """Check the file can be used, and make its folder; never writes to the file."""
        check_writable(self.path)
        check_readable(self.path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseError(
                str(self.path), f"cannot create the data folder: {error.strerror}"
            ) from None

    def create_engine(self) -> Engine:
        engine = create_engine(f"sqlite+pysqlite:///{self.path}")
        event.listen(engine, "connect", _connect_pragmas(self.synchronous))
        return engine

    def begin(self, driver: Any, purpose: str | None, wait: float) -> None:
        """Begin a transaction: a read is a snapshot; every write holds the one write lock."""
        if driver.in_transaction:
            return
        if purpose is None or purpose == "stage":
            # A read, or a write to this connection's temporary tables only (an import's
            # staged rows): neither needs the bank's one write lock.
            driver.execute("BEGIN")
        else:
            begin_write(driver, wait, self.path)

    def problem(self, error: BaseException) -> DatabaseError | None:
        """The failed write in a learner's words, or None when it is not about storage."""
        found = storage_problem(error)
        return None if found is None else DatabaseError(self.location, f"{found}; nothing was saved")

    @contextmanager
    def bulk(self, connection: Connection) -> Iterator[None]:
        """A bulk writer's connection keeps a big page cache while it writes."""
        driver = connection.connection.driver_connection
        driver.execute(f"PRAGMA cache_size={BULK_CACHE_KIB}")  # type: ignore[union-attr]
        try:
            yield
        finally:
            driver.execute("PRAGMA cache_size=-2000")  # type: ignore[union-attr]

    # -- migrations ------------------------------------------------------------------------
    def stored_revision(self, _engine: Engine) -> str | None:
        return stored_revision(self.path)

    def before_upgrade(self) -> None:
        """A verified backup before any schema change: a bank that cannot be backed up is
        left byte for byte."""
        from studyapp.bank.backups import backup_before_migration

        backup_before_migration(self.path)

    @contextmanager
    def upgrading(self, connection: Connection) -> Iterator[None]:
        """Around the upgrade's transaction: foreign keys off, checked once at the end.

        A batch migration rebuilds a table on SQLite (copy, DROP, rename); with foreign
        keys on, the DROP cascades and deletes every card and review of the old rows. The
        pragma only takes effect outside a transaction, so it is set before BEGIN.
        """
        driver = connection.connection.driver_connection
        driver.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            yield
        finally:
            driver.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]

    def check_upgraded(self, connection: Connection) -> None:
        """Refuse an upgrade that would leave rows pointing at missing rows."""
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise DatabaseError(
                self.location,
                f"the upgrade would leave {len(broken)} rows pointing at missing rows;"
                " nothing was changed",
            )

    # -- one import at a time --------------------------------------------------------------
    def import_lock(self) -> Any:
        """A lock file beside the bank, freed by the system when a process dies."""
        from studyapp.bank.locks import FileLock

        return FileLock(self.path)

    def identity(self, _engine: Engine) -> tuple[str | None, bool]:
        """A local file has no roles: whoever opens it may change everything."""
        return None, True

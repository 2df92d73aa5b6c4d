"""The open bank: read and write transactions, and opening a bank safely, on either engine.

A bank is an SQLite file (the default, ``sqlite_store``) or a database on a PostgreSQL
server that a class shares (``server_store``). Each store holds what its engine does its
own way; this module holds what they share and never asks which one it has.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from studyapp.bank.sqlite_store import SqliteStore
from studyapp.core.errors import DatabaseError

if TYPE_CHECKING:
    # A server bank's store (and psycopg, ~75 ms to import) is loaded only for a server.
    from studyapp.bank.outbox import Outbox
    from studyapp.bank.server_store import ServerStore

    Store = SqliteStore | ServerStore

__all__ = ["Bank", "Session", "is_server_url", "open_bank"]
# How long a write waits for another writer (another import, another StudyApp) to finish.
# Background work can wait; an answer given on the UI thread waits at most a moment, then
# reports the bank busy instead of freezing the window (imports commit in short chunks,
# so in practice an answer waits one chunk: see bench/study.py).
BACKGROUND_WAIT = 60.0
INTERACTIVE_WAIT = 1.0
MIGRATION_WAIT = 120.0  # another process may be migrating (and backing up) a big bank
# What a transaction is for, as an execution option: None reads; "write" changes shared
# material; "answer" records a learner's own work; "migrate" upgrades the schema.
_PURPOSE = "studyapp_purpose"
_WAIT = "studyapp_write_wait"


def write_options(purpose: str, wait: float) -> dict[str, object]:
    """Execution options for a connection whose transactions write for ``purpose``."""
    return {_WAIT: wait, _PURPOSE: purpose}


def is_server_url(location: str | Path) -> bool:
    """True when ``location`` names a database server (a URL), not a file."""
    return isinstance(location, str) and "://" in location


def shown_location(url: str) -> str:
    """A server URL as messages show it (password hidden), or as given when it is no URL."""
    from studyapp.bank.server_store import ServerStore

    try:
        return ServerStore(url).location
    except DatabaseError:
        return url


def _begin_with(store: Store):  # type: ignore[no-untyped-def]
    """The engine's "begin" hook: the store begins the transaction its purpose needs."""

    def on_begin(connection: Connection) -> None:
        options = connection.get_execution_options()
        wait = options.get(_WAIT)
        purpose = options.get(_PURPOSE, "write") if wait is not None else None
        store.begin(connection.connection.driver_connection, purpose, float(wait or 0))

    return on_begin


@dataclass
class Bank:
    """An open question bank: its store (file or server), engine and session factory.

    ``transaction()`` writes, ``answering()`` records a learner's answer, ``reading()``
    reads one consistent snapshot and never waits for a writer. ``role`` is the signed-in
    PostgreSQL role (None for a local file) and ``teacher`` whether it may change the
    shared material; ``outbox`` keeps answers while a server cannot be reached.

    ``interactive_thread`` (the UI's) never waits for a server that does not answer: its
    transactions fail at once with BankUnreachable while the server is known to be away,
    and wait at most a moment for a connection otherwise (see server_store); only
    ``check_server``, in the background, finds the server back.
    """

    store: Store
    engine: Engine
    sessions: sessionmaker[Session]
    role: str | None = None
    teacher: bool = True
    outbox: Outbox | None = field(default=None, repr=False)
    interactive_thread: int | None = None

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a bank on a server."""
        return self.store.path

    @property
    def location(self) -> str:
        """The file or the server (password hidden), as messages name the bank."""
        return self.store.location

    @property
    def on_server(self) -> bool:
        """True for a bank on a PostgreSQL server."""
        return self.store.server

    @contextmanager
    def transaction(self, wait: float = BACKGROUND_WAIT) -> Iterator[Session]:
        """A write session: commits on success, rolls back on any exception.

        It holds the write lock from its start (BEGIN IMMEDIATE; an advisory lock on a
        server), so what it reads stays true until it commits; it waits at most ``wait``
        seconds for another writer.

        Raises:
            BankBusy: another writer kept the lock for ``wait`` seconds; nothing was saved.
            BankUnreachable: the server went away; nothing was saved (or, when it went
                during COMMIT, perhaps it was: answers carry ids for that).
            NotAllowed: the server refused the change for this role.
            DatabaseError: the disk refused the write (full, read-only, failing), with a
                message a learner can act on; the transaction is rolled back.
        """
        with self._problems(), self.sessions.begin() as session:
            session.connection(execution_options=write_options("write", wait))
            yield session

    @contextmanager
    def answering(self) -> Iterator[Session]:
        """A write of the learner's own work, waited for on screen: at most INTERACTIVE_WAIT.

        On SQLite it is a write like any other; on a server it waits only for the same
        role's other answers, never for an import or for other learners.
        """
        with self._problems(), self.sessions.begin() as session:
            session.connection(execution_options=write_options("answer", INTERACTIVE_WAIT))
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only session on one snapshot of the bank; rolled back when done."""
        with self._problems(), self.sessions() as session:
            yield session

    @property
    def server_away(self) -> str | None:
        """Why the bank's server is known to be unreachable; None while it is not."""
        return self.store.away

    def check_server(self) -> bool:
        """True when the bank is reachable; on a server, connect to find out, waiting up to
        the connect timeout (never on the UI thread). Ends ``server_away`` when it is back."""
        return self.store.check(self.engine) if self.store.server else True

    @contextmanager
    def _problems(self) -> Iterator[None]:
        if self.store.server and threading.get_ident() == self.interactive_thread:
            self.store.reach_quickly(self.engine)
        try:
            yield
        except DBAPIError as error:
            problem = self.store.problem(error)
            if problem is None:
                raise
            if self.store.server:
                self.store.went_away(problem)
            raise problem from error

    @contextmanager
    def chunks(self, wait: float = BACKGROUND_WAIT) -> Iterator[ChunkWriter]:
        """One connection for many short write transactions (a bulk import, chunk by chunk).

        Keeping one connection keeps its page cache, which SQLite makes big meanwhile: the
        indexes a chunk updates are then still in memory for the next one.
        """
        with self._problems(), self.engine.connect() as connection:
            connection.execution_options(**write_options("write", wait))
            with self.store.bulk(connection):
                yield ChunkWriter(self, connection)

    def analyze(self) -> None:
        """Gather the query planner's statistics (ANALYZE), as PRAGMA optimize does over time.

        For benchmarks and tests that load a bank in bulk and must compare like with like.
        """
        with self._problems(), self.engine.connect() as connection:
            connection.execution_options(**write_options("write", BACKGROUND_WAIT))
            connection.exec_driver_sql("ANALYZE")
            connection.commit()

    def close(self) -> None:
        """Release every connection (and so SQLite's WAL shared memory)."""
        self.engine.dispose()


@dataclass
class ChunkWriter:
    """Short write transactions on one connection (see Bank.chunks)."""

    bank: Bank
    connection: Connection

    @contextmanager
    def staging(self) -> Iterator[Session]:
        """A transaction that writes only this connection's temporary tables.

        It takes no write lock (SQLite) and no content lock (a server): rows staged here are
        private to the connection, and cost nobody a wait until a chunk copies them over.
        """
        wait = self.connection.get_execution_options().get(_WAIT, BACKGROUND_WAIT)
        self.connection.execution_options(**write_options("stage", wait))
        try:
            with self.transaction() as session:
                yield session
        finally:
            self.connection.execution_options(**write_options("write", wait))

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One chunk: a write session that commits on success, rolls back on any exception."""
        with (
            self.bank._problems(),
            Session(bind=self.connection) as session,
            session.begin(),
        ):
            yield session


def _engine(store: Store) -> Engine:
    engine = store.create_engine()
    event.listen(engine, "begin", _begin_with(store))
    return engine


def open_bank(location: Path | str, migrate: bool = True, synchronous: str = "NORMAL") -> Bank:
    """Open the bank at ``location`` and bring its schema to head.

    ``location`` is the SQLite file (created if needed) or a server's URL,
    ``postgresql+psycopg://USER@HOST/DATABASE``. ``synchronous`` FULL makes every SQLite
    commit wait for an fsync (the benchmark's like-for-like comparison with Anki); NORMAL
    is the app's choice.

    Raises:
        DatabaseError: leaving the bank untouched, when the file is not a healthy SQLite
            file, the server cannot be reached or refuses the role, or the schema is
            newer than this version of StudyApp.
    """
    store: Store
    if is_server_url(location):
        from studyapp.bank.server_store import ServerStore

        store = ServerStore(str(location))
    else:
        store = SqliteStore(Path(location), synchronous)
    store.prepare()
    engine = _engine(store)
    try:
        if migrate:
            from studyapp.bank.migrations import upgrade_to_head

            upgrade_to_head(engine, store)
        role, teacher = store.identity(engine)
    except Exception:
        engine.dispose()
        raise
    return Bank(
        store=store,
        engine=engine,
        sessions=sessionmaker(engine, expire_on_commit=False),
        role=role,
        teacher=teacher,
    )



@dataclass(frozen=True)
class ServerProbe:
    """What a server bank holds, seen without changing anything: the role signed in, whether
    it may change shared material (on an empty database: create the tables), the schema
    revision (None: an empty database)."""

    location: str
    role: str
    teacher: bool
    revision: str | None


def probe_server(url: str) -> ServerProbe:
    """Connect to the server bank at ``url`` and look, changing nothing (Test connection).

    Raises:
        DatabaseError: the URL is no PostgreSQL URL, or the server is unreachable or
            refuses the role, in words a teacher can act on.
    """
    from studyapp.bank.server_store import ServerStore

    store = ServerStore(url)
    engine = _engine(store)
    try:
        revision = store.stored_revision(engine)
        if revision is None:
            role, teacher = store.setup_rights(engine)
        else:
            signed_in, teacher = store.identity(engine)
            role = signed_in or ""
    finally:
        engine.dispose()
    return ServerProbe(store.location, role, teacher, revision)

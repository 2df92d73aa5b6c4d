"""A bank on a PostgreSQL server (psycopg 3): a class shares it, each learner as a role.

What differs from an SQLite file, in one place:
- **Writers.** SQLite lets one writer in at a time; a server lets everyone write at once.
  Shared material (articles, decks, questions, imports) still takes one advisory lock,
  so what a writer reads stays true until it commits, as on SQLite. An answer takes a
  lock of its role only: learners never wait for each other or for the teacher's import.
- **Reads** are one REPEATABLE READ READ ONLY snapshot, as an SQLite read transaction is.
- **Who may do what** is the server's business: row-level security (migration 0005)
  keeps each learner to their own cards, reviews and quiz attempts. ``identity`` tells
  the app who is signed in and whether that role may change the shared material.
- **Failures** become messages: the server gone (BankUnreachable), a lock not granted in
  time (BankBusy), a change the role may not make (NotAllowed).
- **Never block the UI.** A server that stopped answering makes a connection wait up to
  CONNECT_TIMEOUT. So the thread the learner waits on (``Bank.interactive_thread``) never
  waits for one: while the server is known to be away (``away``) its transactions fail at
  once; otherwise ``reach_quickly`` gets a connection in a helper thread and waits at most
  INTERACTIVE_CONNECT for it, else calls the server away. Only ``check`` (run in the
  background) says it is back; background work always tries the server itself.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import unquote

import psycopg
from sqlalchemy import Connection, Engine, create_engine, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, DBAPIError

from studyapp.core.errors import BankBusy, BankUnreachable, DatabaseError, NotAllowed

DRIVER = "postgresql+psycopg"
# Advisory locks are (namespace, key) pairs of int4, per database.
LOCKS = 0x5354  # "ST"
MIGRATION_LOCK, CONTENT_LOCK, IMPORT_LOCK = 1, 2, 3
ANSWER_LOCKS = 0x5355  # (ANSWER_LOCKS, hashtext(current_user)): one role's answers in turn
CONNECT_TIMEOUT = 5  # seconds: an unreachable server is reported, not waited for
# Seconds the UI thread waits for a connection (pooled and pinged, or new) before it calls the
# server away; a slow link is not lost for it: the background check pools one for the UI.
INTERACTIVE_CONNECT = 0.2
# SQLSTATE classes and codes that mean "the server is not there (any more)".
_GONE_CLASSES = ("08",)  # connection exceptions
_GONE_CODES = ("57P01", "57P02", "57P03")  # admin shutdown, crash shutdown, cannot connect now
_LOCK_NOT_AVAILABLE = "55P03"
_INSUFFICIENT_PRIVILEGE = "42501"
_UNDEFINED_TABLE = "42P01"


def server_url(text_url: str) -> URL:
    """The SQLAlchemy URL of a PostgreSQL bank; ``postgresql://`` means psycopg 3 too.

    Raises:
        DatabaseError: the text is not a PostgreSQL URL.
    """
    try:
        url = make_url(text_url.strip())
    except ArgumentError:
        raise DatabaseError(
            text_url, "not a database URL; write postgresql+psycopg://USER@HOST/DATABASE"
        ) from None
    if url.drivername in ("postgresql", "postgres", "postgresql+psycopg"):
        return url.set(drivername=DRIVER)
    raise DatabaseError(
        url.render_as_string(hide_password=True),
        "a shared bank lives on a PostgreSQL server: postgresql+psycopg://USER@HOST/DATABASE",
    )


def shown(url: URL) -> str:
    """The URL as messages show it: the password hidden, a socket folder as it is written."""
    return unquote(url.render_as_string(hide_password=True))


def _state(error: BaseException) -> str:
    original = getattr(error, "orig", error)
    return getattr(original, "sqlstate", None) or ""


def _first_line(error: BaseException) -> str:
    original = getattr(error, "orig", error)
    return (str(original).strip().splitlines() or ["no reason given"])[0]


def is_gone(error: BaseException) -> bool:
    """True when ``error`` says the server cannot be reached or dropped the connection."""
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return True
    original = getattr(error, "orig", error)
    if not isinstance(original, psycopg.OperationalError | psycopg.InterfaceError):
        return False
    state = _state(error)
    if state:
        return state.startswith(_GONE_CLASSES) or state in _GONE_CODES
    # No code: libpq's own failure (nobody answered), or a server refusing the connection
    # ("FATAL: database … does not exist"), which is no outage unless it is restarting.
    message = str(original)
    return "FATAL:" not in message or "the database system is" in message


class ServerStore:
    """The PostgreSQL database at ``url``: what a Bank needs to know that is the server's own."""

    server = True
    path = None

    def __init__(self, url: str | URL):
        self.url = url if isinstance(url, URL) else server_url(url)
        self.location = shown(self.url)
        self.away: str | None = None  # why the server is known unreachable, until checked back

    def prepare(self) -> None:
        """Nothing to check before connecting: the first connection says all."""

    def create_engine(self) -> Engine:
        self.engine = create_engine(
            self.url,
            # A connection the server dropped (restart, network) is replaced, not used.
            pool_pre_ping=True,
            # The connection the UI's check just pinged is the one its transaction gets.
            pool_use_lifo=True,
            connect_args={
                "connect_timeout": CONNECT_TIMEOUT,
                # Sent data unacknowledged this long (the host vanished) drops the
                # connection, instead of TCP's retries for many minutes.
                "tcp_user_timeout": CONNECT_TIMEOUT * 1000,
                "application_name": "StudyApp",
            },
        )
        return self.engine

    # -- reachable or away -----------------------------------------------------------------
    def went_away(self, problem: DatabaseError | None) -> None:
        """Remember that the server is away when ``problem`` (met by any transaction) says so."""
        if isinstance(problem, BankUnreachable):
            self.away = problem.reason

    def reach_quickly(self, engine: Engine, within: float = INTERACTIVE_CONNECT) -> None:
        """Raise BankUnreachable at once while the server is away, or when no connection is
        had within ``within`` seconds; the connection found stays in the pool for the caller."""
        if self.away is not None:
            raise BankUnreachable(self.location, self.away)
        done = threading.Event()
        failed: list[BaseException] = []

        def connect() -> None:  # left to finish on its own when the caller stops waiting
            try:
                with engine.connect():
                    pass
            except Exception as error:  # handed to the waiting thread
                failed.append(error)
            done.set()

        threading.Thread(target=connect, name="studyapp-reach", daemon=True).start()
        if not done.wait(within):
            self.away = f"the server did not answer within {within:g} s; nothing was saved"
            raise BankUnreachable(self.location, self.away)
        problem = self.problem(failed[0]) if failed else None
        if isinstance(problem, BankUnreachable):
            self.went_away(problem)
            raise problem
        # Anything else (a refused role, a bug) is met again, and reported, by the caller.

    def check(self, engine: Engine) -> bool:
        """Connect, waiting up to CONNECT_TIMEOUT (so only in the background): True, and no
        longer away, when the server answers; False while it cannot be reached."""
        try:
            with engine.connect() as connection:
                connection.exec_driver_sql("SELECT 1")
                connection.rollback()
        except DBAPIError as error:
            problem = self.connect_problem(error)
            if not isinstance(problem, BankUnreachable):
                raise problem from None
            self.went_away(problem)
            return False
        self.away = None
        return True

    def begin(self, driver: Any, purpose: str | None, wait: float) -> None:
        """Begin a transaction as the purpose needs; raise BankBusy or BankUnreachable."""
        try:
            if purpose is None:
                driver.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                return
            if purpose == "stage":
                return  # writes only this session's temporary tables: no lock to take
            lock = {
                "answer": f"{ANSWER_LOCKS}, hashtext(current_user)",
                "migrate": f"{LOCKS}, {MIGRATION_LOCK}",
            }.get(purpose, f"{LOCKS}, {CONTENT_LOCK}")
            # One round trip: the bound on waiting for locks (set_config(…, true) is SET LOCAL,
            # evaluated first as the FROM), then the lock.
            timeout = max(1, round(wait * 1000))
            driver.execute(
                f"SELECT pg_advisory_xact_lock({lock})"
                f" FROM (SELECT set_config('lock_timeout', '{timeout}', true)) AS bound"
            )
        except psycopg.Error as error:
            raise self.problem(error) or error from None

    def problem(self, error: BaseException) -> DatabaseError | None:
        """The failure in a learner's words, or None when it is a bug to report as it is."""
        state = _state(error)
        if state == _LOCK_NOT_AVAILABLE:
            return BankBusy(
                self.location,
                "the question bank is busy with another task (an import?); nothing was saved,"
                " try again in a moment",
            )
        if state == _INSUFFICIENT_PRIVILEGE:
            return NotAllowed(
                self.location,
                f"the server does not let {self.url.username or 'this role'} make this change"
                f" ({_first_line(error)}); only the teacher's role changes shared material",
            )
        if is_gone(error):
            return BankUnreachable(
                self.location,
                f"the server cannot be reached ({_first_line(error)}); nothing was saved",
            )
        return None

    @contextmanager
    def bulk(self, _connection: Connection) -> Iterator[None]:
        """Bulk writers need no setting of their own on a server."""
        yield

    # -- migrations ------------------------------------------------------------------------
    def stored_revision(self, engine: Engine) -> str | None:
        """The database's revision, None when it is empty; connecting reports a bad URL."""
        try:
            with engine.connect() as connection:
                return _revision(connection)
        except DBAPIError as error:
            raise self.connect_problem(error) from None

    def connect_problem(self, error: BaseException) -> DatabaseError:
        """Why connecting failed, in words: unreachable, refused, no such database."""
        found = self.problem(error)
        if found is not None:
            return found
        return DatabaseError(self.location, f"the server refused: {_first_line(error)}")

    def before_upgrade(self) -> None:
        """Backups of a server bank are the server's business (pg_dump): nothing here."""

    @contextmanager
    def upgrading(self, _connection: Connection) -> Iterator[None]:
        """DDL is transactional on PostgreSQL and foreign keys hold throughout."""
        yield

    def check_upgraded(self, _connection: Connection) -> None:
        """Foreign keys were enforced all along."""

    # -- one import at a time --------------------------------------------------------------
    def import_lock(self) -> AdvisoryImportLock:
        return AdvisoryImportLock(self)

    def setup_rights(self, engine: Engine) -> tuple[str, bool]:
        """On an empty database: the role signed in, and whether it may create the tables."""
        try:
            with engine.connect() as connection:
                row = connection.execute(
                    text("SELECT current_user, has_schema_privilege('public', 'CREATE')")
                ).one()
        except DBAPIError as error:
            raise self.connect_problem(error) from None
        return str(row[0]), bool(row[1])

    def identity(self, engine: Engine) -> tuple[str | None, bool]:
        """The signed-in role, and whether it may change shared material (the teacher)."""
        try:
            with engine.connect() as connection:
                row = connection.execute(
                    text("SELECT current_user, has_table_privilege('question', 'UPDATE')")
                ).one()
        except DBAPIError as error:
            raise self.connect_problem(error) from None
        return str(row[0]), bool(row[1])


class AdvisoryImportLock:
    """The import lock on a server: a session advisory lock on a connection of its own, so
    every computer of the class sees it and the server frees it if this one goes away."""

    def __init__(self, store: ServerStore):
        dialect = store.engine.dialect
        arguments, options = dialect.create_connect_args(store.url)
        try:
            self.connection = psycopg.connect(
                *arguments, **options, autocommit=True, connect_timeout=CONNECT_TIMEOUT,
                application_name="StudyApp",
            )  # fmt: skip
        except psycopg.Error as error:
            raise store.connect_problem(error) from None

    def try_acquire(self) -> bool:
        row = self.connection.execute(
            f"SELECT pg_try_advisory_lock({LOCKS}, {IMPORT_LOCK})"
        ).fetchone()
        return bool(row and row[0])

    def release(self) -> None:
        if not self.connection.closed:
            self.connection.execute(f"SELECT pg_advisory_unlock({LOCKS}, {IMPORT_LOCK})")

    def close(self) -> None:
        self.connection.close()


def _revision(connection: Connection) -> str | None:
    try:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError as error:
        if _state(error) == _UNDEFINED_TABLE:
            return None
        raise

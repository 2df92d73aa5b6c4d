"""Where a test's bank lives: an SQLite file, or a fresh database on a PostgreSQL server.

The server is $STUDYAPP_TEST_POSTGRES (a superuser's URL, as .ci/run exports) or a
throwaway cluster this module starts. On it, the teacher's role owns every test database
(an ordinary role, as in the README: row-level security applies to everyone else), and
each test database is a copy of one migrated template, so a test pays no migration.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
import throwaway_postgres
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

SERVER_ENV = "STUDYAPP_TEST_POSTGRES"
TEACHER = "studyapp_teacher"
LEARNERS_GROUP = "studyapp_learner"  # made by migration 0005


class PostgresServer:
    """A running PostgreSQL server the tests may create databases and roles on."""

    def __init__(self, admin_url: str):
        self.admin_url = make_url(admin_url).set(drivername="postgresql+psycopg")
        self.template = f"studyapp_template_{os.getpid()}"
        self._numbers = itertools.count(1)
        self._made: list[str] = []
        with self.admin() as admin:
            if not admin.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (TEACHER,)).fetchone():
                admin.execute(f"CREATE ROLE {TEACHER} LOGIN CREATEROLE")
            admin.execute(f"DROP DATABASE IF EXISTS {self.template}")
            admin.execute(f"CREATE DATABASE {self.template} OWNER {TEACHER}")
        from studyapp.bank.database import open_bank

        open_bank(self.url(self.template)).close()  # migrated once, copied per test

    def admin(self) -> psycopg.Connection[Any]:
        """An autocommit connection as the cluster's superuser."""
        arguments = self.admin_url.translate_connect_args(username="user", database="dbname")
        return psycopg.connect(**arguments, **self.admin_url.query, autocommit=True)  # type: ignore[arg-type]

    def url(self, database: str, role: str = TEACHER) -> str:
        """The URL of ``database`` for ``role`` (trusted on the throwaway cluster)."""
        return self.admin_url.set(database=database, username=role, password=None).render_as_string(
            hide_password=False
        )

    def new_database(self, migrated: bool = True, template: str | None = None) -> str:
        """A fresh database owned by the teacher: migrated to head, empty, or a copy of the
        database at the URL ``template``; its URL. Dropped at the end of the session."""
        name = f"studyapp_test_{os.getpid()}_{next(self._numbers)}"
        source = make_url(template).database if template else self.template if migrated else None
        with self.admin() as admin:
            admin.execute(
                f"CREATE DATABASE {name} OWNER {TEACHER}" + (f" TEMPLATE {source}" if source else "")
            )
        self._made.append(name)
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Drop a test database, ending whatever connections are left."""
        with self.admin() as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {make_url(url).database} WITH (FORCE)")

    def learner_role(self, name: str) -> None:
        """A learner's login role, as the README makes it (exists once per cluster)."""
        with self.admin() as admin:
            if not admin.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone():
                admin.execute(f"CREATE ROLE {name} LOGIN IN ROLE {LEARNERS_GROUP}")

    def close(self) -> None:
        with self.admin() as admin:
            for name in (*self._made, self.template):
                admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@contextlib.contextmanager
def postgres_server() -> Iterator[PostgresServer]:
    """$STUDYAPP_TEST_POSTGRES's server, or a throwaway cluster in a temporary folder; skips
    when neither is there, saying why."""
    given = os.environ.get(SERVER_ENV)
    folder: Path | None = None
    try:
        if given:
            admin_url = given
        else:
            # Not under pytest's tmp_path: that is private to root, and the server runs as
            # the postgres user when the tests run as root.
            folder = Path(tempfile.mkdtemp(prefix="studyapp-test-postgres-"))
            admin_url = throwaway_postgres.start(folder)
        server = PostgresServer(admin_url)
    except throwaway_postgres.Unavailable as error:
        if folder is not None:
            throwaway_postgres.remove(folder)
        pytest.skip(f"no PostgreSQL server for the server-bank tests: {error}")
    except psycopg.OperationalError as error:
        pytest.skip(f"no PostgreSQL server at {SERVER_ENV}: {error}")
    try:
        yield server
    finally:
        server.close()
        if folder is not None:
            throwaway_postgres.remove(folder)


@dataclass
class BankLocation:
    """One place a test's bank lives: the SQLite file, or a server database (URL)."""

    location: Path | str
    data_dir: Path
    server: PostgresServer | None = None

    @property
    def url(self) -> str | None:
        """The server URL (None for the SQLite file)."""
        return self.location if isinstance(self.location, str) and "://" in self.location else None

    def open(self, **options: Any):  # type: ignore[no-untyped-def]
        """open_bank on this location."""
        from studyapp.bank.database import open_bank

        return open_bank(self.location, **options)

    def cli_args(self) -> list[str]:
        """What `studyapp` needs on its command line to use this bank."""
        return [] if self.url is None else ["--bank", self.url]

    def rows(self, sql: str, **params: Any) -> list[tuple[Any, ...]]:
        """Plain SQL as the bank's owner (``:name`` parameters), outside the app."""
        return _plain_sql(self.url or f"sqlite:///{self.location}", sql, params)


def sql_rows(bank: Any, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    """Plain SQL on an open bank's database as its owner, outside the app (``:name``
    parameters); JSON comes back as text on both engines."""
    if bank.on_server:
        return _plain_sql(bank.store.url.render_as_string(hide_password=False), sql, params)
    return _plain_sql(f"sqlite:///{bank.path}", sql, params)


def _plain_sql(url: str, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as connection:
            result = connection.execute(text(sql), params)
            if not result.returns_rows:
                return []
            return [tuple(_as_text(value) for value in row) for row in result]
    finally:
        engine.dispose()


def _as_text(value: Any) -> Any:
    # psycopg hands json columns over parsed; sqlite3 as the text stored.
    return json.dumps(value) if isinstance(value, dict | list) else value


@contextlib.contextmanager
def private_server() -> Iterator[tuple[Path, PostgresServer]]:
    """A throwaway cluster of the test's own, which it may stop and start (its folder and
    server); skips, saying why, when none can be started here."""
    folder = Path(tempfile.mkdtemp(prefix="studyapp-test-outage-"))
    try:
        server = PostgresServer(throwaway_postgres.start(folder))
    except throwaway_postgres.Unavailable as error:
        throwaway_postgres.remove(folder)
        pytest.skip(f"no PostgreSQL cluster can be started for this test: {error}")
    try:
        yield folder, server
    finally:
        throwaway_postgres.remove(folder)

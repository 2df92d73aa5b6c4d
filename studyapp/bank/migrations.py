"""Alembic migrations, applied automatically when a bank is opened."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from studyapp.bank.database import MIGRATION_WAIT, write_options
from studyapp.bank.sqlite_store import SqliteStore, stored_revision
from studyapp.core.errors import DatabaseError
from studyapp.paths import migrations_dir

if TYPE_CHECKING:
    from studyapp.bank.server_store import ServerStore


def alembic_config():  # type: ignore[no-untyped-def]
    """An Alembic Config pointing at the bundled db/ folder (given a connection to run on)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


_REVISION = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*['\"]?([\w]+)", re.MULTILINE)


def head_revision() -> str:
    """The newest revision this version of StudyApp knows.

    Read from the version files' ``revision``/``down_revision`` lines: importing Alembic
    costs a warm start more than everything else the bank does (it is imported only
    when a migration has to run). Alembic decides whenever the files are not one line.
    """
    revisions: dict[str, str | None] = {}
    for script in migrations_dir().joinpath("versions").glob("*.py"):
        found = dict(match.groups() for match in _REVISION.finditer(script.read_text("utf-8")))
        if "revision" in found:
            below = found.get("down_revision")
            revisions[found["revision"]] = None if below in (None, "None") else below
    heads = set(revisions) - set(revisions.values())
    if len(heads) == 1 and None in revisions.values():
        return heads.pop()
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(path: Path) -> str | None:
    """An SQLite bank's revision read with plain sqlite3, without importing Alembic."""
    return stored_revision(path)


def known_revisions() -> set[str]:
    """Every revision in db/versions."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {revision.revision for revision in script.walk_revisions()}


def upgrade_to_head(engine: Engine, store: SqliteStore | ServerStore) -> bool:
    """Upgrade the bank to head; return True if a migration ran.

    An SQLite bank with data is backed up first (a bank that cannot be backed up is left
    byte for byte); a server's backups are its own business. A bank from a newer
    StudyApp is refused, not touched. Two processes (or two computers of a class)
    starting on one new bank take turns: the revision is read again once the migration
    lock is held (SQLite's write lock, PostgreSQL's advisory lock), so the second finds
    the work done.
    """
    current = store.stored_revision(engine)
    head = head_revision()
    if current == head:
        return False
    _refuse_newer(store.location, current)
    if current is not None:
        store.before_upgrade()
    from alembic import command

    config = alembic_config()
    with engine.connect() as connection:
        connection.execution_options(**write_options("migrate", MIGRATION_WAIT))
        # One transaction for the whole upgrade, DDL included, so a failed or killed
        # upgrade leaves nothing half done.
        with store.upgrading(connection), connection.begin():
            current = _revision_in(connection)
            if current == head:
                return False  # another process upgraded it meanwhile
            _refuse_newer(store.location, current)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            store.check_upgraded(connection)
    return True


def _refuse_newer(location: str, current: str | None) -> None:
    if current is not None and current not in known_revisions():
        raise DatabaseError(
            location,
            f"this bank was written by a newer StudyApp (schema {current}); update the app"
            " (nothing was opened or changed)",
        )


def _revision_in(connection: Connection) -> str | None:
    """The revision as this transaction sees it (None for a new bank)."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()

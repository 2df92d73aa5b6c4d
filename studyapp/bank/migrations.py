"""Alembic migrations, applied automatically when a bank is opened."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from sqlalchemy import Connection, Engine

from studyapp.core.errors import DatabaseError
from studyapp.paths import migrations_dir


def alembic_config(engine: Engine | None = None):  # type: ignore[no-untyped-def]
    """An Alembic Config pointing at the bundled db/ folder."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    if engine is not None:
        config.set_main_option("sqlalchemy.url", str(engine.url))
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


def known_revisions() -> set[str]:
    """Every revision in db/versions."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {revision.revision for revision in script.walk_revisions()}


def upgrade_to_head(engine: Engine, path: Path, before_upgrade=None) -> bool:  # type: ignore[no-untyped-def]
    """Upgrade the bank to head; return True if a migration ran.

    ``before_upgrade(path)`` runs first when the bank has data and needs migrating
    (the backup hook). A bank from a newer StudyApp is refused, not touched. Two
    processes starting on one new data folder take turns: the revision is read again
    once the write lock is held, so the second finds the work done.
    """
    current = current_revision(path)
    head = head_revision()
    if current == head:
        return False
    _refuse_newer(path, current)
    if current is not None and before_upgrade is not None:
        # Before the first connection: a bank that cannot be backed up is left byte for byte.
        before_upgrade(path)
    from alembic import command

    config = alembic_config(engine)
    with engine.connect() as connection:
        connection.execution_options(studyapp_write_wait=MIGRATION_WAIT)
        driver = connection.connection.driver_connection
        # A batch migration rebuilds a table on SQLite (copy, DROP, rename); with foreign keys
        # on, the DROP cascades and deletes every card and review of the old rows. The pragma
        # only takes effect outside a transaction, so it is set before BEGIN.
        driver.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            # One transaction (BEGIN IMMEDIATE, see database.py) for the whole upgrade: CREATE,
            # DROP and ALTER included, so a failed or killed upgrade leaves nothing half done.
            with connection.begin():
                current = _revision_in(connection)
                if current == head:
                    return False  # another process upgraded it meanwhile
                _refuse_newer(path, current)
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise DatabaseError(
                        str(path),
                        f"the upgrade would leave {len(broken)} rows pointing at missing rows;"
                        " nothing was changed",
                    )
        finally:
            driver.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]
    return True


MIGRATION_WAIT = 120.0  # another process may be migrating (and backing up) a big bank


def _refuse_newer(path: Path, current: str | None) -> None:
    if current is not None and current not in known_revisions():
        raise DatabaseError(
            str(path),
            f"this bank was written by a newer StudyApp (schema {current}); update the app",
        )


def _revision_in(connection: Connection) -> str | None:
    """The revision as this transaction sees it (None for a new bank)."""
    tables = connection.exec_driver_sql(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).scalar()
    if not tables:
        return None
    return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()

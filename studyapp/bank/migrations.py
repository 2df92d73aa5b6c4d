"""Alembic migrations, applied automatically when a bank is opened."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine

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


def head_revision() -> str:
    """The newest revision this version of StudyApp knows."""
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
    (the backup hook). A bank from a newer StudyApp is refused, not touched.
    """
    current = current_revision(path)
    head = head_revision()
    if current == head:
        return False
    if current is not None and current not in known_revisions():
        raise DatabaseError(
            str(path),
            f"this bank was written by a newer StudyApp (schema {current}); update the app",
        )
    if current is not None and before_upgrade is not None:
        before_upgrade(path)
    from alembic import command

    config = alembic_config(engine)
    with engine.connect() as connection:
        driver = connection.connection.driver_connection
        # A batch migration rebuilds a table on SQLite (copy, DROP, rename); with foreign keys
        # on, the DROP cascades and deletes every card and review of the old rows. The pragma
        # only takes effect outside a transaction, so it is set before BEGIN.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
        # pysqlite only opens a transaction before INSERT/UPDATE/DELETE, so CREATE, DROP and
        # ALTER would each commit on their own and a failed or killed upgrade would stay half
        # applied. BEGIN and COMMIT issued by hand make the whole upgrade one transaction.
        isolation = driver.isolation_level
        driver.isolation_level = None
        try:
            connection.exec_driver_sql("BEGIN")
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise DatabaseError(
                    str(path),
                    f"the upgrade would leave {len(broken)} rows pointing at missing rows;"
                    " nothing was changed",
                )
            connection.exec_driver_sql("COMMIT")
        finally:
            if driver.in_transaction:
                driver.rollback()
            connection.rollback()  # SQLAlchemy's own bookkeeping; nothing left to undo
            driver.isolation_level = isolation
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()
    return True

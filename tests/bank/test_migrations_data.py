"""Upgrading a bank from every earlier schema revision keeps every row, after a backup."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, create_engine, types

from studyapp.bank import migrations
from studyapp.bank.database import open_bank
from studyapp.bank.integrity import check_integrity
from studyapp.services.backups import list_backups

ROWS = 3  # sample rows per table: learners, decks, questions, cards, reviews, everything
# Tables the sample must cover whatever else a revision has.
MUST_HAVE = ("learner", "question", "card", "review_log")


def revisions_oldest_first() -> list[str]:
    script = ScriptDirectory.from_config(migrations.alembic_config())
    return [revision.revision for revision in reversed(list(script.walk_revisions()))]


def upgrade_empty_to(path: Path, revision: str) -> None:
    engine = create_engine(f"sqlite:///{path}")
    config = migrations.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


def sample_value(table: str, column, row: int, ids: dict[str, list[int]]):  # type: ignore[no-untyped-def]
    """A value that fits the column, unique per row, referring to an existing row for keys."""
    for key in column.foreign_keys:
        return ids[key.column.table.name][row % len(ids[key.column.table.name])]
    kind = column.type
    if isinstance(kind, types.Boolean):
        return row % 2
    if isinstance(kind, types.Integer):
        return 1_700_000_000 + row
    if isinstance(kind, types.Float | types.Numeric):
        return row + 0.25
    if isinstance(kind, types.JSON):
        return json.dumps({"sample": row, "table": table})
    if isinstance(kind, types.LargeBinary):
        return bytes([row]) * 16
    length = getattr(kind, "length", None) or 40
    return f"{table[:6]}.{column.name[:8]}.{row}"[:length]


def fill_with_samples(path: Path) -> dict[str, list[tuple]]:  # type: ignore[type-arg]
    """Insert ROWS rows into every table; return what was inserted, per table, in column order."""
    metadata = MetaData()
    engine = create_engine(f"sqlite:///{path}")
    metadata.reflect(engine)
    engine.dispose()
    inserted: dict[str, list[tuple]] = {}  # type: ignore[type-arg]
    ids: dict[str, list[int]] = {}
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys=ON")
    with connection:
        for table in metadata.sorted_tables:
            if table.name == "alembic_version":
                continue
            columns = [c for c in table.columns if not (c.primary_key and c.autoincrement)]
            rows = []
            for row in range(ROWS):
                values = tuple(sample_value(table.name, c, row, ids) for c in columns)
                names = ", ".join(f'"{c.name}"' for c in columns)
                marks = ", ".join("?" for _ in columns)
                cursor = connection.execute(
                    f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', values
                )
                rows.append((cursor.lastrowid, *values))
                ids.setdefault(table.name, []).append(cursor.lastrowid)
            inserted[table.name] = rows
            inserted[f"{table.name}:columns"] = [("id", *[c.name for c in columns])]
    connection.close()
    return inserted


def read_back(path: Path, table: str, columns: list[str]) -> list[tuple]:  # type: ignore[type-arg]
    with sqlite3.connect(path) as connection:
        names = ", ".join(f'"{name}"' for name in columns)
        return connection.execute(f'SELECT {names} FROM "{table}" ORDER BY rowid').fetchall()


def check_upgrade_keeps_everything(tmp_path: Path, revision: str) -> int:
    """Build a bank at ``revision`` with samples, open it (upgrading to head), compare; tables."""
    path = tmp_path / f"at-{revision}" / "studyapp.sqlite3"
    path.parent.mkdir()
    upgrade_empty_to(path, revision)
    inserted = fill_with_samples(path)
    for table in MUST_HAVE:
        assert len(inserted.get(table, [])) == ROWS, f"no {table} samples at {revision}"
    bank = open_bank(path)  # the real start-up path: backup hook, then upgrade to head
    bank.close()
    assert migrations.current_revision(path) == migrations.head_revision()
    tables = [name for name in inserted if not name.endswith(":columns")]
    for table in tables:
        columns = list(inserted[f"{table}:columns"][0])
        assert read_back(path, table, columns) == inserted[table], (
            f"{table} changed from {revision}"
        )
    report = check_integrity(path)
    assert report.ok, report.problems
    return len(tables)


@pytest.mark.parametrize("revision", revisions_oldest_first())
def test_every_revision_upgrades_to_head_without_losing_rows(tmp_path: Path, revision: str) -> None:
    assert check_upgrade_keeps_everything(tmp_path, revision) >= len(MUST_HAVE)


# A revision after head that rebuilds tables (batch mode copies every row into a new table on
# SQLite): the riskiest kind of migration, used to exercise an upgrade that really runs.
PROBE_REVISION = '''"""probe: add a column to learner and review_log"""
import sqlalchemy as sa
from alembic import op

revision = "9999probe"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("learner", "review_log"):
        with op.batch_alter_table(table, recreate="always") as batch:
            batch.add_column(sa.Column("probe_note", sa.Text(), nullable=True))


def downgrade() -> None:
    for table in ("learner", "review_log"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("probe_note")
'''


@pytest.fixture
def newer_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """db/ copied with one more revision on top, used as this app's migrations; returns the old head."""
    old_head = migrations.head_revision()
    folder = tmp_path / "db"
    shutil.copytree(
        migrations.migrations_dir(), folder, ignore=shutil.ignore_patterns("__pycache__")
    )
    (folder / "versions" / "9999_probe.py").write_text(PROBE_REVISION.format(head=old_head))
    monkeypatch.setattr(migrations, "migrations_dir", lambda: folder)
    return old_head


def test_upgrade_from_the_previous_head_keeps_rows(tmp_path: Path, newer_schema: str) -> None:
    assert migrations.head_revision() == "9999probe"
    assert check_upgrade_keeps_everything(tmp_path, newer_schema) >= len(MUST_HAVE)


def test_a_backup_is_made_before_a_migration(tmp_path: Path, newer_schema: str) -> None:
    path = tmp_path / "bank" / "studyapp.sqlite3"
    path.parent.mkdir()
    upgrade_empty_to(path, newer_schema)
    fill_with_samples(path)
    before = read_back(path, "review_log", ["id", "rating", "reviewed_at"])
    open_bank(path).close()
    backups = [b for b in list_backups(path) if b.kind == "migration"]
    assert len(backups) == 1
    assert migrations.current_revision(backups[0].path) == newer_schema
    assert read_back(backups[0].path, "review_log", ["id", "rating", "reviewed_at"]) == before
    open_bank(path).close()  # already at head: no second backup
    assert len([b for b in list_backups(path) if b.kind == "migration"]) == 1


def test_no_migration_without_a_backup(tmp_path: Path, newer_schema: str) -> None:
    path = tmp_path / "bank" / "studyapp.sqlite3"
    path.parent.mkdir()
    upgrade_empty_to(path, newer_schema)
    fill_with_samples(path)
    (path.parent / "backups").write_text("a file where the backup folder should be")
    before = path.read_bytes()
    from studyapp.core.errors import DatabaseError

    with pytest.raises(DatabaseError, match="without a backup"):
        open_bank(path)
    assert path.read_bytes() == before
    assert migrations.current_revision(path) == newer_schema


def test_a_new_bank_needs_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "studyapp.sqlite3"
    open_bank(path).close()
    assert list_backups(path) == []


def test_restoring_a_backup_from_an_older_schema_upgrades_it(
    tmp_path: Path, newer_schema: str
) -> None:
    from studyapp.services.backups import restore_backup

    old = tmp_path / "old" / "studyapp.sqlite3"
    old.parent.mkdir()
    upgrade_empty_to(old, newer_schema)
    inserted = fill_with_samples(old)
    bank = tmp_path / "bank" / "studyapp.sqlite3"
    bank.parent.mkdir()
    open_bank(bank).close()
    restore_backup(old, bank)
    assert migrations.current_revision(bank) == migrations.head_revision() == "9999probe"
    assert read_back(bank, "learner", list(inserted["learner:columns"][0])) == inserted["learner"]


FAILING_REVISION = '''"""probe: a migration that fails half-way"""
import sqlalchemy as sa
from alembic import op

revision = "9999fail"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("probe_table", sa.Column("id", sa.Integer(), primary_key=True))
    with op.batch_alter_table("learner", recreate="always") as batch:
        batch.add_column(sa.Column("probe_note", sa.Text(), nullable=True))
    op.execute("UPDATE learner SET name = name || ' (changed)'")
    raise RuntimeError("the upgrade failed half-way")


def downgrade() -> None:
    pass
'''


def test_a_failed_migration_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_head = migrations.head_revision()
    folder = tmp_path / "db"
    shutil.copytree(
        migrations.migrations_dir(), folder, ignore=shutil.ignore_patterns("__pycache__")
    )
    (folder / "versions" / "9999_fail.py").write_text(FAILING_REVISION.format(head=old_head))
    monkeypatch.setattr(migrations, "migrations_dir", lambda: folder)
    path = tmp_path / "bank" / "studyapp.sqlite3"
    path.parent.mkdir()
    upgrade_empty_to(path, old_head)
    inserted = fill_with_samples(path)
    with pytest.raises(RuntimeError, match="half-way"):
        open_bank(path)
    assert migrations.current_revision(path) == old_head
    with sqlite3.connect(path) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        columns = {row[1] for row in connection.execute("PRAGMA table_info(learner)")}
    assert "probe_table" not in tables and "probe_note" not in columns
    for table in (name for name in inserted if not name.endswith(":columns")):
        columns_at = list(inserted[f"{table}:columns"][0])
        assert read_back(path, table, columns_at) == inserted[table], table
    assert check_integrity(path).ok

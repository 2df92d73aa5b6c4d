"""The migrations build exactly the schema the models describe."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from bank_locations import BankLocation

from studyapp.bank.database import open_bank
from studyapp.bank.migrations import current_revision, head_revision
from studyapp.bank.models import Base
from studyapp.core.errors import DatabaseError


def test_empty_database_upgrades_to_head_and_matches_models(bank_location: BankLocation) -> None:
    if bank_location.server is not None:  # the template was migrated: start from nothing
        bank_location.location = bank_location.server.new_database(migrated=False)
    bank = bank_location.open()
    try:
        with bank.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"render_as_batch": True})
            assert compare_metadata(context, Base.metadata) == []
        assert bank_location.rows("SELECT version_num FROM alembic_version") == [(head_revision(),)]
    finally:
        bank.close()
        if bank_location.server is not None:
            bank_location.server.drop_database(str(bank_location.location))


def test_pragmas_are_on(tmp_path: Path) -> None:
    bank = open_bank(tmp_path / "bank.sqlite3")
    try:
        with bank.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        bank.close()


def test_reopening_does_not_migrate_again(tmp_path: Path) -> None:
    path = tmp_path / "bank.sqlite3"
    open_bank(path).close()
    before = path.stat().st_mtime_ns
    open_bank(path).close()
    assert current_revision(path) == head_revision()
    assert path.stat().st_mtime_ns >= before


@pytest.mark.parametrize(
    "content",
    [b"this is not a database at all" * 10, b"SQLite format 3\x00" + b"\xff" * 2000],
)
def test_damaged_file_is_refused_and_left_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bank.sqlite3"
    path.write_bytes(content)
    with pytest.raises(DatabaseError) as raised:
        open_bank(path)
    assert str(path) in str(raised.value)
    assert path.read_bytes() == content


def test_bank_from_a_newer_app_is_refused_and_nothing_is_opened(
    bank_location: BankLocation,
) -> None:
    bank_location.open().close()
    bank_location.rows("UPDATE alembic_version SET version_num = 'fffffffff'")
    with pytest.raises(DatabaseError, match="newer StudyApp") as raised:
        bank_location.open()
    assert "update the app" in str(raised.value)
    assert bank_location.rows("SELECT version_num FROM alembic_version") == [("fffffffff",)]

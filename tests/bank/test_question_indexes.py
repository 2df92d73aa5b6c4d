"""The migrated question indexes are the models' exactly, partial WHERE clauses included.

Alembic's compare_metadata does not compare an index's WHERE clause, so this does.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.dialects import sqlite
from sqlalchemy.schema import CreateIndex

from studyapp.bank.database import open_bank
from studyapp.bank.models import Question


def _normal(sql: str) -> str:
    return " ".join(sql.replace("(", " ( ").replace(")", " ) ").split())


def test_question_indexes_match_the_models(tmp_path: Path) -> None:
    open_bank(tmp_path / "bank.sqlite3").close()
    connection = sqlite3.connect(tmp_path / "bank.sqlite3")
    try:
        found = dict(
            connection.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'question'"
            ).fetchall()
        )
    finally:
        connection.close()
    dialect = sqlite.dialect()
    wanted = {
        index.name: str(CreateIndex(index).compile(dialect=dialect))
        for index in Question.__table__.indexes
    }
    assert set(found) == set(wanted)
    assert None not in found.values()  # no automatic index: an import can drop and rebuild all
    for name, sql in wanted.items():
        assert _normal(found[name]) == _normal(sql), name
    assert "WHERE source_passage_id IS NOT NULL" in found["ix_question_source_passage_id"]
    assert found["uq_question_deck_hash"].startswith("CREATE UNIQUE INDEX")

"""Answers kept on this computer while the server bank cannot be reached, until they are sent.

A small SQLite file in the data folder (``outbox.sqlite3``), written with a full fsync
before the learner is told the answer is kept: a crash or a kill afterwards loses none.
Each answer keeps the id it was given when it was answered, so sending it twice (the
server went away after it committed, before it said so) still records it once.
Answers are kept per bank (the server's URL without its password): a learner who points
the app at another server does not send them there.
"""

from __future__ import annotations

import json
import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from studyapp.core.errors import DatabaseError

_SCHEMA = """CREATE TABLE IF NOT EXISTS waiting (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    answer_id TEXT NOT NULL UNIQUE,
    bank TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    kept_at INTEGER NOT NULL
)"""


@dataclass(frozen=True)
class KeptAnswer:
    """One answer waiting to be sent: ``kind`` "review" or "quiz", and what it said."""

    answer_id: str
    kind: str
    payload: dict[str, Any]


class Outbox:
    """The answers waiting for the bank ``bank`` (its location), in the order given."""

    def __init__(self, path: Path, bank: str):
        self.path = Path(path)
        self.bank = bank

    def _connect(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            connection.execute("PRAGMA synchronous=FULL")
            connection.execute(_SCHEMA)
        except (OSError, sqlite3.Error) as error:
            raise DatabaseError(str(self.path), f"cannot keep answers here: {error}") from None
        return connection

    def keep(self, answer_id: str, kind: str, payload: dict[str, Any]) -> int:
        """Keep an answer (durably, before this returns); return how many now wait."""
        with closing(self._connect()) as connection:
            connection.execute(
                "INSERT OR IGNORE INTO waiting (answer_id, bank, kind, payload, kept_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (answer_id, self.bank, kind, json.dumps(payload), int(time.time())),
            )
            return self._count(connection)

    def waiting(self) -> list[KeptAnswer]:
        """Every answer waiting for this bank, oldest first."""
        if not self.path.exists():
            return []
        with closing(self._connect()) as connection:
            rows = connection.execute(
                "SELECT answer_id, kind, payload FROM waiting WHERE bank = ? ORDER BY position",
                (self.bank,),
            ).fetchall()
        return [KeptAnswer(answer_id, kind, json.loads(payload)) for answer_id, kind, payload in rows]

    def count(self) -> int:
        """How many answers wait for this bank."""
        if not self.path.exists():
            return 0
        with closing(self._connect()) as connection:
            return self._count(connection)

    def remove(self, answer_id: str) -> None:
        """Forget an answer the bank now has (or refused for good)."""
        with closing(self._connect()) as connection:
            connection.execute("DELETE FROM waiting WHERE answer_id = ?", (answer_id,))

    def _count(self, connection: sqlite3.Connection) -> int:
        return int(
            connection.execute("SELECT count(*) FROM waiting WHERE bank = ?", (self.bank,))
            .fetchone()[0]
        )

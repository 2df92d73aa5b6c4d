"""Checking a bank file: SQLite's integrity check, foreign keys, and "is this a StudyApp bank"."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

# Tables every StudyApp bank has since the first revision; a file without them is something else.
REQUIRED_TABLES = ("alembic_version", "learner", "question", "card", "review_log")
# integrity_check stops after this many problems: enough to show, bounded on a wrecked file.
MAX_PROBLEMS = 20


@dataclass(frozen=True)
class IntegrityReport:
    """What SQLite found wrong with one bank file; ``ok`` when nothing."""

    path: str
    ok: bool
    problems: tuple[str, ...] = ()
    foreign_key_problems: int = 0
    revision: str | None = None

    @property
    def summary(self) -> str:
        """One line a learner can read."""
        if self.ok:
            return f"{self.path}: no problems found"
        return f"{self.path}: " + "; ".join(self.problems[:3])


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection that never creates, migrates or checkpoints ``path``."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    # A damaged file can hold bytes that are not UTF-8; report them, never crash on them.
    connection.text_factory = _lenient_text
    return connection


def _lenient_text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _check(connection: sqlite3.Connection, quick: bool) -> list[str]:
    pragma = "quick_check" if quick else "integrity_check"
    rows = connection.execute(f"PRAGMA {pragma}({MAX_PROBLEMS})").fetchall()
    messages = [str(row[0]) for row in rows]
    return [] if messages == ["ok"] else messages


def _foreign_key_problems(connection: sqlite3.Connection) -> tuple[int, list[str]]:
    rows = connection.execute("PRAGMA foreign_key_check").fetchall()
    described = [
        f"row {row[1]} of {row[0]} refers to a missing row of {row[2]}"
        for row in rows[:MAX_PROBLEMS]
    ]
    return len(rows), described


def _revision(connection: sqlite3.Connection) -> str | None:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return str(row[0]) if row else None


def check_integrity(path: Path, quick: bool = False) -> IntegrityReport:
    """Run PRAGMA integrity_check (or quick_check) and foreign_key_check on ``path``; never writes.

    Args:
        path: The SQLite file to check.
        quick: Use quick_check (skips index/table cross-checks: several times faster).

    Returns:
        The report; a file that cannot be opened or is not SQLite is reported, not raised.
    """
    path = Path(path)
    if not path.is_file():
        return IntegrityReport(str(path), False, ("the file does not exist",))
    try:
        connection = connect_read_only(path)
    except sqlite3.Error as error:
        return IntegrityReport(str(path), False, (f"cannot open it: {error}",))
    try:
        problems = _check(connection, quick)
        count, described = _foreign_key_problems(connection)
        revision = _revision(connection)
    except sqlite3.Error as error:
        return IntegrityReport(str(path), False, (f"the file is damaged: {error}",))
    except UnicodeDecodeError:  # SQLite's message quoted non-UTF-8 bytes of a damaged schema
        return IntegrityReport(
            str(path), False, ("the file is damaged (its schema is unreadable)",)
        )
    finally:
        connection.close()
    problems.extend(described)
    return IntegrityReport(str(path), not problems, tuple(problems), count, revision)


def studyapp_bank_problem(path: Path) -> str | None:
    """Why ``path`` is not a StudyApp bank (missing tables), or None when it is one."""
    try:
        connection = connect_read_only(path)
        try:
            names = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        return f"not an SQLite database ({error})"
    except UnicodeDecodeError:
        return "the file is damaged (its schema is unreadable)"
    missing = [table for table in REQUIRED_TABLES if table not in names]
    if missing:
        return "not a StudyApp question bank (no " + ", ".join(missing) + " table)"
    return None

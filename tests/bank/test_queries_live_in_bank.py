"""Every query lives in studyapp.bank: no SQL, SQLAlchemy or sqlite3 anywhere else.

import-linter keeps SQLAlchemy out of the other packages (pyproject.toml); this test also
catches what it cannot see: SQL in strings, ``text(...)``/``exec_driver_sql`` calls, and
the standard library's sqlite3, in the app and in the StudyApp side of the benchmarks.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "studyapp"
# Files that may talk SQL although they are outside bank/, and why.
READS_FOREIGN_DATABASES = {
    # Mnemosyne 2 keeps its cards in its own SQLite file: reading that file is a format.
    PACKAGE / "exchange" / "mnemosyne.py",
}
# SQL as this code base writes it: upper-case keywords (UI text says "Select a deck").
SQL = re.compile(
    r"\b(SELECT\b[\s\S]*\bFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|"
    r"CREATE\s+(TEMP\s+|UNIQUE\s+)?(TABLE|INDEX)|DROP\s+(TABLE|INDEX)|PRAGMA\s+\w+)\b"
)
OUR_TABLES = re.compile(
    r"\b(question|card|review_log|deck|learner|article|passage|entity|alias|mention|event|"
    r"figure|media|import_batch|quiz_attempt|quiz_answer|alembic_version)\b"
)


def _python_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*.py") if "__pycache__" not in path.parts)


def _problems(path: Path, tables_only: bool = False) -> list[str]:
    """What in ``path`` is SQL outside the bank (line: reason)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    documentation = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
            )
            for name in names:
                top = name.split(".")[0]
                if top in ("sqlalchemy", "alembic") or (top == "sqlite3" and not tables_only):
                    found.append(f"{node.lineno}: imports {name}")
        elif isinstance(node, ast.Call):
            function = node.func
            called = (
                function.attr
                if isinstance(function, ast.Attribute)
                else getattr(function, "id", "")
            )
            # text(…) as SQLAlchemy's: a bare name or sa.text, not a widget's item.text(0).
            sqlalchemy_text = called == "text" and (
                isinstance(function, ast.Name)
                or getattr(getattr(function, "value", None), "id", "") in ("sa", "sqlalchemy")
            )
            if called == "exec_driver_sql" or sqlalchemy_text:
                argument = node.args[0] if node.args else None
                if not tables_only or (
                    isinstance(argument, ast.Constant) and isinstance(argument.value, str)
                ):
                    found.append(f"{node.lineno}: calls {called}()")
        elif (
            isinstance(node, ast.Constant)
            and id(node) not in documentation
            and isinstance(node.value, str)
            and SQL.search(node.value)
            and (not tables_only or OUR_TABLES.search(node.value))
        ):
            found.append(f"{node.lineno}: SQL in a string: {node.value[:60]!r}")
    return found


@pytest.mark.parametrize(
    "path",
    [
        path
        for path in _python_files(PACKAGE)
        if PACKAGE / "bank" not in path.parents and path not in READS_FOREIGN_DATABASES
    ],
    ids=lambda path: str(path.relative_to(ROOT)),
)
def test_no_sql_outside_the_bank(path: Path) -> None:
    assert _problems(path) == []


@pytest.mark.parametrize(
    "path", _python_files(ROOT / "bench"), ids=lambda path: str(path.relative_to(ROOT))
)
def test_benchmarks_reach_the_bank_through_its_functions(path: Path) -> None:
    """The Anki side may write Anki's own tables; StudyApp's tables only through studyapp.bank."""
    assert _problems(path, tables_only=True) == []


def test_the_checks_catch_what_they_are_for(tmp_path: Path) -> None:
    offender = tmp_path / "offender.py"
    offender.write_text(
        "import sqlite3\n"
        "from sqlalchemy import text\n"
        "ROWS = text('SELECT id FROM card')\n"
        "connection.exec_driver_sql('PRAGMA optimize')\n"
        "QUERY = 'INSERT INTO review_log (id) VALUES (1)'\n"
        "LABEL = 'Select a deck from the list'\n",
        encoding="utf-8",
    )
    reasons = [problem.split(": ", 1)[1] for problem in _problems(offender)]
    assert reasons[:2] == ["imports sqlite3", "imports sqlalchemy"]
    assert "calls text()" in reasons and "calls exec_driver_sql()" in reasons
    assert sum(reason.startswith("SQL in a string") for reason in reasons) == 3
    assert not any("Select a deck" in reason for reason in reasons)

"""Writing many rows at once (imports, benchmark banks): plain values straight to the driver."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Dialect, Table, bindparam, insert, update
from sqlalchemy.orm import DeclarativeBase, Session

_COMPILED: dict[tuple[str, tuple[str, ...], bool, str], tuple[str, list[str] | None]] = {}


def _compiled(
    model: type[DeclarativeBase] | Table, names: tuple[str, ...], by_id: bool, dialect: Dialect
) -> tuple[str, list[str] | None]:
    """An INSERT of ``names`` (or an UPDATE of them WHERE id = …) as the driver's SQL, and its
    parameters' order when the driver takes them by position (None: by name)."""
    table = model if isinstance(model, Table) else model.__table__
    cache_key = (table.name, names, by_id, dialect.name)  # type: ignore[attr-defined]
    if cache_key not in _COMPILED:
        values = {name: bindparam(name) for name in names if not (by_id and name == "id")}
        statement = (
            update(table).where(table.c.id == bindparam("id")).values(values)  # type: ignore[attr-defined]
            if by_id
            else insert(table).values(values)
        )
        compiled = statement.compile(dialect=dialect)
        order = list(compiled.positiontup or []) if compiled.positional else None
        _COMPILED[cache_key] = (str(compiled), order)
    return _COMPILED[cache_key]


def _run(
    session: Session, model: type[DeclarativeBase] | Table, names: tuple[str, ...],
    rows: Sequence[Sequence[Any]], by_id: bool,
) -> None:  # fmt: skip
    if not rows:
        return
    connection = session.connection()
    sql, order = _compiled(model, names, by_id, connection.dialect)
    params: Any
    if order is None:
        params = [dict(zip(names, row, strict=True)) for row in rows]
    elif order == list(names):
        params = rows
    else:
        positions = [names.index(name) for name in order]
        params = [tuple(row[i] for i in positions) for row in rows]
    connection.exec_driver_sql(sql, params)


def insert_rows(
    session: Session, model: type[DeclarativeBase] | Table, columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
) -> None:  # fmt: skip
    """Insert ``rows``, each holding the values of ``columns`` in that order.

    SQLAlchemy's per-row parameter processing cost more than SQLite's own work for
    100,000 rows, so values go to the driver as they are: JSON columns take JSON text,
    and every column with a Python-side default must be given. The SQL is compiled from
    the model's table for whichever database the bank is on.
    """
    _run(session, model, tuple(columns), rows, by_id=False)


def update_rows(
    session: Session, model: type[DeclarativeBase], columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
) -> None:  # fmt: skip
    """Update rows by id; each row holds the values of ``columns``, then the id."""
    _run(session, model, (*columns, "id"), rows, by_id=True)

"""Learner profiles: read, add, rename, change settings, delete (cards and history cascade)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from studyapp.bank.models import Learner, now
from studyapp.bank.queries.common import run


@dataclass(frozen=True)
class LearnerRow:
    """One learner as stored: settings is the raw JSON object."""

    id: int
    name: str
    created_at: int
    settings: dict[str, Any]


_COLUMNS = (Learner.id, Learner.name, Learner.created_at, Learner.settings)


def _row(row: Any) -> LearnerRow:
    return LearnerRow(row.id, row.name, row.created_at, dict(row.settings or {}))


def all_learners(session: Session) -> list[LearnerRow]:
    """Every learner, by name (ignoring case)."""
    statement = select(*_COLUMNS).order_by(func.lower(Learner.name), Learner.id)
    return [_row(row) for row in run(session, statement)]


def get_learner(session: Session, learner_id: int) -> LearnerRow | None:
    """One learner, or None."""
    row = run(session, select(*_COLUMNS).where(Learner.id == learner_id)).first()
    return None if row is None else _row(row)


def learner_named(session: Session, name: str) -> int | None:
    """The id of the learner called ``name`` (ignoring case), or None."""
    statement = select(Learner.id).where(func.lower(Learner.name) == name.lower()).limit(1)
    return run(session, statement).scalar()


def learner_of_role(session: Session, role: str) -> LearnerRow | None:
    """The learner a server role signs in as, or None before its first start."""
    row = run(session, select(*_COLUMNS).where(Learner.role_name == role)).first()
    return None if row is None else _row(row)


def add_role_learner(session: Session, role: str, name: str) -> LearnerRow:
    """The role's own learner profile (row-level security lets a learner add only this one)."""
    statement = (
        insert(Learner)
        .values(name=name, settings={}, created_at=now(), role_name=role)
        .returning(*_COLUMNS)
    )
    return _row(run(session, statement).one())


def count_learners(session: Session) -> int:
    """How many learners there are."""
    return int(run(session, select(func.count()).select_from(Learner)).scalar_one())


def add_learner(session: Session, name: str, settings: dict[str, Any] | None = None) -> LearnerRow:
    """Add a learner; return it as stored."""
    statement = (
        insert(Learner)
        .values(name=name, settings=settings or {}, created_at=now())
        .returning(*_COLUMNS)
    )
    return _row(run(session, statement).one())


def rename_learner(session: Session, learner_id: int, name: str) -> None:
    """Give the learner a new name."""
    run(session, update(Learner).where(Learner.id == learner_id).values(name=name))


def save_settings(session: Session, learner_id: int, settings: dict[str, Any]) -> None:
    """Replace the learner's stored settings object."""
    run(session, update(Learner).where(Learner.id == learner_id).values(settings=settings))


def delete_learner(session: Session, learner_id: int) -> None:
    """Delete the learner; the foreign keys cascade to cards, reviews and quiz attempts."""
    run(session, delete(Learner).where(Learner.id == learner_id))

"""Learner profiles: create, rename, switch, delete; each keeps its own settings and progress."""

from __future__ import annotations

import dataclasses
import getpass
import time
from typing import Any

from studyapp.bank.database import Bank, Session
from studyapp.bank.queries import learners
from studyapp.bank.queries.learners import LearnerRow
from studyapp.core.study import LearnerInfo, StudyError, StudySettings

SETTING_FIELDS = {f.name for f in dataclasses.fields(StudySettings)}


def settings_from_json(data: dict[str, Any]) -> StudySettings:
    """StudySettings from Learner.settings, ignoring keys that are not scheduling settings."""
    values = {key: value for key, value in data.items() if key in SETTING_FIELDS}
    for key in ("learning_steps", "relearning_steps", "parameters"):
        if values.get(key) is not None:
            values[key] = tuple(values[key])
    return StudySettings(**values)


def validate_settings(settings: StudySettings) -> StudySettings:
    """Return ``settings`` or raise StudyError naming the first bad value."""
    if not 0.7 <= settings.desired_retention <= 0.99:
        raise StudyError("desired retention must be between 0.70 and 0.99")
    if settings.new_per_day < 0 or settings.reviews_per_day < 0:
        raise StudyError("daily limits cannot be negative")
    if any(step <= 0 for step in settings.learning_steps + settings.relearning_steps):
        raise StudyError("learning steps must be positive numbers of seconds")
    if settings.parameters is not None:
        from studyapp.study.scheduling import scheduler_for

        scheduler_for(settings)  # raises StudyError for out-of-range parameters
    return settings


def _info(row: LearnerRow) -> LearnerInfo:
    return LearnerInfo(
        id=row.id,
        name=row.name,
        created_at=row.created_at,
        settings=settings_from_json(row.settings),
    )


def _clean_name(session: Session, name: str, except_id: int | None = None) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise StudyError("a learner needs a name")
    if len(cleaned) > 60:
        raise StudyError("a learner's name can be at most 60 characters")
    clash = learners.learner_named(session, cleaned)
    if clash is not None and clash != except_id:
        raise StudyError(f"there is already a learner called {cleaned!r}")
    return cleaned


def _get(session: Session, learner_id: int) -> LearnerRow:
    row = learners.get_learner(session, learner_id)
    if row is None:
        raise StudyError(f"no learner with id {learner_id}")
    return row


def default_name() -> str:
    """The OS user name, or "Me" when it cannot be found."""
    try:
        return getpass.getuser().strip() or "Me"
    except Exception:  # getuser raises different errors on different systems
        return "Me"


def list_learners(bank: Bank) -> tuple[LearnerInfo, ...]:
    """Every learner this role may see, by name: on a server bank, a learner sees
    themselves and the teacher sees the class (the server decides)."""
    with bank.reading() as session:
        return tuple(_info(row) for row in learners.all_learners(session))


def create_learner(bank: Bank, name: str) -> LearnerInfo:
    """Add a learner with default settings; raise StudyError for an empty or taken name."""
    with bank.transaction() as session:
        return _info(learners.add_learner(session, _clean_name(session, name)))


def rename_learner(bank: Bank, learner_id: int, name: str) -> LearnerInfo:
    """Give a learner a new (unique) name."""
    with bank.transaction() as session:
        _get(session, learner_id)
        learners.rename_learner(session, learner_id, _clean_name(session, name, learner_id))
        return _info(_get(session, learner_id))


def switch_learner(bank: Bank, learner_id: int) -> LearnerInfo:
    """Make ``learner_id`` the current learner (the one opened next time too)."""
    with bank.transaction() as session:
        row = _get(session, learner_id)
        stamp = time.time_ns() // 1_000_000
        learners.save_settings(session, learner_id, {**row.settings, "last_active": stamp})
        return _info(_get(session, learner_id))


def latest_learner(session: Session) -> LearnerRow:
    """The most recently switched-to learner; on first start, one named after the user.

    Runs inside the caller's write transaction, so an import that fails creates nothing.
    """
    rows = learners.all_learners(session)
    if rows:
        by_id = sorted(rows, key=lambda row: row.id)
        return max(by_id, key=lambda row: row.settings.get("last_active", 0))
    return learners.add_learner(session, default_name())


def role_learner(session: Session, role: str) -> LearnerRow:
    """A server role's own learner, made (named after the role) on its first start.

    Runs inside the caller's write transaction.
    """
    row = learners.learner_of_role(session, role)
    if row is not None:
        return row
    taken = learners.learner_named(session, role) is not None
    return learners.add_role_learner(session, role, f"{role} (server role)" if taken else role)


def _signed_in(bank: Bank) -> LearnerInfo:
    """On a server bank, the learner is the role signed in."""
    assert bank.role is not None
    with bank.reading() as session:
        row = learners.learner_of_role(session, bank.role)
    if row is not None:
        return _info(row)
    with bank.transaction() as session:
        return _info(role_learner(session, bank.role))


def current_learner(bank: Bank) -> LearnerInfo:
    """The learner whose progress is shown and recorded.

    In a local file, the most recently switched-to learner (on first start, one named
    after the user). On a server bank, the signed-in role's own learner.
    """
    if bank.role is not None:
        return _signed_in(bank)
    with bank.reading() as session:
        rows = learners.all_learners(session)
    if rows:
        by_id = sorted(rows, key=lambda row: row.id)
        return _info(max(by_id, key=lambda row: row.settings.get("last_active", 0)))
    with bank.transaction() as session:
        return _info(latest_learner(session))


def delete_learner(bank: Bank, learner_id: int) -> None:
    """Delete a learner with all their cards, reviews and quiz attempts; never the last one."""
    with bank.transaction() as session:
        _get(session, learner_id)
        if learners.count_learners(session) <= 1:
            raise StudyError("the last learner cannot be deleted; create another one first")
        learners.delete_learner(session, learner_id)


def update_settings(bank: Bank, learner_id: int, **changes: Any) -> StudySettings:
    """Change some of a learner's scheduling settings; raise StudyError for bad values."""
    unknown = set(changes) - SETTING_FIELDS
    if unknown:
        raise StudyError(f"unknown setting(s): {', '.join(sorted(unknown))}")
    for key in ("learning_steps", "relearning_steps", "parameters"):
        if changes.get(key) is not None:
            changes[key] = tuple(changes[key])  # hashable, as the scheduler cache needs
    with bank.transaction() as session:
        row = _get(session, learner_id)
        current = settings_from_json(row.settings)
        updated = validate_settings(dataclasses.replace(current, **changes))
        learners.save_settings(session, learner_id, {**row.settings, **dataclasses.asdict(updated)})
        return updated

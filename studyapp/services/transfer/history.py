"""Review history from another app (Mnemosyne, Anki .colpkg), replayed through FSRS onto new cards.

The replay is computed before the import takes the write lock; only the rows are written
in the import's last transaction, so history lands with the questions or not at all.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from studyapp.bank.database import Bank, Session
from studyapp.bank.queries import imports
from studyapp.bank.queries.learners import all_learners
from studyapp.bank.queries.review import MEMORY_COLUMNS
from studyapp.core.exchange import ReviewRecord
from studyapp.core.study import MemoryState, StudySettings
from studyapp.services.learners import latest_learner, role_learner, settings_from_json
from studyapp.study import scheduling


@dataclass(frozen=True)
class Replayed:
    """One imported question's history: the card it ends in and its answers' log rows."""

    memory: dict[str, Any]
    logs: tuple[tuple[Any, ...], ...]  # rating, at (ms), duration, state before, card before


def _current_settings(bank: Bank) -> StudySettings:
    with bank.reading() as session:
        rows = sorted(all_learners(session), key=lambda row: row.id)
    if not rows:
        return StudySettings()
    return settings_from_json(max(rows, key=lambda r: r.settings.get("last_active", 0)).settings)


def replay_history(bank: Bank, reviews: Sequence[ReviewRecord]) -> dict[str, Replayed]:
    """Each reviewed question's history, by external id, replayed with the learner's settings.

    Each review becomes a log row with the card as it was before, like an answer given in
    StudyApp, so statistics and Undo treat them alike.
    """
    by_external: dict[str, list[ReviewRecord]] = defaultdict(list)
    for review in reviews:
        if review.external_id and review.reviewed_at > 0 and 1 <= review.rating <= 4:
            by_external[review.external_id].append(review)
    if not by_external:
        return {}
    settings = _current_settings(bank)
    replayed = {}
    for external_id, history in by_external.items():
        memory = MemoryState(card_id=0)
        logs = []
        for review in sorted(history, key=lambda r: r.reviewed_at):
            before = memory
            memory = scheduling.review(before, review.rating, review.reviewed_at, settings)
            snapshot = {name: getattr(before, name) for name in MEMORY_COLUMNS}
            snapshot.update(suspended=False, buried_until=None)
            logs.append((review.rating, review.reviewed_at * 1000, max(0, review.duration_ms),
                         before.state, json.dumps(snapshot)))  # fmt: skip
        final = {name: getattr(memory, name) for name in MEMORY_COLUMNS}
        replayed[external_id] = Replayed(final, tuple(logs))
    return replayed


def write_history(
    session: Session, history: dict[str, Replayed], batch_id: int, role: str | None = None
) -> int:
    """Give the current learner (the ``role``'s own, on a server bank) cards with their
    history for the batch's reviewed flashcards.

    Only questions the learner has no card for take history: a card with its own history
    is never rewritten. Returns how many reviews were written.
    """
    if not history:
        return 0
    # Created here, in the import, when there is none.
    learner = latest_learner(session) if role is None else role_learner(session, role)
    written = 0
    for question_id, external_id in imports.questions_without_card(session, batch_id, learner.id):
        replayed = history.get(external_id)
        if replayed is not None:
            imports.add_card_with_history(
                session, learner.id, question_id, replayed.memory, replayed.logs
            )
            written += len(replayed.logs)
    return written

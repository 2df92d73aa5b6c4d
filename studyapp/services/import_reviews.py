"""Carrying review history from another app (Mnemosyne, Anki .colpkg) into the learner's cards."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from studyapp.bank.models import Learner
from studyapp.core.exchange import ReviewRecord
from studyapp.core.questions import FLASHCARD_KINDS
from studyapp.core.study import LearnerInfo, MemoryState
from studyapp.services.learners import default_name, settings_from_json
from studyapp.study import scheduling

CARD_COLUMNS = ("state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses")


def session_learner(session: Session) -> LearnerInfo:
    """The current learner (as learners.current_learner picks it), created in this transaction if none.

    Looked up inside the import's own transaction, so a failed import creates nothing.
    """
    rows = session.scalars(select(Learner).order_by(Learner.id)).all()
    if rows:
        row = max(rows, key=lambda r: (r.settings or {}).get("last_active", 0))
    else:
        row = Learner(name=default_name(), settings={})
        session.add(row)
        session.flush()
    return LearnerInfo(row.id, row.name, row.created_at, settings_from_json(row.settings or {}))


def store_reviews(
    session: Session, batch_id: int, reviews: Sequence[ReviewRecord], learner: LearnerInfo
) -> int:
    """Replay imported reviews through FSRS onto the learner's cards for this batch's questions.

    Only flashcards added or updated by this batch take history, and only when the
    learner has no card for them yet (a card with its own history is never rewritten).
    Each review becomes a review-log row with the card as it was before, like an answer
    given in StudyApp, so statistics and Undo treat them alike.

    Returns:
        How many reviews were written.
    """
    by_external: dict[str, list[ReviewRecord]] = defaultdict(list)
    for review in reviews:
        if review.external_id and review.reviewed_at > 0 and 1 <= review.rating <= 4:
            by_external[review.external_id].append(review)
    if not by_external:
        return 0
    kinds = ", ".join(f"'{k}'" for k in FLASHCARD_KINDS)
    questions = session.execute(
        text(
            f"SELECT q.id, q.external_id FROM question q WHERE q.import_batch_id = :batch AND q.kind IN ({kinds})"
            " AND NOT EXISTS (SELECT 1 FROM card c WHERE c.question_id = q.id AND c.learner_id = :learner)"
        ),
        {"batch": batch_id, "learner": learner.id},
    ).all()
    written = 0
    for question_id, external_id in questions:
        history = sorted(by_external.get(external_id, ()), key=lambda r: r.reviewed_at)
        if history:
            written += _replay(session, int(question_id), history, learner)
    return written


def _replay(
    session: Session, question_id: int, history: list[ReviewRecord], learner: LearnerInfo
) -> int:
    card_id = session.execute(
        text("INSERT INTO card (learner_id, question_id, state, due, reps, lapses, suspended) "
             "VALUES (:learner, :question, 0, 0, 0, 0, 0) RETURNING id"),
        {"learner": learner.id, "question": question_id},
    ).scalar_one()  # fmt: skip
    memory = MemoryState(card_id=int(card_id))
    logs = []
    for review in history:
        before = memory
        memory = scheduling.review(before, review.rating, review.reviewed_at, learner.settings)
        snapshot = {name: getattr(before, name) for name in CARD_COLUMNS}
        snapshot.update(suspended=False, buried_until=None)
        logs.append(
            {
                "card": card_id,
                "learner": learner.id,
                "rating": review.rating,
                "at": review.reviewed_at * 1000,
                "duration": max(0, review.duration_ms),
                "state": before.state,
                "before": json.dumps(snapshot),
            }
        )
    session.execute(
        text("INSERT INTO review_log (card_id, learner_id, rating, reviewed_at, duration_ms, state_before, "
             "card_before) VALUES (:card, :learner, :rating, :at, :duration, :state, :before)"),
        logs,
    )  # fmt: skip
    session.execute(
        text(
            "UPDATE card SET " + ", ".join(f"{c} = :{c}" for c in CARD_COLUMNS) + " WHERE id = :id"
        ),
        {**{c: getattr(memory, c) for c in CARD_COLUMNS}, "id": card_id},
    )
    return len(logs)

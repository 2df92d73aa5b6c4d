"""Reviewing flashcards: the daily queue, answering (one transaction each), undo, bury, suspend."""

from __future__ import annotations

import html
import json
import time
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from studyapp.bank.database import Bank
from studyapp.core.questions import FLASHCARD_KINDS
from studyapp.core.study import (
    AnswerReceipt,
    Grade,
    IntervalPreview,
    MemoryState,
    QueueCounts,
    ReviewCard,
    SessionSummary,
    SourceLink,
    StudyError,
    StudySettings,
)
from studyapp.services.learners import settings_from_json
from studyapp.study import scheduling
from studyapp.study.cloze import render_back, render_front
from studyapp.study.days import StudyClock

LEARN_AHEAD = 20 * 60  # like Anki: a learning card due within 20 minutes may come early
CARD_COLUMNS = ("state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses")
_AVAILABLE = (
    "c.learner_id = :learner AND c.suspended = 0 AND q.suspended = 0 AND q.extra = 0"
    " AND (c.buried_until IS NULL OR c.buried_until <= :now)"
)


def _now_ms(now_ms: int | None) -> int:
    return time.time_ns() // 1_000_000 if now_ms is None else now_ms


def ensure_cards(bank: Bank, learner_id: int) -> int:
    """Create the learner's missing cards (one per flashcard question); return how many."""
    kinds = ", ".join(f"'{kind}'" for kind in FLASHCARD_KINDS)
    with bank.transaction() as session:
        result = session.execute(
            text(
                "INSERT INTO card (learner_id, question_id, state, due, reps, lapses, suspended)"
                f" SELECT :learner, q.id, 0, 0, 0, 0, 0 FROM question q WHERE q.kind IN ({kinds}) AND q.extra = 0"
                " AND NOT EXISTS (SELECT 1 FROM card c"
                " WHERE c.learner_id = :learner AND c.question_id = q.id)"
            ),
            {"learner": learner_id},
        )
        return int(result.rowcount or 0)


def _settings(session: Session, learner_id: int) -> StudySettings:
    raw = session.execute(
        text("SELECT settings FROM learner WHERE id = :id"), {"id": learner_id}
    ).scalar()
    if raw is None:
        raise StudyError(f"no learner with id {learner_id}")
    return settings_from_json(json.loads(raw) if isinstance(raw, str) else dict(raw))


def _deck_filter(session: Session, deck_id: int | None) -> str:
    """SQL restricting q to a deck and its sub-decks ("Parent::Child")."""
    if deck_id is None:
        return ""
    name = session.execute(text("SELECT name FROM deck WHERE id = :id"), {"id": deck_id}).scalar()
    if name is None:
        raise StudyError(f"no deck with id {deck_id}")
    rows = session.execute(
        text("SELECT id FROM deck WHERE id = :id OR substr(name, 1, :n) = :prefix"),
        {"id": deck_id, "n": len(name) + 2, "prefix": f"{name}::"},
    )
    return f" AND q.deck_id IN ({', '.join(str(int(row[0])) for row in rows)})"


def _done_today(session: Session, learner_id: int, day_start_ms: int) -> tuple[int, int, int]:
    """(new cards introduced, review-state answers, all answers) since the day began."""
    row = session.execute(
        text(
            "SELECT coalesce(sum(state_before = 0), 0), coalesce(sum(state_before = 2), 0),"
            " count(*) FROM review_log WHERE learner_id = :learner AND reviewed_at >= :since"
        ),
        {"learner": learner_id, "since": day_start_ms},
    ).one()
    return int(row[0]), int(row[1]), int(row[2])


class _Queue:
    """The queries of one queue look-up, sharing learner, time, deck and limits."""

    def __init__(self, session: Session, learner_id: int, deck_id: int | None, now: int):
        self.session = session
        self.settings = _settings(session, learner_id)
        clock = StudyClock.local(now)
        today = clock.day(now)
        self.day_end = clock.day_start(today + 1)
        new_done, reviews_done, self.answered = _done_today(
            session, learner_id, clock.day_start(today) * 1000
        )
        self.new_left = max(0, self.settings.new_per_day - new_done)
        self.reviews_left = max(0, self.settings.reviews_per_day - reviews_done)
        self.deck_sql = _deck_filter(session, deck_id)
        self.params: dict[str, Any] = {"learner": learner_id, "now": now, "end": self.day_end}

    def _where(self, states: str, due: str) -> str:
        return (
            "FROM card c JOIN question q ON q.id = c.question_id"
            f" WHERE {_AVAILABLE} AND c.state IN ({states}) AND c.due {due}{self.deck_sql}"
        )

    def first(self, states: str, due: str, order: str, exclude: tuple[int, ...]) -> int | None:
        skip = f" AND c.id NOT IN ({', '.join(str(int(i)) for i in exclude)})" if exclude else ""
        # One ordered index range per state: "state IN (1, 3) ORDER BY due" would sort them all.
        parts = [
            f"SELECT * FROM (SELECT c.id, c.due, c.id AS tie {self._where(state, due)}{skip}"
            f" ORDER BY {order} LIMIT 1)"
            for state in states.split(", ")
        ]
        rows = self.session.execute(text(" UNION ALL ".join(parts)), self.params).all()
        return min(rows, key=lambda row: (row[1], row[2]))[0] if rows else None

    def count(self, states: str, due: str, limit: int | None = None) -> int:
        inner = f"SELECT 1 {self._where(states, due)}"
        if limit is not None:
            inner += f" LIMIT {int(limit)}"  # bounded: never counts past the daily limit
        return int(
            self.session.execute(text(f"SELECT count(*) FROM ({inner})"), self.params).scalar()
        )

    def counts(self) -> QueueCounts:
        return QueueCounts(
            new=self.count("0", ">= 0", self.new_left),
            learning=self.count("1, 3", "< :end"),
            review=self.count("2", "< :end", self.reviews_left),
        )

    def next_id(self, exclude: tuple[int, ...]) -> int | None:
        learning = self.first("1, 3", "<= :now", "c.due", exclude)
        if learning is not None:
            return learning
        review = self.first("2", "< :end", "c.due", exclude) if self.reviews_left else None
        new = self.first("0", ">= 0", "c.due, c.id", exclude) if self.new_left else None
        if review is not None and new is not None:
            # Spread new cards through the reviews instead of leaving them all for the end.
            due = self.count("2", "< :end", self.reviews_left)
            every = max(1, -(-(due + self.new_left) // self.new_left))
            return new if self.answered % every == every - 1 else review
        if review is not None or new is not None:
            return review if review is not None else new
        self.params["ahead"] = self.params["now"] + LEARN_AHEAD
        return self.first("1, 3", "<= :ahead", "c.due", exclude)


def _memory(card_id: int, row: Any) -> MemoryState:
    return MemoryState(card_id, *row)


def _load_card(session: Session, card_id: int) -> tuple[MemoryState, int]:
    row = session.execute(
        text(f"SELECT {', '.join(CARD_COLUMNS)}, learner_id FROM card WHERE id = :id"),
        {"id": card_id},
    ).one_or_none()
    if row is None:
        raise StudyError(f"no card with id {card_id}")
    return _memory(card_id, tuple(row[:-1])), int(row[-1])


def _render(
    kind: str, prompt: str, answer: str, payload: dict[str, Any], origin: str
) -> tuple[str, str]:
    if origin == "imported":
        from studyapp.exchange.sanitize import sanitize_html  # imported HTML stays inert

        prompt, answer = sanitize_html(prompt), sanitize_html(answer)
    else:
        prompt, answer = html.escape(prompt), html.escape(answer)
    if kind == "cloze":
        number = int(payload.get("cloze", 1))
        back = render_back(prompt, number)
        extra = answer if answer and answer not in back else ""
        return render_front(prompt, number), back + (f"<hr>{extra}" if extra else "")
    return prompt, answer


def _review_card(session: Session, card_id: int, now: int, settings: StudySettings) -> ReviewCard:
    memory, _learner = _load_card(session, card_id)
    row = session.execute(
        text(
            "SELECT q.id, q.kind, q.prompt, q.answer, q.payload, q.explanation, q.origin,"
            " d.name, q.source_passage_id, q.source_start, q.source_end, p.ordinal,"
            " a.id, a.title FROM card c JOIN question q ON q.id = c.question_id"
            " JOIN deck d ON d.id = q.deck_id LEFT JOIN passage p ON p.id = q.source_passage_id"
            " LEFT JOIN article a ON a.id = p.article_id WHERE c.id = :id"
        ),
        {"id": card_id},
    ).one()
    payload = json.loads(row[4]) if isinstance(row[4], str) else dict(row[4] or {})
    front, back = _render(row[1], row[2], row[3], payload, row[6])
    source = None
    if row[8] is not None and row[12] is not None:
        start = row[9] if row[9] is not None else -1
        end = row[10] if row[10] is not None else -1
        source = SourceLink(row[12], row[13], row[8], row[11], start, end)
    previews = tuple(
        IntervalPreview(rating, seconds, scheduling.interval_label(seconds))
        for rating, seconds in scheduling.preview(memory, now, settings)
    )
    return ReviewCard(
        card_id=card_id, question_id=row[0], kind=row[1], front=front, back=back,
        explanation=row[5] or "", deck=row[7], state=memory.state, previews=previews,
        source=source, prompt=row[2], answer=row[3],
    )  # fmt: skip


def queue_counts(
    bank: Bank, learner_id: int, deck_id: int | None = None, now_ms: int | None = None
) -> QueueCounts:
    """New (within today's limit), learning and due-review cards left today."""
    with bank.transaction() as session:
        return _Queue(session, learner_id, deck_id, _now_ms(now_ms) // 1000).counts()


def next_card(
    bank: Bank,
    learner_id: int,
    deck_id: int | None = None,
    now_ms: int | None = None,
    exclude: tuple[int, ...] = (),
) -> ReviewCard | None:
    """The next card to study (learning due, then reviews mixed with new), or None when done."""
    now = _now_ms(now_ms) // 1000
    with bank.transaction() as session:
        queue = _Queue(session, learner_id, deck_id, now)
        card_id = queue.next_id(exclude)
        return None if card_id is None else _review_card(session, card_id, now, queue.settings)


def check_typed(bank: Bank, card_id: int, response: str) -> Grade:
    """Compare what the learner typed on a card with its answer (accepted forms and slips too).

    Only informs: the learner still grades the card; nothing is written.
    """
    from studyapp.study.grading import grade

    with bank.transaction() as session:
        row = session.execute(
            text(
                "SELECT q.kind, q.prompt, q.answer, q.payload FROM card c"
                " JOIN question q ON q.id = c.question_id WHERE c.id = :id"
            ),
            {"id": card_id},
        ).one_or_none()
    if row is None:
        raise StudyError(f"no card with id {card_id}")
    payload = json.loads(row[3]) if isinstance(row[3], str) else dict(row[3] or {})
    return grade(row[0], row[1], row[2], payload, response)


def show_card(bank: Bank, card_id: int, now_ms: int | None = None) -> ReviewCard:
    """One card, rendered with its previews (after an edit or undo)."""
    now = _now_ms(now_ms) // 1000
    with bank.transaction() as session:
        _memory_state, learner_id = _load_card(session, card_id)
        return _review_card(session, card_id, now, _settings(session, learner_id))


def answer(
    bank: Bank, card_id: int, rating: int, duration_ms: int = 0, now_ms: int | None = None
) -> AnswerReceipt:
    """Schedule the card with FSRS and log the answer, in one transaction that is durable on return."""
    reviewed_at = _now_ms(now_ms)
    with bank.transaction() as session:
        before, learner_id = _load_card(session, card_id)
        settings = _settings(session, learner_id)
        after = scheduling.review(before, rating, reviewed_at // 1000, settings)
        extra = session.execute(
            text("SELECT suspended, buried_until FROM card WHERE id = :id"), {"id": card_id}
        ).one()
        snapshot = {name: getattr(before, name) for name in CARD_COLUMNS}
        snapshot.update(suspended=bool(extra[0]), buried_until=extra[1])
        values = {name: getattr(after, name) for name in CARD_COLUMNS}
        session.execute(
            text(
                "UPDATE card SET "
                + ", ".join(f"{name} = :{name}" for name in CARD_COLUMNS)
                + ", buried_until = NULL WHERE id = :id"
            ),
            {**values, "id": card_id},
        )
        log_id = session.execute(
            text(
                "INSERT INTO review_log (card_id, learner_id, rating, reviewed_at, duration_ms,"
                " state_before, card_before) VALUES (:card, :learner, :rating, :at, :duration,"
                " :state, :before) RETURNING id"
            ),
            {
                "card": card_id,
                "learner": learner_id,
                "rating": rating,
                "at": reviewed_at,
                "duration": max(0, int(duration_ms)),
                "state": before.state,
                "before": json.dumps(snapshot),
            },  # fmt: skip
        ).scalar_one()
    return AnswerReceipt(log_id=int(log_id), card=after)


def undo(bank: Bank, log_id: int) -> int:
    """Undo one answer: restore the card exactly as it was and delete the log row.

    Only the card's latest answer can be undone. Returns the card id.
    """
    with bank.transaction() as session:
        row = session.execute(
            text("SELECT card_id, card_before FROM review_log WHERE id = :id"), {"id": log_id}
        ).one_or_none()
        if row is None:
            raise StudyError("that answer is no longer in the review log")
        card_id, before = int(row[0]), row[1]
        later = session.execute(
            text("SELECT 1 FROM review_log WHERE card_id = :card AND id > :id LIMIT 1"),
            {"card": card_id, "id": log_id},
        ).scalar()
        if later is not None:
            raise StudyError("only the card's most recent answer can be undone")
        snapshot = json.loads(before) if isinstance(before, str) else dict(before)
        columns = (*CARD_COLUMNS, "suspended", "buried_until")
        session.execute(
            text(f"UPDATE card SET {', '.join(f'{n} = :{n}' for n in columns)} WHERE id = :id"),
            {**{name: snapshot[name] for name in columns}, "id": card_id},
        )
        session.execute(text("DELETE FROM review_log WHERE id = :id"), {"id": log_id})
    return card_id


def bury(bank: Bank, card_id: int, now_ms: int | None = None) -> None:
    """Hide the card until the next study day."""
    now = _now_ms(now_ms) // 1000
    clock = StudyClock.local(now)
    with bank.transaction() as session:
        _load_card(session, card_id)
        session.execute(
            text("UPDATE card SET buried_until = :until WHERE id = :id"),
            {"until": clock.day_start(clock.day(now) + 1), "id": card_id},
        )


def set_suspended(bank: Bank, card_id: int, suspended: bool = True) -> None:
    """Suspend the card (it leaves every queue) or bring it back."""
    with bank.transaction() as session:
        _load_card(session, card_id)
        session.execute(
            text("UPDATE card SET suspended = :value WHERE id = :id"),
            {"value": suspended, "id": card_id},
        )


def edit_question(bank: Bank, question_id: int, prompt: str, answer: str, explanation: str) -> None:
    """Change a question's wording from the review page (marked edited, so regeneration keeps it)."""
    from studyapp.services.question_bank import update_question

    try:
        update_question(bank, question_id, prompt, answer, explanation)
    except ValueError as error:
        raise StudyError(str(error)) from None
    except KeyError:
        raise StudyError(f"no question with id {question_id}") from None


def session_summary(bank: Bank, learner_id: int, since_ms: int) -> SessionSummary:
    """Answers given since ``since_ms``: counts per rating and time spent."""
    with bank.transaction() as session:
        row = session.execute(
            text(
                "SELECT count(*), coalesce(sum(rating = 1), 0), coalesce(sum(rating = 2), 0),"
                " coalesce(sum(rating = 3), 0), coalesce(sum(rating = 4), 0),"
                " coalesce(sum(duration_ms), 0) FROM review_log"
                " WHERE learner_id = :learner AND reviewed_at >= :since"
            ),
            {"learner": learner_id, "since": since_ms},
        ).one()
    return SessionSummary(*(int(value) for value in row[:5]), seconds=int(row[5]) // 1000)

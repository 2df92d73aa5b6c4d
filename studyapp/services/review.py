"""Reviewing flashcards: the daily queue, answering (one transaction each), undo, bury, suspend."""

from __future__ import annotations

import html
import time
from typing import TYPE_CHECKING, Any

from studyapp.bank.database import Bank, Session
from studyapp.bank.queries import decks, questions, review
from studyapp.bank.queries.review import QueueScope, StoredCard
from studyapp.core.errors import BankBusy, BankUnreachable
from studyapp.core.study import (
    AnswerReceipt,
    DeckOverview,
    Grade,
    IntervalPreview,
    QueueCounts,
    ReviewCard,
    SessionSummary,
    SourceLink,
    StudyError,
    StudySettings,
)
from studyapp.exchange.records import html_to_plain
from studyapp.services.learners import settings_from_json

if TYPE_CHECKING:
    from studyapp.services.question_bank import QuestionParts
from studyapp.study import scheduling
from studyapp.study.cloze import render_back, render_front
from studyapp.study.days import StudyClock
from studyapp.study.order import interleave
from studyapp.study.scheduling import LEECH_TAG, is_leech

LEARN_AHEAD = 20 * 60  # like Anki: a learning card due within 20 minutes may come early


def _now_ms(now_ms: int | None) -> int:
    return time.time_ns() // 1_000_000 if now_ms is None else now_ms


def ensure_cards(bank: Bank, learner_id: int) -> int:
    """Create the learner's missing cards (one per flashcard question); return how many.

    When another program keeps the bank busy, nothing is made now: the next call does it.
    """
    try:
        with bank.answering() as session:
            added = review.add_missing_cards(session, learner_id)
            unplaced = review.unplaced_new_cards(session, learner_id)
            if unplaced:  # new cards (and those of banks older than placing) take turns
                review.place_new_cards(session, learner_id, interleave(unplaced))
            return added
    except BankBusy:
        return 0


def _settings(session: Session, learner_id: int) -> StudySettings:
    stored = review.learner_settings(session, learner_id)
    if stored is None:
        raise StudyError(f"no learner with id {learner_id}")
    return settings_from_json(stored)


def _deck_ids(session: Session, deck_id: int | None) -> tuple[int, ...] | None:
    """The deck and its sub-decks ("Parent::Child"), or None for every deck."""
    if deck_id is None:
        return None
    family = decks.family_ids(session, [deck_id])
    if family is None:
        raise StudyError(f"no deck with id {deck_id}")
    return tuple(family)


class _Queue:
    """One queue look-up: the learner's limits for today, applied to the due cards."""

    def __init__(self, session: Session, learner_id: int, deck_id: int | None, now: int):
        self.session = session
        self.settings = _settings(session, learner_id)
        clock = StudyClock.local(now)
        today = clock.day(now)
        self.day_end = clock.day_start(today + 1)
        done = review.answers_since(session, learner_id, clock.day_start(today) * 1000)
        self.answered = done.total
        self.new_left = max(0, self.settings.new_per_day - done.new)
        self.reviews_left = max(0, self.settings.reviews_per_day - done.reviews)
        self.scope = QueueScope(learner_id, now, _deck_ids(session, deck_id))

    def counts(self) -> QueueCounts:
        return QueueCounts(
            new=review.count_new_cards(self.session, self.scope, self.new_left),
            learning=review.count_learning_cards(self.session, self.scope, self.day_end),
            review=review.count_review_cards(
                self.session, self.scope, self.day_end, self.reviews_left
            ),
        )

    def next_id(self, exclude: tuple[int, ...]) -> int | None:
        scope = QueueScope(self.scope.learner_id, self.scope.now, self.scope.deck_ids, exclude)
        learning = review.next_learning_card(self.session, scope, scope.now)
        if learning is not None:
            return learning
        due = (
            review.next_review_card(self.session, scope, self.day_end)
            if self.reviews_left
            else None
        )
        new = review.next_new_card(self.session, scope) if self.new_left else None
        if due is not None and new is not None:
            # Spread new cards through the reviews instead of leaving them all for the end.
            waiting = review.count_review_cards(
                self.session, scope, self.day_end, self.reviews_left
            )
            every = max(1, -(-(waiting + self.new_left) // self.new_left))
            return new if self.answered % every == every - 1 else due
        if due is not None or new is not None:
            return due if due is not None else new
        return review.next_learning_card(self.session, scope, scope.now + LEARN_AHEAD)


def _load_card(session: Session, card_id: int) -> StoredCard:
    card = review.stored_card(session, card_id)
    if card is None:
        raise StudyError(f"no card with id {card_id}")
    return card


def _render(
    kind: str, prompt: str, answer: str, payload: dict[str, Any], origin: str
) -> tuple[str, str]:
    if origin == "imported":
        from studyapp.exchange.sanitize import sanitize_html, tame_layout  # stays inert

        prompt, answer = tame_layout(sanitize_html(prompt)), tame_layout(sanitize_html(answer))
    else:
        prompt, answer = html.escape(prompt), html.escape(answer)
    if kind == "cloze":
        number = int(payload.get("cloze", 1))
        back = render_back(prompt, number)
        extra = answer if answer and answer not in back else ""
        return render_front(prompt, number), back + (f"<hr>{extra}" if extra else "")
    return prompt, answer


def _adds_to(back: str, explanation: str) -> str:
    """The explanation, or "" when the back already shows its words (a generated cloze's
    source sentence is the card itself, lead-in or not)."""
    shown = " ".join(html_to_plain(back).split())
    return "" if explanation and " ".join(explanation.split()) in shown else explanation


def _review_card(session: Session, card_id: int, now: int, settings: StudySettings) -> ReviewCard:
    memory = _load_card(session, card_id).memory
    content = review.card_content(session, card_id)
    if content is None:
        raise StudyError(f"no card with id {card_id}")
    front, back = _render(content.kind, content.prompt, content.answer, content.payload,
                          content.origin)  # fmt: skip
    source = None
    if content.passage_id is not None and content.article_id is not None:
        source = SourceLink(
            content.article_id, content.article_title or "", content.passage_id,
            content.passage_ordinal or 0,
            content.source_start if content.source_start is not None else -1,
            content.source_end if content.source_end is not None else -1,
        )  # fmt: skip
    previews = tuple(
        IntervalPreview(rating, seconds, scheduling.interval_label(seconds))
        for rating, seconds in scheduling.preview(memory, now, settings)
    )
    return ReviewCard(
        card_id=card_id, question_id=content.question_id, kind=content.kind, front=front,
        back=back, explanation=_adds_to(back, content.explanation or ""), deck=content.deck, state=memory.state,
        previews=previews, source=source, prompt=content.prompt, answer=content.answer,
    )  # fmt: skip


def queue_counts(
    bank: Bank, learner_id: int, deck_id: int | None = None, now_ms: int | None = None
) -> QueueCounts:
    """New (within today's limit), learning and due-review cards left today."""
    with bank.reading() as session:
        return _Queue(session, learner_id, deck_id, _now_ms(now_ms) // 1000).counts()


def deck_overview(bank: Bank, learner_id: int, now_ms: int | None = None) -> list[DeckOverview]:
    """Every deck with the new, learning and due cards it has for the learner today, its
    sub-decks included and the day's limits applied, by name (Anki's deck list). Decks
    without a question left (their questions or article deleted) are not listed."""
    now = _now_ms(now_ms) // 1000
    with bank.reading() as session:
        queue = _Queue(session, learner_id, None, now)
        own = review.counts_per_deck(session, learner_id, now, queue.day_end)
        names = decks.decks_in_use(session)  # an emptied deck is not listed
    overview = []
    for deck_id, name in sorted(names.items(), key=lambda item: item[1].casefold()):
        family = [own.get(other, (0, 0, 0)) for other, other_name in names.items()
                  if decks.in_family(other_name, name)]  # fmt: skip
        new, learning, due = (sum(column) for column in zip(*family, strict=True))
        counts = QueueCounts(min(new, queue.new_left), learning, min(due, queue.reviews_left))
        overview.append(DeckOverview(deck_id, name, counts))
    return overview


def next_card(
    bank: Bank,
    learner_id: int,
    deck_id: int | None = None,
    now_ms: int | None = None,
    exclude: tuple[int, ...] = (),
) -> ReviewCard | None:
    """The next card to study (learning due, then reviews mixed with new), or None when done."""
    now = _now_ms(now_ms) // 1000
    with bank.reading() as session:
        queue = _Queue(session, learner_id, deck_id, now)
        card_id = queue.next_id(exclude)
        return None if card_id is None else _review_card(session, card_id, now, queue.settings)


def check_typed(bank: Bank, card_id: int, response: str) -> Grade:
    """Compare what the learner typed on a card with its answer (accepted forms and slips too).

    Only informs: the learner still grades the card; nothing is written.
    """
    from studyapp.study.grading import grade

    with bank.reading() as session:
        content = review.card_content(session, card_id)
    if content is None:
        raise StudyError(f"no card with id {card_id}")
    return grade(content.kind, content.prompt, content.answer, content.payload, response)


def compare_typed(typed: str, expected: str) -> tuple[list[tuple[bool, str]], list[tuple[bool, str]]]:
    """The typed answer against the right one, character by character (see ``typed_diff``)."""
    from studyapp.study.grading import typed_diff

    return typed_diff(typed, expected)


def show_card(bank: Bank, card_id: int, now_ms: int | None = None) -> ReviewCard:
    """One card, rendered with its previews (after an edit or undo)."""
    now = _now_ms(now_ms) // 1000
    with bank.reading() as session:
        card = _load_card(session, card_id)
        return _review_card(session, card_id, now, _settings(session, card.learner_id))


def answer(
    bank: Bank, card_id: int, rating: int, duration_ms: int = 0, now_ms: int | None = None,
    answer_id: str | None = None,
) -> AnswerReceipt:  # fmt: skip
    """Schedule the card with FSRS and log the answer, in one transaction that is durable on return.

    The learner is waiting: if another program holds the bank for more than a moment,
    this raises BankBusy (nothing saved) instead of freezing the window. On a server bank
    that cannot be reached, the answer is kept in the outbox and AnswerKept says so; it is
    sent, once, when the server is back (``answer_id`` makes a second sending a no-op).
    """
    from studyapp.services import outbox

    answer_id = answer_id or outbox.new_answer_id()
    reviewed_at = _now_ms(now_ms)
    duration = max(0, int(duration_ms))
    payload = {"card_id": card_id, "rating": rating, "duration_ms": duration,
               "reviewed_at_ms": reviewed_at}  # fmt: skip
    if outbox.waiting_count(bank):  # the server was away: this one goes after those, in order
        raise outbox.keep(bank, answer_id, "review", payload)
    try:
        return record_answer(bank, card_id, rating, duration, reviewed_at, answer_id)[0]
    except BankUnreachable as error:
        if bank.outbox is None:
            raise
        raise outbox.keep(bank, answer_id, "review", payload) from error


def record_answer(
    bank: Bank, card_id: int, rating: int, duration_ms: int, reviewed_at_ms: int, answer_id: str
) -> tuple[AnswerReceipt, bool]:
    """Log one answer given at ``reviewed_at_ms``; (receipt, False) if the bank has it already."""
    now = reviewed_at_ms // 1000
    clock = StudyClock.local(now)
    tomorrow = clock.day_start(clock.day(now) + 1)
    with bank.answering() as session:
        found = review.answer_context(session, card_id, answer_id)
        if found is None:
            raise StudyError(f"no card with id {card_id}")
        before = found.card
        if found.recorded is not None:
            return AnswerReceipt(log_id=found.recorded, card=before.memory), False
        settings = settings_from_json(found.settings)
        after = scheduling.review(before.memory, rating, now, settings)
        # One fact a day: its other cards wait until tomorrow, as Anki buries siblings.
        siblings = review.sibling_cards(session, card_id)
        review.bury_cards(session, siblings, tomorrow)
        side_effects: dict[str, Any] = {"buried_siblings": siblings, "buried_until_day": tomorrow}
        leech = is_leech(before.memory.lapses, after.lapses)
        if leech:
            question_id = review.card_question(session, card_id)
            tagged = questions.change_tags(session, [question_id or -1], add=(LEECH_TAG,))
            review.suspend_card(session, card_id, True)
            side_effects["tagged_leech"] = bool(tagged)  # Undo takes the tag away again
        log_id = review.record_answer(
            session, before, after, rating, reviewed_at_ms, duration_ms, answer_id, side_effects
        )
    return AnswerReceipt(log_id=log_id, card=after, leech=leech), True


def undo(bank: Bank, log_id: int) -> int:
    """Undo one answer: restore the card exactly as it was and delete the log row.

    Only the card's latest answer can be undone. Returns the card id.
    """
    with bank.answering() as session:
        logged = review.logged_answer(session, log_id)
        if logged is None:
            raise StudyError("that answer is no longer in the review log")
        card_id, snapshot = logged
        if review.answered_after(session, card_id, log_id):
            raise StudyError("only the card's most recent answer can be undone")
        review.restore_card(session, card_id, snapshot, log_id)
        review.unbury_cards(
            session, snapshot.get("buried_siblings", []), snapshot.get("buried_until_day", 0)
        )
        if snapshot.get("tagged_leech"):
            question_id = review.card_question(session, card_id)
            questions.change_tags(session, [question_id or -1], remove=(LEECH_TAG,))
    return card_id


def bury(bank: Bank, card_id: int, now_ms: int | None = None) -> None:
    """Hide the card until the next study day."""
    now = _now_ms(now_ms) // 1000
    clock = StudyClock.local(now)
    with bank.answering() as session:
        _load_card(session, card_id)
        review.bury_card(session, card_id, clock.day_start(clock.day(now) + 1))


def set_suspended(bank: Bank, card_id: int, suspended: bool = True) -> None:
    """Suspend the card (it leaves every queue) or bring it back."""
    with bank.answering() as session:
        _load_card(session, card_id)
        review.suspend_card(session, card_id, suspended)


def edit_question(
    bank: Bank, question_id: int, prompt: str, answer: str, explanation: str,
    parts: QuestionParts | None = None,
) -> None:  # fmt: skip
    """Change a question's wording from the review page (marked edited, so regeneration keeps it)."""
    from studyapp.services.question_bank import update_question

    try:
        update_question(bank, question_id, prompt, answer, explanation, parts)
    except ValueError as error:
        raise StudyError(str(error)) from None
    except KeyError:
        raise StudyError(f"no question with id {question_id}") from None


def session_summary(bank: Bank, learner_id: int, since_ms: int) -> SessionSummary:
    """Answers given since ``since_ms``: counts per rating and time spent."""
    with bank.reading() as session:
        return review.answers_summary(session, learner_id, since_ms)

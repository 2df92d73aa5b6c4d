"""Answers given while the server bank was unreachable: kept on this computer, sent once each.

The review and quiz services keep an answer here when the server cannot be reached
(``keep``), and keep every later one behind it while any waits, so answers reach the bank
in the order they were given, and no answer waits for a server that is away. Start-up,
the window's timer (in the background, ``check_and_send``: it also finds the server back)
and the end of a quiz send them (``send_waiting``). Each answer carries the id it got when
it was given: when the server went away after committing one, sending it again finds it
there and adds nothing.
"""

from __future__ import annotations

import logging
import threading
import uuid
from dataclasses import dataclass
from typing import Any

from studyapp.bank.database import Bank
from studyapp.core.errors import AnswerKept, BankUnreachable, StudyAppError

log = logging.getLogger(__name__)
_sending = threading.Lock()  # the window's timer and an answer may both try at once


@dataclass(frozen=True)
class SentAnswers:
    """What one sending did: answers recorded, found already there, refused, still waiting."""

    sent: int = 0
    already_there: int = 0
    refused: tuple[str, ...] = ()  # why, for each answer the bank no longer has a place for
    waiting: int = 0
    away: str | None = None  # why the server still cannot be reached, if it cannot


def new_answer_id() -> str:
    """A fresh id for an answer about to be given."""
    return str(uuid.uuid4())


def waiting_count(bank: Bank) -> int:
    """How many answers wait on this computer for the bank's server (0 for a local file)."""
    return 0 if bank.outbox is None else bank.outbox.count()


def server_away(bank: Bank) -> str | None:
    """Why the bank's server is known to be unreachable (the UI then reads nothing from it);
    None while it is not, and always for a local file."""
    return bank.server_away


def check_and_send(bank: Bank) -> SentAnswers:
    """In the background: is the server back? Then send the answers kept meanwhile.

    Waits up to the server's connect timeout, so never on the UI thread.
    """
    if not bank.check_server():
        return SentAnswers(waiting=waiting_count(bank), away=bank.server_away)
    return send_waiting(bank)


def keep(bank: Bank, answer_id: str, kind: str, payload: dict[str, Any]) -> AnswerKept:
    """Keep an answer for the server (durably); the AnswerKept that tells the learner."""
    assert bank.outbox is not None
    waiting = bank.outbox.keep(answer_id, kind, payload)
    return AnswerKept("The server cannot be reached", waiting)


def send_waiting(bank: Bank) -> SentAnswers:
    """Send the answers waiting for the bank, oldest first; stop at the first that cannot go.

    Never raises for the server being away: the answers stay and ``waiting`` says how many.
    An answer the bank refuses for good (its card or quiz was deleted meanwhile) is dropped,
    and its reason listed in ``refused``.
    """
    if bank.outbox is None:
        return SentAnswers()
    with _sending:
        answers = bank.outbox.waiting()
        sent = already = 0
        refused: list[str] = []
        for answer in answers:
            try:
                new = _send(bank, answer.kind, answer.answer_id, answer.payload)
            except BankUnreachable:
                break
            except StudyAppError as error:  # a card or quiz deleted while it waited
                log.warning("a kept answer was refused: %s", error)
                refused.append(str(error))
                bank.outbox.remove(answer.answer_id)
                continue
            bank.outbox.remove(answer.answer_id)
            sent += new
            already += not new
        return SentAnswers(sent, already, tuple(refused), bank.outbox.count(), bank.server_away)


def _send(bank: Bank, kind: str, answer_id: str, payload: dict[str, Any]) -> bool:
    """Record one kept answer; False when the bank had it already."""
    if kind == "review":
        from studyapp.services.review import record_answer

        _receipt, new = record_answer(
            bank, payload["card_id"], payload["rating"], payload["duration_ms"],
            payload["reviewed_at_ms"], answer_id,
        )  # fmt: skip
        return new
    from studyapp.services.quiz import record_answer as record_quiz_answer

    _grade, new = record_quiz_answer(
        bank, payload["attempt_id"], payload["question_id"], payload["response"], answer_id
    )
    return new

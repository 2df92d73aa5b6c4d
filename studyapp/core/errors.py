"""Errors that cross package boundaries, with messages a user can act on."""

from __future__ import annotations


class StudyAppError(Exception):
    """Base class for every error StudyApp reports to a user."""


class InputError(StudyAppError):
    """Bad input: a file that cannot be read, parsed or imported.

    Renders as ``FILE:LINE: reason`` (or ``FILE: reason`` without a line), the
    shape the command line prints on stderr with exit status 2.
    """

    def __init__(self, path: str, reason: str, line: int | None = None, record: str | None = None):
        self.path = str(path)
        self.reason = reason
        self.line = line
        self.record = record
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        if self.record:
            where = f"{where}: record {self.record}"
        return f"{where}: {self.reason}"


class DatabaseError(StudyAppError):
    """The question bank file is missing, unreadable, corrupt or too new."""

    def __init__(self, path: str, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class BankBusy(DatabaseError):
    """Another task or program held the bank's write lock longer than this write could wait."""


class Cancelled(StudyAppError):
    """Raised by a progress callback to stop long work between two steps."""


class BankUnreachable(DatabaseError):
    """The bank's server could not be reached (stopped, restarting, or the network is down)."""


class NotAllowed(DatabaseError):
    """The bank's server refused a change this role may not make (a learner editing questions)."""


class AnswerKept(StudyAppError):
    """The server could not be reached: the answer waits on this computer to be sent later."""

    def __init__(self, reason: str, waiting: int):
        self.waiting = waiting
        answers = "answer waits" if waiting == 1 else "answers wait"
        super().__init__(
            f"{reason}. Your answer is kept on this computer and sent when the server is back"
            f" ({waiting} {answers})."
        )

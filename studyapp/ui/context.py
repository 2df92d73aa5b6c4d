"""What every page shares: the open bank, the background task runner, the learner, navigation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal

from studyapp.ui.tasks import TaskRunner

if TYPE_CHECKING:  # the bank (and SQLAlchemy) is imported after the first paint
    from studyapp.bank.database import Bank


class AppContext(QObject):
    """Shared state and app-wide signals; pages talk to each other only through these signals.

    The bank is opened after the window is painted, so pages are built once it is ready.
    """

    articles_changed = Signal()  # an article was added, removed or re-extracted
    questions_changed = Signal()  # questions were generated, imported, edited or deleted
    learner_changed = Signal(int)
    knowledge_changed = Signal()  # people, figures and events were (re)extracted
    person_requested = Signal(str)  # open a person's profile (PersonProfile.key)
    figure_requested = Signal(int)  # show a key number
    event_requested = Signal(int)  # show an event on the timeline
    # Open the Reader at a passage; start/end (or -1) select a span inside it.
    passage_requested = Signal(int, int, int, int)  # article id, passage ordinal, start, end
    page_requested = Signal(str)  # a page's name
    answers_waiting = Signal(int)  # answers kept on this computer for an unreachable server
    review_requested = Signal(object)  # study a deck (its id) or every deck (None) now

    def __init__(self, bank: Bank, settings: QSettings, tasks: TaskRunner):
        super().__init__()
        self.bank = bank
        self.settings = settings
        self.tasks = tasks
        self.learner_id: int | None = None

    def show_passage(self, article_id: int, ordinal: int, start: int = -1, end: int = -1) -> None:
        """Ask the window to open the Reader at a passage (and select a span)."""
        self.passage_requested.emit(article_id, ordinal, start, end)

    def set_learner(self, learner_id: int) -> None:
        """Make ``learner_id`` the current learner and tell every page (the bank remembers it)."""
        self.learner_id = learner_id
        self.learner_changed.emit(learner_id)

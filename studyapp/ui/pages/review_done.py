"""The end of a review session: what was done, and where to go next."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from studyapp.core.study import AGAIN, EASY, GOOD, HARD, RATING_NAMES, SessionSummary

RATING_COLOURS = {AGAIN: "#d64541", HARD: "#e08a1e", GOOD: "#2e9d57", EASY: "#2f7bd6"}
CSS = """
QLabel#doneTitle { font-size: 24px; font-weight: 600; }
QLabel#doneText { font-size: 14px; }
QPushButton { padding: 7px 16px; }
"""


def summary_html(summary: SessionSummary) -> str:
    """Cards answered, time, share remembered and a count per rating."""
    minutes, seconds = divmod(summary.seconds, 60)
    spent = f"{minutes} min {seconds} s" if minutes else f"{seconds} s"
    cells = "".join(
        f'<td style="padding:4px 14px; text-align:center;">'
        f'<span style="color:{RATING_COLOURS[r]}; font-size:20px; font-weight:600;">{count}</span>'
        f"<br/>{RATING_NAMES[r]}</td>"
        for r, count in ((AGAIN, summary.again), (HARD, summary.hard), (GOOD, summary.good),
                         (EASY, summary.easy))
    )  # fmt: skip
    return (
        f'<p align="center">You answered <b>{summary.reviewed}</b> cards in {spent};'
        f" you remembered <b>{summary.correct_share:.0%}</b> of them.</p>"
        f'<table align="center"><tr>{cells}</tr></table>'
        '<p align="center">Press Ctrl+Z to take back the last answer.</p>'
    )


class SessionDone(QWidget):
    """A centred summary with buttons to the Library, a quiz or the Progress page."""

    page_requested = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setStyleSheet(CSS)
        self.done_title = QLabel()
        self.done_title.setObjectName("doneTitle")
        self.done_text = QLabel()
        self.done_text.setObjectName("doneText")
        self.done_text.setWordWrap(True)
        self.done_text.setTextFormat(Qt.TextFormat.RichText)
        self.done_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done_text.setFixedWidth(520)
        # In a row of its own (not added with an alignment): the layout then gives the
        # wrapped text the height it needs instead of one line's.
        text_row = QHBoxLayout()
        text_row.addStretch(1)
        text_row.addWidget(self.done_text)
        text_row.addStretch(1)
        self.library_button = QPushButton("Open the Library")
        self.quiz_button = QPushButton("Take a quiz")
        self.progress_button = QPushButton("See your progress")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button, page in ((self.library_button, "library"), (self.quiz_button, "quiz"),
                             (self.progress_button, "progress")):  # fmt: skip
            button.clicked.connect(lambda _=False, name=page: self.page_requested.emit(name))
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.done_title, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(10)
        layout.addLayout(text_row)
        layout.addSpacing(16)
        layout.addLayout(buttons)
        layout.addStretch(2)

    def show_summary(self, summary: SessionSummary, has_cards: bool) -> None:
        """Say what the session did, or why there was nothing to review."""
        self.library_button.setVisible(not has_cards)
        self.quiz_button.setVisible(has_cards)
        self.progress_button.setVisible(has_cards)
        if not has_cards:
            self.done_title.setText("No flashcards yet")
            self.done_text.setText(
                "Generate a study set from an article in the Library, or import a deck,"
                " and its cards will be waiting here."
            )
        elif summary.reviewed:
            self.done_title.setText("Done for now — well studied!")
            self.done_text.setText(summary_html(summary))
        else:
            self.done_title.setText("Nothing due right now")
            self.done_text.setText(
                "Every card in this selection is scheduled for later. Come back tomorrow,"
                " or test yourself with a quiz."
            )

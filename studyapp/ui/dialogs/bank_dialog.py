"""Settings → Bank…: keep the question bank on this computer, or share a class's server."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from studyapp.core.errors import StudyAppError
from studyapp.services import bank_choice
from studyapp.services.bank_choice import ConnectionCheck
from studyapp.ui.tasks import TaskRunner

SOURCES = {
    "--bank": "chosen with --bank for this start",
    "STUDYAPP_BANK_URL": "chosen by the STUDYAPP_BANK_URL environment variable",
    "Settings": "chosen here",
    "default": "the file in the data folder",
}


class BankDialog(QDialog):
    """This computer or a server URL, "Test connection" (in the background), Save."""

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Question bank")
        self.setMinimumWidth(560)
        self.tasks = tasks
        choice = bank_choice.current_choice()
        intro = QLabel(
            "StudyApp keeps its questions and your answers in a file on this computer. A class"
            " can share one bank on a PostgreSQL server instead: the teacher's questions for"
            " everyone, each learner's answers their own."
        )
        intro.setWordWrap(True)
        self.current = QLabel(
            f"Open now: <b>{html.escape(choice.location)}</b> ({SOURCES[choice.source]})"
        )
        self.current.setWordWrap(True)
        self.current.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.local_button = QRadioButton("&This computer (the file in the data folder)")
        self.server_button = QRadioButton("A class's &server:")
        group = QButtonGroup(self)
        group.addButton(self.local_button)
        group.addButton(self.server_button)
        self.url_edit = QLineEdit(choice.chosen_url)
        self.url_edit.setPlaceholderText(bank_choice.EXAMPLE_URL)
        self.url_edit.setAccessibleName("Server URL")
        self.test_button = QPushButton("Test &connection")
        self.test_button.clicked.connect(self.test_connection)
        (self.server_button if choice.chosen_url else self.local_button).setChecked(True)
        self.server_button.toggled.connect(self._update)
        self.url_edit.textChanged.connect(self._update)
        self.result = QLabel("")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        note = QLabel(
            "The chosen bank opens the next time StudyApp starts. A password can stay out of"
            " the URL in the user's ~/.pgpass file."
        )
        note.setWordWrap(True)
        note.setObjectName("pageSubtitle")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        server_row = QHBoxLayout()
        server_row.addWidget(self.url_edit, 1)
        server_row.addWidget(self.test_button)
        layout = QVBoxLayout(self)
        for widget in (intro, self.current, self.local_button, self.server_button):
            layout.addWidget(widget)
        layout.addLayout(server_row)
        layout.addWidget(self.result)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self._update()

    def url(self) -> str:
        """The server URL, or "" when the local file is chosen."""
        return self.url_edit.text().strip() if self.server_button.isChecked() else ""

    def _update(self) -> None:
        self.url_edit.setEnabled(self.server_button.isChecked())
        self.test_button.setEnabled(bool(self.url()))

    def test_connection(self) -> None:
        """Connect in the background (a server may take seconds to answer) and say what is there."""
        url = self.url()
        if not url:
            return
        self.test_button.setEnabled(False)
        self.result.setText("Connecting…")
        self.tasks.start(
            "Testing the connection",
            lambda _progress: bank_choice.check_connection(url),
            on_success=self._on_tested,
            on_failure=lambda error: self._on_tested(ConnectionCheck(False, str(error))),
            writes=False,
        )

    def _on_tested(self, check: ConnectionCheck) -> None:
        mark = "✓" if check.usable else "✗"
        self.result.setText(f"{mark} {html.escape(check.message)}")
        self._update()

    def save(self) -> None:
        try:
            bank_choice.save_choice(self.url())
        except StudyAppError as error:
            self.result.setText(f"✗ {html.escape(str(error))}")
            return
        self.accept()

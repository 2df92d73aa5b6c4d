"""A status-bar panel that shows the running background task with a progress bar and Cancel."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from studyapp.ui.tasks import Task


class TaskPanel(QWidget):
    """Shows the newest running task; hides itself when no task runs."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setFixedWidth(220)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self._tasks: list[Task] = []
        self.hide()

    def track(self, task: Task) -> None:
        """Show ``task`` until it finishes."""
        self._tasks.append(task)
        task.signals.progressed.connect(
            lambda done, total, message: self._on_progressed(task, done, total, message)
        )
        task.signals.finished.connect(lambda: self._on_finished(task))
        self._show(task, 0, 0, task.title)

    def _show(self, task: Task, done: int, total: int, message: str) -> None:
        self.label.setText(
            f"{task.title}: {message}" if message and message != task.title else task.title
        )
        self.bar.setRange(0, max(total, 0))
        self.bar.setValue(done)
        self.cancel_button.setEnabled(not task.is_cancelled)
        self.show()

    def _on_progressed(self, task: Task, done: int, total: int, message: str) -> None:
        if self._tasks and self._tasks[-1] is task:
            self._show(task, done, total, message)

    def _on_finished(self, task: Task) -> None:
        if task in self._tasks:
            self._tasks.remove(task)
        if self._tasks:
            self._show(self._tasks[-1], 0, 0, self._tasks[-1].title)
        else:
            self.hide()

    def _on_cancel_clicked(self) -> None:
        if self._tasks:
            self._tasks[-1].cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(f"{self._tasks[-1].title}: cancelling…")

"""The class view of the Progress page: every learner's figures, their mastery, a CSV export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studyapp.core.errors import StudyAppError
from studyapp.services.class_progress import (
    RECENT_DAYS,
    LearnerProgress,
    class_progress,
    export_class_csv,
)
from studyapp.ui.context import AppContext

COLUMNS = ("Learner", "Reviews", f"Last {RECENT_DAYS} days", "Retention", "Studied", "Mastered",
           "Quizzes", "Quiz score")  # fmt: skip
DETAIL_COLUMNS = ("", "Article or person", "Cards", "Studied", "Mastered")


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _table(headers: tuple[str, ...]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[tuple[object, ...]]) -> None:
    table.setRowCount(len(rows))
    for number, row in enumerate(rows):
        for column, value in enumerate(row):
            item = QTableWidgetItem(str(value))
            if isinstance(value, int) or str(value).endswith("%"):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(number, column, item)


class ClassDialog(QDialog):
    """One row per learner the role may see; the selected learner's mastery below."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.rows: tuple[LearnerProgress, ...] = ()
        self.setWindowTitle("Class progress")
        self.resize(760, 560)
        self.status = QLabel("Computing…")
        self.status.setWordWrap(True)
        self.table = _table(COLUMNS)
        self.table.itemSelectionChanged.connect(self._show_detail)
        self.detail = _table(DETAIL_COLUMNS)
        self.export_button = QPushButton("&Export CSV…")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 3)
        layout.addWidget(QLabel("Mastery of the selected learner, per article and person:"))
        layout.addWidget(self.detail, 2)
        layout.addLayout(buttons)
        bank = context.bank
        context.tasks.start(
            "Measuring the class's progress",
            lambda progress: class_progress(bank, progress=progress),
            on_success=self._on_measured,
            on_failure=lambda error: self.status.setText(f"Could not measure: {error}"),
            writes=False,
        )

    def _on_measured(self, rows: tuple[LearnerProgress, ...]) -> None:
        self.rows = rows
        bank = self.context.bank
        whom = "the class on this server" if bank.on_server and bank.teacher else (
            "your own progress (the server shows each learner only their own)"
            if bank.on_server else "every learner on this computer")  # fmt: skip
        self.status.setText(f"{len(rows)} learner{'s' if len(rows) != 1 else ''}: {whom}.")
        _fill(self.table, [
            (row.name, row.reviews, row.recent_reviews, _percent(row.retention), row.studied,
             row.mastered, row.quizzes, _percent(row.quiz_score))
            for row in rows
        ])  # fmt: skip
        self.export_button.setEnabled(bool(rows))
        if rows:
            self.table.selectRow(0)

    def _show_detail(self) -> None:
        selected = self.table.selectionModel().selectedRows()
        if not selected:
            return
        row = self.rows[selected[0].row()]
        _fill(self.detail, [
            (kind, mastery.name, mastery.total, mastery.studied, mastery.mastered)
            for kind, masteries in (("Article", row.by_article), ("Person", row.by_person))
            for mastery in masteries
        ])  # fmt: skip

    def export(self) -> None:
        """Write the class view to a CSV file the teacher chooses."""
        name, _ = QFileDialog.getSaveFileName(
            self, "Export class progress", str(Path.home() / "class-progress.csv"),
            "CSV files (*.csv)",
        )  # fmt: skip
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> None:
        try:
            written = export_class_csv(self.rows, path)
        except StudyAppError as error:
            self.status.setText(f"Not exported: {error}")
            return
        self.status.setText(f"Exported {written} rows to {path}")

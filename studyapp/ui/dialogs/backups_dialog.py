"""Settings → Backups: list, make, check and restore backups; and the damaged-bank recovery offer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studyapp.bank.database import Bank
from studyapp.services import backups as service
from studyapp.services.backups import BackupInfo, IntegrityReport, RestoreResult
from studyapp.ui.tasks import TaskRunner

KIND_LABELS = {
    "daily": "Daily (automatic)",
    "manual": "Made by you",
    "import": "Before an import",
    "migration": "Before an upgrade",
    "restore": "Before a restore",
    "damaged": "Damaged bank (kept for recovery)",
}
PATH_ROLE = Qt.ItemDataRole.UserRole


def describe(info: BackupInfo) -> str:
    """``21 Nov 2026 23:46`` in local time, for buttons and messages."""
    return info.created.astimezone().strftime("%d %b %Y %H:%M")


def human_size(size: int) -> str:
    """Bytes as B / KB / MB."""
    for unit in ("B", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return f"{size} B"


class BackupsDialog(QDialog):
    """Lists the backups (date, kind, size) with Back up now, Restore… and Check integrity."""

    def __init__(
        self,
        tasks: TaskRunner,
        bank: Bank | None,
        on_restored: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle("Backups")
        self.resize(640, 420)
        self.tasks = tasks
        self.bank = bank
        self.on_restored = on_restored
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Date", "Kind", "Size"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.status = QLabel("Backups are made every day at start-up and before each import.")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.backup_button = QPushButton("Back up now")
        self.backup_button.clicked.connect(self._on_backup_clicked)
        self.restore_button = QPushButton("Restore…")
        self.restore_button.clicked.connect(self._on_restore_clicked)
        self.check_button = QPushButton("Check integrity")
        self.check_button.clicked.connect(self._on_check_clicked)
        close_button = QPushButton("Close")
        close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.restore_button, self.check_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._busy = False
        self.refresh()

    # -- list ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the list of backups in the background."""
        bank = self.bank
        self.tasks.start(
            "Listing backups",
            lambda _progress: service.list_backups(bank.path if bank else None),
            on_success=self._on_listed,
            on_failure=self._on_failed,
            writes=False,
        )

    def _on_listed(self, backups: list[BackupInfo]) -> None:
        self.table.setRowCount(len(backups))
        for row, info in enumerate(backups):
            cells = (describe(info), KIND_LABELS.get(info.kind, info.kind), human_size(info.size))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(PATH_ROLE, str(info.path))
                item.setToolTip(str(info.path))
                self.table.setItem(row, column, item)
        if backups:
            self.table.selectRow(0)
        self._update_buttons()

    def selected_backup(self) -> Path | None:
        """The backup file of the selected row."""
        items = self.table.selectedItems()
        return Path(items[0].data(PATH_ROLE)) if items else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(not self._busy and self.selected_backup() is not None)
        self.backup_button.setEnabled(not self._busy)
        self.check_button.setEnabled(not self._busy)

    def _run(self, title: str, function: Callable[[], object], on_success: Callable) -> None:  # type: ignore[type-arg]
        self._busy = True
        self._update_buttons()
        self.status.setText(f"{title}…")
        self.tasks.start(
            title, lambda _progress: function(), on_success=on_success, on_failure=self._on_failed
        )

    def _finish(self, message: str) -> None:
        self._busy = False
        self.status.setText(message)
        self.refresh()

    def _on_failed(self, error: BaseException) -> None:
        self._busy = False
        self._update_buttons()
        self.status.setText(f"<b>Failed:</b> {error}")

    # -- actions ---------------------------------------------------------------------------
    def _on_backup_clicked(self) -> None:
        bank = self.bank
        self._run("Backing up", lambda: service.backup_now(bank), self._on_backed_up)

    def _on_backed_up(self, info: BackupInfo) -> None:
        self._finish(f"Backed up to {info.path}")

    def _on_check_clicked(self) -> None:
        bank = self.bank
        self._run("Checking the question bank", lambda: service.check_bank(bank), self._on_checked)

    def _on_checked(self, report: IntegrityReport) -> None:
        if report.ok:
            self._finish("The question bank passed the integrity and foreign-key checks.")
        else:
            self._finish("<b>Problems found:</b> " + "; ".join(report.problems[:5]))

    def _on_restore_clicked(self) -> None:
        file = self.selected_backup()
        if file is None:
            return
        answer = QMessageBox.question(
            self,
            "Restore this backup?",
            f"Replace your question bank with the backup\n{file.name}?\n\n"
            "Your bank as it is now is backed up first, so this can be undone.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        bank = self.bank
        self._run("Restoring", lambda: service.restore_backup(file, bank), self._on_restored)

    def _on_restored(self, result: RestoreResult) -> None:
        kept = (
            f" The previous bank is kept in {result.previous.path.name}." if result.previous else ""
        )
        self._finish(f"Restored {result.restored_from.name}.{kept}")
        if self.on_restored is not None:
            self.on_restored()


class RecoveryPanel(QWidget):
    """The message shown when the bank cannot be opened, offering the newest good backup."""

    def __init__(self, message_html: str, tasks: TaskRunner, on_restored: Callable[[], None]):
        super().__init__()
        self.tasks = tasks
        self.on_restored = on_restored
        self.message = QLabel(message_html)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLabel("Looking for a backup…")
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setWordWrap(True)
        self.restore_button = QPushButton()
        self.restore_button.hide()
        self.restore_button.clicked.connect(self._on_restore_clicked)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addWidget(self.note)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        self.candidate: BackupInfo | None = None
        tasks.start(
            "Looking for a backup",
            lambda _progress: service.recovery_candidate(),
            on_success=self._on_candidate_found,
            on_failure=lambda error: self.note.setText(f"No backup could be checked: {error}"),
            writes=False,
        )

    def _on_candidate_found(self, info: BackupInfo | None) -> None:
        self.candidate = info
        if info is None:
            self.note.setText("No healthy backup to restore was found.")
            return
        self.note.setText(
            "A healthy backup exists. Restoring it keeps a copy of the damaged file as well."
        )
        self.restore_button.setText(f"Restore the backup of {describe(info)}")
        self.restore_button.show()

    def _on_restore_clicked(self) -> None:
        if self.candidate is None:
            return
        file = self.candidate.path
        self.restore_button.setEnabled(False)
        self.note.setText("Restoring…")
        self.tasks.start(
            "Restoring",
            lambda _progress: service.restore_backup(file),
            on_success=lambda _result: self.on_restored(),
            on_failure=self._on_restore_failed,
        )

    def _on_restore_failed(self, error: BaseException) -> None:
        self.restore_button.setEnabled(True)
        self.note.setText(f"<b>The restore failed:</b> {error}")

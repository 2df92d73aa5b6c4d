"""Learner profiles in the UI: the sidebar switcher and the dialog to add, rename and delete."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studyapp.core.study import LearnerInfo, StudyError
from studyapp.services import learners
from studyapp.ui.context import AppContext
from studyapp.ui.modal import run_modal


def choose_learner(context: AppContext, learner_id: int) -> None:
    """Switch to ``learner_id``: remembered in the bank, announced to every page."""
    learners.switch_learner(context.bank, learner_id)
    context.set_learner(learner_id)


class LearnerSwitcher(QWidget):
    """ "Learner: [name ▾] ⚙" at the bottom of the sidebar."""

    def __init__(self, context: AppContext):
        super().__init__()
        self.context = context
        self.setObjectName("learnerSwitcher")
        caption = QLabel("Learner")
        caption.setObjectName("pageSubtitle")
        self.combo = QComboBox()
        self.combo.setToolTip("Whose progress is shown and recorded")
        self.combo.setAccessibleName("Current learner")
        self.combo.activated.connect(self._on_activated)
        self.manage_button = QToolButton()
        self.manage_button.setText("…")
        self.manage_button.setToolTip("Add, rename or delete learners")
        self.manage_button.setAccessibleName("Manage learners")
        self.manage_button.clicked.connect(self.manage)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo, 1)
        row.addWidget(self.manage_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 12)
        layout.addWidget(caption)
        layout.addLayout(row)
        context.learner_changed.connect(lambda _id: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        """Reload the names and select the current learner.

        On a server bank the learner is whoever signed in: their name alone, no switching
        (the teacher's role sees the class in the Learners dialog and on the Progress page).
        """
        bank = self.context.bank
        self.combo.blockSignals(True)
        self.combo.clear()
        if bank.on_server:
            me = learners.current_learner(bank)
            self.combo.addItem(me.name, me.id)
            self.combo.setEnabled(False)
            self.combo.setToolTip(f"Signed in to the class's server as {bank.role}")
        else:
            for info in learners.list_learners(bank):
                self.combo.addItem(info.name, info.id)
        self.combo.setCurrentIndex(max(0, self.combo.findData(self.context.learner_id)))
        self.combo.blockSignals(False)

    def _on_activated(self, index: int) -> None:
        learner_id = self.combo.itemData(index)
        if learner_id is not None and learner_id != self.context.learner_id:
            choose_learner(self.context, int(learner_id))

    def manage(self) -> None:
        run_modal(LearnersDialog(self.context, self.window()))
        self.refresh()


class LearnersDialog(QDialog):
    """Lists learners; Add, Rename, Delete (with confirmation) and Switch to."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Learners")
        self.setMinimumSize(420, 320)
        bank = context.bank
        intro = QLabel(
            "Each learner has their own cards, reviews, quizzes and settings on this computer."
            if not bank.on_server
            else "The class on this server: each learner signs in with their own role and sees"
            " only their own answers." if bank.teacher
            else f"Signed in to the class's server as {bank.role}: your answers are yours alone."
        )  # fmt: skip
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.itemActivated.connect(lambda _item: self.switch_selected())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.add_button = QPushButton("&Add…")
        self.rename_button = QPushButton("&Rename…")
        self.delete_button = QPushButton("&Delete…")
        self.switch_button = QPushButton("&Switch to")
        self.settings_button = QPushButton("Study se&ttings…")
        self.settings_button.setToolTip("Desired retention, daily limits and learning steps")
        self.settings_button.clicked.connect(lambda: run_modal(StudySettingsDialog(self.context, self)))
        self.add_button.clicked.connect(self.add)
        self.rename_button.clicked.connect(self.rename_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.switch_button.clicked.connect(self.switch_selected)
        side = QVBoxLayout()
        for button in (self.switch_button, self.add_button, self.rename_button, self.delete_button):
            side.addWidget(button)
            # On a server, learners are roles the teacher makes on the server (see README).
            button.setVisible(not bank.on_server)
        side.addStretch(1)
        side.addWidget(self.settings_button)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addLayout(side)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(body, 1)
        layout.addWidget(close)
        self.refresh()

    def refresh(self, select: int | None = None) -> None:
        self.list.clear()
        wanted = select if select is not None else self.context.learner_id
        for info in learners.list_learners(self.context.bank):
            current = (" (signed in)" if self.context.bank.on_server else " (current)"
                       ) if info.id == self.context.learner_id else ""  # fmt: skip
            item = QListWidgetItem(f"{info.name}{current}")
            item.setData(Qt.ItemDataRole.UserRole, info)
            self.list.addItem(item)
            if info.id == wanted:
                self.list.setCurrentItem(item)
        self._update_buttons()

    def selected(self) -> LearnerInfo | None:
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _update_buttons(self) -> None:
        info = self.selected()
        for button in (self.rename_button, self.delete_button, self.switch_button):
            button.setEnabled(info is not None)
        self.delete_button.setEnabled(info is not None and self.list.count() > 1)
        self.switch_button.setEnabled(info is not None and info.id != self.context.learner_id)

    def add(self) -> None:
        name, ok = QInputDialog.getText(self, "Add learner", "Name:")
        if not ok:
            return
        try:
            info = learners.create_learner(self.context.bank, name)
        except StudyError as error:
            QMessageBox.warning(self, "Cannot add learner", str(error))
            return
        self.refresh(select=info.id)

    def rename_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        name, ok = QInputDialog.getText(self, "Rename learner", "New name:", text=info.name)
        if not ok:
            return
        try:
            learners.rename_learner(self.context.bank, info.id, name)
        except StudyError as error:
            QMessageBox.warning(self, "Cannot rename", str(error))
            return
        self.refresh(select=info.id)
        if info.id == self.context.learner_id:
            self.context.learner_changed.emit(info.id)

    def delete_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        answer = QMessageBox.warning(
            self,
            "Delete learner",
            f"Delete {info.name} and all of their reviews, cards and quiz results?\n\n"
            "This cannot be undone (a backup from today can still bring them back).",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            learners.delete_learner(self.context.bank, info.id)
        except StudyError as error:
            QMessageBox.warning(self, "Cannot delete", str(error))
            return
        if info.id == self.context.learner_id:
            choose_learner(self.context, learners.current_learner(self.context.bank).id)
        self.refresh()

    def switch_selected(self) -> None:
        info = self.selected()
        if info is not None and info.id != self.context.learner_id:
            choose_learner(self.context, info.id)
            self.refresh()


def _steps_text(steps: tuple[int, ...]) -> str:
    return " ".join(f"{s // 3600}h" if s % 3600 == 0 else f"{s // 60}m" if s % 60 == 0 else f"{s}s"
                    for s in steps)  # fmt: skip


def _parse_steps(text: str) -> tuple[int, ...]:
    """ "1m 10m 1h" -> (60, 600, 3600); raises StudyError for anything else."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    steps = []
    for word in text.replace(",", " ").split():
        number, unit = word[:-1], word[-1:].lower()
        if unit not in units or not number.isdigit() or int(number) <= 0:
            raise StudyError(f"{word!r} is not a step such as 1m, 10m or 1h")
        steps.append(int(number) * units[unit])
    return tuple(steps)


class StudySettingsDialog(QDialog):
    """The current learner's scheduling settings: retention, daily limits, learning steps."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QSpinBox

        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Study settings")
        assert context.learner_id is not None
        current = next(
            info for info in learners.list_learners(context.bank) if info.id == context.learner_id
        )
        settings = current.settings
        self.retention = QDoubleSpinBox()
        self.retention.setRange(0.70, 0.99)
        self.retention.setSingleStep(0.01)
        self.retention.setValue(settings.desired_retention)
        self.new_per_day = QSpinBox()
        self.new_per_day.setRange(0, 9999)
        self.new_per_day.setValue(settings.new_per_day)
        self.reviews_per_day = QSpinBox()
        self.reviews_per_day.setRange(0, 99999)
        self.reviews_per_day.setValue(settings.reviews_per_day)
        self.learning = QLineEdit(_steps_text(settings.learning_steps))
        self.relearning = QLineEdit(_steps_text(settings.relearning_steps))
        about = QLabel(
            f"For {current.name}. Higher retention means more reviews; FSRS plans each card "
            "so you still remember it with this probability when it comes back."
        )
        about.setWordWrap(True)
        about.setObjectName("pageSubtitle")
        form = QFormLayout()
        form.addRow("Desired &retention:", self.retention)
        form.addRow("&New cards per day:", self.new_per_day)
        form.addRow("Re&views per day:", self.reviews_per_day)
        form.addRow("&Learning steps:", self.learning)
        form.addRow("Rele&arning steps:", self.relearning)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def save(self) -> None:
        assert self.context.learner_id is not None
        try:
            learners.update_settings(
                self.context.bank,
                self.context.learner_id,
                desired_retention=round(self.retention.value(), 2),
                new_per_day=self.new_per_day.value(),
                reviews_per_day=self.reviews_per_day.value(),
                learning_steps=_parse_steps(self.learning.text()),
                relearning_steps=_parse_steps(self.relearning.text()),
            )
        except StudyError as error:
            QMessageBox.warning(self, "Cannot save", str(error))
            return
        self.accept()

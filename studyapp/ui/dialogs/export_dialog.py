"""File → Export…: format, what to export (everything, a deck, the selection), where; in the background."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from studyapp.services.question_bank import list_decks
from studyapp.services.transfer import export_formats, export_questions
from studyapp.ui.context import AppContext
from studyapp.ui.tasks import Task

DONE_STYLE = (
    "QLabel { background: #e6f4ea; color: #0d652d; border: 1px solid #a8dab5;"
    " border-radius: 6px; padding: 8px 10px; }"
)
FORMAT_ORDER = ("apkg", "csv", "tsv", "json", "gift")
ERROR_STYLE = (
    "QLabel { background: #fde7e6; color: #8c1d18; border: 1px solid #f2b8b5;"
    " border-radius: 6px; padding: 8px 10px; }"
)


class ExportDialog(QDialog):
    """Writes questions to an Anki package, a text file, StudyApp JSON or Moodle GIFT."""

    def __init__(
        self, context: AppContext, selected_ids: list[int] | None = None,
        parent: QWidget | None = None,
    ):  # fmt: skip
        super().__init__(parent)
        self.context = context
        self.selected_ids = list(selected_ids or [])
        self.task: Task | None = None
        self.setWindowTitle("Export")
        self.setMinimumWidth(640)
        heading = QLabel("Export questions")
        heading.setObjectName("pageTitle")
        intro = QLabel(
            "Anki packages open in Anki with working cards and clozes; StudyApp JSON keeps "
            "everything (kinds, sources, decks) for another StudyApp."
        )
        intro.setWordWrap(True)
        intro.setObjectName("pageSubtitle")

        self.format = QComboBox()
        order = {name: index for index, name in enumerate(FORMAT_ORDER)}
        for name, label, extension in sorted(export_formats(), key=lambda f: order.get(f[0], 9)):
            self.format.addItem(label, (name, extension))
        self.format.currentIndexChanged.connect(self._on_format_changed)

        self.out = QLineEdit()
        self.everything = QRadioButton("Everything")
        self.one_deck = QRadioButton("One deck:")
        self.one_deck.setToolTip("The deck and its sub-decks")
        count = len(self.selected_ids)
        self.selection = QRadioButton(
            "The selected question" if count == 1
            else f"The {count} selected questions" if count
            else "Selected questions (select them in the Question bank first)"
        )  # fmt: skip
        self.selection.setEnabled(bool(self.selected_ids))
        self.scope = QButtonGroup(self)
        for button in (self.everything, self.one_deck, self.selection):
            self.scope.addButton(button)
            button.toggled.connect(self._on_scope_changed)
        self.deck = QComboBox()
        self.deck.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.deck.setMinimumContentsLength(28)
        for choice in list_decks(context.bank):
            self.deck.addItem(
                f"{choice.name.replace('::', ' › ')}  ({choice.count:,})", choice.name
            )
        self.deck.currentIndexChanged.connect(self._on_scope_changed)
        deck_row = QHBoxLayout()
        deck_row.addWidget(self.one_deck)
        deck_row.addWidget(self.deck, 1)
        scope_widget = QWidget()
        scope_box = QVBoxLayout(scope_widget)
        scope_box.setContentsMargins(0, 0, 0, 0)
        scope_box.addWidget(self.everything)
        scope_box.addLayout(deck_row)
        scope_box.addWidget(self.selection)
        (self.selection if self.selected_ids else self.everything).setChecked(True)

        self.out.textChanged.connect(self._update_buttons)
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._on_browse_clicked)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out, 1)
        out_row.addWidget(browse)
        form = QFormLayout()
        form.addRow("Format:", self.format)
        form.addRow("Questions:", scope_widget)
        form.addRow("Save as:", out_row)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.export_button = QPushButton("Export")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self._on_export_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self._suggest_name()
        self._update_buttons()

    def chosen_format(self) -> str:
        """The exporter's name: "apkg", "csv", "json" or "gift"."""
        return str(self.format.currentData()[0])

    def _extension(self) -> str:
        return str(self.format.currentData()[1])

    def _suggest_name(self) -> None:
        folder = Path(str(self.context.settings.value("export_dir", str(Path.home()))))
        if self.one_deck.isChecked() and self.deck.currentData():
            stem = str(self.deck.currentData()).split("::")[-1]
        elif self.selection.isChecked():
            stem = "Selected questions"
        else:
            stem = "StudyApp questions"
        stem = "".join(c for c in stem if c not in '/\\:*?"<>|').strip() or "questions"
        self.out.setText(str(folder / f"{stem}{self._extension()}"))

    def _on_format_changed(self) -> None:
        text = self.out.text().strip()
        if text:
            self.out.setText(str(Path(text).with_suffix(self._extension())))
        else:
            self._suggest_name()

    def _on_scope_changed(self) -> None:
        self.deck.setEnabled(self.one_deck.isChecked())
        self._suggest_name()

    def _on_browse_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export to", self.out.text(), f"{self.format.currentText()};;All files (*)"
        )
        if name:
            path = Path(name)
            for index in range(self.format.count()):
                if path.suffix.lower() == self.format.itemData(index)[1]:
                    self.format.setCurrentIndex(index)  # the name chosen says the format
            self.out.setText(str(path if path.suffix else path.with_suffix(self._extension())))

    def _update_buttons(self) -> None:
        busy = self.task is not None
        self.export_button.setEnabled(not busy and bool(self.out.text().strip()))
        self.progress.setVisible(busy)

    def _on_export_clicked(self) -> None:
        out = Path(self.out.text().strip()).expanduser()
        bank, format_name = self.context.bank, self.chosen_format()
        deck = self.deck.currentData() if self.one_deck.isChecked() else None
        ids = self.selected_ids if self.selection.isChecked() else None
        self.status.setVisible(False)
        self.progress.setRange(0, 0)

        def work(progress):  # type: ignore[no-untyped-def]
            return export_questions(bank, format_name, out, deck, ids, progress)

        # Connected before the task starts: a quick export could finish before a later connect.
        self.task = self.context.tasks.start(
            "Exporting", work, on_success=lambda count: self._on_exported(count, out),
            on_failure=self._on_failed, writes=False,
        )  # fmt: skip
        self.task.signals.progressed.connect(self._on_progressed)
        self.task.signals.cancelled.connect(self._on_cancelled)
        self._update_buttons()

    def _on_progressed(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _on_exported(self, count: int, out: Path) -> None:
        self._on_finished()
        self.context.settings.setValue("export_dir", str(out.parent))
        self.status.setStyleSheet(DONE_STYLE)
        self.status.setText(
            f"<b>✓ {count:,} question{'s' if count != 1 else ''} exported</b> to "
            f"{html.escape(str(out))}"
        )
        self.status.setVisible(True)
        self.cancel_button.setText("Close")
        self.export_button.setVisible(False)

    def _on_failed(self, error: BaseException) -> None:
        self._on_finished()
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(f"<b>{html.escape(str(error))}</b><br>No file was written.")
        self.status.setVisible(True)

    def _on_cancelled(self) -> None:
        self._on_finished()
        self.status.setStyleSheet("")
        self.status.setText("Export cancelled: no file was written.")
        self.status.setVisible(True)

    def _on_finished(self) -> None:
        self.task = None
        self._update_buttons()

    def _on_cancel_clicked(self) -> None:
        if self.task is not None:
            self.task.cancel()
            return
        self.accept() if self.cancel_button.text() == "Close" else self.reject()

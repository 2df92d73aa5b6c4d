"""The import dialog's first page: the files, the format found, the preview, deck and duplicates."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studyapp.ui.dialogs.import_preview import PreviewTable

DUPLICATE_CHOICES = (
    ("Skip questions already in the deck", "skip"),
    ("Update them with the file's version", "update"),
    ("Keep both copies", "keep"),
)
ERROR_STYLE = (
    "QLabel { background: #fde7e6; color: #8c1d18; border: 1px solid #f2b8b5;"
    " border-radius: 6px; padding: 8px 10px; }"
)


class ReviewPage(QWidget):
    """Layout only: the dialog fills these widgets and reacts to their signals."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.file_list = QListWidget()
        self.file_list.setMaximumHeight(96)
        self.file_list.setIconSize(QSize(16, 16))
        self.format_label = QLabel()
        self.format_label.setTextFormat(Qt.TextFormat.RichText)
        self.columns_button = QPushButton("Columns…")
        self.columns_button.setToolTip(
            "Choose the encoding, the separator and which column is which"
        )
        self.remove_button = QPushButton("Leave out this file")
        format_row = QHBoxLayout()
        format_row.addWidget(self.format_label, 1)
        format_row.addWidget(self.remove_button)
        format_row.addWidget(self.columns_button)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview = PreviewTable()
        self.deck = QComboBox()
        self.deck.setEditable(True)
        self.deck.setMinimumWidth(320)
        self.deck.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.duplicates = QComboBox()
        for label, value in DUPLICATE_CHOICES:
            self.duplicates.addItem(label, value)
        self.options_box = QWidget()
        form = QFormLayout(self.options_box)
        form.setContentsMargins(0, 4, 0, 0)
        form.addRow("Put questions in:", self.deck)
        form.addRow("Already in the deck:", self.duplicates)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.file_list)
        layout.addLayout(format_row)
        layout.addWidget(self.status)
        layout.addWidget(self.preview, 1)
        layout.addStretch(0)
        layout.addWidget(self.options_box)

    def show_status(self, html: str, error: bool = False) -> None:
        """The line above the preview; an error is boxed in red."""
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setText(html)

    def set_deck_choices(self, first: str, decks: list[str]) -> None:
        """Offer ``first`` (the file's own decks) then every existing deck; keep typed text."""
        typed = self.deck.currentText() if self.deck.currentIndex() > 0 else ""
        self.deck.blockSignals(True)
        self.deck.clear()
        self.deck.addItem(first, None)
        for name in decks:
            self.deck.addItem(name.replace("::", " › "), name)
        if typed:
            self.deck.setEditText(typed)
        self.deck.blockSignals(False)

    def chosen_deck(self) -> str | None:
        """The deck the user chose: None keeps the file's decks (or a deck named after it)."""
        text = self.deck.currentText().strip()
        if not text or text == self.deck.itemText(0):
            return None
        index = self.deck.findText(text)
        return self.deck.itemData(index) if index > 0 else text

    def duplicate_policy(self) -> str:
        """ "skip", "update" or "keep"."""
        return str(self.duplicates.currentData())

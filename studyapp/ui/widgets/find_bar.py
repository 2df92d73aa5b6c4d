"""A find-in-page bar for a QTextEdit: highlights every match, steps through them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPalette, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTextEdit, QToolButton, QWidget


class FindBar(QWidget):
    """Hidden until opened (Ctrl+F); Enter/Shift+Enter step through matches, Esc closes."""

    def __init__(self, editor: QTextEdit):
        super().__init__()
        self.editor = editor
        self.matches: list[QTextCursor] = []
        self.current = -1
        self.field = QLineEdit()
        self.field.setPlaceholderText("Find in article")
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(self.refresh)
        self.field.returnPressed.connect(self.next_match)
        self.count_label = QLabel()
        previous_button = QToolButton(text="▲", toolTip="Previous match (Shift+Enter)")
        previous_button.clicked.connect(self.previous_match)
        next_button = QToolButton(text="▼", toolTip="Next match (Enter)")
        next_button.clicked.connect(self.next_match)
        close_button = QToolButton(text="✕", toolTip="Close (Esc)")
        close_button.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(previous_button)
        layout.addWidget(next_button)
        layout.addWidget(close_button)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.field, self.close_bar)
        QShortcut(QKeySequence("Shift+Return"), self.field, self.previous_match)
        self.hide()

    def open(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self.refresh()

    def close_bar(self) -> None:
        self.hide()
        self.editor.setExtraSelections([])
        self.editor.setFocus()

    def refresh(self) -> None:
        """Find every match of the current text again (after typing or re-rendering)."""
        needle = self.field.text()
        self.matches = []
        if needle and self.isVisible():
            document = self.editor.document()
            cursor = document.find(needle, 0)
            while not cursor.isNull():
                self.matches.append(cursor)
                cursor = document.find(needle, cursor)
        self.current = 0 if self.matches else -1
        self._show_matches()

    def next_match(self) -> None:
        if self.matches:
            self.current = (self.current + 1) % len(self.matches)
            self._show_matches()

    def previous_match(self) -> None:
        if self.matches:
            self.current = (self.current - 1) % len(self.matches)
            self._show_matches()

    def _show_matches(self) -> None:
        palette = self.editor.palette()
        every = QTextCharFormat()
        every.setBackground(palette.color(QPalette.ColorRole.Highlight).lighter(170))
        every.setForeground(palette.color(QPalette.ColorRole.Text))
        current = QTextCharFormat()
        current.setBackground(palette.color(QPalette.ColorRole.Highlight))
        current.setForeground(palette.color(QPalette.ColorRole.HighlightedText))
        selections = []
        for index, cursor in enumerate(self.matches):
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor  # type: ignore[attr-defined]
            selection.format = current if index == self.current else every  # type: ignore[attr-defined]
            selections.append(selection)
        self.editor.setExtraSelections(selections)
        if self.current >= 0:
            cursor = QTextCursor(self.matches[self.current])
            cursor.clearSelection()
            self.editor.setTextCursor(cursor)
            self.editor.ensureCursorVisible()
            self.count_label.setText(f"{self.current + 1} of {len(self.matches)}")
        else:
            self.count_label.setText("No matches" if self.field.text() else "")

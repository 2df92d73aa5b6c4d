"""The import dialog's column step: separator, encoding, header row and each column's role."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studyapp.core.errors import InputError
from studyapp.services.transfer import ColumnMapping, CsvOptions, TextSample, text_sample

ROLES = (
    ("Question (front)", "question"),
    ("Answer (back)", "answer"),
    ("Explanation", "explanation"),
    ("Tags", "tags"),
    ("Deck", "deck"),
    ("Ignore", ""),
)
SEPARATORS = (("Tab", "\t"), ("Comma ,", ","), ("Semicolon ;", ";"), ("Pipe |", "|"))
ENCODINGS = (
    ("Detect (UTF-8 or a byte-order mark)", None),
    ("UTF-8", "utf-8"),
    ("UTF-16", "utf-16"),
    ("Windows-1252 / Latin-1", "cp1252"),
)
SHOWN_ROWS = 12


def roles_of(mapping: ColumnMapping, columns: int) -> list[str]:
    """The role of each column under ``mapping`` ("" for an ignored column)."""
    roles = [""] * columns
    for role in ("explanation", "tags", "deck"):
        column = getattr(mapping, role)
        if column is not None and column < columns:
            roles[column] = role
    for column in mapping.answer:
        if column < columns:
            roles[column] = "answer"
    if mapping.question < columns:
        roles[mapping.question] = "question"
    return roles


def mapping_of(roles: list[str]) -> ColumnMapping:
    """The mapping the chosen roles describe.

    Raises:
        ValueError: not exactly one question column, or no answer column.
    """
    questions = [i for i, role in enumerate(roles) if role == "question"]
    answers = tuple(i for i, role in enumerate(roles) if role == "answer")
    if len(questions) != 1:
        raise ValueError("Choose exactly one column as the question.")
    if not answers:
        raise ValueError("Choose at least one column as the answer.")

    def first(role: str) -> int | None:
        return next((i for i, r in enumerate(roles) if r == role), None)

    return ColumnMapping(
        question=questions[0],
        answer=answers,
        explanation=first("explanation"),
        tags=first("tags"),
        deck=first("deck"),
    )


class ColumnStep(QWidget):
    """Shows the first rows as the chosen separator splits them, with a role above each column."""

    applied = Signal(object, object)  # CsvOptions, ColumnMapping
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.path: Path | None = None
        self.sample: TextSample | None = None
        self.role_boxes: list[QComboBox] = []
        title = QLabel("Which column is which?")
        title.setObjectName("pageTitle")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setObjectName("pageSubtitle")
        self.separator = QComboBox()
        for label, value in SEPARATORS:
            self.separator.addItem(label, value)
        self.encoding = QComboBox()
        for label, value in ENCODINGS:
            self.encoding.addItem(label, value)
        self.header = QCheckBox("First row holds column names")
        for signal in (
            self.separator.currentIndexChanged,
            self.encoding.currentIndexChanged,
            self.header.toggled,
        ):
            signal.connect(self._on_options_changed)
        controls = QHBoxLayout()
        controls.addWidget(QLabel("Separator:"))
        controls.addWidget(self.separator)
        controls.addSpacing(12)
        controls.addWidget(QLabel("Encoding:"))
        controls.addWidget(self.encoding)
        controls.addSpacing(12)
        controls.addWidget(self.header)
        controls.addStretch(1)
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.setWordWrap(True)
        self.back_button = QPushButton("Back")
        self.back_button.clicked.connect(self.back_requested)
        self.apply_button = QPushButton("Use these columns")
        self.apply_button.setDefault(True)
        self.apply_button.clicked.connect(self._on_apply_clicked)
        # The dialog places Back and Apply in its own button row, beside Cancel.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.intro)
        layout.addLayout(controls)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)

    def load(self, path: Path, sample: TextSample, options: CsvOptions | None = None) -> None:
        """Show ``sample`` (the detected layout of ``path``) with the detected roles chosen."""
        self.path = Path(path)
        self.intro.setText(
            f"StudyApp could not tell for sure how <b>{html.escape(self.path.name)}</b> is laid out. "
            "Check the separator and say which column holds the question and which the answer; "
            "the preview updates as you choose."
        )
        layout = sample.layout
        for box, value in (
            (self.separator, layout.delimiter),
            (self.encoding, options.encoding if options else None),
        ):
            box.blockSignals(True)
            index = box.findData(value)
            if index < 0 and box is self.separator:
                box.addItem(repr(value), value)
                index = box.count() - 1
            box.setCurrentIndex(max(index, 0))
            box.blockSignals(False)
        self.header.blockSignals(True)
        self.header.setChecked(layout.header_row)
        self.header.blockSignals(False)
        self._show(sample)

    def load_failed(self, path: Path, error: str) -> None:
        """Open the step on a file the detected layout cannot read, showing why."""
        self.path = Path(path)
        self.intro.setText(
            f"<b>{html.escape(self.path.name)}</b> could not be read as it is. Choose its encoding "
            "and separator; the rows appear here once they can be read."
        )
        self._show_error(error)

    def _show_error(self, error: str) -> None:
        self.table.clear()
        self.table.setRowCount(0)
        self.table.setColumnCount(0)
        self.role_boxes = []
        self.problem.setText(error)
        self.apply_button.setEnabled(False)

    def options(self) -> CsvOptions:
        """The separator, encoding and header choice as read options."""
        return CsvOptions(
            delimiter=self.separator.currentData(),
            encoding=self.encoding.currentData(),
            header=self.header.isChecked(),
        )

    def roles(self) -> list[str]:
        """The role chosen for each column ("" = ignored)."""
        return [box.currentData() for box in self.role_boxes]

    def _show(self, sample: TextSample) -> None:
        self.sample = sample
        layout = sample.layout
        columns = max([layout.columns, *(len(row) for row in sample.rows)])
        roles = roles_of(layout.mapping, columns)
        rows = sample.rows[:SHOWN_ROWS]
        self.table.clear()
        self.table.setColumnCount(columns)
        self.table.setRowCount(len(rows) + 1)
        names = list(layout.header) if layout.header_row else []
        self.table.setHorizontalHeaderLabels(
            [names[c] if c < len(names) and names[c] else f"Column {c + 1}" for c in range(columns)]
        )
        self.role_boxes = []
        for column in range(columns):
            box = QComboBox()
            for label, value in ROLES:
                box.addItem(label, value)
            box.setCurrentIndex(box.findData(roles[column]))
            box.currentIndexChanged.connect(self._check_roles)
            self.table.setCellWidget(0, column, box)
            self.role_boxes.append(box)
        for number, row in enumerate(rows, start=1):
            for column in range(columns):
                text = row[column] if column < len(row) else ""
                item = QTableWidgetItem(" ".join(text.split())[:200])
                item.setToolTip(text[:1000])
                self.table.setItem(number, column, item)
        self.table.resizeRowToContents(0)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in range(columns):
            self.table.setColumnWidth(column, max(150, min(320, 680 // max(columns, 1))))
        header.setStretchLastSection(True)
        self._check_roles()

    def _check_roles(self) -> None:
        try:
            mapping_of(self.roles())
        except ValueError as error:
            self.problem.setText(str(error))
            self.apply_button.setEnabled(False)
            return
        self.problem.clear()
        self.apply_button.setEnabled(True)

    def _on_options_changed(self) -> None:
        if self.path is None:
            return
        try:
            sample = text_sample(self.path, self.options())
        except InputError as error:
            self._show_error(str(error))
            return
        self._show(sample)

    def _on_apply_clicked(self) -> None:
        try:
            mapping = mapping_of(self.roles())
        except ValueError as error:
            self.problem.setText(str(error))
            return
        self.applied.emit(self.options(), mapping)

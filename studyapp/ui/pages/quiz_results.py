"""The quiz results view: the score and a per-question review with explanations and sources."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studyapp.core.study import QuizResult, QuizReviewRow
from studyapp.ui.pages.quiz_answers import describe


class QuizResults(QWidget):
    """Shows a finished attempt; asks the page to retry, start anew or open a source."""

    retry_requested = Signal()
    new_requested = Signal()
    source_requested = Signal(object)  # the QuizItem whose source passage to open

    def __init__(self) -> None:
        super().__init__()
        self.result: QuizResult | None = None
        self._build()

    def _build(self) -> None:
        self.score_label = QLabel()
        self.score_label.setObjectName("scoreBig")
        self.score_text = QLabel()
        self.score_text.setObjectName("pageSubtitle")
        self.review_table = QTreeWidget()
        self.review_table.setRootIsDecorated(False)
        self.review_table.setAlternatingRowColors(True)
        self.review_table.setHeaderLabels(["", "Question", "Your answer", "Right answer"])
        header = self.review_table.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(2, 200)
        header.resizeSection(3, 220)
        self.review_table.currentItemChanged.connect(lambda _c, _p: self._show_row_detail())
        self.review_table.itemActivated.connect(lambda _i, _c: self._open_row_source())
        self.row_detail = QLabel()
        self.row_detail.setWordWrap(True)
        self.row_detail.setTextFormat(Qt.TextFormat.RichText)
        self.row_source_button = QPushButton("Show in article")
        self.row_source_button.clicked.connect(self._open_row_source)
        self.retry_button = QPushButton()
        self.retry_button.clicked.connect(lambda: self.retry_requested.emit())
        self.new_button = QPushButton("&New quiz")
        self.new_button.clicked.connect(lambda: self.new_requested.emit())
        detail = QHBoxLayout()
        detail.addWidget(self.row_detail, 1)
        detail.addWidget(self.row_source_button, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.retry_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.score_label)
        layout.addWidget(self.score_text)
        layout.addSpacing(6)
        layout.addWidget(self.review_table, 1)
        layout.addLayout(detail)
        layout.addLayout(buttons)

    def show_result(self, result: QuizResult, seconds: int) -> None:
        """Fill the view with ``result``, answered in ``seconds``."""
        self.review_table.clear()
        self.result = result
        share = result.correct / result.total if result.total else 0
        self.score_label.setText(f"{result.correct} / {result.total}  ·  {share:.0%}")
        minutes, seconds = divmod(seconds, 60)
        unanswered = sum(1 for row in result.rows if row.grade is None)
        note = f" · {unanswered} not answered" if unanswered else ""
        self.score_text.setText(f"Finished in {minutes} min {seconds:02d} s{note}")
        for number, row in enumerate(result.rows, start=1):
            ok = row.grade is not None and row.grade.correct
            given = describe(row.item.kind, row.response) if row.grade else "not answered"
            entry = QTreeWidgetItem(
                ["✓" if ok else "✗", f"{number}. {row.item.prompt}", given, row.expected]
            )
            entry.setForeground(0, Qt.GlobalColor.darkGreen if ok else Qt.GlobalColor.red)
            entry.setToolTip(1, row.item.prompt)
            # Each line carries its own row: never an index into a result shown before.
            entry.setData(0, Qt.ItemDataRole.UserRole, row)
            self.review_table.addTopLevelItem(entry)
        missed = len(result.missed_question_ids)
        self.retry_button.setText(f"&Retry the {missed} I missed" if missed else "Nothing missed")
        self.retry_button.setEnabled(bool(missed))
        self.retry_button.setDefault(bool(missed))
        self.review_table.setCurrentItem(self.review_table.topLevelItem(0))
        self.review_table.setFocus()

    def _current_row(self) -> QuizReviewRow | None:
        entry = self.review_table.currentItem()
        return None if entry is None else entry.data(0, Qt.ItemDataRole.UserRole)

    def _show_row_detail(self) -> None:
        row = self._current_row()
        if row is None:
            self.row_detail.clear()
            return
        parts = [f"<b>{html.escape(row.item.prompt)}</b>"]
        if row.grade is None and row.expected:
            parts.append(f"Not answered. The answer: <b>{html.escape(row.expected)}</b>")
        if row.grade is not None and row.grade.note:
            parts.append(f"<i>{html.escape(row.grade.note)}</i>")
        if row.item.explanation:
            parts.append(html.escape(row.item.explanation))
        if row.item.source is not None:
            parts.append(f"From “{html.escape(row.item.source.article_title)}”")
        self.row_detail.setText("<br/>".join(parts))
        self.row_source_button.setEnabled(row.item.source is not None)

    def open_selected_source(self) -> None:
        """Open the selected question's source passage (Enter in the review table)."""
        self._open_row_source()

    def _open_row_source(self) -> None:
        row = self._current_row()
        if row is not None and row.item.source is not None:
            self.source_requested.emit(row.item)

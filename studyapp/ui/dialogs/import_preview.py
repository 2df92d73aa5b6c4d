"""The import dialog's preview: the first records of a file, rejected ones in red with the reason."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from studyapp.core.questions import KIND_NAMES
from studyapp.services.transfer import ImportPlan
from studyapp.ui.pages.question_bank import plain

PROBLEM_ROWS = 100
PROBLEM_BACKGROUND = QColor("#fde7e6")
PROBLEM_TEXT = QColor("#8c1d18")
QUESTION_HEADERS = ("Kind", "Question", "Answer", "Deck")
ARTICLE_HEADERS = ("Passage", "Text", "", "")


def plan_status(plan: ImportPlan, shown: int) -> str:
    """The rich-text line above the preview: what will be imported and what left out."""
    if plan.article is not None:
        article = plan.article
        return (
            f"Article <b>“{html.escape(article.title)}”</b>: {len(article.passages)} passages. "
            "It will be added to your library, its people, dates and numbers found, and a "
            "study set generated from it."
        )
    assert plan.parsed is not None
    records, problems = len(plan.parsed.records), len(plan.parsed.problems)
    text = f"<b>{records:,}</b> question{'s' if records != 1 else ''} ready to import"
    if problems:
        text += (
            f"; <span style='color:#b3261e'><b>{problems:,}</b> record"
            f"{'s' if problems != 1 else ''} will be left out</span> (red rows, with the reason)"
        )
    if records > shown:
        text += f". The first {shown} are shown."
    return text


class PreviewTable(QTableWidget):
    """Kind / question / answer / target deck of the first records; problems on top in red."""

    def __init__(self) -> None:
        super().__init__(0, 4)
        self.setHorizontalHeaderLabels(QUESTION_HEADERS)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

    def clear_rows(self) -> None:
        """Empty the table (headers stay)."""
        self.setRowCount(0)
        self.clearSpans()

    def show_plan(self, plan: ImportPlan, target_deck: Callable[[str], str], shown: int) -> None:
        """Fill the table from ``plan``; ``target_deck`` says where a record's deck leads."""
        self.clear_rows()
        article = plan.article
        self.setHorizontalHeaderLabels(ARTICLE_HEADERS if article else QUESTION_HEADERS)
        for column in (2, 3):
            self.setColumnHidden(column, article is not None)
        for column, width in enumerate((70, 600) if article else (165, 290, 220)):
            self.setColumnWidth(column, width)
        if article is not None:
            for ordinal, text in enumerate(article.passages[:shown], start=1):
                self._add_row((str(ordinal), text, "", ""))
        else:
            assert plan.parsed is not None
            for problem in plan.parsed.problems[:PROBLEM_ROWS]:
                line = problem.line
                self._add_problem_row(
                    f"Line {line}" if line else f"Record {problem.record or '?'}", problem.reason
                )
            for record in plan.parsed.records[:shown]:
                kind = KIND_NAMES.get(record.kind, record.kind)
                deck = target_deck(record.deck).replace("::", " › ")
                self._add_row((kind, plain(record.prompt), plain(record.answer), deck))
        self.setCurrentItem(None)

    def _add_row(self, cells: tuple[str, str, str, str]) -> int:
        row = self.rowCount()
        self.insertRow(row)
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text[:300])
            item.setToolTip(text[:1000])
            self.setItem(row, column, item)
        return row

    def _add_problem_row(self, where: str, reason: str) -> None:
        row = self._add_row((where, f"Left out: {reason}", "", ""))
        self.setSpan(row, 1, 1, 3)
        for column in range(2):
            item = self.item(row, column)
            item.setBackground(QBrush(PROBLEM_BACKGROUND))
            item.setForeground(QBrush(PROBLEM_TEXT))
        self.item(row, 0).setData(Qt.ItemDataRole.UserRole, "problem")

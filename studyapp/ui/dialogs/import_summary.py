"""The import dialog's last page: added / updated / skipped / left out per file, with reasons."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studyapp.services.transfer import FileResult

SHOWN_PROBLEMS = 500
PROBLEM_TEXT = QColor("#8c1d18")


class SummaryPage(QWidget):
    """What the import did, file by file; rejected records listed under their file."""

    close_requested = Signal()
    article_requested = Signal(int)  # an article id to open in the Reader

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.icon = QLabel()
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setObjectName("pageSubtitle")
        top = QHBoxLayout()
        top.addWidget(self.icon)
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.detail)
        top.addLayout(titles, 1)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels(("File", "Added", "Updated", "Skipped", "Left out"))
        self.tree.setRootIsDecorated(True)
        self.tree.setAlternatingRowColors(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.open_button = QPushButton("Open article")
        self.open_button.clicked.connect(self._on_open_clicked)
        self.close_button = QPushButton("Close")
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.close_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.article_id: int | None = None

    def show_results(
        self, results: list[FileResult], cancelled: bool = False, failure: str = ""
    ) -> None:
        """Fill the page from ``results`` (the files written before a cancel or failure)."""
        self.tree.clear()
        totals = [0, 0, 0, 0, 0, 0]  # added, updated, skipped, left out, articles, generated
        self.article_id = None
        for result in results:
            item = self._file_item(result, totals)
            self.tree.addTopLevelItem(item)
            for index in range(item.childCount()):
                item.child(index).setFirstColumnSpanned(True)  # only works once in the tree
        self.tree.expandAll()
        self.tree.setCurrentItem(None)
        added, updated, skipped, rejected, articles, generated = totals
        style = self.style()
        if failure or cancelled:
            pixmap = QStyle.StandardPixmap.SP_MessageBoxWarning
            self.heading.setText("Import cancelled" if cancelled else "Import stopped")
            kept = (
                f"{len(results)} file(s) finished before it stopped and stay imported; "
                "the rest was not imported."
                if results
                else "Nothing was imported."
            )
            self.detail.setText(f"{failure}\n{kept}" if failure else kept)
        else:
            pixmap = QStyle.StandardPixmap.SP_DialogApplyButton
            self.heading.setText("Import finished")
            parts = []
            if any(r.questions is not None for r in results):
                parts = [f"{added:,} added", f"{updated:,} updated", f"{skipped:,} skipped"]
                if rejected:
                    parts.append(f"{rejected:,} left out (reasons below)")
            if articles:
                plural = "s" if articles != 1 else ""
                parts.append(
                    f"{articles} article{plural} added with {generated:,} questions generated"
                )
            elif any(r.article is not None for r in results):
                parts.append("no new article")
            self.detail.setText(", ".join(parts).capitalize() + ".")
        self.icon.setPixmap(style.standardIcon(pixmap).pixmap(40, 40))
        self.open_button.setVisible(self.article_id is not None)

    def _file_item(self, result: FileResult, totals: list[int]) -> QTreeWidgetItem:
        name = result.path.rsplit("/", 1)[-1]
        if result.article is not None:
            article = result.article
            if article.added:
                self.article_id = article.article_id
                totals[4] += 1
                totals[5] += article.questions
                text = (
                    f"{name} — article “{article.title}”: {article.passages} passages, "
                    f"{article.questions} questions generated"
                )
                return _item(text, ("", "", "", ""), result.path)
            return _item(f"{name} — article “{article.title}” already in your library",
                         ("", "", "", ""), result.path)  # fmt: skip
        summary = result.questions
        assert summary is not None
        if summary.already_imported:
            item = _item(
                f"{name} — already imported: nothing added", ("0", "0", f"{summary.skipped:,}", ""),
                result.path,
            )  # fmt: skip
            totals[2] += summary.skipped
            return item
        counts = (summary.added, summary.updated, summary.skipped, len(summary.rejected))
        for index, value in enumerate(counts):
            totals[index] += value
        text = f"{name} — {result.label} → {result.deck.replace('::', ' › ')}"
        item = _item(text, tuple(f"{v:,}" for v in counts), result.path)
        for problem in summary.rejected[:SHOWN_PROBLEMS]:
            where = f"line {problem.line}" if problem.line else f"record {problem.record or '?'}"
            child = QTreeWidgetItem([f"{where}: {problem.reason}"])
            child.setForeground(0, QBrush(PROBLEM_TEXT))
            child.setToolTip(0, problem.reason)
            item.addChild(child)
        if len(summary.rejected) > SHOWN_PROBLEMS:
            more = len(summary.rejected) - SHOWN_PROBLEMS
            item.addChild(QTreeWidgetItem([f"… and {more:,} more"]))
        return item

    def _on_open_clicked(self) -> None:
        if self.article_id is not None:
            self.article_requested.emit(self.article_id)


def _item(text: str, counts: tuple[str, ...], tooltip: str) -> QTreeWidgetItem:
    item = QTreeWidgetItem([text, *counts])
    item.setToolTip(0, tooltip)
    for column in range(1, 5):
        item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item

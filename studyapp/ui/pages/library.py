"""The Library page: every article with its source, size and the learner's progress."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studyapp.core.articles import ArticleSummary
from studyapp.services.library import article_reach, delete_article, list_articles
from studyapp.ui.context import AppContext
from studyapp.ui.icons import glyph_icon

PROGRESS_COLUMN = 4
ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole


def counted(number: int, noun: str) -> str:
    """ "1 review", "2 reviews"."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


class ProgressDelegate(QStyledItemDelegate):
    """Paints a value 0..100 as a progress bar."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        value = index.data(Qt.ItemDataRole.UserRole)
        if value is None:
            super().paint(painter, option, index)
            return
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(4, 6, -4, -6)  # type: ignore[attr-defined]
        bar.minimum, bar.maximum, bar.progress = 0, 100, int(value)
        bar.text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        bar.textVisible = True
        # Qt 6 reads a bar's direction from this flag alone: without it, it fills bottom-up.
        bar.state = option.state | QStyle.StateFlag.State_Horizontal  # type: ignore[attr-defined]
        QApplication.style().drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)


class LibraryPage(QWidget):
    """Lists articles; Enter or double-click opens one in the Reader."""

    name = "library"
    title = "Library"

    def __init__(self, context: AppContext):
        super().__init__()
        self.context = context
        self.setWindowIcon(glyph_icon("▤"))
        heading = QLabel("Library")
        heading.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setObjectName("pageSubtitle")

        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setUniformRowHeights(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setHeaderLabels(["Title", "Source", "Passages", "Questions", "Studied"])
        header = self.table.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PROGRESS_COLUMN, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(PROGRESS_COLUMN, 140)
        self.table.setItemDelegateForColumn(PROGRESS_COLUMN, ProgressDelegate(self.table))
        self.table.itemActivated.connect(self._on_item_activated)
        self.table.itemSelectionChanged.connect(self._on_selection_changed)

        self.open_button = QPushButton("Open in Reader")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self._open_selected)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self._open_selected)

        self.generate_button = QPushButton("Generate study set…")
        self.generate_button.setToolTip("Write flashcards and quiz questions from this article")
        self.generate_button.clicked.connect(self._generate_selected)

        self.delete_button = QPushButton("Delete article…")
        self.delete_button.setToolTip("Delete the article with its questions and their reviews")
        self.delete_button.clicked.connect(self.delete_selected)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_selected)

        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.generate_button)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addSpacing(8)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        context.articles_changed.connect(self.refresh)
        context.questions_changed.connect(self.refresh)
        context.learner_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Reload the article list from the bank, keeping the selection."""
        selected = self.selected_article_id()
        articles = list_articles(self.context.bank, self.context.learner_id)
        self.table.clear()
        for article in articles:
            self.table.addTopLevelItem(self._item_for(article))
        passages = sum(article.passage_count for article in articles)
        self.summary.setText(f"{len(articles)} articles · {passages} passages")
        for row in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(row)
            if item is not None and item.data(0, ARTICLE_ID_ROLE) == selected:
                self.table.setCurrentItem(item)
        if self.table.currentItem() is None and articles:
            self.table.setCurrentItem(self.table.topLevelItem(0))
        self._on_selection_changed()

    def _item_for(self, article: ArticleSummary) -> QTreeWidgetItem:
        item = QTreeWidgetItem(
            [article.title, article.source, str(article.passage_count), str(article.question_count)]
        )
        item.setData(0, ARTICLE_ID_ROLE, article.id)
        item.setData(1, ARTICLE_ID_ROLE, article.bundled)
        item.setToolTip(0, f"{article.title}\n{article.published}".strip())
        for column in (2, 3):
            item.setTextAlignment(
                column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
        if article.study_set_count:
            # Progress through the study set: the "more" questions and the quiz kinds are
            # not studied, so counting them would keep the bar short of full forever.
            share = article.studied_count / article.study_set_count
            percent = 100 if share >= 1 else min(99, round(100 * share))  # 100% only when done
            item.setData(PROGRESS_COLUMN, Qt.ItemDataRole.UserRole, percent)
            item.setText(PROGRESS_COLUMN, f"{percent}%")
            item.setToolTip(
                PROGRESS_COLUMN,
                f"{article.studied_count} of the {counted(article.study_set_count, 'card')} "
                "in its study set studied",
            )
        else:
            item.setText(PROGRESS_COLUMN, "no cards" if article.question_count else "not started")
            item.setToolTip(
                PROGRESS_COLUMN,
                "No flashcards in its study set: add some of its “more” questions to it in "
                "the Question bank" if article.question_count
                else "Generate its study set to study it",
            )  # fmt: skip
        return item

    def selected_article_id(self) -> int | None:
        item = self.table.currentItem()
        return None if item is None else int(item.data(0, ARTICLE_ID_ROLE))

    def _on_selection_changed(self) -> None:
        self.open_button.setEnabled(self.selected_article_id() is not None)
        self.generate_button.setEnabled(self.selected_article_id() is not None)
        item = self.table.currentItem()
        bundled = item is not None and bool(item.data(1, ARTICLE_ID_ROLE))
        self.delete_button.setEnabled(item is not None and not bundled)
        self.delete_button.setToolTip(
            "The articles that come with StudyApp cannot be deleted" if bundled
            else "Delete the article with its questions and their reviews"
        )  # fmt: skip

    def delete_selected(self) -> None:
        """Delete the selected imported article after saying what goes with it."""
        item = self.table.currentItem()
        if item is None or item.data(1, ARTICLE_ID_ROLE):
            return
        article_id = int(item.data(0, ARTICLE_ID_ROLE))
        questions, reviews = article_reach(self.context.bank, article_id)
        answer = QMessageBox.question(
            self,
            "Delete article",
            f"Delete “{item.text(0)}”, its {counted(questions, 'question')} and "
            f"{counted(reviews, 'review')} of them? This cannot be undone (today's backup "
            "can still bring them back).",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            delete_article(self.context.bank, article_id)
            self.context.articles_changed.emit()
            self.context.questions_changed.emit()
            self.context.knowledge_changed.emit()

    def _generate_selected(self) -> None:
        from studyapp.ui.dialogs.generate_dialog import ask_and_generate

        item = self.table.currentItem()
        if item is not None:
            ask_and_generate(self.context, int(item.data(0, ARTICLE_ID_ROLE)), item.text(0), self)

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.context.show_passage(int(item.data(0, ARTICLE_ID_ROLE)), 0)

    def _open_selected(self) -> None:
        article_id = self.selected_article_id()
        if article_id is not None:
            self.context.show_passage(article_id, 0)

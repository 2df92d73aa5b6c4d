"""The Question bank page: search and filter every question, edit, suspend, delete, open its source."""

from __future__ import annotations

import html
import re
import time

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from studyapp.core.questions import KIND_NAMES
from studyapp.core.study import NEW
from studyapp.services import question_bank as service
from studyapp.services.question_bank import QuestionFilter, QuestionRow
from studyapp.ui.context import AppContext
from studyapp.ui.dialogs.question_dialog import QuestionDialog
from studyapp.ui.icons import glyph_icon
from studyapp.ui.modal import run_modal
from studyapp.ui.widgets.elided_label import elided_path

BATCH = 400  # rows fetched at a time: 100,000 questions stay instant to open and scroll
# (title, sort key of the service) of each column, in order.
COLUMNS = (("Question", "prompt"), ("Answer", "answer"), ("Kind", "kind"), ("Deck", "deck"),
           ("Due", "due"), ("Interval", "interval"), ("Reviews", "reviews"),
           ("Lapses", "lapses"), ("Tags", "tags"), ("Origin", "origin"))  # fmt: skip
NUMBERS = {"Reviews", "Lapses", "Interval"}
HIDDEN_AT_FIRST = {"Origin"}
CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::[^}]*)?\}\}")
TAG = re.compile(r"<[^>]+>")
Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invalid index Qt passes for a flat table's root
DECK_PATH_ROLE = Qt.ItemDataRole.UserRole + 1  # a row's deck as stored, "Parent::Child"
DECK_COLUMN = next(i for i, (_title, key) in enumerate(COLUMNS) if key == "deck")


def plain(text: str) -> str:
    """One line of readable text: cloze deletions shown in brackets, markup removed."""
    text = CLOZE.sub(r"[\1]", text)
    return " ".join(html.unescape(TAG.sub(" ", text)).split())


def due_text(row: QuestionRow) -> str:
    """ "New #12" for a new card (its place in the queue), the date otherwise; "" for quiz kinds."""
    if row.state is None or row.due is None:
        return ""
    if row.state == NEW:
        return f"New #{row.due}" if row.due else "New"
    return time.strftime("%Y-%m-%d", time.localtime(row.due))


def interval_text(days: float | None) -> str:
    """An interval as Anki's browser shows it: 12d, 3.5mo, 1.2y."""
    if days is None:
        return ""
    if days < 31:
        return f"{max(days, 0):.0f}d"
    if days < 365:
        return f"{days / 30.4:.1f}mo"
    return f"{days / 365:.1f}y"


class DeckPathDelegate(QStyledItemDelegate):
    """Paints a deck path cut once to its column ("Khmer People… › Events"), never the view's
    own "…" after one already put in the text."""

    def shown_text(self, option: QStyleOptionViewItem, index: Index) -> str:
        """The path as painted in the cell ``option`` describes."""
        widget = option.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        # Where the style puts the text (the style sheet's item padding taken off), less the
        # margin it keeps each side before it would cut the text itself (QCommonStyle).
        room = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, widget)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        metrics = option.fontMetrics  # type: ignore[attr-defined]
        return elided_path(str(index.data(DECK_PATH_ROLE) or ""), metrics, room.width() - 2 * margin)

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:  # noqa: N802 (Qt's name)
        super().initStyleOption(option, index)
        if option.rect.width() > 0:  # type: ignore[attr-defined]  # painting, not measuring
            option.text = self.shown_text(option, index)  # type: ignore[attr-defined]


class QuestionTableModel(QAbstractTableModel):
    """Matching questions, loaded from the bank in batches as the view scrolls."""

    def __init__(self, context: AppContext):
        super().__init__()
        self.context = context
        self.filter = QuestionFilter()
        self.rows: list[QuestionRow] = []
        self.total = 0
        self.sort_key, self.descending = "added", False

    def reload(self, bank_filter: QuestionFilter | None = None) -> None:
        """Start again from the first batch (with a new filter if given)."""
        self.beginResetModel()
        if bank_filter is not None:
            self.filter = bank_filter
        self.total = service.count_questions(self.context.bank, self.filter)
        self.rows = self._page(0)
        self.endResetModel()

    def _page(self, offset: int) -> list[QuestionRow]:
        return service.list_questions(
            self.context.bank, self.filter, offset, BATCH, self.context.learner_id,
            self.sort_key, self.descending,
        )  # fmt: skip

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in the bank (rows arrive in batches), by the column clicked; -1: as added."""
        self.sort_key = COLUMNS[column][1] if 0 <= column < len(COLUMNS) else "added"
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index = ROOT) -> bool:  # noqa: N802
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: Index = ROOT) -> None:  # noqa: N802
        more = self._page(len(self.rows))
        if more:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
            self.rows.extend(more)
            self.endInsertRows()
        else:
            self.total = len(self.rows)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):  # type: ignore[no-untyped-def]  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = (
                plain(row.prompt),
                plain(row.answer),
                KIND_NAMES.get(row.kind, row.kind),
                row.deck.replace("::", " › "),
                due_text(row),
                interval_text(row.interval_days),
                str(row.reviews) if row.state is not None else "",
                str(row.lapses) if row.state is not None else "",
                row.tags,
                row.origin.capitalize()
                + (" · more" if row.extra else "")
                + (" · suspended" if row.suspended else ""),
            )
            return values[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[index.column()][0] in NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and (row.suspended or row.extra):
            return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.UserRole:
            return row
        if role == DECK_PATH_ROLE:
            return row.deck
        return None


class QuestionBankPage(QWidget):
    """Browse questions; Enter or double-click edits, Delete deletes, "Show in article" opens the source."""

    name = "questions"
    title = "Question bank"

    def __init__(self, context: AppContext):
        super().__init__()
        self.context = context
        self.setWindowIcon(glyph_icon("?"))
        heading = QLabel("Question bank")
        heading.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setObjectName("pageSubtitle")

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search questions, answers and explanations…")
        self.search.setClearButtonEnabled(True)
        self.deck_filter = QComboBox()
        self.kind_filter = QComboBox()
        self.kind_filter.addItem("All kinds", None)
        for kind, label in KIND_NAMES.items():
            self.kind_filter.addItem(label, kind)
        self.source_filter = QComboBox()
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._search_timer.start)
        for combo, width in (
            (self.deck_filter, 24),
            (self.kind_filter, 14),
            (self.source_filter, 16),
        ):
            combo.currentIndexChanged.connect(self.apply_filter)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(width)
        self.search.setMinimumWidth(240)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.deck_filter)
        filters.addWidget(self.kind_filter)
        filters.addWidget(self.source_filter)

        self.model = QuestionTableModel(context)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.setItemDelegateForColumn(DECK_COLUMN, DeckPathDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        widths = (0, 150, 120, 150, 88, 64, 62, 56, 100, 90)
        for column, width in enumerate(widths[1:], start=1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        # Right-click the header to show or hide columns, as in Anki's browser; the question
        # keeps the room it needs by default, so Origin starts hidden.
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for column, (title, _key) in enumerate(COLUMNS[1:], start=1):
            action = QAction(title, header)
            action.setCheckable(True)
            action.setChecked(title not in HIDDEN_AT_FIRST)
            action.toggled.connect(lambda shown, c=column: self.table.setColumnHidden(c, not shown))
            header.addAction(action)
            self.table.setColumnHidden(column, title in HIDDEN_AT_FIRST)
        header.setHighlightSections(False)
        # Clicking a column sorts by it (in the bank); until then, the order they were added.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.doubleClicked.connect(lambda _index: self.edit_current())
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.detail.setMinimumHeight(120)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([520, 160])

        self.edit_button = QPushButton("Edit…")
        self.edit_button.clicked.connect(self.edit_current)
        self.suspend_button = QPushButton("Suspend")
        self.suspend_button.clicked.connect(self.toggle_suspended)
        self.study_set_button = QPushButton("Add to study set")
        self.study_set_button.setToolTip(
            "“More” questions were ranked below the article's study set: they are kept "
            "but not reviewed or quizzed until you add them."
        )
        self.study_set_button.clicked.connect(self.toggle_study_set)
        self.tags_button = QPushButton("Tags")
        self.tags_button.setToolTip("Add or remove tags on the selected questions")
        tags_menu = QMenu(self.tags_button)
        tags_menu.addAction("Add tags…", lambda: self.edit_tags(add=True))
        tags_menu.addAction("Remove tags…", lambda: self.edit_tags(add=False))
        self.tags_button.setMenu(tags_menu)
        self.add_button = QPushButton("Add…")
        self.add_button.setToolTip("Write a question by hand (Ctrl+N)")
        self.add_button.clicked.connect(self.add_question)
        self.delete_button = QPushButton("Delete…")
        self.delete_button.clicked.connect(self.delete_selected)
        self.source_button = QPushButton("Show in article")
        self.source_button.clicked.connect(self.show_source)
        buttons = QHBoxLayout()
        buttons.addWidget(self.source_button)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        for button in (
            self.tags_button,
            self.study_set_button,
            self.edit_button,
            self.suspend_button,
            self.delete_button,
        ):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addSpacing(6)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_selected)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self.edit_current)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence.StandardKey.New, self, self.add_question)
        context.questions_changed.connect(self.refresh)
        context.learner_changed.connect(lambda _id: self.refresh())
        context.articles_changed.connect(self.refresh)
        self.refresh()

    # -- loading ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload filter menus and rows from the bank, keeping the chosen filters."""
        deck, source = self.deck_filter.currentData(), self.source_filter.currentData()
        for combo in (self.deck_filter, self.source_filter):
            combo.blockSignals(True)
            combo.clear()
        self.deck_filter.addItem("All decks", None)
        for choice in service.list_decks(self.context.bank):
            depth = choice.name.count("::")
            label = ("    " * depth) + choice.name.split("::")[-1]
            self.deck_filter.addItem(f"{label}  ({choice.count})", choice.id)
        self.source_filter.addItem("Any source", None)
        self.source_filter.addItem("Generated", "origin:generated")
        self.source_filter.addItem("Imported", "origin:imported")
        self.source_filter.addItem("In the study set", "set:study")
        self.source_filter.addItem("More (not studied yet)", "set:more")
        self.source_filter.addItem("Suspended", "suspended:")
        self.source_filter.addItem("Leeches (forgotten 8 times)", "tag:leech")
        self.source_filter.addItem("Outdated (no longer generated)", "tag:outdated")
        for article_id, title in service.list_source_articles(self.context.bank):
            short = title if len(title) <= 40 else title[:39].rstrip() + "…"  # cut once, marked
            self.source_filter.addItem(f"From “{short}”", f"article:{article_id}")
            self.source_filter.setItemData(
                self.source_filter.count() - 1, title, Qt.ItemDataRole.ToolTipRole
            )
        for combo, value in ((self.deck_filter, deck), (self.source_filter, source)):
            combo.setCurrentIndex(max(combo.findData(value), 0))
            combo.blockSignals(False)
        self.apply_filter()

    def current_filter(self) -> QuestionFilter:
        # Source entries are "origin:generated", "article:12" or "suspended:".
        kind, _, value = str(self.source_filter.currentData() or "").partition(":")
        return QuestionFilter(
            text=self.search.text().strip(),
            deck_id=self.deck_filter.currentData(),
            kind=self.kind_filter.currentData(),
            origin=value if kind == "origin" else None,
            article_id=int(value) if kind == "article" else None,
            suspended=True if kind == "suspended" else None,
            extra=(value == "more") if kind == "set" else None,
            tag=value if kind == "tag" else None,
        )

    def apply_filter(self) -> None:
        selected = {row.id for row in self.selected_rows()}
        self.model.reload(self.current_filter())
        everything = service.count_questions(self.context.bank)
        shown = self.model.total
        self.summary.setText(
            f"{everything} questions" + ("" if shown == everything else f" · {shown} match")
        )
        for index, row in enumerate(self.model.rows):
            if row.id in selected:
                self.table.selectionModel().select(
                    self.model.index(index, 0),
                    self.table.selectionModel().SelectionFlag.Select
                    | self.table.selectionModel().SelectionFlag.Rows,
                )
        if not self.selected_rows() and self.model.rows:
            self.table.selectRow(0)
        self._on_selection_changed()

    # -- selection --------------------------------------------------------------------------
    def selected_rows(self) -> list[QuestionRow]:
        model = self.table.selectionModel()
        if model is None:
            return []
        return [
            self.model.rows[index.row()]
            for index in model.selectedRows()
            if index.row() < len(self.model.rows)
        ]

    def _on_selection_changed(self) -> None:
        rows = self.selected_rows()
        self.edit_button.setEnabled(len(rows) == 1)
        self.delete_button.setEnabled(bool(rows))
        self.suspend_button.setEnabled(bool(rows))
        self.tags_button.setEnabled(bool(rows))
        self.suspend_button.setText(
            "Unsuspend" if rows and all(r.suspended for r in rows) else "Suspend"
        )
        self.study_set_button.setEnabled(bool(rows))
        self.study_set_button.setText(
            "Move to more" if rows and not any(r.extra for r in rows) else "Add to study set"
        )
        self.source_button.setEnabled(len(rows) == 1 and rows[0].has_source)
        self._show_detail(rows[0].id if len(rows) == 1 else None, len(rows))

    def _show_detail(self, question_id: int | None, count: int) -> None:
        from studyapp.ui.widgets.question_detail import detail_html

        if question_id is None:
            self.detail.setHtml(
                f"<p style='color:gray'>{count} questions selected.</p>"
                if count
                else "<p style='color:gray'>Select a question to see it in full.</p>"
            )
            return
        question = service.get_question(self.context.bank, question_id)
        self.detail.setHtml(detail_html(question) if question else "")

    # -- actions ----------------------------------------------------------------------------
    def edit_current(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 1:
            return
        question = service.get_question(self.context.bank, rows[0].id)
        if question is None:
            return
        dialog = QuestionDialog(question, self)
        if run_modal(dialog):
            service.update_question(self.context.bank, question.id, *dialog.values())
            self.context.questions_changed.emit()

    def add_question(self) -> None:
        """Write a question by hand, into the deck chosen in the filter if there is one."""
        names = {choice.id: choice.name for choice in service.list_decks(self.context.bank)}

        def save(dialog: QuestionDialog) -> None:
            prompt, _answer, explanation, parts = dialog.values()
            service.add_question(self.context.bank, dialog.deck.currentText(),
                                 dialog.kind_name(), prompt, parts, explanation)  # fmt: skip

        dialog = QuestionDialog(None, self, sorted(names.values()), save=save)
        default = next(iter(sorted(names.values())), "My questions")
        dialog.deck.setCurrentText(names.get(self.deck_filter.currentData(), default))
        if run_modal(dialog):
            self.context.questions_changed.emit()

    def edit_tags(self, add: bool) -> None:
        """Ask for tags (words separated by spaces) to add to or remove from the selection."""
        rows = self.selected_rows()
        if not rows:
            return
        what = "the selected question" if len(rows) == 1 else f"the {len(rows)} selected questions"
        text, ok = QInputDialog.getText(
            self, "Add tags" if add else "Remove tags",
            f"Tags to {'add to' if add else 'remove from'} {what} (separated by spaces):",
        )  # fmt: skip
        tags = tuple(text.split())
        if ok and tags:
            ids = [row.id for row in rows]
            service.change_tags(self.context.bank, ids, add=tags if add else (),
                                remove=() if add else tags)  # fmt: skip
            self.context.questions_changed.emit()

    def toggle_suspended(self) -> None:
        rows = self.selected_rows()
        if rows:
            suspend = not all(row.suspended for row in rows)
            service.set_suspended(self.context.bank, [row.id for row in rows], suspend)
            self.context.questions_changed.emit()

    def toggle_study_set(self) -> None:
        rows = self.selected_rows()
        if rows:
            promote = any(row.extra for row in rows)
            service.set_in_study_set(self.context.bank, [row.id for row in rows], promote)
            self.context.questions_changed.emit()

    def delete_selected(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        what = "this question" if len(rows) == 1 else f"these {len(rows)} questions"
        answer = QMessageBox.question(
            self,
            "Delete questions",
            f"Delete {what}? Their review history is deleted too. This cannot be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            service.delete_questions(self.context.bank, [row.id for row in rows])
            self.context.questions_changed.emit()

    def show_source(self) -> None:
        rows = self.selected_rows()
        if len(rows) == 1:
            location = service.question_location(self.context.bank, rows[0].id)
            if location is not None:
                self.context.show_passage(*location)

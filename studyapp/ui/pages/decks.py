"""The Decks page: every deck with what it has for today, the place to start studying (Anki's deck list)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
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

from studyapp.core.study import DeckOverview
from studyapp.services import review
from studyapp.ui.context import AppContext
from studyapp.ui.icons import glyph_icon

DECK_ROLE = Qt.ItemDataRole.UserRole
COUNT_COLOURS = ("#2f7bd6", "#d64541", "#2e9d57")  # new, learning, due: as on the Review page


def _counted(number: int, noun: str) -> str:
    """ "1 deck", "3 decks"."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


class DecksPage(QWidget):
    """Decks as a tree with their new / learning / due counts; Enter or Study opens Review on one."""

    name = "decks"
    title = "Decks"

    def __init__(self, context: AppContext):
        super().__init__()
        self.context = context
        self.setWindowIcon(glyph_icon("☰"))
        heading = QLabel("Decks")
        heading.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setObjectName("pageSubtitle")
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Deck", "New", "Learning", "Due"])
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, 96)
        self.tree.itemActivated.connect(lambda _item, _column: self.study_selected())
        self.tree.currentItemChanged.connect(lambda _now, _before: self._update_buttons())
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.tree, self.study_selected)
        self.study_button = QPushButton("Study this deck")
        self.study_button.setDefault(True)
        self.study_button.setToolTip("Review its cards now (Enter)")
        self.study_button.clicked.connect(self.study_selected)
        self.all_button = QPushButton("Study all decks")
        self.all_button.clicked.connect(lambda: self.context.review_requested.emit(None))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.all_button)
        buttons.addWidget(self.study_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addSpacing(8)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        for signal in (context.questions_changed, context.articles_changed):
            signal.connect(self.refresh)
        context.learner_changed.connect(lambda _id: self.refresh())
        self.refresh()

    def activated(self) -> None:
        """Called when the page is shown: the counts change as the learner studies."""
        self.refresh()
        self.tree.setFocus()

    def refresh(self) -> None:
        """Reload the decks and their counts, keeping the selection and what is expanded."""
        if self.context.learner_id is None:
            return
        selected = self.selected_deck_id()
        collapsed = {item.data(0, DECK_ROLE) for item in self._items() if not item.isExpanded()}
        overview = review.deck_overview(self.context.bank, self.context.learner_id)
        self.tree.clear()
        parents: dict[str, QTreeWidgetItem] = {}
        for deck in overview:
            item = self._item_for(deck)
            parent_name, _, _leaf = deck.name.rpartition("::")
            parent = parents.get(parent_name)
            (parent.addChild if parent is not None else self.tree.addTopLevelItem)(item)
            parents[deck.name] = item
        for item in self._items():
            item.setExpanded(item.data(0, DECK_ROLE) not in collapsed)
            if item.data(0, DECK_ROLE) == selected:
                self.tree.setCurrentItem(item)
        if self.tree.currentItem() is None and self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        roots = [deck for deck in overview if deck.depth == 0]
        due = sum(deck.counts.total for deck in roots)
        self.summary.setText(
            f"{_counted(len(overview), 'deck')} · {_counted(due, 'card')} to study today" if overview
            else "No decks yet: generate a study set in the Library, or import a deck."
        )  # fmt: skip
        self._update_buttons()

    def _item_for(self, deck: DeckOverview) -> QTreeWidgetItem:
        counts = (deck.counts.new, deck.counts.learning, deck.counts.review)
        item = QTreeWidgetItem([deck.name.rpartition("::")[2], *map(str, counts)])
        item.setData(0, DECK_ROLE, deck.deck_id)
        item.setToolTip(0, deck.name.replace("::", " › "))
        for column, (count, colour) in enumerate(zip(counts, COUNT_COLOURS, strict=True), 1):
            item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if count:
                item.setForeground(column, QColor(colour))
            else:
                item.setForeground(column, self.palette().placeholderText())
        return item

    def _items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        stack = [self.tree.topLevelItem(row) for row in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            found.append(item)
            stack.extend(item.child(index) for index in range(item.childCount()))
        return found

    def selected_deck_id(self) -> int | None:
        item = self.tree.currentItem()
        return None if item is None else int(item.data(0, DECK_ROLE))

    def _update_buttons(self) -> None:
        self.study_button.setEnabled(self.selected_deck_id() is not None)

    def study_selected(self) -> None:
        """Open Review on the selected deck (with its sub-decks)."""
        deck_id = self.selected_deck_id()
        if deck_id is not None:
            self.context.review_requested.emit(deck_id)

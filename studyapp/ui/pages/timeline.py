"""The Timeline page: every dated event across articles, grouped by year, with filters."""

from __future__ import annotations

import calendar

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studyapp.core.knowledge import EventView
from studyapp.services.knowledge import list_events, list_people
from studyapp.services.library import list_articles
from studyapp.ui.context import AppContext
from studyapp.ui.icons import glyph_icon
from studyapp.ui.widgets.tables import shown_once

EVENT_ROLE = Qt.ItemDataRole.UserRole


def display_date(date: str, precision: str) -> str:
    """An ISO date cut to its precision, as a reader writes it: 28 Sep 1960, May 1963, 1970."""
    parts = date.split("-")
    if precision == "day" and len(parts) == 3:
        return f"{int(parts[2])} {calendar.month_abbr[int(parts[1])]} {parts[0]}"
    if precision == "month" and len(parts) >= 2:
        return f"{calendar.month_name[int(parts[1])]} {parts[0]}"
    return parts[0]


class WrappingDelegate(QStyledItemDelegate):
    """Gives rows the height their wrapped text needs (QTreeView does not measure it itself)."""

    def __init__(self, tree: QTreeWidget):
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        width = self.tree.header().sectionSize(index.column()) - 12
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        if width <= 0 or not text:
            return size
        flags = Qt.TextFlag.TextWordWrap
        height = option.fontMetrics.boundingRect(QRect(0, 0, width, 0), flags, text).height()
        return QSize(size.width(), max(size.height(), height + 10))


class TimelinePage(QWidget):
    """Events in date order under their year; Enter or double-click opens the passage."""

    name = "timeline"
    title = "Timeline"

    def __init__(self, context: AppContext):
        super().__init__()
        self.context = context
        self.events: list[EventView] = []
        self.setWindowIcon(glyph_icon("⇥"))
        heading = QLabel("Timeline")
        heading.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setObjectName("pageSubtitle")
        self.article_filter = QComboBox()
        self.person_filter = QComboBox()
        self.person_filter.setMinimumContentsLength(18)
        self.article_filter.currentIndexChanged.connect(self.refresh)
        self.person_filter.currentIndexChanged.connect(self.refresh)
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(heading)
        titles.addWidget(self.summary)
        top.addLayout(titles, 1)
        top.addWidget(QLabel("Article:"))
        top.addWidget(self.article_filter)
        top.addWidget(QLabel("Person:"))
        top.addWidget(self.person_filter)

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Date", "What happened", "People", "Article"])
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 160)
        header.resizeSection(3, 170)
        self.tree.setItemDelegateForColumn(1, WrappingDelegate(self.tree))
        self.tree.itemActivated.connect(self._on_item_activated)
        # Rows grow to fit wrapped summaries; Qt only re-measures them when asked.
        header.sectionResized.connect(lambda *_: self.tree.doItemsLayout())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addWidget(self.tree, 1)

        context.knowledge_changed.connect(self._refresh_filters)
        context.articles_changed.connect(self._refresh_filters)
        context.event_requested.connect(self.show_event)
        self._refresh_filters()

    def _refresh_filters(self) -> None:
        for combo, everything, entries in (
            (
                self.article_filter,
                "All articles",
                [(article.title, article.id) for article in list_articles(self.context.bank)],
            ),
            (
                self.person_filter,
                "Everyone",
                sorted((person.name, person.key) for person in list_people(self.context.bank)),
            ),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for label, data in entries:
                combo.addItem(label, data)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        """Reload events for the chosen article and person, grouped by year."""
        article_id = self.article_filter.currentData()
        self.events = list_events(
            self.context.bank,
            None if article_id is None else [article_id],
            self.person_filter.currentData(),
        )
        self.tree.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        years: dict[str, QTreeWidgetItem] = {}
        titles = [event.where.article_title for event in self.events]
        # The Article column only when events come from several articles, each title once
        # per run of rows (it used to stand on every row).
        self.tree.setColumnHidden(3, len(set(titles)) < 2)
        shown_titles = iter(shown_once(titles, [event.date[:4] for event in self.events]))
        for event in self.events:
            year = event.date[:4]
            if year not in years:
                years[year] = QTreeWidgetItem([year])
                years[year].setFont(0, bold)
                years[year].setFirstColumnSpanned(False)
                self.tree.addTopLevelItem(years[year])
            date = display_date(event.date, event.precision)
            if event.end_date:
                date += f" – {display_date(event.end_date, event.precision)}"
            if event.inferred:
                date += " *"
            item = QTreeWidgetItem(
                [date, event.summary, ", ".join(event.people), next(shown_titles)]
            )
            item.setToolTip(3, event.where.article_title)
            item.setData(0, EVENT_ROLE, event)
            item.setToolTip(1, event.sentence)
            if event.inferred:
                item.setToolTip(0, "Date worked out from the surrounding text")
            years[year].addChild(item)
        for item in years.values():
            item.setText(1, f"{item.childCount()} events" if item.childCount() > 1 else "1 event")
        self.tree.expandAll()
        self.summary.setText(
            f"{len(self.events)} dated events in {len(years)} years"
            if self.events
            else "No dated events found for this choice."
        )

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        event: EventView | None = item.data(0, EVENT_ROLE)
        if event is not None:
            ref = event.where
            self.context.show_passage(ref.article_id, ref.ordinal, ref.start, ref.end)

    def show_event(self, event_id: int) -> None:
        """Show the timeline with ``event_id`` selected."""
        self.context.page_requested.emit(self.name)
        self.article_filter.setCurrentIndex(0)
        self.person_filter.setCurrentIndex(0)
        for row in range(self.tree.topLevelItemCount()):
            year = self.tree.topLevelItem(row)
            for index in range(year.childCount() if year else 0):
                child = year.child(index)
                if child.data(0, EVENT_ROLE).id == event_id:
                    self.tree.setCurrentItem(child)
                    self.tree.scrollToItem(child)
                    return

"""The Key figures page: people with their profiles, key numbers and organisations."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studyapp.core.knowledge import PassageRef, PersonProfile
from studyapp.services.knowledge import (
    format_value,
    list_figures,
    list_organisations,
    list_people,
    person_mentions,
)
from studyapp.services.library import list_articles
from studyapp.ui.context import AppContext
from studyapp.ui.icons import glyph_icon
from studyapp.ui.widgets.tables import shown_once

REF_ROLE = Qt.ItemDataRole.UserRole
SNIPPET_RADIUS = 90


def snippet_html(ref: PassageRef) -> str:
    """The words around a span, with the span in bold."""
    text = ref.passage_text
    left = max(0, ref.start - SNIPPET_RADIUS)
    right = min(len(text), ref.end + SNIPPET_RADIUS)
    before = ("…" if left else "") + html.escape(text[left : ref.start])
    after = html.escape(text[ref.end : right]) + ("…" if right < len(text) else "")
    return f"{before}<b>{html.escape(text[ref.start : ref.end])}</b>{after}"


class FiguresPage(QWidget):
    """People (with a profile and every passage naming them), key numbers, organisations."""

    name = "figures"
    title = "Key figures"

    def __init__(self, context: AppContext):
        super().__init__()
        self.context = context
        self.people: list[PersonProfile] = []
        self.setWindowIcon(glyph_icon("☺"))
        heading = QLabel("Key figures")
        heading.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setObjectName("pageSubtitle")
        self.article_filter = QComboBox()
        self.article_filter.currentIndexChanged.connect(self.refresh)
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(heading)
        titles.addWidget(self.summary)
        top.addLayout(titles, 1)
        top.addWidget(QLabel("Article:"))
        top.addWidget(self.article_filter)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_people_tab(), "People")
        self.numbers = self._table(["Number", "What", "Sentence", "Article"])
        # The sentence gets the width; a long article title is cut (whole in its tooltip).
        self.numbers.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.numbers.header().setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self.numbers.header().resizeSection(3, 190)
        self.numbers.itemActivated.connect(self._on_reference_activated)
        self.tabs.addTab(self.numbers, "Key numbers")
        self.organisations = self._table(["Organisation", "Acronym", "Also called", "Mentions"])
        self.organisations.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tabs.addTab(self.organisations, "Organisations")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addWidget(self.tabs, 1)

        context.knowledge_changed.connect(self.refresh)
        context.articles_changed.connect(self._refresh_article_filter)
        context.person_requested.connect(self.show_person)
        context.figure_requested.connect(self.show_figure)
        self._refresh_article_filter()

    def _table(self, headers: list[str]) -> QTreeWidget:
        table = QTreeWidget()
        table.setRootIsDecorated(False)
        table.setAlternatingRowColors(True)
        table.setHeaderLabels(headers)
        table.setWordWrap(True)
        table.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return table

    def _build_people_tab(self) -> QWidget:
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search people and aliases")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._fill_people)
        self.people_list = QListWidget()
        self.people_list.currentItemChanged.connect(self._on_person_selected)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.search)
        left.addWidget(self.people_list)
        left_widget = QWidget()
        left_widget.setLayout(left)

        self.profile = QTextBrowser()
        self.profile.setOpenLinks(False)
        self.profile.anchorClicked.connect(self._on_profile_link_clicked)
        splitter = QSplitter()
        splitter.addWidget(left_widget)
        splitter.addWidget(self.profile)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 640])
        return splitter

    # -- filling ----------------------------------------------------------------------------
    def _refresh_article_filter(self) -> None:
        current = self.article_filter.currentData()
        self.article_filter.blockSignals(True)
        self.article_filter.clear()
        self.article_filter.addItem("All articles", None)
        for article in list_articles(self.context.bank):
            self.article_filter.addItem(article.title, article.id)
        index = self.article_filter.findData(current)
        self.article_filter.setCurrentIndex(max(index, 0))
        self.article_filter.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        """Reload people, numbers and organisations for the chosen article(s)."""
        article_id = self.article_filter.currentData()
        self.people = list_people(self.context.bank, article_id)
        self._fill_people()
        figures = list_figures(self.context.bank, article_id)
        self.numbers.clear()
        titles = [figure.where.article_title for figure in figures]
        # The Article column only when rows come from several articles, each title once.
        self.numbers.setColumnHidden(3, len(set(titles)) < 2)
        for figure, title in zip(figures, shown_once(titles), strict=True):
            item = QTreeWidgetItem(
                [format_value(figure.value), figure.unit, figure.sentence, title]
            )
            item.setToolTip(3, figure.where.article_title)
            item.setData(0, REF_ROLE, figure.where)
            item.setData(1, REF_ROLE, figure.id)
            item.setTextAlignment(0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            item.setToolTip(2, figure.sentence)
            self.numbers.addTopLevelItem(item)
        organisations = list_organisations(self.context.bank, article_id)
        self.organisations.clear()
        for organisation in organisations:
            self.organisations.addTopLevelItem(
                QTreeWidgetItem(
                    [
                        organisation.name,
                        organisation.acronym,
                        ", ".join(organisation.aliases),
                        str(organisation.mention_count),
                    ]
                )
            )
        self.summary.setText(
            f"{len(self.people)} people · {len(figures)} key numbers · "
            f"{len(organisations)} organisations"
        )

    def _fill_people(self) -> None:
        selected = self.people_list.currentItem()
        selected_key = selected.data(REF_ROLE) if selected else None
        needle = self.search.text().casefold().strip()
        self.people_list.blockSignals(True)
        self.people_list.clear()
        for person in self.people:
            names = (person.name, *person.aliases)
            if needle and not any(needle in name.casefold() for name in names):
                continue
            item = QListWidgetItem(f"{person.name}   ·  {person.mention_count}")
            item.setData(REF_ROLE, person.key)
            item.setToolTip(", ".join(person.roles) or person.name)
            self.people_list.addItem(item)
            if person.key == selected_key:
                self.people_list.setCurrentItem(item)
        self.people_list.blockSignals(False)
        if self.people_list.currentItem() is None and self.people_list.count():
            self.people_list.setCurrentRow(0)
        elif not self.people_list.count():
            self.profile.setHtml(
                "<p>No people found yet.</p>" if not needle else "<p>No one matches.</p>"
            )

    def _on_person_selected(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is None:
            return
        person = next(p for p in self.people if p.key == item.data(REF_ROLE))
        self.mentions = person_mentions(self.context.bank, person.key)
        parts = [f"<h2>{html.escape(person.name)}</h2>"]
        facts = [
            ("Also called", ", ".join(person.aliases)),
            ("Titles", ", ".join(person.titles)),
            ("Role", "; ".join(person.roles)),
            ("Articles", "; ".join(person.article_titles)),
        ]
        parts.append("<table cellspacing='0' cellpadding='3'>")
        for label, value in facts:
            if value:
                parts.append(
                    f"<tr><td style='color: gray; padding-right: 12px'>{label}</td>"
                    f"<td>{html.escape(value)}</td></tr>"
                )
        parts.append("</table>")
        parts.append(f"<h3>Mentioned {len(self.mentions)} times</h3>")
        for index, ref in enumerate(self.mentions):
            parts.append(
                f"<p><a href='mention:{index}'>{html.escape(ref.article_title)}, passage "
                f"{ref.ordinal + 1}</a><br>{snippet_html(ref)}</p>"
            )
        self.profile.setHtml("".join(parts))

    # -- navigation -------------------------------------------------------------------------
    def _on_profile_link_clicked(self, url) -> None:  # type: ignore[no-untyped-def]
        kind, _, index = url.toString().partition(":")
        if kind == "mention":
            ref = self.mentions[int(index)]
            self.context.show_passage(ref.article_id, ref.ordinal, ref.start, ref.end)

    def _on_reference_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        ref: PassageRef = item.data(0, REF_ROLE)
        self.context.show_passage(ref.article_id, ref.ordinal, ref.start, ref.end)

    def show_person(self, key: str) -> None:
        """Open the People tab at ``key``'s profile."""
        self.context.page_requested.emit(self.name)
        self.article_filter.setCurrentIndex(0)
        self.search.clear()
        self.tabs.setCurrentIndex(0)
        for row in range(self.people_list.count()):
            if self.people_list.item(row).data(REF_ROLE) == key:
                self.people_list.setCurrentRow(row)

    def show_figure(self, figure_id: int) -> None:
        """Open the Key numbers tab with ``figure_id`` selected."""
        self.context.page_requested.emit(self.name)
        self.article_filter.setCurrentIndex(0)
        self.tabs.setCurrentIndex(1)
        for row in range(self.numbers.topLevelItemCount()):
            item = self.numbers.topLevelItem(row)
            if item is not None and item.data(1, REF_ROLE) == figure_id:
                self.numbers.setCurrentItem(item)
                self.numbers.scrollToItem(item)

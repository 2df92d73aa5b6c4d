"""The Reader page: an article's passages, numbered, with find-in-article and font size."""

from __future__ import annotations

from PySide6.QtGui import (
    QColor,
    QFont,
    QKeySequence,
    QPalette,
    QShortcut,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextLength,
    QTextTableFormat,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studyapp.core.articles import ArticleView
from studyapp.core.knowledge import Annotation
from studyapp.services.knowledge import passage_annotations
from studyapp.services.library import get_article, list_articles
from studyapp.ui.context import AppContext
from studyapp.ui.icons import glyph_icon
from studyapp.ui.widgets.find_bar import FindBar

DEFAULT_FONT_SIZE = 13
MIN_FONT_SIZE, MAX_FONT_SIZE = 9, 28


class ReaderPage(QWidget):
    """Shows one article; other pages open it at a passage through AppContext.show_passage."""

    name = "reader"
    title = "Reader"

    def __init__(self, context: AppContext):
        super().__init__()
        self.context = context
        self.article: ArticleView | None = None
        self.passage_positions: list[int] = []  # document position where each passage's text starts
        self.setWindowIcon(glyph_icon("¶"))

        self.article_picker = QComboBox()
        self.article_picker.setMinimumContentsLength(40)
        self.article_picker.activated.connect(self._on_article_picked)
        smaller = self._tool_button(
            "A−", "Smaller text (Ctrl+-)", lambda: self.change_font_size(-1)
        )
        larger = self._tool_button("A+", "Larger text (Ctrl+=)", lambda: self.change_font_size(+1))
        find = self._tool_button("Find", "Find in article (Ctrl+F)", lambda: self.find_bar.open())
        self.highlights_button = self._tool_button(
            "Highlights", "Mark people, key numbers and dates (Ctrl+H)", self._on_highlights_toggled
        )
        self.highlights_button.setCheckable(True)
        self.highlights_button.setChecked(
            context.settings.value("reader_highlights", "true") in (True, "true")
        )
        generate = self._tool_button(
            "Generate…", "Generate a study set from this article", self._on_generate_clicked
        )
        toolbar = QHBoxLayout()
        toolbar.addWidget(self.article_picker, 1)
        toolbar.addWidget(generate)
        toolbar.addWidget(self.highlights_button)
        toolbar.addWidget(smaller)
        toolbar.addWidget(larger)
        toolbar.addWidget(find)

        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.heading.setWordWrap(True)
        self.byline = QLabel()
        self.byline.setObjectName("pageSubtitle")
        self.byline.setWordWrap(True)

        self.browser = QTextBrowser()
        self.browser.setObjectName("reader")
        self.browser.setOpenLinks(False)
        self.browser.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.browser.setMaximumWidth(900)
        self.browser.anchorClicked.connect(self._on_anchor_clicked)
        self.annotations: dict[int, list[Annotation]] = {}
        self.find_bar = FindBar(self.browser)

        column = QVBoxLayout()
        column.addWidget(self.heading)
        column.addWidget(self.byline)
        column.addWidget(self.browser, 1)
        column.addWidget(self.find_bar)
        centered = QHBoxLayout()
        centered.addStretch(1)
        centered.addLayout(column, 20)
        centered.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 12)
        layout.addLayout(toolbar)
        layout.addLayout(centered, 1)

        QShortcut(QKeySequence.StandardKey.Find, self, self.find_bar.open)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, lambda: self.change_font_size(+1))
        QShortcut(QKeySequence("Ctrl+="), self, lambda: self.change_font_size(+1))
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, lambda: self.change_font_size(-1))
        QShortcut(QKeySequence("Ctrl+0"), self, lambda: self.set_font_size(DEFAULT_FONT_SIZE))
        QShortcut(QKeySequence("Ctrl+H"), self, self.highlights_button.click)

        self.font_size = int(context.settings.value("reader_font_size", DEFAULT_FONT_SIZE))
        context.articles_changed.connect(self._refresh_picker)
        context.knowledge_changed.connect(self._on_knowledge_changed)
        self._refresh_picker()

    def _tool_button(self, text: str, tip: str, slot) -> QToolButton:  # type: ignore[no-untyped-def]
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def _on_generate_clicked(self) -> None:
        from studyapp.ui.dialogs.generate_dialog import ask_and_generate

        if self.article is not None:
            ask_and_generate(self.context, self.article.id, self.article.title, self)

    # -- opening ----------------------------------------------------------------------------
    def _refresh_picker(self) -> None:
        current = self.article.id if self.article else None
        self.article_picker.clear()
        for summary in list_articles(self.context.bank):
            self.article_picker.addItem(summary.title, summary.id)
        if current is not None and self.article_picker.findData(current) < 0:
            current = self.article = None  # deleted: open another one
        if current is not None:
            self.article_picker.setCurrentIndex(self.article_picker.findData(current))
        elif self.article_picker.count():
            # Start where the learner left off: the last article read, else the first one.
            remembered = self.article_picker.findData(self.context.settings.value("last_article"))
            self.open_article(int(self.article_picker.itemData(max(remembered, 0))))

    def _on_article_picked(self, index: int) -> None:
        self.open_article(int(self.article_picker.itemData(index)))

    def open_article(
        self, article_id: int, ordinal: int = 0, start: int = -1, end: int = -1
    ) -> bool:
        """Show an article scrolled to passage ``ordinal``, selecting [start, end) if given."""
        if self.article is None or self.article.id != article_id:
            article = get_article(self.context.bank, article_id)
            if article is None:
                return False
            self.article = article
            # Highlights are offsets into this article's passages: never reuse another's.
            self.annotations = passage_annotations(self.context.bank, article_id)
            self.context.settings.setValue("last_article", article_id)
            self.article_picker.setCurrentIndex(self.article_picker.findData(article_id))
            self.heading.setText(article.title)
            # Most articles open with their own title; show it once, as the page heading.
            self.heading.setVisible(
                not article.passages or article.passages[0].text != article.title
            )
            self.byline.setText(
                " · ".join(part for part in (article.source, article.published) if part)
            )
            self._render()
        self.go_to_passage(ordinal, start, end)
        return True

    def go_to_passage(self, ordinal: int, start: int = -1, end: int = -1) -> None:
        """Scroll so passage ``ordinal`` is at the top; select the span when given."""
        if not 0 <= ordinal < len(self.passage_positions):
            return
        base = self.passage_positions[ordinal]
        cursor = QTextCursor(self.browser.document())
        # Scroll to the end first so the passage can land at the top of the view.
        cursor.movePosition(QTextCursor.MoveOperation.End)
        self.browser.setTextCursor(cursor)
        cursor.setPosition(base)
        if start >= 0 and end > start:
            cursor.setPosition(base + start)
            cursor.setPosition(base + end, QTextCursor.MoveMode.KeepAnchor)
        self.browser.setTextCursor(cursor)
        self.browser.ensureCursorVisible()

    # -- rendering --------------------------------------------------------------------------
    def _render(self) -> None:
        assert self.article is not None
        document = QTextDocument(self.browser)
        font = QFont(self.font())
        font.setPointSize(self.font_size)
        document.setDefaultFont(font)
        document.setDocumentMargin(12)
        cursor = QTextCursor(document)
        table_format = QTextTableFormat()
        table_format.setBorder(0)
        table_format.setCellPadding(4)
        table_format.setCellSpacing(0)
        table_format.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_None)
        table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        table_format.setColumnWidthConstraints(
            [
                QTextLength(QTextLength.Type.FixedLength, 44),
                QTextLength(QTextLength.Type.VariableLength, 0),
            ]
        )
        passages = self.article.passages
        table = cursor.insertTable(len(passages), 2, table_format)
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        number_format = QTextCharFormat()
        number_format.setForeground(muted)
        number_format.setFontPointSize(max(self.font_size - 3, 8))
        body_block = QTextBlockFormat()
        body_block.setLineHeight(150, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        body_block.setBottomMargin(self.font_size)
        self.passage_positions = []
        for row, passage in enumerate(passages):
            number_cursor = table.cellAt(row, 0).firstCursorPosition()
            number_block = QTextBlockFormat()
            number_block.setTopMargin(3)
            number_cursor.setBlockFormat(number_block)
            number_cursor.insertText(str(passage.ordinal + 1), number_format)
            text_cursor = table.cellAt(row, 1).firstCursorPosition()
            text_cursor.setBlockFormat(body_block)
            text_format = self._passage_format(passage.kind, muted)
            self.passage_positions.append(text_cursor.position())
            text_cursor.insertText(passage.text, text_format)
            self._mute_citations(document, self.passage_positions[-1], passage.citations, muted)
            if self.highlights_button.isChecked():
                self._highlight(document, self.passage_positions[-1], self.annotations.get(row, []))
        self.browser.setDocument(document)
        self.find_bar.refresh()

    def _passage_format(self, kind: str, muted: QColor) -> QTextCharFormat:
        """How each kind of passage looks: headings as headings, captions, fact-sheet lines and
        page chrome quieter than the prose (they are shown, but never made into questions)."""
        text_format = QTextCharFormat()
        if kind == "title":
            text_format.setFontWeight(QFont.Weight.DemiBold)
            text_format.setFontPointSize(self.font_size + 7)
        elif kind == "heading":
            text_format.setFontWeight(QFont.Weight.DemiBold)
            text_format.setFontPointSize(self.font_size + 3)
        elif kind == "caption":
            text_format.setFontItalic(True)
            text_format.setForeground(QColor(muted).darker(130))
        elif kind in ("fact", "list"):
            text_format.setFontPointSize(max(self.font_size - 1, MIN_FONT_SIZE))
            text_format.setForeground(QColor(muted).darker(150))
        elif kind == "chrome":
            text_format.setFontPointSize(max(self.font_size - 3, MIN_FONT_SIZE))
            text_format.setForeground(muted)
        return text_format

    def _mute_citations(
        self, document: QTextDocument, base: int, spans: tuple[tuple[int, int], ...], muted: QColor
    ) -> None:
        """Citation marks ("[1]") set small and raised, as in print."""
        for start, end in spans:
            cursor = QTextCursor(document)
            cursor.setPosition(base + start)
            cursor.setPosition(base + end, QTextCursor.MoveMode.KeepAnchor)
            mark = QTextCharFormat()
            mark.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
            mark.setForeground(muted)
            cursor.mergeCharFormat(mark)

    def _highlight(self, document: QTextDocument, base: int, annotations: list[Annotation]) -> None:
        palette = self.palette()
        tints = {"figure": QColor(230, 150, 20, 70), "date": QColor(20, 160, 150, 60)}
        for annotation in annotations:
            cursor = QTextCursor(document)
            cursor.setPosition(base + annotation.start)
            cursor.setPosition(base + annotation.end, QTextCursor.MoveMode.KeepAnchor)
            mark = QTextCharFormat()
            mark.setAnchor(True)
            mark.setAnchorHref(f"{annotation.kind}:{annotation.target}")
            mark.setToolTip(annotation.label)
            if annotation.kind == "person":
                mark.setForeground(palette.color(QPalette.ColorRole.Link))
                mark.setFontUnderline(True)
                mark.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            else:
                mark.setBackground(tints[annotation.kind])
            cursor.mergeCharFormat(mark)

    def _on_highlights_toggled(self) -> None:
        self.context.settings.setValue("reader_highlights", self.highlights_button.isChecked())
        if self.article is not None:
            self._rerender_keeping_place()

    def _on_knowledge_changed(self) -> None:
        if self.article is not None:
            self.annotations = passage_annotations(self.context.bank, self.article.id)
            self._rerender_keeping_place()

    def _on_anchor_clicked(self, url) -> None:  # type: ignore[no-untyped-def]
        kind, _, target = url.toString().partition(":")
        if kind == "person":
            self.context.person_requested.emit(target)
        elif kind == "figure":
            self.context.figure_requested.emit(int(target))
        elif kind == "date":
            self.context.event_requested.emit(int(target))

    def _rerender_keeping_place(self) -> None:
        top = self.browser.cursorForPosition(self.browser.viewport().rect().topLeft()).position()
        self._render()
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(min(top, self.browser.document().characterCount() - 1))
        self.browser.setTextCursor(cursor)
        self.browser.ensureCursorVisible()

    def set_font_size(self, size: int) -> None:
        """Change the reading size (points), keep the place, remember it."""
        size = max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, size))
        if size == self.font_size:
            return
        self.font_size = size
        self.context.settings.setValue("reader_font_size", size)
        if self.article is not None:
            self._rerender_keeping_place()

    def change_font_size(self, step: int) -> None:
        self.set_font_size(self.font_size + step)

    def selected_text(self) -> str:
        return self.browser.textCursor().selectedText()

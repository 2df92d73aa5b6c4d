"""The Review page: front, Space reveals the back, 1-4 grade; undo, bury, suspend, edit, source."""

from __future__ import annotations

import html
import time

from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studyapp.core.errors import AnswerKept, BankUnreachable, StudyAppError
from studyapp.core.study import (
    AGAIN,
    EASY,
    GOOD,
    HARD,
    RATING_NAMES,
    Grade,
    QueueCounts,
    ReviewCard,
)
from studyapp.services import review
from studyapp.ui.context import AppContext
from studyapp.ui.icons import glyph_icon
from studyapp.ui.modal import run_modal
from studyapp.ui.pages.review_done import RATING_COLOURS, SessionDone
from studyapp.ui.widgets.elided_label import ElidedLabel

CARD_CSS = """
.front { font-size: 24px; }
.back { font-size: 22px; }
.cloze { color: #2f7bd6; font-weight: 600; }
.explanation { color: #7a7a7a; font-size: 15px; }
"""
PAGE_CSS = """
QTextBrowser#cardView { border: 1px solid palette(mid); border-radius: 10px;
    background: palette(base); padding: 18px; }
QLabel#countNew { color: #2f7bd6; font-weight: 600; }
QLabel#countLearning { color: #d64541; font-weight: 600; }
QLabel#countDue { color: #2e9d57; font-weight: 600; }
QPushButton#revealButton { font-size: 15px; padding: 10px 28px; }
QLabel#notice { border: 1px solid #e08a1e; border-radius: 6px; padding: 6px 10px;
    background: rgba(224, 138, 30, 0.12); }
"""


def _rating_button(rating: int) -> QPushButton:
    button = QPushButton()
    button.setObjectName(f"rate{RATING_NAMES[rating]}")
    button.setMinimumHeight(54)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    colour = RATING_COLOURS[rating]
    button.setStyleSheet(
        f"QPushButton {{ border: 1px solid {colour}; border-radius: 8px; font-size: 14px;"
        f" padding: 6px; color: {colour}; font-weight: 600; background: palette(base); }}"
        f" QPushButton:hover, QPushButton:pressed {{ background: {colour}; color: white; }}"
        f" QPushButton:focus {{ border-width: 2px; }}"
    )
    button.setToolTip(f"{RATING_NAMES[rating]} (key {rating})")
    return button


class ReviewPage(QWidget):
    """Reviews the current learner's due cards, one deck or all of them."""

    name = "review"
    title = "Review"

    def __init__(self, context: AppContext):
        super().__init__()
        self.context = context
        self.setWindowIcon(glyph_icon("↻"))
        self.setStyleSheet(PAGE_CSS)
        self.current: ReviewCard | None = None
        self.revealed = False
        self.undo_stack: list[tuple[int, int]] = []  # (log id, card id), newest last
        self.session_start_ms = time.time_ns() // 1_000_000
        self.shown_timer = QElapsedTimer()
        self._build()
        self._bind_keys()
        context.learner_changed.connect(lambda _id: self.start_session())
        context.questions_changed.connect(self._on_questions_changed)
        context.review_requested.connect(self.study_deck)

    # -- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        heading = QLabel("Review")
        heading.setObjectName("pageTitle")
        self.deck_combo = QComboBox()
        self.deck_combo.setMinimumWidth(220)
        self.deck_combo.setMaximumWidth(520)
        self.deck_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.deck_combo.setToolTip("Which cards to review")
        self.deck_combo.activated.connect(lambda _i: self.start_session())
        self.new_label, self.learning_label, self.due_label = QLabel(), QLabel(), QLabel()
        self.new_label.setObjectName("countNew")
        self.learning_label.setObjectName("countLearning")
        self.due_label.setObjectName("countDue")
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(16)
        top.addWidget(self.deck_combo)
        top.addStretch(1)
        for label, tip in ((self.new_label, "New cards left today"),
                           (self.learning_label, "Cards in learning"),
                           (self.due_label, "Reviews due today")):  # fmt: skip
            label.setToolTip(tip)
            top.addWidget(label)
            top.addSpacing(10)

        self.source_button = self._tool("Show in article", "O", self.show_in_article)
        self.edit_button = self._tool("Edit", "E", self.edit_current)
        self.bury_button = self._tool("Bury", "-", self.bury_current)
        self.suspend_button = self._tool("Suspend", "@", self.suspend_current)
        self.undo_button = self._tool("Undo", "Ctrl+Z", self.undo_last)
        self.settings_button = self._tool("Settings…", "Ctrl+,", self.edit_settings)
        tools = QHBoxLayout()
        self.deck_label = ElidedLabel()  # long names end in "…", the whole line in the tooltip
        self.deck_label.setObjectName("pageSubtitle")
        tools.addWidget(self.deck_label, 1)
        for button in (self.source_button, self.edit_button, self.bury_button,
                       self.suspend_button, self.undo_button, self.settings_button):  # fmt: skip
            tools.addWidget(button)

        self.card_view = QTextBrowser()
        self.card_view.setObjectName("cardView")
        self.card_view.setOpenLinks(False)  # card HTML never navigates anywhere
        self.card_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space belongs to the page
        self.card_view.document().setDefaultStyleSheet(CARD_CSS)
        self.type_edit = QLineEdit()
        self.type_edit.setPlaceholderText("Type the answer, then press Enter")
        self.type_edit.setStyleSheet("font-size: 16px; padding: 6px;")
        self.type_edit.hide()
        self.reveal_button = QPushButton("Show answer   (Space)")
        self.reveal_button.setObjectName("revealButton")
        self.reveal_button.setToolTip("Space or Enter")
        self.reveal_button.clicked.connect(self.reveal)
        self.rating_buttons: dict[int, QPushButton] = {}
        ratings = QHBoxLayout()
        for rating in (AGAIN, HARD, GOOD, EASY):
            button = _rating_button(rating)
            button.clicked.connect(lambda _=False, r=rating: self.grade(r))
            self.rating_buttons[rating] = button
            ratings.addWidget(button)
        self.answer_bar = QStackedWidget()
        reveal_row = QWidget()
        reveal_layout = QHBoxLayout(reveal_row)
        reveal_layout.addStretch(1)
        reveal_layout.addWidget(self.reveal_button)
        reveal_layout.addStretch(1)
        rating_row = QWidget()
        rating_row.setLayout(ratings)
        self.answer_bar.addWidget(reveal_row)
        self.answer_bar.addWidget(rating_row)
        self.answer_bar.setFixedHeight(78)

        card_page = QWidget()
        card_layout = QVBoxLayout(card_page)
        card_layout.setContentsMargins(0, 0, 0, 0)
        card_layout.addLayout(tools)
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        card_layout.addWidget(self.notice)
        card_layout.addWidget(self.card_view, 1)
        card_layout.addWidget(self.type_edit)
        card_layout.addWidget(self.answer_bar)

        self.done_view = SessionDone()
        self.done_view.page_requested.connect(self.context.page_requested)
        self.views = QStackedWidget()
        self.views.addWidget(card_page)
        self.views.addWidget(self.done_view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addWidget(self.views, 1)

    def _tool(self, text: str, key: str, slot) -> QToolButton:  # type: ignore[no-untyped-def]
        button = QToolButton()
        button.setText(text)
        button.setToolTip(f"{text} ({key})")
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    def _bind_keys(self) -> None:
        def bind(key: QKeySequence | str, slot) -> None:  # type: ignore[no-untyped-def]
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        for key in ("Space", "Return", "Enter"):
            bind(key, self._on_space)
        for rating in (AGAIN, HARD, GOOD, EASY):
            bind(str(rating), lambda r=rating: self.grade(r) if self.revealed else None)
        bind(QKeySequence.StandardKey.Undo, self.undo_last)  # type: ignore[arg-type]
        bind("E", self.edit_current)
        bind("-", self.bury_current)
        bind("@", self.suspend_current)
        bind("O", self.show_in_article)
        bind("Ctrl+,", self.edit_settings)

    # -- session --------------------------------------------------------------------------
    def activated(self) -> None:
        """Called by the window when the page is shown: pick up where the queue is now."""
        if self.current is None or not self.undo_stack:
            self.start_session()
        self.setFocus()

    def study_deck(self, deck_id: int | None) -> None:
        """Start reviewing ``deck_id`` (None: every deck) and show this page."""
        self._fill_decks()
        self.deck_combo.setCurrentIndex(max(0, self.deck_combo.findData(deck_id)))
        self.start_session()
        self.context.page_requested.emit(self.name)

    def deck_id(self) -> int | None:
        data = self.deck_combo.currentData()
        return None if data is None else int(data)

    def _fill_decks(self) -> None:
        from studyapp.services.question_bank import list_decks

        selected = self.deck_id()
        self.deck_combo.clear()
        self.deck_combo.addItem("All decks", None)
        for deck in list_decks(self.context.bank, reviewable=True):  # no quiz-only decks
            if deck.count:
                path = deck.name.replace("::", " › ")
                self.deck_combo.addItem(path, deck.id)
                self.deck_combo.setItemData(
                    self.deck_combo.count() - 1, path, Qt.ItemDataRole.ToolTipRole
                )
        index = self.deck_combo.findData(selected)
        self.deck_combo.setCurrentIndex(max(0, index))
        # The list shows every deck's whole path, however narrow the box above it.
        view = self.deck_combo.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + view.verticalScrollBar().sizeHint().width())

    def start_session(self) -> None:
        """Begin a session for the current learner and deck (cards are created as needed)."""
        if self.context.learner_id is None:
            return
        self._fill_decks()
        review.ensure_cards(self.context.bank, self.context.learner_id)
        self.undo_stack.clear()
        self.session_start_ms = time.time_ns() // 1_000_000
        self.show_next()

    def _on_questions_changed(self) -> None:
        if self.context.learner_id is None:
            return
        review.ensure_cards(self.context.bank, self.context.learner_id)
        self._fill_decks()
        if self.current is None:
            self.show_next()
        else:
            self._update_counts()

    def show_next(self, card: ReviewCard | None = None) -> None:
        """Show ``card`` (or the next card in the queue), front only."""
        learner = self.context.learner_id
        if learner is None:
            return
        if card is None:
            try:
                card = review.next_card(self.context.bank, learner, self.deck_id())
            except BankUnreachable as error:
                self._show_away(f"{error.reason[:1].upper()}{error.reason[1:]}.")
                return
        self.current = card
        self.revealed = False
        self._update_counts()
        if card is None:
            self._show_done()
            return
        self.views.setCurrentIndex(0)
        self.deck_label.setText(deck_line(card.deck, card.source.article_title if card.source else ""))
        self.card_view.setHtml(_card_html([f'<div class="front">{card.front}</div>']))
        self.answer_bar.setCurrentIndex(0)
        # Typed cards ask for the answer first, as Anki's "type in the answer" does.
        self.type_edit.setVisible(card.kind == "typed")
        key = "Enter" if card.kind == "typed" else "Space"
        self.reveal_button.setText(f"Show answer   ({key})")
        self.reveal_button.setEnabled(True)
        self.type_edit.clear()
        self.type_edit.setReadOnly(False)
        self.source_button.setEnabled(card.source is not None)
        for button in (self.edit_button, self.bury_button, self.suspend_button):
            button.setEnabled(True)
        self.undo_button.setEnabled(bool(self.undo_stack))
        self.shown_timer.start()
        if card.kind == "typed":
            self.type_edit.setFocus()
        else:
            self.setFocus()

    def reveal(self) -> None:
        """Show the back and the four grade buttons with their next intervals."""
        card = self.current
        if card is None or self.revealed:
            return
        self.revealed = True
        parts = [f'<div class="front">{card.front}</div>', "<hr/>",
                 f'<div class="back">{card.back}</div>']  # fmt: skip
        if card.kind == "cloze":  # the back repeats the text with the gap filled in
            parts = [f'<div class="back">{card.back}</div>']
        typed = self.type_edit.text().strip() if card.kind == "typed" else ""
        if typed:
            verdict = review.check_typed(self.context.bank, card.card_id, typed)
            parts.append(typed_comparison_html(typed, verdict))
        if card.explanation:
            parts.append(f'<p class="explanation">{html.escape(card.explanation)}</p>')
        self.card_view.setHtml(_card_html(parts))
        self.type_edit.setReadOnly(True)
        self.setFocus()  # the grade keys 1-4 belong to the page now, not to the type box
        for preview in card.previews:
            button = self.rating_buttons[preview.rating]
            button.setText(
                f"{RATING_NAMES[preview.rating]}  ·  {preview.label}\nkey {preview.rating}"
            )
        self.answer_bar.setCurrentIndex(1)

    def _on_space(self) -> None:
        if self.current is None:
            return
        if self.revealed:
            self.grade(GOOD)  # as in Anki: Space on the answer side means Good
        else:
            self.reveal()

    def grade(self, rating: int) -> None:
        """Record the answer (durably, before anything else happens) and move on."""
        card = self.current
        if card is None or not self.revealed:
            return
        duration = self.shown_timer.elapsed() if self.shown_timer.isValid() else 0
        try:
            receipt = review.answer(self.context.bank, card.card_id, rating, duration)
        except AnswerKept as kept:  # the server went away: the answer waits on this computer
            self.context.answers_waiting.emit(kept.waiting)
            self._show_away(str(kept))
            return
        except StudyAppError as error:  # also DatabaseError: disk full, read-only
            QMessageBox.warning(self, "Could not record the answer", str(error))
            return
        self.undo_stack.append((receipt.log_id, card.card_id))
        if receipt.leech:
            self.notice.setText(
                "That card has been forgotten 8 times: it is now suspended and tagged “leech” "
                "(find it in the Question bank with tag:leech). Ctrl+Z takes it back."
            )
            self.notice.show()
            QTimer.singleShot(12000, self.notice.hide)
        self.show_next()

    def undo_last(self) -> None:
        """Take back the last answer and show that card again, front first."""
        if not self.undo_stack:
            return
        log_id, card_id = self.undo_stack.pop()
        try:
            review.undo(self.context.bank, log_id)
        except StudyAppError as error:  # also DatabaseError: disk full, read-only
            QMessageBox.information(self, "Nothing to undo", str(error))
            return
        self.show_next(review.show_card(self.context.bank, card_id))

    # -- card actions ---------------------------------------------------------------------
    def show_in_article(self) -> None:
        card = self.current
        if card is not None and card.source is not None:
            source = card.source
            self.context.show_passage(source.article_id, source.ordinal, source.start, source.end)

    def edit_current(self) -> None:
        from studyapp.services.question_bank import get_question
        from studyapp.ui.dialogs.question_dialog import QuestionDialog

        card = self.current
        if card is None:
            return
        detail = get_question(self.context.bank, card.question_id)
        if detail is None:
            return
        dialog = QuestionDialog(detail, self)
        if run_modal(dialog):
            try:
                review.edit_question(self.context.bank, card.question_id, *dialog.values())
            except StudyAppError as error:  # also DatabaseError: disk full, read-only
                QMessageBox.warning(self, "Could not save", str(error))
                return
            revealed = self.revealed
            self.show_next(review.show_card(self.context.bank, card.card_id))
            if revealed:
                self.reveal()
            self.context.questions_changed.emit()

    def edit_settings(self) -> None:
        """Desired retention, daily limits and learning steps of the current learner."""
        from studyapp.ui.pages.learners import StudySettingsDialog

        if self.context.learner_id is None:
            return
        if run_modal(StudySettingsDialog(self.context, self)):
            if self.current is not None:  # new limits and intervals apply at once
                self.show_next(review.show_card(self.context.bank, self.current.card_id))
            else:
                self.show_next()

    def bury_current(self) -> None:
        if self.current is not None:
            try:
                review.bury(self.context.bank, self.current.card_id)
            except StudyAppError as error:  # the bank busy elsewhere, disk full, read-only
                QMessageBox.warning(self, "Could not bury the card", str(error))
                return
            self.show_next()

    def suspend_current(self) -> None:
        if self.current is not None:
            try:
                review.set_suspended(self.context.bank, self.current.card_id, True)
            except StudyAppError as error:
                QMessageBox.warning(self, "Could not suspend the card", str(error))
                return
            self.show_next()

    # -- counts and summary ---------------------------------------------------------------
    def _update_counts(self) -> None:
        learner = self.context.learner_id
        counts = (
            review.queue_counts(self.context.bank, learner, self.deck_id())
            if learner is not None
            else QueueCounts(0, 0, 0)
        )
        self.new_label.setText(f"{counts.new} new")
        self.learning_label.setText(f"{counts.learning} learning")
        self.due_label.setText(f"{counts.review} due")

    def _show_away(self, message: str) -> None:
        """The class's server is away: say so instead of a card; nothing can be graded twice."""
        self.current = None
        self.revealed = False
        self.views.setCurrentIndex(0)
        self.answer_bar.setCurrentIndex(0)
        self.reveal_button.setEnabled(False)
        for button in (self.edit_button, self.bury_button, self.suspend_button,
                       self.source_button, self.undo_button):  # fmt: skip
            button.setEnabled(False)
        self.undo_stack.clear()  # those answers are on the server; kept ones wait to go there
        self.card_view.setHtml(_card_html([
            f"<h3>Waiting for the class's server</h3><p>{html.escape(message)}</p>"
            "<p>Reviews go on by themselves once it is back.</p>"
        ]))  # fmt: skip

    def _show_done(self) -> None:
        learner = self.context.learner_id
        assert learner is not None
        summary = review.session_summary(self.context.bank, learner, self.session_start_ms)
        self.done_view.show_summary(summary, has_cards=self.deck_combo.count() > 1)
        self.undo_button.setEnabled(bool(self.undo_stack))
        self.views.setCurrentIndex(1)


def deck_line(deck: str, article_title: str) -> str:
    """ "Deck › Sub-deck · from “Article”", saying the article's title once: a generated
    deck is named after its article already."""
    path = deck.replace("::", " › ")
    root = deck.split("::")[0]
    if not article_title or root == article_title or root.startswith(f"{article_title} ("):
        return path
    return f"{path} · from “{article_title}”"


def typed_comparison_html(typed: str, verdict: Grade) -> str:
    """What was typed over the right answer, wrong and missing characters marked (as Anki)."""
    typed_runs, answer_runs = review.compare_typed(typed, verdict.expected)

    def runs(parts: list[tuple[bool, str]], wrong: str) -> str:
        return "".join(
            html.escape(text) if ok else f'<span style="{wrong}">{html.escape(text)}</span>'
            for ok, text in parts
        )

    colour = "#2e9d57" if verdict.correct else "#d64541"
    mark = "✓" if verdict.correct else "✗"
    note = f'<br/><span style="font-size:14px;">{html.escape(verdict.note)}</span>' if verdict.note else ""
    return (
        f'<p style="font-size:18px; font-family: monospace;">'
        f'{runs(typed_runs, "background: rgba(214, 69, 65, 0.30);")}'
        f'<span style="color:{colour};"> {mark}</span><br/>↓<br/>'
        f'{runs(answer_runs, "background: rgba(128, 128, 128, 0.30);")}{note}</p>'
    )


def _card_html(parts: list[str]) -> str:
    """The card centred with some air above it (Qt rich text has no vertical centring)."""
    return f'<div align="center" style="margin-top: 36px;">{"".join(parts)}</div>'

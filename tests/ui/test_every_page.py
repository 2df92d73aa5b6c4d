"""Every page at 1280×800, in the states a learner meets: no HTML entity shown, no text cut off.

(Qt warnings on stderr fail any test: see qt_log_level_fail in pyproject.toml.)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt  # mightBeRichText lives with QtGui
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QTextBrowser,
    QWidget,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshots import states  # noqa: E402

from studyapp.ui.widgets.elided_label import ElidedLabel  # noqa: E402

ENTITY = re.compile(r"&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")


def label_text(label: QLabel) -> str:
    """What a label shows: rich text as its words, plain text as it is."""
    text = label.text()
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    )
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def shown_texts(window: QWidget) -> list[tuple[str, str]]:
    """(where, text) of everything visible in the window that shows text."""
    found: list[tuple[str, str]] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        where = f"{type(widget).__name__} {widget.objectName()}".strip()
        if isinstance(widget, QLabel):
            found.append((where, label_text(widget)))
        elif isinstance(widget, QAbstractButton):
            found.append((where, widget.text()))
        elif isinstance(widget, QTextBrowser):
            found.append((where, widget.toPlainText()))
        elif isinstance(widget, QComboBox):
            found.append((where, widget.currentText()))
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model, root = widget.model(), widget.rootIndex()
            try:
                columns = model.columnCount(root)
            except TypeError:  # list models keep columnCount private: they have one
                columns = 1
            for row in range(min(model.rowCount(root), 60)):
                for column in range(columns):
                    value = model.data(model.index(row, column, root))
                    if isinstance(value, str):
                        found.append((f"{where} row {row}", value))
    return found


def cut_off_labels(window: QWidget) -> list[str]:
    """Visible labels whose text does not fit the room they were given."""
    cut = []
    for label in window.findChildren(QLabel):
        if not label.isVisible() or isinstance(label, ElidedLabel) or not label.text():
            continue
        if label.wordWrap():
            needed = label.heightForWidth(label.contentsRect().width())
            if needed > label.contentsRect().height() + 2:
                cut.append(f"{label_text(label)[:60]!r}: needs {needed}px, has {label.height()}")
        elif label.sizeHint().width() > label.width() + 2 and label.pixmap().isNull():
            cut.append(f"{label_text(label)[:60]!r}: needs {label.sizeHint().width()}px wide")
    return cut


def test_every_page_shows_whole_text_and_no_entities(qtbot, main_window) -> None:  # type: ignore[no-untyped-def]
    main_window.resize(1280, 800)
    looked_at = []
    for name, show in states(main_window):
        show()
        qtbot.waitUntil(lambda: not main_window.tasks.busy, timeout=60000)
        qtbot.wait(50)
        looked_at.append(name)
        entities = [(where, text[:80]) for where, text in shown_texts(main_window)
                    if ENTITY.search(text)]  # fmt: skip
        assert entities == [], name
        assert cut_off_labels(main_window) == [], name
    assert {"decks", "library", "reader", "review", "quiz", "progress", "figures", "timeline",
            "questions", "review-answer", "quiz-checked", "quiz-results"} <= set(looked_at)  # fmt: skip


def test_no_quiz_question_or_card_shows_an_entity(qtbot, main_window) -> None:  # type: ignore[no-untyped-def]
    from studyapp.core.study import QuizScope
    from studyapp.services.question_bank import QuestionParts, add_question

    # Beside the bundled questions, one a learner wrote with every character a label showing
    # rich text would turn into an entity: quotation marks, an apostrophe, "&" and "<".
    written = 'Who said "I surrendered for two reasons" at Kompong Speu\'s camp & why < 1997?'
    add_question(main_window.context.bank, "History", "typed", written, QuestionParts(answer="Ghun Sophal"))
    quiz = main_window.pages["quiz"]
    main_window.show_page("quiz")
    quiz.start(QuizScope(count=500))
    items = quiz.session.items
    assert written in [item.prompt for item in items]
    for index in range(len(items)):
        quiz.index = index
        quiz._show_item()
        shown = [text for _where, text in shown_texts(quiz) if ENTITY.search(text)]
        assert shown == [], items[index].prompt
    review = main_window.pages["review"]
    main_window.show_page("review")
    seen = 0
    while review.current is not None and seen < 200:
        review.reveal()
        assert not ENTITY.search(review.card_view.toPlainText()), review.card_view.toPlainText()
        review.bury_current()
        seen += 1
    assert seen > 10

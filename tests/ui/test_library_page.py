"""The Library's "Studied" column: a bar filling from the left as far as the share studied."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem, QTreeWidget, QTreeWidgetItem

from studyapp.ui.app import create_application
from studyapp.ui.pages.library import ProgressDelegate


def _filled_columns(percent: int) -> list[bool]:
    """For each pixel column across the painted bar: is it mostly the highlight colour?"""
    create_application([])
    tree = QTreeWidget()
    item = QTreeWidgetItem([""])
    item.setData(0, Qt.ItemDataRole.UserRole, percent)
    tree.addTopLevelItem(item)
    image = QImage(208, 36, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 208, 36)
    option.palette = QApplication.palette()
    painter = QPainter(image)
    ProgressDelegate(tree).paint(painter, option, tree.indexFromItem(item, 0))
    painter.end()
    highlight = QApplication.palette().color(QPalette.ColorRole.Highlight)

    def near(x: int, y: int) -> bool:
        pixel = image.pixelColor(x, y)
        return abs(pixel.hue() - highlight.hue()) < 20 and pixel.saturation() > 60

    return [sum(near(x, y) for y in range(10, 26)) > 12 for x in range(8, 200)]


def test_studied_bars_fill_from_the_left() -> None:
    half = _filled_columns(50)
    filled = sum(half)
    assert 0.35 * len(half) < filled < 0.65 * len(half)  # half the width, every row of it
    assert all(half[:40]) and not any(half[-40:])  # the left end full, the right end empty
    assert not any(_filled_columns(0)[:-4]) and all(_filled_columns(100)[4:-4])


def test_deleting_an_article_says_what_goes_with_it(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sys
    from pathlib import Path

    from PySide6.QtWidgets import QMessageBox

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from study_context import study_context

    from studyapp.services import question_bank, review
    from studyapp.ui.pages.library import LibraryPage

    context, _ids = study_context(tmp_path)
    card = review.next_card(context.bank, context.learner_id)
    review.answer(context.bank, card.card_id, 3)
    page = LibraryPage(context)
    qtbot.addWidget(page)
    asked: list[str] = []

    def question(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    assert page.delete_button.isEnabled()
    with qtbot.waitSignal(context.questions_changed):
        page.delete_button.click()
    assert asked == [
        "Delete “Civil rights”, its 11 questions and 1 review of them? This cannot be undone "
        "(today's backup can still bring them back)."
    ]
    assert page.table.topLevelItemCount() == 0
    remaining = question_bank.list_questions(context.bank)
    assert [row.deck for row in remaining] == ["Geography"]  # not from the article
    context.bank.close()


def test_studied_measures_the_study_set_flashcards(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The "Studied" share counts the article's study-set flashcards: the "more" questions
    and the quiz kinds (never cards) do not keep it short of 100%."""
    import sqlite3
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from study_context import study_context

    from studyapp.services import review
    from studyapp.ui.pages.library import PROGRESS_COLUMN, LibraryPage

    context, ids = study_context(tmp_path)
    with sqlite3.connect(context.bank.path) as connection:
        # As a generation stores them: the topic sub-deck is the article's too, and one
        # flashcard was ranked out of the study set ("more").
        connection.execute(
            "UPDATE deck SET article_id = ? WHERE id = ?",
            (ids["article"], ids["decks"]["History::Civil rights"]),
        )
        connection.execute(
            "UPDATE question SET extra = 1 WHERE id = ?", (ids["questions"]["basic3"],)
        )
        cards = dict(connection.execute("SELECT question_id, id FROM card").fetchall())
    study_set = ["basic0", "basic1", "basic2", "cloze", "typed"]  # the rest: "more" or quiz kinds
    page = LibraryPage(context)
    qtbot.addWidget(page)
    page.resize(900, 400)
    page.show()

    def shown() -> tuple[str, str, str, object]:
        row = page.table.topLevelItem(0)
        assert row is not None
        return (
            row.text(3), row.text(PROGRESS_COLUMN), row.toolTip(PROGRESS_COLUMN),
            row.data(PROGRESS_COLUMN, Qt.ItemDataRole.UserRole),
        )  # fmt: skip

    assert shown() == ("11", "0%", "0 of the 5 cards in its study set studied", 0)
    for name in study_set[:2]:
        review.answer(context.bank, cards[ids["questions"][name]], 3)
    context.questions_changed.emit()
    assert shown() == ("11", "40%", "2 of the 5 cards in its study set studied", 40)
    for name in study_set[2:]:
        review.answer(context.bank, cards[ids["questions"][name]], 3)
    context.questions_changed.emit()
    assert shown() == ("11", "100%", "5 of the 5 cards in its study set studied", 100)
    context.bank.close()

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

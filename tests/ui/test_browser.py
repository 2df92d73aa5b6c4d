"""The Question bank as a browser: card columns, sorting, tags, questions written by hand."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog

sys.path.insert(0, str(Path(__file__).resolve().parent))
from study_context import study_context  # noqa: E402

from studyapp.core.study import AGAIN, GOOD  # noqa: E402
from studyapp.services import question_bank as service  # noqa: E402
from studyapp.services import review  # noqa: E402
from studyapp.ui.dialogs.question_dialog import QuestionDialog  # noqa: E402
from studyapp.ui.pages.question_bank import COLUMNS, QuestionBankPage  # noqa: E402

DAY_MS = 86_400_000
NOW = 1_750_000_000_000


@pytest.fixture
def page(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    context, ids = study_context(tmp_path)
    widget = QuestionBankPage(context)
    qtbot.addWidget(widget)
    widget.resize(1280, 700)
    widget.show()
    widget.ids = ids  # type: ignore[attr-defined]
    yield widget
    context.bank.close()


def _column(page: QuestionBankPage, title: str) -> list[str]:
    column = [name for name, _key in COLUMNS].index(title)
    model = page.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def _click_header(qtbot, page: QuestionBankPage, title: str) -> None:  # type: ignore[no-untyped-def]
    header = page.table.horizontalHeader()
    column = [name for name, _key in COLUMNS].index(title)
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_card_columns_show_reviews_lapses_interval_and_due(qtbot, page: QuestionBankPage) -> None:  # type: ignore[no-untyped-def]
    bank, learner = page.context.bank, page.context.learner_id
    card = review.next_card(bank, learner, now_ms=NOW)
    review.answer(bank, card.card_id, GOOD, now_ms=NOW)
    review.answer(bank, card.card_id, GOOD, now_ms=NOW + 700_000)  # graduates: a review card
    page.refresh()
    row = next(i for i, r in enumerate(page.model.rows) if r.id == card.question_id)
    assert _column(page, "Reviews")[row] == "2"
    assert _column(page, "Lapses")[row] == "0"
    assert _column(page, "Interval")[row].endswith("d")
    assert _column(page, "Due")[row][:4].isdigit()
    new_dues = [due for due in _column(page, "Due") if due.startswith("New #")]
    assert len(new_dues) == 5  # the other flashcards, with their place in the queue
    assert _column(page, "Due")[page.model.rows.index(next(
        r for r in page.model.rows if r.kind == "choice"))] == ""  # quiz kinds have no card


def test_clicking_a_column_sorts_by_it(qtbot, page: QuestionBankPage) -> None:  # type: ignore[no-untyped-def]
    _click_header(qtbot, page, "Question")
    prompts = [row.prompt.lower() for row in page.model.rows]
    assert prompts == sorted(prompts)
    _click_header(qtbot, page, "Question")
    assert [row.prompt.lower() for row in page.model.rows] == sorted(prompts, reverse=True)
    bank, learner = page.context.bank, page.context.learner_id
    card = review.next_card(bank, learner, now_ms=NOW)
    review.answer(bank, card.card_id, AGAIN, now_ms=NOW)
    page.refresh()
    _click_header(qtbot, page, "Reviews")
    _click_header(qtbot, page, "Reviews")  # descending: the reviewed one first
    assert page.model.rows[0].id == card.question_id


def test_tags_are_added_and_removed_on_the_selection(page: QuestionBankPage, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page.table.selectRow(0)
    monkeypatch.setattr(QInputDialog, "getText", lambda *_args, **_kw: ("hard  1960s", True))
    page.edit_tags(add=True)
    assert _column(page, "Tags")[0] == "hard 1960s"
    monkeypatch.setattr(QInputDialog, "getText", lambda *_args, **_kw: ("hard", True))
    page.table.selectRow(0)
    page.edit_tags(add=False)
    assert _column(page, "Tags")[0] == "1960s"


def _fill(dialog: QuestionDialog, kind: str, prompt: str, details: str = "", answer: str = "") -> None:
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    dialog.prompt.setPlainText(prompt)
    dialog.details.setPlainText(details)
    dialog.answer.setPlainText(answer)


@pytest.mark.parametrize(
    ("kind", "prompt", "details", "answer", "stored"),
    [
        ("choice", "Capital of France?", "Lyon\n* Paris\nNice", "",
         {"choices": ["Lyon", "Paris", "Nice"], "correct": [1]}),
        ("multi", "Which are rivers?", "* Seine\nParis\n* Loire", "",
         {"choices": ["Seine", "Paris", "Loire"], "correct": [0, 2]}),
        ("order", "Oldest first", "Rome\nParis\nBerlin", "", {"items": ["Rome", "Paris", "Berlin"]}),
        ("match", "Match capitals", "France = Paris\nItaly = Rome", "",
         {"pairs": [["France", "Paris"], ["Italy", "Rome"]]}),
        ("typed", "Who wrote Candide?", "Francois-Marie Arouet", "Voltaire",
         {"accepted": ["Francois-Marie Arouet"]}),
        ("cloze", "{{c1::Paris}} is the capital.", "", "", {"cloze": 1}),
    ],
)  # fmt: skip
def test_a_question_of_every_kind_is_written_by_hand(
    qtbot, page: QuestionBankPage, monkeypatch, kind, prompt, details, answer, stored
) -> None:  # type: ignore[no-untyped-def]
    def fill_and_save(dialog: QuestionDialog) -> int:
        dialog.show()
        dialog.deck.setCurrentText("By hand::Geography")
        _fill(dialog, kind, prompt, details, answer)
        assert dialog.details.isVisible() == (kind != "cloze")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        return dialog.result()

    from PySide6.QtWidgets import QMessageBox

    refused: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: refused.append(text))
    monkeypatch.setattr(QuestionDialog, "exec", fill_and_save)
    page.add_question()
    assert refused == []
    found = service.list_questions(page.context.bank, service.QuestionFilter(text=prompt))
    assert len(found) == 1 and found[0].deck == "By hand::Geography", found
    detail = service.get_question(page.context.bank, found[0].id)
    assert detail.kind == kind and detail.payload == stored and detail.origin == "manual"


def test_editing_changes_choices_and_refuses_a_choice_without_a_right_one(
    qtbot, page: QuestionBankPage, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: warnings.append(text))
    question = service.get_question(page.context.bank, page.ids["questions"]["choice"])  # type: ignore[attr-defined]
    dialog = QuestionDialog(question, page)
    qtbot.addWidget(dialog)
    assert dialog.details.toPlainText() == "1955\n* 1963\n1964\n1968"
    assert dialog.prompt.height() >= dialog.prompt.fontMetrics().lineSpacing() * 5
    dialog.details.setPlainText("1955\n1963")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert warnings == ["Give at least two choices and mark the right one(s) with *."]
    dialog.details.setPlainText("1955\n* 1963\n1965")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.result() == dialog.DialogCode.Accepted
    service.update_question(page.context.bank, question.id, *dialog.values())
    saved = service.get_question(page.context.bank, question.id)
    assert saved.payload["choices"] == ["1955", "1963", "1965"] and saved.answer == "1963"


def test_deck_column_cuts_a_long_path_once_and_keeps_the_deck(page: QuestionBankPage) -> None:
    """However wide the Deck column, its text carries one "…" at most (the view adds none
    after the path's own), and the deck's own name stays whole while its parents are cut."""
    import sqlite3

    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

    title = "Khmer People’s Revolutionary Party, Established June 28, 1951 (Part 2)"
    with sqlite3.connect(page.context.bank.path) as connection:
        connection.execute(
            "UPDATE deck SET name = ? WHERE id = ?",
            (f"{title}::Events", page.ids["decks"]["History::Civil rights"]),  # type: ignore[attr-defined]
        )
    page.refresh()
    column = [name for name, _key in COLUMNS].index("Deck")
    row = next(i for i, r in enumerate(page.model.rows) if r.deck.endswith("::Events"))
    index = page.model.index(row, column)
    delegate = page.table.itemDelegateForColumn(column)
    header = page.table.horizontalHeader()
    metrics = page.table.fontMetrics()
    assert page.model.data(index, Qt.ItemDataRole.ToolTipRole) == f"{title} › Events"
    style = page.table.style()  # the app's style sheet pads items: measured as Qt does
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, page.table) + 1
    for width in range(60, 700, 9):
        header.resizeSection(column, width)
        option = QStyleOptionViewItem()
        page.table.initViewItemOption(option)  # as the view paints: its font, style, widget
        option.rect = page.table.visualRect(index)
        delegate.initStyleOption(option, index)
        shown = option.text
        room = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, page.table)
        room_width = room.width() - 2 * margin
        assert shown.count("…") <= 1, (width, shown)
        # Qt cuts what does not fit its text rect: the shown text fits, so nothing is added.
        assert metrics.elidedText(shown, Qt.TextElideMode.ElideRight, room_width) == shown, (
            width, shown,
        )  # fmt: skip
        if width >= 120:
            assert shown.endswith(" › Events") and shown.startswith("Kh"), (width, shown)
        if room_width >= metrics.horizontalAdvance(f"{title} › Events"):
            assert shown == f"{title} › Events"

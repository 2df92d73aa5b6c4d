"""Driving a review session from the keyboard: reveal, grade, undo, bury, suspend, cloze, summary."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent))
from study_context import study_context  # noqa: E402

from studyapp.services import stats  # noqa: E402
from studyapp.ui.pages.review import ReviewPage  # noqa: E402


@pytest.fixture
def page(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    context, ids = study_context(tmp_path)
    widget = ReviewPage(context)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()  # keyboard shortcuts follow the focus, which needs an active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    widget.activated()
    widget.ids = ids  # type: ignore[attr-defined]
    yield widget
    context.tasks.wait_for_all()
    context.bank.close()


def _rows(page: ReviewPage, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    with sqlite3.connect(page.context.bank.path) as connection:
        return connection.execute(sql).fetchall()


def _card_row(page: ReviewPage, card_id: int) -> tuple:  # type: ignore[type-arg]
    return _rows(
        page, f"SELECT state, step, stability, difficulty, due, reps FROM card WHERE id = {card_id}"
    )[0]


def test_keyboard_session_with_undo(qtbot, page: ReviewPage) -> None:  # type: ignore[no-untyped-def]
    first = page.current
    assert first is not None and not page.revealed
    assert page.new_label.text() == "6 new"
    before = _card_row(page, first.card_id)
    qtbot.keyClick(page, Qt.Key.Key_Space)
    assert page.revealed and page.answer_bar.currentIndex() == 1
    assert page.rating_buttons[3].text().startswith("Good  ·  10m")
    assert first.back in page.card_view.toHtml() or "Answer" in page.card_view.toPlainText()
    qtbot.keyClick(page, Qt.Key.Key_3)
    assert _rows(page, "SELECT card_id, rating FROM review_log") == [(first.card_id, 3)]
    assert _card_row(page, first.card_id)[0] == 1  # learning
    assert page.current is not None and page.current.card_id != first.card_id
    assert (page.new_label.text(), page.learning_label.text()) == ("5 new", "1 learning")

    qtbot.keyClick(page, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _rows(page, "SELECT count(*) FROM review_log") == [(0,)]
    assert _card_row(page, first.card_id) == before
    assert page.current is not None and page.current.card_id == first.card_id
    assert not page.revealed and page.new_label.text() == "6 new"


def test_grade_keys_need_the_answer_side_and_enter_reveals(qtbot, page: ReviewPage) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(page, Qt.Key.Key_1)
    assert _rows(page, "SELECT count(*) FROM review_log") == [(0,)]
    qtbot.keyClick(page, Qt.Key.Key_Return)
    assert page.revealed
    qtbot.keyClick(page, Qt.Key.Key_1)
    assert _rows(page, "SELECT rating FROM review_log") == [(1,)]


def test_bury_and_suspend_leave_the_queue(qtbot, page: ReviewPage) -> None:  # type: ignore[no-untyped-def]
    first = page.current
    assert first is not None
    qtbot.keyClick(page, Qt.Key.Key_Minus)
    assert page.current is not None and page.current.card_id != first.card_id
    second = page.current
    qtbot.keyClick(page, Qt.Key.Key_At)
    assert _rows(page, f"SELECT suspended FROM card WHERE id = {second.card_id}") == [(1,)]
    assert _rows(page, f"SELECT buried_until > 0 FROM card WHERE id = {first.card_id}") == [(1,)]
    assert page.new_label.text() == "4 new"


def test_cloze_deck_and_whole_session_to_summary(qtbot, page: ReviewPage) -> None:  # type: ignore[no-untyped-def]
    combo = page.deck_combo
    combo.setCurrentIndex(combo.findData(page.ids["decks"]["History::Civil rights"]))  # type: ignore[attr-defined]
    page.start_session()
    assert page.current is not None and page.current.kind == "cloze"
    assert "[...] refused in 1955." in page.card_view.toPlainText()
    qtbot.keyClick(page, Qt.Key.Key_Space)
    assert "Rosa Parks refused in 1955." in page.card_view.toPlainText()
    assert "Montgomery, Alabama." in page.card_view.toPlainText()
    qtbot.keyClick(page, Qt.Key.Key_4)
    answered = 1
    while page.current is not None:
        qtbot.keyClick(page, Qt.Key.Key_Space)
        qtbot.keyClick(page, Qt.Key.Key_4)  # Easy graduates at once
        answered += 1
    assert answered == 2
    assert page.views.currentIndex() == 1
    assert "well studied" in page.done_view.done_title.text()
    assert "<b>2</b> cards" in page.done_view.done_text.text()
    figures = stats.progress_stats(page.context.bank, page.context.learner_id)
    assert figures.reviews_today == 2 and figures.cards_by_state[2] == 2


def test_show_in_article_asks_for_the_source_passage(qtbot, page: ReviewPage) -> None:  # type: ignore[no-untyped-def]
    card = page.current
    assert card is not None and card.source is not None
    with qtbot.waitSignal(page.context.passage_requested) as blocker:
        qtbot.keyClick(page, Qt.Key.Key_O)
    assert blocker.args == [card.source.article_id, card.source.ordinal, card.source.start,
                            card.source.end]  # fmt: skip


def test_settings_dialog_changes_limits_and_steps(qtbot, page: ReviewPage) -> None:  # type: ignore[no-untyped-def]
    from studyapp.services import learners
    from studyapp.ui.pages.learners import StudySettingsDialog, _parse_steps

    assert _parse_steps("1m 10m 1h") == (60, 600, 3600)
    dialog = StudySettingsDialog(page.context, page)
    qtbot.addWidget(dialog)
    dialog.new_per_day.setValue(2)
    dialog.retention.setValue(0.85)
    dialog.learning.setText("30s 5m")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    settings = learners.current_learner(page.context.bank).settings
    assert (settings.new_per_day, settings.desired_retention) == (2, 0.85)
    assert settings.learning_steps == (30, 300)
    page.show_next()
    assert page.new_label.text() == "2 new"
    qtbot.keyClick(page, Qt.Key.Key_Space)
    assert page.rating_buttons[1].text().startswith("Again  ·  <1m")  # the 30 s step


def test_typed_card_asks_for_the_answer_and_compares(qtbot, page: ReviewPage) -> None:  # type: ignore[no-untyped-def]
    combo = page.deck_combo
    combo.setCurrentIndex(combo.findData(page.ids["decks"]["History::Civil rights"]))  # type: ignore[attr-defined]
    page.start_session()
    while page.current is not None and page.current.kind != "typed":
        qtbot.keyClick(page, Qt.Key.Key_Minus)  # bury the cloze card to reach the typed one
    assert page.current is not None and page.type_edit.isVisible()
    assert QApplication.focusWidget() is page.type_edit
    qtbot.keyClicks(page.type_edit, "lyndon johnsen 3")
    assert not page.revealed  # digits and spaces go into the box, not to the grade keys
    page.type_edit.clear()
    qtbot.keyClicks(page.type_edit, "lyndon johnsen")
    qtbot.keyClick(page.type_edit, Qt.Key.Key_Return)
    assert page.revealed
    text = page.card_view.toPlainText()
    assert "lyndon johnsen ✓\n↓\nLyndon B. Johnson" in text and "spelling slip" in text
    assert marked_runs(page.card_view) == ["e", "B. ", "o"]  # mistyped, then missing
    qtbot.keyClick(page, Qt.Key.Key_3)
    with sqlite3.connect(page.context.bank.path) as connection:
        assert connection.execute("SELECT rating FROM review_log").fetchall() == [(3,)]


def marked_runs(view) -> list[str]:  # type: ignore[no-untyped-def]
    """The text of every run shown on a coloured background, in reading order."""
    runs = []
    block = view.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.charFormat().background().style() != Qt.BrushStyle.NoBrush:
                runs.append(fragment.text())
            fragments += 1
        block = block.next()
    return runs


def test_deck_line_names_the_article_once_and_ends_in_an_ellipsis(page: ReviewPage) -> None:
    from studyapp.ui.pages.review import deck_line

    assert deck_line("Civil rights::Events", "Civil rights") == "Civil rights › Events"
    assert deck_line("History::Civil rights", "Civil rights") == (
        "History › Civil rights · from “Civil rights”"
    )
    page.deck_label.setText("A very long deck name " * 20)
    page.deck_label.resize(300, 20)
    shown = page.deck_label.shown_text()
    assert shown.endswith("…") and page.deck_label.fontMetrics().horizontalAdvance(shown) <= 300
    assert page.deck_label.toolTip() == "A very long deck name " * 20


def test_deck_picker_lists_whole_paths(page: ReviewPage) -> None:
    combo = page.deck_combo
    paths = [combo.itemText(row) for row in range(combo.count())]
    assert "History › Civil rights" in paths
    widest = max(combo.view().fontMetrics().horizontalAdvance(path) for path in paths)
    assert combo.view().minimumWidth() >= widest


def test_a_leech_is_announced(qtbot, page: ReviewPage) -> None:  # type: ignore[no-untyped-def]
    card = page.current
    assert card is not None
    with sqlite3.connect(page.context.bank.path) as connection:
        connection.execute(
            "UPDATE card SET state = 2, stability = 3, difficulty = 5, due = 0, last_review = 0,"
            " reps = 20, lapses = 7 WHERE id = ?", (card.card_id,),
        )  # fmt: skip
    page.show_next(page.current)
    qtbot.keyClick(page, Qt.Key.Key_Space)
    qtbot.keyClick(page, Qt.Key.Key_1)
    assert page.notice.isVisible() and "suspended and tagged “leech”" in page.notice.text()


def test_the_deck_picker_offers_only_decks_with_cards_to_review(qtbot, page: ReviewPage) -> None:  # type: ignore[no-untyped-def]
    """A deck of quiz questions only (choice, true/false) has nothing for Review to show."""
    from studyapp.bank.models import Deck, Question
    from studyapp.services.question_bank import list_decks

    with page.context.bank.transaction() as session:
        deck = Deck(name="Quiz only")
        session.add(deck)
        session.flush()
        session.add(
            Question(
                deck_id=deck.id, kind="choice", prompt="Who led the boycott?", answer="King",
                payload={"choices": ["King", "Parks", "Abernathy", "Nixon"], "correct": [0]},
                origin="imported", content_hash="quiz-only-1",
            )
        )  # fmt: skip
    page.activated()
    shown = [page.deck_combo.itemText(i) for i in range(page.deck_combo.count())]
    assert "Quiz only" in [d.name for d in list_decks(page.context.bank)]  # the bank page still lists it
    assert "Quiz only" not in shown and "History › Civil rights" in shown, shown

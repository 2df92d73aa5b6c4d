"""Driving quizzes end to end: scope, ordering by keys, typed answers, matching, score, retry, time."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent))
from study_context import study_context  # noqa: E402

from studyapp.core.study import QuizScope  # noqa: E402
from studyapp.services import stats  # noqa: E402
from studyapp.ui.pages.quiz import QuizPage  # noqa: E402
from studyapp.ui.pages.quiz_answers import ChoiceAnswer, MatchAnswer, OrderAnswer, TypedAnswer  # noqa: E402

ORDER = ["Bus boycott", "March on Washington", "Civil Rights Act"]
MATCH = {"Rosa Parks": "Bus boycott", "King": "March on Washington", "Johnson": "Civil Rights Act"}


@pytest.fixture
def page(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    context, _ids = study_context(tmp_path)
    widget = QuizPage(context)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()  # keyboard shortcuts follow the focus, which needs an active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    widget.activated()
    yield widget
    context.tasks.wait_for_all()
    context.bank.close()


def _tick(page: QuizPage, tab: str, values: set) -> None:  # type: ignore[type-arg]
    widget = page.setup.scope_lists[tab]
    for row in range(widget.count()):
        item = widget.item(row)
        if item.data(Qt.ItemDataRole.UserRole) in values:
            item.setCheckState(Qt.CheckState.Checked)


def _put_in_order(qtbot, answer: OrderAnswer) -> None:  # type: ignore[no-untyped-def]
    """Sort the list with Alt+Up only, as a keyboard user would."""
    for target, text in enumerate(ORDER):
        row = next(r for r in range(answer.list.count()) if answer.list.item(r).text() == text)
        answer.list.setCurrentRow(row)
        answer.list.setFocus()
        for _ in range(row - target):
            qtbot.keyClick(answer.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert answer.response() == ORDER


def _answer_right(qtbot, page: QuizPage) -> None:  # type: ignore[no-untyped-def]
    answer = page.answer
    if isinstance(answer, OrderAnswer):
        _put_in_order(qtbot, answer)
    elif isinstance(answer, TypedAnswer):
        qtbot.keyClicks(answer.edit, "lyndon johnsen")  # one slip, forgiven
    elif isinstance(answer, MatchAnswer):
        for left, combo in answer.combos.items():
            combo.setCurrentIndex(combo.findData(MATCH[left]))
    elif isinstance(answer, ChoiceAnswer):
        number = [b.property("option") for b in answer.buttons].index("1963") + 1
        qtbot.keyClick(page, getattr(Qt.Key, f"Key_{number}"))
    else:
        raise AssertionError(answer)


def test_quiz_end_to_end_with_keys(qtbot, page: QuizPage) -> None:  # type: ignore[no-untyped-def]
    _tick(page, "kinds", {"order", "typed", "match", "choice"})
    assert page.setup.match_label.text().startswith("4 questions match")
    qtbot.keyClick(page, Qt.Key.Key_Return)  # Enter starts
    assert page.views.currentIndex() == 1
    for number in range(4):
        assert page.position_label.text().startswith(f"Question {number + 1} of 4")
        _answer_right(qtbot, page)
        qtbot.keyClick(page, Qt.Key.Key_Return)  # check
        assert page.feedback.isVisible() and "Correct" in page.feedback_label.text()
        qtbot.keyClick(page, Qt.Key.Key_Return)  # next
    assert page.views.currentIndex() == 2
    assert page.results.score_label.text().startswith("4 / 4")
    assert not page.results.retry_button.isEnabled()
    assert page.results.review_table.topLevelItemCount() == 4
    with sqlite3.connect(page.context.bank.path) as connection:
        stored = connection.execute(
            "SELECT count(*), sum(correct) FROM quiz_answer").fetchone()  # fmt: skip
        attempt = connection.execute(
            "SELECT score, total, finished_at FROM quiz_attempt"
        ).fetchone()
    assert stored == (4, 4)
    assert attempt[:2] == (4, 4) and attempt[2] is not None
    figures = stats.progress_stats(page.context.bank, page.context.learner_id)
    assert [(p.correct, p.total) for p in figures.quiz_scores] == [(4, 4)]


def test_wrong_answers_feedback_and_retry_missed(qtbot, page: QuizPage) -> None:  # type: ignore[no-untyped-def]
    page.start(QuizScope(kinds=("order", "typed", "true_false"), count=3, seed=4))
    for _ in range(3):
        answer = page.answer
        if isinstance(answer, TypedAnswer):
            qtbot.keyClicks(answer.edit, "Kennedy")
        elif isinstance(answer, ChoiceAnswer):
            qtbot.keyClick(page, Qt.Key.Key_F)  # False is right
        qtbot.keyClick(page, Qt.Key.Key_Return)
        if isinstance(answer, (TypedAnswer, OrderAnswer)):
            assert "Not quite" in page.feedback_label.text()
        qtbot.keyClick(page, Qt.Key.Key_Return)
    assert page.results.score_label.text().startswith("1 / 3")
    assert page.results.retry_button.text() == "&Retry the 2 I missed"
    qtbot.mouseClick(page.results.retry_button, Qt.MouseButton.LeftButton)
    assert page.views.currentIndex() == 1
    assert page.session is not None
    assert {item.kind for item in page.session.items} == {"order", "typed"}
    with sqlite3.connect(page.context.bank.path) as connection:
        assert connection.execute("SELECT count(*) FROM quiz_attempt").fetchone() == (2,)


def test_end_of_quiz_feedback_and_empty_answer(qtbot, page: QuizPage) -> None:  # type: ignore[no-untyped-def]
    page.start(QuizScope(kinds=("typed",), count=1, immediate_feedback=False))
    qtbot.keyClick(page, Qt.Key.Key_Return)  # nothing typed yet: asks for an answer
    assert page.views.currentIndex() == 1 and "Answer first" in page.feedback_label.text()
    qtbot.keyClicks(page.answer.edit, "LBJ")  # type: ignore[union-attr]
    qtbot.keyClick(page, Qt.Key.Key_Return)
    assert page.views.currentIndex() == 2  # no feedback in between: straight to the results
    assert page.results.score_label.text().startswith("1 / 1")


def test_time_limit_ends_the_quiz(qtbot, page: QuizPage) -> None:  # type: ignore[no-untyped-def]
    page.start(QuizScope(kinds=("choice", "typed"), count=2, time_limit_s=1))
    assert page.clock_label.isVisible() and "0:01" in page.clock_label.text()
    qtbot.waitUntil(lambda: page.views.currentIndex() == 2, timeout=4000)
    assert page.results.score_label.text().startswith("0 / 2")
    assert "2 not answered" in page.results.score_text.text()
    assert page.results.retry_button.isEnabled()


def test_scope_tabs_narrow_the_count(page: QuizPage) -> None:
    _tick(page, "people", {"Rosa Parks"})
    assert page.setup.match_label.text().startswith("3 questions match")
    _tick(page, "periods", {1960})
    assert page.setup.match_label.text() == "No questions match this choice"
    assert not page.setup.start_button.isEnabled()


def test_enter_on_the_results_opens_the_source(qtbot, page: QuizPage) -> None:  # type: ignore[no-untyped-def]
    page.start(QuizScope(kinds=("choice",), count=1))
    qtbot.keyClick(page, Qt.Key.Key_1)
    qtbot.keyClick(page, Qt.Key.Key_Return)
    qtbot.keyClick(page, Qt.Key.Key_Return)
    assert page.views.currentIndex() == 2
    source = page.results.result.rows[0].item.source  # type: ignore[union-attr]
    with qtbot.waitSignal(page.context.passage_requested) as blocker:
        qtbot.keyClick(page, Qt.Key.Key_Return)
    assert blocker.args[:2] == [source.article_id, source.ordinal]


def _finish_with(qtbot, page: QuizPage, confirm: bool, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []

    def question(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes if confirm else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    qtbot.mouseClick(page.quit_button, Qt.MouseButton.LeftButton)
    return asked  # type: ignore[return-value]


def test_ending_early_asks_first_and_shows_every_right_answer(qtbot, page: QuizPage, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page.start(QuizScope(kinds=("choice", "typed", "order"), count=3, seed=1))
    _answer_right(qtbot, page)
    qtbot.keyClick(page, Qt.Key.Key_Return)
    asked = _finish_with(qtbot, page, confirm=False, monkeypatch=monkeypatch)
    assert asked == ["2 questions are not answered yet; they will count as missed."]
    assert page.views.currentIndex() == 1  # "No" keeps the quiz going
    _finish_with(qtbot, page, confirm=True, monkeypatch=monkeypatch)
    assert page.views.currentIndex() == 2
    table = page.results.review_table
    rows = [[table.topLevelItem(r).text(c) for c in range(4)] for r in range(3)]
    right = {"1963", "Lyndon B. Johnson", "Bus boycott → March on Washington → Civil Rights Act"}
    assert {row[3] for row in rows} == right  # the right answer, answered or not
    assert sum(row[2] == "not answered" for row in rows) == 2


def test_back_shows_the_answer_given_and_flagged_questions_come_back(qtbot, page: QuizPage) -> None:  # type: ignore[no-untyped-def]
    page.start(QuizScope(kinds=("choice", "typed", "order"), count=3, seed=1))
    first = page.item
    qtbot.keyClick(page, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)  # flag it
    assert page.check_button.text() == "Check or skip"
    assert "1 flagged" in page.position_label.text()
    qtbot.keyClick(page, Qt.Key.Key_Return)  # nothing answered: skipped for now
    second = page.item
    assert second is not first and page.position_label.text().startswith("Question 2 of 3")
    _answer_right(qtbot, page)
    given = page.answer.response()  # type: ignore[union-attr]
    qtbot.keyClick(page, Qt.Key.Key_Return)  # check
    qtbot.keyClick(page, Qt.Key.Key_Return)  # next
    qtbot.keyClick(page, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)  # back
    assert page.item is second
    assert page.answer.response() == given  # type: ignore[union-attr]
    assert page.feedback.isVisible() and "Correct" in page.feedback_label.text()
    qtbot.keyClick(page, Qt.Key.Key_Return)  # next: the third question
    assert page.position_label.text().startswith("Question 3 of 3")
    _answer_right(qtbot, page)
    qtbot.keyClick(page, Qt.Key.Key_Return)
    assert page.check_button.text() == "Next"  # the flagged one is still to come
    qtbot.keyClick(page, Qt.Key.Key_Return)
    assert page.item is first
    _answer_right(qtbot, page)
    qtbot.keyClick(page, Qt.Key.Key_Return)
    qtbot.keyClick(page, Qt.Key.Key_Return)
    assert page.results.score_label.text().startswith("3 / 3")


def test_retry_then_results_of_the_shorter_attempt(qtbot, page: QuizPage) -> None:  # type: ignore[no-untyped-def]
    page.start(QuizScope(kinds=("choice", "typed", "order", "match"), count=4, seed=2))
    for _ in range(4):
        if isinstance(page.answer, ChoiceAnswer):
            _answer_right(qtbot, page)
        else:
            page.answer.set_response(page.answer.response())  # type: ignore[union-attr]
            if isinstance(page.answer, TypedAnswer):
                qtbot.keyClicks(page.answer.edit, "nobody")
            elif isinstance(page.answer, MatchAnswer):
                for combo in page.answer.combos.values():
                    combo.setCurrentIndex(1)
        qtbot.keyClick(page, Qt.Key.Key_Return)
        qtbot.keyClick(page, Qt.Key.Key_Return)
    table = page.results.review_table
    table.setCurrentItem(table.topLevelItem(3))  # the last row of the longer attempt
    qtbot.mouseClick(page.results.retry_button, Qt.MouseButton.LeftButton)
    for _ in range(len(page.session.items)):  # type: ignore[union-attr]
        _answer_right(qtbot, page)
        qtbot.keyClick(page, Qt.Key.Key_Return)
        qtbot.keyClick(page, Qt.Key.Key_Return)
    assert table.topLevelItemCount() == 3
    for row in range(3):
        table.setCurrentItem(table.topLevelItem(row))
        assert table.topLevelItem(row).text(1)[3:] in page.results.row_detail.text()


def test_false_statement_feedback_marks_the_changed_words(qtbot, page: QuizPage) -> None:  # type: ignore[no-untyped-def]
    page.start(QuizScope(kinds=("true_false",), count=1))
    qtbot.keyClick(page, Qt.Key.Key_T)  # wrong: it is false
    qtbot.keyClick(page, Qt.Key.Key_Return)
    assert "The article says “Lyndon B. Johnson”, not “Rosa Parks”." in page.feedback_label.text()
    assert "<u>Rosa Parks</u>" in page.prompt_label.text()


def test_matching_keeps_the_choices_readable_after_checking(qtbot, page: QuizPage) -> None:  # type: ignore[no-untyped-def]
    page.start(QuizScope(kinds=("match",), count=1))
    answer = page.answer
    assert isinstance(answer, MatchAnswer)
    for left, combo in answer.combos.items():
        wrong = "Bus boycott" if left == "King" else MATCH[left]
        combo.setCurrentIndex(combo.findData(wrong))
    qtbot.keyClick(page, Qt.Key.Key_Return)
    shown = {left: label.text() for left, label in answer.verdicts.items() if label.isVisible()}
    assert shown == {
        "Rosa Parks": "Bus boycott  ✓",
        "King": "Bus boycott  ✗   right: March on Washington",
        "Johnson": "Civil Rights Act  ✓",
    }
    assert all(label.isEnabled() for label in answer.verdicts.values())


def test_a_prompt_with_quotes_shows_them(qtbot, page: QuizPage) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QTextDocument

    page.start(QuizScope(kinds=("choice",), count=1))
    shown = QTextDocument()
    shown.setHtml(page.prompt_label.text())
    assert page.prompt_label.textFormat() == Qt.TextFormat.RichText
    assert shown.toPlainText() == 'Which year was the "March on Washington"?'

"""The Progress page computes in the background and shows what the review log and quizzes hold."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent))
from study_context import study_context  # noqa: E402

from studyapp.core.study import QuizScope  # noqa: E402
from studyapp.services import learners, quiz, review  # noqa: E402
from studyapp.ui.pages.learners import LearnersDialog, LearnerSwitcher  # noqa: E402
from studyapp.ui.pages.progress import ProgressPage  # noqa: E402

DAY_MS = 86_400_000


@pytest.fixture
def context(tmp_path: Path):  # type: ignore[no-untyped-def]
    context, _ids = study_context(tmp_path)
    yield context
    context.tasks.wait_for_all()
    context.bank.close()


def _study(context, days_ago: int, answers: int) -> None:  # type: ignore[no-untyped-def]
    now = time.time_ns() // 1_000_000 - days_ago * DAY_MS
    for _ in range(answers):
        card = review.next_card(context.bank, context.learner_id, now_ms=now)
        assert card is not None
        review.answer(context.bank, card.card_id, 3, 2000, now_ms=now)
        now += 1000


def test_figures_arrive_from_the_background(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    _study(context, 2, 2)
    _study(context, 1, 2)
    _study(context, 0, 3)
    attempt = quiz.start_quiz(context.bank, context.learner_id, QuizScope(kinds=("choice",)))
    quiz.answer_question(context.bank, attempt.attempt_id, attempt.items[0].question_id, "1963")
    quiz.finish_quiz(context.bank, attempt.attempt_id)

    page = ProgressPage(context)
    qtbot.addWidget(page)
    page.resize(1100, 900)
    page.show()
    page.refresh()
    assert not page.refresh_button.isEnabled()  # computing; the UI thread is free meanwhile
    qtbot.waitUntil(lambda: page.figures is not None, timeout=10000)
    figures = page.figures
    assert figures is not None
    assert figures.reviews_today == 3 and figures.current_streak == 3
    assert page.tiles["streak"][0].text() == "3"
    assert page.tiles["today"][0].text() == "3"
    assert page.heatmap.days[-1][1] == 3 and page.heatmap.days[-2][1] == 2
    assert len(page.quiz_chart.series()) == 2 and page.quiz_chart.series()[0].count() == 1
    assert page.forecast_chart.series()[0].count() == 1  # one bar set of 30 days
    import sqlite3

    with sqlite3.connect(context.bank.path) as connection:
        (studied,) = connection.execute("SELECT count(DISTINCT card_id) FROM review_log").fetchone()
    assert page.mastery_bars["article"].rows[0].studied == studied
    assert page.mastery_bars["person"].rows  # Mention rows exist in the study bank


def test_learner_switch_changes_whose_figures_are_shown(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    _study(context, 0, 2)
    other = learners.create_learner(context.bank, "Second learner")
    switcher = LearnerSwitcher(context)
    qtbot.addWidget(switcher)
    assert switcher.combo.count() == 2
    page = ProgressPage(context)
    qtbot.addWidget(page)
    page.show()
    switcher.combo.setCurrentIndex(switcher.combo.findData(other.id))
    switcher.combo.activated.emit(switcher.combo.currentIndex())
    assert context.learner_id == other.id
    assert learners.current_learner(context.bank).id == other.id  # remembered in the bank
    qtbot.waitUntil(lambda: page.figures is not None and page.figures.learner == "Second learner")
    assert page.figures is not None and page.figures.reviews_today == 0


def test_learners_dialog_renames_and_deletes_with_confirmation(qtbot, context, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    first = context.learner_id
    dialog = LearnersDialog(context)
    qtbot.addWidget(dialog)
    assert not dialog.delete_button.isEnabled()  # never the only learner
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Grace", True))
    dialog.add()
    assert dialog.list.count() == 2 and dialog.selected().name == "Grace"
    grace = dialog.selected().id
    dialog.switch_selected()
    assert context.learner_id == grace
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    dialog.delete_selected()
    assert dialog.list.count() == 2  # cancelled
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.delete_selected()
    assert dialog.list.count() == 1
    assert context.learner_id == first  # the remaining learner took over
    QApplication.processEvents()

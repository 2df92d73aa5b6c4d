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


def test_points_at_100_and_0_percent_are_drawn_whole(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    """QtCharts clips series to the plot area: the charts reach beyond 0% and 100% so the
    markers of weeks (and quizzes) at either end show whole, with ticks still at round values."""
    import dataclasses

    from PySide6.QtCharts import QChart, QChartView, QScatterSeries
    from PySide6.QtCore import QEvent, QPointF, QRectF
    from PySide6.QtWidgets import QGraphicsTextItem

    from studyapp.core.study import QuizScorePoint, WeekRetention

    page = ProgressPage(context)
    qtbot.addWidget(page)
    page.resize(1280, 900)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.figures is not None, timeout=10000)
    assert page.figures is not None
    weeks = tuple(
        WeekRetention(f"2026-0{month}-01", 4, passed)
        for month, passed in enumerate((4, 0, 2, 4), 1)
    )
    quizzes = (QuizScorePoint(1, 1, 5, 5), QuizScorePoint(2, 2, 0, 5), QuizScorePoint(3, 3, 5, 5))
    figures = dataclasses.replace(page.figures, retention_by_week=weeks, quiz_scores=quizzes)
    page._on_computed(page._generation, figures)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the axes shown before
    QApplication.processEvents()

    def check(chart: QChart, ends: set[float], labels: list[str]) -> None:
        dots = next(s for s in chart.series() if isinstance(s, QScatterSeries))
        view = next(v for v in page.findChildren(QChartView) if v.chart() is chart)
        image = view.grab().toImage()
        colour = dots.color()
        plot = chart.plotArea()
        radius = dots.markerSize() / 2 + 1  # and its outline
        seen_ends = set()
        for point in dots.points():
            centre = chart.mapToPosition(point, dots)
            marker = QRectF(centre - QPointF(radius, radius), centre + QPointF(radius, radius))
            assert plot.contains(marker), (point, marker, plot)
            # What is painted: the marker's colour down the column through its centre, as
            # tall as the marker (a marker cut by the plot's edge is half as tall).
            at = view.mapFromScene(chart.mapToScene(centre))

            def marked(y: int, x: int = at.x()) -> bool:
                pixel = image.pixelColor(x, y)
                return abs(pixel.hue() - colour.hue()) < 12 and pixel.saturation() > 80

            column = [y for y in range(at.y() - 8, at.y() + 9) if marked(y)]
            assert len(column) >= dots.markerSize(), (point, column)
            if point.y() in ends:
                seen_ends.add(point.y())
        assert seen_ends == ends
        # The axis labels as drawn: text items (type 8) of QtCharts' own class, which PySide
        # shows as plain graphics items until asked for them as objects.
        shown = [item.toGraphicsObject() for item in view.scene().items() if item.type() == 8]
        texts = [
            text.toPlainText() for text in shown
            if isinstance(text, QGraphicsTextItem) and text.isVisible()
        ]  # fmt: skip
        assert sorted(t for t in texts if t.endswith("%")) == sorted(labels)

    check(page.retention_chart, {0.0, 100.0}, ["0%", "20%", "40%", "60%", "80%", "100%"])
    check(page.quiz_chart, {0.0, 100.0}, ["0%", "25%", "50%", "75%", "100%"])


def test_mastery_labels_line_up_on_the_left_and_the_tooltip_gives_the_whole_name(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor

    from studyapp.core.study import MasteryRow
    from studyapp.ui.pages.progress_widgets import MasteryBars

    bars = MasteryBars()
    qtbot.addWidget(bars)
    long_name = "Khmer People's Revolutionary Party, Established June 1951, and what followed"
    bars.set_rows((MasteryRow(long_name, 10, 4, 2), MasteryRow("Apollo 11", 10, 1, 0)), "")
    bars.resize(520, bars.height())
    bars.show()
    image = bars.grab().toImage()
    text = bars.palette().text().color()

    def first_ink(row: int) -> int:
        top = 4 + row * MasteryBars.ROW
        for x in range(0, 200):
            for y in range(top, top + MasteryBars.ROW - 6):
                colour = QColor(image.pixel(x, y))
                if abs(colour.lightness() - text.lightness()) < 60:
                    return x
        return -1

    assert 0 <= first_ink(0) <= 12 and abs(first_ink(0) - first_ink(1)) <= 2
    from PySide6.QtGui import QTextDocument

    shown = QTextDocument()
    shown.setHtml(bars.tooltip_at(8))  # as the tooltip renders it
    assert shown.toPlainText() == f"{long_name}: 2 mastered, 4 studied of 10"
    assert bars.tooltip_at(4 + 5 * MasteryBars.ROW) == ""

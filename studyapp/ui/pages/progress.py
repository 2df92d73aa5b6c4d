"""The Progress page: streaks, a year heatmap, forecast, retention, mastery and quiz history."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QKeySequence, QPainter, QPalette, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studyapp.core.study import ProgressStats
from studyapp.services import stats
from studyapp.ui.context import AppContext
from studyapp.ui.icons import glyph_icon
from studyapp.ui.modal import run_modal
from studyapp.ui.pages.progress_widgets import HeatmapWidget, MasteryBars

BLUE, GREEN, ORANGE = QColor("#2f7bd6"), QColor("#2e9d57"), QColor("#e08a1e")
PAGE_CSS = """
QFrame#panel { border: 1px solid palette(mid); border-radius: 10px; background: palette(base); }
QLabel#panelTitle { font-size: 14px; font-weight: 600; }
QLabel#tileValue { font-size: 26px; font-weight: 600; }
QLabel#tileCaption { color: palette(placeholder-text); }
"""


def _panel(title: str, body: QWidget, note: str = "") -> QFrame:
    frame = QFrame()
    frame.setObjectName("panel")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(14, 10, 14, 12)
    heading = QLabel(title)
    heading.setObjectName("panelTitle")
    layout.addWidget(heading)
    if note:
        caption = QLabel(note)
        caption.setObjectName("tileCaption")
        caption.setWordWrap(True)
        layout.addWidget(caption)
    layout.addWidget(body, 1)
    return frame


def _chart_view(height: int = 220) -> tuple[QChart, QChartView]:
    chart = QChart()
    chart.legend().hide()
    chart.setBackgroundVisible(False)
    chart.setMargins(QMargins(0, 0, 0, 0))
    chart.layout().setContentsMargins(0, 0, 0, 0)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(height)
    view.setStyleSheet("background: transparent;")
    return chart, view


class ProgressPage(QWidget):
    """Statistics for the current learner, computed in the background."""

    name = "progress"
    title = "Progress"

    def __init__(self, context: AppContext):
        super().__init__()
        self.context = context
        self.setWindowIcon(glyph_icon("▥"))
        self.setStyleSheet(PAGE_CSS)
        self.figures: ProgressStats | None = None
        self._generation = 0
        self._stale = True
        heading = QLabel("Progress")
        heading.setObjectName("pageTitle")
        self.subtitle = QLabel("Computing…")
        self.subtitle.setObjectName("pageSubtitle")
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.setToolTip("F5")
        self.refresh_button.clicked.connect(self.refresh)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.refresh)
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(heading)
        titles.addWidget(self.subtitle)
        top.addLayout(titles)
        top.addStretch(1)
        self.class_button = QPushButton("Class…")
        self.class_button.setToolTip("Every learner's reviews, retention, mastery and quizzes")
        self.class_button.clicked.connect(self.show_class)
        top.addWidget(self.class_button, 0, Qt.AlignmentFlag.AlignBottom)
        top.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignBottom)

        self.tiles: dict[str, tuple[QLabel, QLabel]] = {}
        tiles = QHBoxLayout()
        for key in ("streak", "longest", "today", "due", "retention", "year"):
            tiles.addWidget(self._tile(key))
        self.heatmap = HeatmapWidget()
        self.forecast_chart, forecast_view = _chart_view()
        self.retention_chart, retention_view = _chart_view()
        self.quiz_chart, quiz_view = _chart_view(200)
        self.mastery_tabs = QTabWidget()
        self.mastery_bars: dict[str, MasteryBars] = {}
        for key, label in (("article", "Articles"), ("person", "People"), ("period", "Periods")):
            bars = MasteryBars()
            holder = QScrollArea()
            holder.setWidgetResizable(True)
            holder.setFrameShape(QFrame.Shape.NoFrame)
            holder.setWidget(bars)
            holder.setMinimumHeight(180)
            self.mastery_bars[key] = bars
            self.mastery_tabs.addTab(holder, label)

        grid = QGridLayout()
        grid.setSpacing(14)
        grid.addWidget(_panel("Reviews in the last year", self.heatmap), 0, 0, 1, 2)
        grid.addWidget(_panel("Due in the next 30 days", forecast_view), 1, 0)
        grid.addWidget(
            _panel("True retention by week", retention_view,
                   "Share of review-state answers that were not Again."),
            1, 1,
        )  # fmt: skip
        grid.addWidget(
            _panel("Mastery", self.mastery_tabs,
                   "Dark: mastered (remembered for 3+ weeks). Light: studied."),
            2, 0,
        )  # fmt: skip
        grid.addWidget(_panel("Quiz scores", quiz_view), 2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 8, 0)
        body_layout.addLayout(tiles)
        body_layout.addSpacing(6)
        body_layout.addLayout(grid)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addWidget(scroll, 1)
        context.learner_changed.connect(lambda _id: self._mark_stale())
        context.questions_changed.connect(self._mark_stale)

    def _tile(self, key: str) -> QFrame:
        value, caption = QLabel("–"), QLabel()
        value.setObjectName("tileValue")
        caption.setObjectName("tileCaption")
        self.tiles[key] = (value, caption)
        frame = QFrame()
        frame.setObjectName("panel")
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addWidget(value)
        layout.addWidget(caption)
        return frame

    def _set_tile(self, key: str, value: str, caption: str) -> None:
        self.tiles[key][0].setText(value)
        self.tiles[key][1].setText(caption)

    # -- computing ------------------------------------------------------------------------
    def activated(self) -> None:
        """Called when the page is shown: recompute if anything may have changed."""
        self.refresh()

    def _mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def show_class(self) -> None:
        """The class view: per learner figures, exportable to CSV."""
        from studyapp.ui.dialogs.class_dialog import ClassDialog

        run_modal(ClassDialog(self.context, self))

    def refresh(self) -> None:
        """Recompute every figure in the background; the page stays usable meanwhile."""
        learner = self.context.learner_id
        if learner is None:
            return
        self._generation += 1
        generation = self._generation
        bank = self.context.bank
        self.subtitle.setText("Computing…")
        self.refresh_button.setEnabled(False)
        self.context.tasks.start(
            "Computing statistics",
            lambda progress: stats.progress_stats(bank, learner, progress=progress),
            on_success=lambda figures: self._on_computed(generation, figures),
            on_failure=lambda error: self._on_failed(generation, error),
            writes=False,
        )

    def _on_failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self.refresh_button.setEnabled(True)
            self.subtitle.setText(f"Could not compute the statistics: {error}")

    def _on_computed(self, generation: int, figures: ProgressStats) -> None:
        if generation != self._generation:
            return  # a newer computation (another learner) is on its way
        self.figures = figures
        self._stale = False
        self.refresh_button.setEnabled(True)
        self.subtitle.setText(f"{figures.learner} · study day {figures.today}")
        self._show_tiles(figures)
        self.heatmap.set_days(figures.reviews_per_day)
        self._show_forecast(figures)
        self._show_retention(figures)
        self._show_quizzes(figures)
        self.mastery_bars["article"].set_rows(
            figures.mastery_by_article, "Review some cards to see each article's mastery."
        )
        self.mastery_bars["person"].set_rows(
            figures.mastery_by_person, "No key people found in your articles yet."
        )
        self.mastery_bars["period"].set_rows(
            figures.mastery_by_period, "No dated events found in your articles yet."
        )

    # -- figures --------------------------------------------------------------------------
    def _show_tiles(self, figures: ProgressStats) -> None:
        days = "day" if figures.current_streak == 1 else "days"
        self._set_tile("streak", f"{figures.current_streak}", f"{days} in a row")
        self._set_tile("longest", f"{figures.longest_streak}", "longest streak")
        self._set_tile("today", f"{figures.reviews_today}", "reviews today")
        self._set_tile("due", f"{figures.due_forecast[0]}", "reviews due today")
        weeks = [week for week in figures.retention_by_week if week.reviews][-4:]
        reviews = sum(week.reviews for week in weeks)
        passed = sum(week.passed for week in weeks)
        self._set_tile(
            "retention", f"{passed / reviews:.0%}" if reviews else "–", "retention, last 4 weeks"
        )
        self._set_tile("year", f"{figures.reviews_last_year}", "reviews this year")

    def _axis_font(self) -> QFont:
        font = self.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1.5))
        return font

    def _style_axis(self, axis) -> None:  # type: ignore[no-untyped-def]
        colour = self.palette().color(QPalette.ColorRole.PlaceholderText)
        axis.setLabelsFont(self._axis_font())
        axis.setLabelsColor(colour)
        grid = self.palette().color(QPalette.ColorRole.Mid)
        grid.setAlpha(90)
        axis.setGridLineColor(grid)
        axis.setLinePenColor(grid)

    def _reset(self, chart: QChart) -> None:
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)

    def _show_forecast(self, figures: ProgressStats) -> None:
        chart = self.forecast_chart
        self._reset(chart)
        bars = QBarSet("Due")
        bars.setColor(BLUE)
        bars.setBorderColor(BLUE)
        bars.append([float(count) for count in figures.due_forecast])
        series = QBarSeries()
        series.setBarWidth(0.75)
        series.append(bars)
        chart.addSeries(series)
        x_axis = QBarCategoryAxis()
        x_axis.append([str(day) for day in range(len(figures.due_forecast))])
        x_axis.setLabelsVisible(False)  # 30 labels do not fit; the title says what the bars are
        x_axis.setTitleText("today → in 29 days")
        x_axis.setTitleFont(self._axis_font())
        x_axis.setTitleBrush(self.palette().color(QPalette.ColorRole.PlaceholderText))
        y_axis = QValueAxis()
        y_axis.setRange(0, max(4, max(figures.due_forecast) * 1.15))
        y_axis.setLabelFormat("%d")
        y_axis.applyNiceNumbers()
        for axis, side in (
            (x_axis, Qt.AlignmentFlag.AlignBottom),
            (y_axis, Qt.AlignmentFlag.AlignLeft),
        ):
            self._style_axis(axis)
            chart.addAxis(axis, side)
            series.attachAxis(axis)

    def _show_retention(self, figures: ProgressStats) -> None:
        chart = self.retention_chart
        self._reset(chart)
        line, dots = QLineSeries(), QScatterSeries()
        line.setColor(GREEN)
        dots.setColor(GREEN)
        dots.setBorderColor(GREEN)
        dots.setMarkerSize(6)
        weeks = figures.retention_by_week
        first = next((i for i, week in enumerate(weeks) if week.reviews), len(weeks))
        weeks = weeks[max(0, min(first, len(weeks) - 8)) :]  # from the first studied week
        for index, week in enumerate(weeks):
            if week.retention is not None:
                line.append(index, week.retention * 100)
                dots.append(index, week.retention * 100)
        target = QLineSeries()
        target.setColor(QColor(150, 150, 150))
        pen = target.pen()
        pen.setStyle(Qt.PenStyle.DashLine)
        target.setPen(pen)
        learner_target = figures.desired_retention * 100
        target.append(0, learner_target)
        target.append(max(1, len(weeks) - 1), learner_target)
        x_axis, y_axis = QValueAxis(), QValueAxis()
        x_axis.setRange(-MARGIN, max(1, len(weeks) - 1) + MARGIN)
        x_axis.setLabelFormat("%d")
        x_axis.setTitleText(f"the last {len(weeks)} weeks → this week")
        x_axis.setTitleFont(self._axis_font())
        x_axis.setTitleBrush(self.palette().color(QPalette.ColorRole.PlaceholderText))
        x_axis.setLabelsVisible(False)
        values = [week.retention * 100 for week in weeks if week.retention is not None]
        low = min([learner_target, *values])
        _percent_axis(y_axis, max(0, int(low // 20) * 20 - 20), 20)  # six labels at most
        for series in (target, line, dots):
            chart.addSeries(series)
        for axis, side in (
            (x_axis, Qt.AlignmentFlag.AlignBottom),
            (y_axis, Qt.AlignmentFlag.AlignLeft),
        ):
            self._style_axis(axis)
            chart.addAxis(axis, side)
            for series in (target, line, dots):
                series.attachAxis(axis)

    def _show_quizzes(self, figures: ProgressStats) -> None:
        chart = self.quiz_chart
        self._reset(chart)
        points = figures.quiz_scores[-30:]
        line, dots = QLineSeries(), QScatterSeries()
        line.setColor(ORANGE)
        dots.setColor(ORANGE)
        dots.setBorderColor(ORANGE)
        dots.setMarkerSize(7)
        for index, point in enumerate(points, start=1):
            share = 100 * point.correct / point.total if point.total else 0
            line.append(index, share)
            dots.append(index, share)
        chart.setTitle("" if points else "No finished quizzes yet")
        chart.setTitleBrush(self.palette().color(QPalette.ColorRole.PlaceholderText))
        x_axis, y_axis = QValueAxis(), QValueAxis()
        x_axis.setRange(1 - MARGIN, max(2, len(points)) + MARGIN)
        x_axis.setLabelFormat("%d")
        x_axis.setLabelsVisible(False)  # with the margins, ticks would fall between attempts
        x_axis.setTitleText("quiz attempts, oldest first")
        x_axis.setTitleFont(self._axis_font())
        x_axis.setTitleBrush(self.palette().color(QPalette.ColorRole.PlaceholderText))
        _percent_axis(y_axis, 0, 25)
        for series in (line, dots):
            chart.addSeries(series)
        for axis, side in (
            (x_axis, Qt.AlignmentFlag.AlignBottom),
            (y_axis, Qt.AlignmentFlag.AlignLeft),
        ):
            self._style_axis(axis)
            chart.addAxis(axis, side)
            for series in (line, dots):
                series.attachAxis(axis)


# Room beyond the first and last points so their markers are drawn whole.
MARGIN = 0.5
# Room above 100% and below the lowest tick, as a share of the axis: QtCharts clips series
# to the plot area, so a point at 100% or 0% lost half its marker. 6% of the shortest plot
# (about 150 px) is 9 px, more than the largest marker's radius and its outline.
PAD_SHARE = 0.06


def _percent_axis(axis: QValueAxis, low: int, step: int) -> None:
    """Ticks at ``low``..100% every ``step``, the axis reaching a little beyond both ends so
    the points on them are whole. The ticks are anchored at ``low`` rather than counted from
    the padded ends (which would put them at 94%, 75.2%…)."""
    pad = (100 - low) * PAD_SHARE
    axis.setRange(low - pad, 100 + pad)
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(low)
    axis.setTickInterval(step)
    axis.setLabelFormat("%d%%")

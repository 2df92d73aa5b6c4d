"""Custom-painted pieces of the Progress page: the year heatmap and the mastery bars."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from studyapp.core.study import MasteryRow

GREENS = ("#c6e48b", "#7bc96f", "#239a3b", "#196127")
CELL, GAP = 13, 3
LEFT, TOP = 34, 18


class HeatmapWidget(QWidget):
    """A year of study days as a calendar grid: one column per week, darker = more reviews."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.days: tuple[tuple[str, int], ...] = ()
        self.levels: tuple[int, ...] = ()
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(TOP + 7 * (CELL + GAP) + 4)

    def set_days(self, days: tuple[tuple[str, int], ...]) -> None:
        """(ISO date, reviews) per day, oldest first."""
        self.days = days
        counts = sorted(count for _day, count in days if count)
        # Quartiles of the active days, so one busy day does not wash out the rest.
        self.levels = tuple(counts[len(counts) * q // 4] for q in (1, 2, 3)) if counts else ()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(LEFT + 53 * (CELL + GAP) + 4, TOP + 7 * (CELL + GAP) + 4)

    def _cells(self) -> list[tuple[QRect, str, int]]:
        if not self.days:
            return []
        first = date.fromisoformat(self.days[0][0])
        offset = first.weekday()  # rows are Monday..Sunday
        cells = []
        for index, (day, count) in enumerate(self.days):
            column, row = divmod(index + offset, 7)
            rect = QRect(LEFT + column * (CELL + GAP), TOP + row * (CELL + GAP), CELL, CELL)
            cells.append((rect, day, count))
        return cells

    def _colour(self, count: int) -> QColor:
        if count == 0:
            empty = self.palette().color(QPalette.ColorRole.Mid)
            empty.setAlpha(70)
            return empty
        level = sum(1 for threshold in self.levels if count > threshold)
        return QColor(GREENS[min(level, 3)])

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.PlaceholderText)
        font = painter.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1.5))
        painter.setFont(font)
        painter.setPen(text)
        for row, name in ((0, "Mon"), (2, "Wed"), (4, "Fri")):
            painter.drawText(
                QRect(0, TOP + row * (CELL + GAP), LEFT - 6, CELL),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                name,
            )
        for rect, day, _count in self._cells():
            if day.endswith("-01"):  # a month's name above the week it starts in
                painter.setPen(text)
                painter.drawText(
                    QPoint(rect.left(), TOP - 5), date.fromisoformat(day).strftime("%b")
                )
        for rect, _day, count in self._cells():
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self._colour(count))
            painter.drawRoundedRect(rect, 2.5, 2.5)
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            for rect, day, count in self._cells():
                if rect.contains(event.pos()):
                    when = date.fromisoformat(day).strftime("%a %d %b %Y")
                    noun = "review" if count == 1 else "reviews"
                    QToolTip.showText(event.globalPos(), f"{when}: {count} {noun}", self)
                    return True
            QToolTip.hideText()
            return True
        return super().event(event)


LABEL_MARGIN = 6


class MasteryBars(QWidget):
    """One bar per group: mastered (dark), studied (light) and not yet studied, with counts."""

    ROW = 26

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: tuple[MasteryRow, ...] = ()
        self.empty_text = "Nothing to show yet."
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_rows(self, rows: tuple[MasteryRow, ...], empty_text: str) -> None:
        self.rows = rows
        self.empty_text = empty_text
        self.setFixedHeight(max(40, self.ROW * len(rows) + 8))
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(520, max(40, self.ROW * len(self.rows) + 8))

    def tooltip_at(self, y: int) -> str:
        """The whole name an elided label cuts short, and what its bar means ("" off the rows)."""
        index = (y - 4) // self.ROW
        if y < 4 or index >= len(self.rows):
            return ""
        row = self.rows[index]
        tip = f"{row.label}: {row.mastered} mastered, {row.studied} studied of {row.total}"
        return f"<p>{html.escape(tip)}</p>"

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tooltip_at(event.pos().y())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        if not self.rows:
            painter.setPen(muted)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        label_width = min(240, self.width() // 3)
        count_width = 110
        bar_width = max(60, self.width() - label_width - count_width - 16)
        track = palette.color(QPalette.ColorRole.Mid)
        track.setAlpha(60)
        for index, row in enumerate(self.rows):
            top = 4 + index * self.ROW
            label_rect = QRect(LABEL_MARGIN, top, label_width - 8 - LABEL_MARGIN, self.ROW - 6)
            painter.setPen(text)
            elided = painter.fontMetrics().elidedText(
                row.label, Qt.TextElideMode.ElideRight, label_rect.width()
            )
            # Left-aligned: long names elided at different widths would leave a ragged left edge.
            painter.drawText(
                label_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, elided
            )
            bar = QRect(label_width, top + 4, bar_width, self.ROW - 14)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(track)
            painter.drawRoundedRect(bar, 4, 4)
            if row.total:
                studied = QRect(
                    bar.left(),
                    bar.top(),
                    round(bar.width() * row.studied / row.total),
                    bar.height(),
                )
                painter.setBrush(QColor(GREENS[0]))
                painter.drawRoundedRect(studied, 4, 4)
                mastered = QRect(
                    bar.left(),
                    bar.top(),
                    round(bar.width() * row.mastered / row.total),
                    bar.height(),
                )
                painter.setBrush(QColor(GREENS[2]))
                painter.drawRoundedRect(mastered, 4, 4)
            painter.setPen(muted)
            painter.drawText(
                QRect(label_width + bar_width + 8, top, count_width, self.ROW - 6),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                f"{row.share:.0%}  ({row.mastered}/{row.total})",
            )
        painter.end()

"""A one-line label that ends in "…" when its text is wider than the room it has, and deck
paths cut the same way, once, keeping their last part."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStyleOption


class ElidedLabel(QLabel):
    """Shows as much of its plain text as fits, then "…"; the whole text is in the tooltip."""

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(0, super().minimumSizeHint().height())

    def shown_text(self) -> str:
        """The text as painted: cut with "…" to the label's width."""
        return self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width()
        )

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawItemText(
            painter, self.contentsRect(), int(self.alignment() | Qt.AlignmentFlag.AlignVCenter),
            option.palette, self.isEnabled(), self.shown_text(), self.foregroundRole(),
        )  # fmt: skip


def elided_path(name: str, metrics: QFontMetrics, width: int) -> str:
    """A deck path "Parent::Child" as "Parent › Child", cut with one "…" to ``width``.

    The last part names the deck, so it stays whole while its parents are cut ("Khmer
    People… › Events"); only when even that does not fit is the whole line cut at its end.
    """
    parts = name.split("::")
    whole = " › ".join(parts)
    if metrics.horizontalAdvance(whole) <= width:
        return whole
    if len(parts) > 1:
        leaf = f" › {parts[-1]}"
        room = width - metrics.horizontalAdvance(leaf)
        if room >= metrics.horizontalAdvance("Wo…"):  # at least a letter or two of the parents
            parents = " › ".join(parts[:-1])
            return metrics.elidedText(parents, Qt.TextElideMode.ElideRight, room) + leaf
    return metrics.elidedText(whole, Qt.TextElideMode.ElideRight, width)

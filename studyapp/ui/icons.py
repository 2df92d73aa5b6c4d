"""Sidebar icons drawn from font glyphs in the palette's text colour (light and dark themes)."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

SIZE = 64


def glyph_icon(glyph: str) -> QIcon:
    """An icon showing ``glyph``, normal in the text colour and selected in highlighted text."""
    palette = QApplication.palette()
    icon = QIcon()
    for mode, role in (
        (QIcon.Mode.Normal, QPalette.ColorRole.WindowText),
        (QIcon.Mode.Selected, QPalette.ColorRole.HighlightedText),
    ):
        pixmap = QPixmap(SIZE, SIZE)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        font = QFont(QApplication.font())
        font.setPixelSize(int(SIZE * 0.78))
        painter.setFont(font)
        painter.setPen(palette.color(role))
        painter.drawText(QRect(0, 0, SIZE, SIZE), Qt.AlignmentFlag.AlignCenter, glyph)
        painter.end()
        icon.addPixmap(pixmap, mode)
    return icon

"""The tile's overlay pieces: the top bar and state badge (cached in pixmaps), the tour or patrol label."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPixmap

from videowall.ui.state_style import StateStyle

_BAR = QColor(0, 0, 0, 150)


def _canvas(ratio: float, width: int, height: int) -> QPixmap:
    pixmap = QPixmap(max(1, int(width * ratio)), max(1, int(height * ratio)))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    return pixmap


def render_bar(ratio: float, font: QFont, width: int, bar_h: int, title: str, clock: str) -> QPixmap:
    """The tile's top bar: camera name and clock on a dark band."""
    pixmap = _canvas(ratio, width, bar_h)
    p = QPainter(pixmap)
    p.setFont(font)
    fm = p.fontMetrics()
    p.fillRect(QRect(0, 0, width, bar_h), _BAR)
    p.setPen(QColor("#f2f5f8"))
    clock_w = fm.horizontalAdvance(clock) + 8
    p.drawText(QRect(6, 0, width - clock_w - 12, bar_h), Qt.AlignmentFlag.AlignVCenter,
               fm.elidedText(title, Qt.TextElideMode.ElideRight, width - clock_w - 12))
    p.drawText(QRect(width - clock_w, 0, clock_w - 4, bar_h),
               Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, clock)
    p.end()
    return pixmap


def render_badge(ratio: float, font: QFont, width: int, bar_h: int, text: str, style: StateStyle) -> QPixmap:
    """State badge: a shape and a word as well as a colour (readable when colour-blind)."""
    fm = QFontMetrics(font)
    badge_w = max(bar_h + 8, min(width - 8, fm.horizontalAdvance(text) + bar_h + 10))
    pixmap = _canvas(ratio, badge_w, bar_h)
    p = QPainter(pixmap)
    p.setFont(font)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    badge = QRect(0, 0, badge_w, bar_h).adjusted(1, 1, -1, -1)
    p.setBrush(QColor(0, 0, 0, 170))
    p.setPen(QColor(style.color))
    p.drawRoundedRect(badge, 4, 4)
    style.paint_icon(p, QRect(4, 3, bar_h - 6, bar_h - 6))
    p.setPen(QColor("#f2f5f8"))
    p.drawText(badge.adjusted(bar_h + 2, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter,
               fm.elidedText(text, Qt.TextElideMode.ElideRight, badge_w - bar_h - 6))
    p.end()
    return pixmap


def paint_label(p: QPainter, rect: QRect, font: QFont, text: str, paused: bool) -> None:
    """A tour's or a patrol's label: blue with a play sign, amber with a pause sign while held."""
    p.setFont(font)
    fm = p.fontMetrics()
    bar_h = fm.height() + 6
    width = min(rect.width() - 8, fm.horizontalAdvance(text) + bar_h + 12)
    box = QRect(rect.width() - width - 4, bar_h + 4, width, bar_h)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor("#e69f00") if paused else QColor("#56b4e9")
    p.setBrush(QColor(0, 0, 0, 170))
    p.setPen(colour)
    p.drawRoundedRect(box, 4, 4)
    icon = QRect(box.x() + 5, box.y() + 4, bar_h - 8, bar_h - 8)
    p.setBrush(colour)
    p.setPen(Qt.PenStyle.NoPen)
    if paused:  # two bars: paused
        w = max(2, icon.width() // 3)
        p.drawRect(QRect(icon.x(), icon.y(), w, icon.height()))
        p.drawRect(QRect(icon.right() - w + 1, icon.y(), w, icon.height()))
    else:  # a triangle: playing
        p.drawPolygon([QPoint(icon.x(), icon.y()), QPoint(icon.right(), icon.center().y()),
                       QPoint(icon.x(), icon.bottom())])
    p.setPen(QColor("#f2f5f8"))
    p.drawText(box.adjusted(bar_h + 2, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter,
               fm.elidedText(text, Qt.TextElideMode.ElideRight, box.width() - bar_h - 6))

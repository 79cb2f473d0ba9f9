"""Availability over time as a line chart, drawn with QPainter (PySide6-Essentials has no QtCharts)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget


class AvailabilityChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(320, 160)
        self._series: list[tuple[float, float | None]] = []
        self.title = self.tr("Availability, last 24 hours")
        self.headline = ""  # the figures' line (online now, availability); empty: the last bucket's value

    def set_series(self, series: Sequence[tuple[float, float | None]]) -> None:
        self._series = list(series)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("#1b2128"))
        font = QFont(self.font())
        font.setPointSize(8)
        p.setFont(font)
        left, top, right, bottom = 44.0, 24.0, 12.0, 28.0
        plot = QRectF(left, top, self.width() - left - right, self.height() - top - bottom)
        p.setPen(QColor("#e8edf2"))
        p.drawText(QRectF(left, 4, plot.width(), 18), Qt.AlignmentFlag.AlignLeft, self.title)
        for pct in (0, 25, 50, 75, 100):
            y = plot.bottom() - plot.height() * pct / 100
            p.setPen(QPen(QColor("#3a4450"), 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(QColor("#aab4be"))
            p.drawText(QRectF(0, y - 8, left - 6, 16), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       f"{pct} %")  # fmt: skip
        known = [(t, r) for t, r in self._series if r is not None]
        if len(self._series) < 1 or not known:
            p.setPen(QColor("#aab4be"))
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.tr("No health history yet: run a sweep"))
            return
        t0, t1 = self._series[0][0], self._series[-1][0]
        span = max(t1 - t0, 1.0)

        def point(t: float, r: float) -> QPointF:
            return QPointF(plot.left() + plot.width() * (t - t0) / span, plot.bottom() - plot.height() * r)

        line = QPainterPath()
        area = QPainterPath()
        first = point(*known[0])
        line.moveTo(first)
        area.moveTo(QPointF(first.x(), plot.bottom()))
        area.lineTo(first)
        for t, r in known[1:]:
            line.lineTo(point(t, r))
            area.lineTo(point(t, r))
        area.lineTo(QPointF(point(*known[-1]).x(), plot.bottom()))
        area.closeSubpath()
        p.fillPath(area, QColor(86, 180, 233, 50))
        p.setPen(QPen(QColor("#56b4e9"), 2))
        p.drawPath(line)
        for t, r in known:
            p.setBrush(QColor("#56b4e9"))
            p.drawEllipse(point(t, r), 2.5, 2.5)
        p.setPen(QColor("#aab4be"))
        ticks = 6
        for i in range(ticks + 1):
            t = t0 + span * i / ticks
            x = plot.left() + plot.width() * i / ticks
            label = dt.datetime.fromtimestamp(t).strftime("%H:%M")
            p.drawText(QRectF(x - 30, plot.bottom() + 4, 60, 16), Qt.AlignmentFlag.AlignCenter, label)
        p.setPen(QColor("#e8edf2"))
        head = self.headline or self.tr("last hour %1").replace(
            "%1", QLocale().toString(known[-1][1] * 100, "f", 1) + " %")
        p.drawText(QRectF(plot.left() + plot.width() / 3, 4, plot.width() * 2 / 3, 18), Qt.AlignmentFlag.AlignRight,
                   head)

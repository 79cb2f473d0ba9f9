"""The replay window's timeline: what the recorder holds (recorded ranges; a gap is drawn as a gap), the
bookmarks as marks, where the replay is, and a drag (or a click) to play from the dropped instant.

Times are true time (epoch seconds), shown in city time (the process's local time: app/city_time.py),
as the window's instant field is. Dropping within a few pixels of a bookmark's mark jumps to the bookmark's own
instant.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QPointF, QRect, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

RECORDED = QColor("#2e9e5b")  # a recorded range
NOT_RECORDED = QColor("#1b2026")  # a gap, or before/after the recording
MARK = QColor("#f0a030")  # a bookmark
CURSOR = QColor("#ffffff")
DROP = QColor("#ffd84a")  # where a drag would play from
BAR_TOP, BAR_HEIGHT, MARGIN = 20, 22, 8
SNAP_PX = 5
TICKS_S = (60, 300, 600, 900, 1800, 3600, 7200, 21600)


class ReplayTimeline(QWidget):
    scrubbed = Signal(float)  # the instant (true time) a drag or click was dropped on

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start, self.end = 0.0, 1.0
        self.ranges: tuple[tuple[float, float], ...] = ()
        self.bookmarks: tuple[tuple[float, str], ...] = ()
        self.position: float | None = None
        self._drag_x: int | None = None
        self.setMinimumHeight(BAR_TOP + BAR_HEIGHT + 16)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_data(self, start: float, end: float, ranges: tuple[tuple[float, float], ...],
                 bookmarks: tuple[tuple[float, str], ...]) -> None:
        self.start, self.end = start, max(end, start + 1.0)
        self.ranges, self.bookmarks = ranges, bookmarks
        self.setToolTip("\n".join(f"{_clock(at)} {text}" for at, text in bookmarks))
        self.update()

    def set_position(self, at: float | None) -> None:
        if at != self.position:
            self.position = at
            self.update()

    # --- geometry ------------------------------------------------------------------------------------
    def bar(self) -> QRect:
        return QRect(MARGIN, BAR_TOP, max(1, self.width() - 2 * MARGIN), BAR_HEIGHT)

    def x_for(self, at: float) -> int:
        bar = self.bar()
        share = (at - self.start) / (self.end - self.start)
        return bar.left() + round(min(1.0, max(0.0, share)) * (bar.width() - 1))

    def at_x(self, x: int) -> float:
        bar = self.bar()
        share = min(1.0, max(0.0, (x - bar.left()) / max(1, bar.width() - 1)))
        return self.start + share * (self.end - self.start)

    def drop_instant(self, x: int) -> float:
        """The instant a drop at ``x`` plays from: a bookmark's when its mark is within a few pixels."""
        near = [(abs(self.x_for(at) - x), at) for at, _text in self.bookmarks]
        close = min(near, default=None)
        return close[1] if close is not None and close[0] <= SNAP_PX else self.at_x(x)

    # --- painting ------------------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:  # Qt's name
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#0b0f14"))
        bar = self.bar()
        p.fillRect(bar, NOT_RECORDED)
        for start, end in self.ranges:
            if end < self.start or start > self.end:
                continue
            x0, x1 = self.x_for(start), self.x_for(end)
            p.fillRect(QRect(x0, bar.top(), max(1, x1 - x0 + 1), bar.height()), RECORDED)
        p.setPen(QColor("#8a96a3"))
        step = next((s for s in TICKS_S if (self.end - self.start) / s <= 8), TICKS_S[-1])
        tick = (int(self.start) // step + 1) * step
        while tick < self.end:
            x = self.x_for(tick)
            p.drawLine(x, bar.bottom() + 1, x, bar.bottom() + 5)
            p.drawText(x - 20, bar.bottom() + 6, 40, 12, Qt.AlignmentFlag.AlignCenter, _clock(tick, seconds=False))
            tick += step
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(MARK)
        for at, _text in self.bookmarks:
            x = self.x_for(at)
            p.drawPolygon(QPolygonF([QPointF(x - 5, 4), QPointF(x + 5, 4), QPointF(x, BAR_TOP - 2)]))
            p.fillRect(QRect(x - 1, bar.top(), 2, bar.height()), MARK)
        if self.position is not None and self.start <= self.position <= self.end:
            x = self.x_for(self.position)
            p.fillRect(QRect(x - 1, bar.top() - 3, 2, bar.height() + 6), CURSOR)
        if self._drag_x is not None:
            p.fillRect(QRect(self._drag_x - 1, bar.top() - 3, 2, bar.height() + 6), DROP)
            p.setPen(DROP)
            p.drawText(min(self._drag_x + 4, self.width() - 60), 2, 60, 14, Qt.AlignmentFlag.AlignLeft,
                       _clock(self.drop_instant(self._drag_x)))
        p.end()

    # --- the mouse -----------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_x = int(event.position().x())
            self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_x is not None:
            self._drag_x = int(event.position().x())
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag_x is None or event.button() != Qt.MouseButton.LeftButton:
            return
        at = self.drop_instant(int(event.position().x()))
        self._drag_x = None
        self.update()
        self.scrubbed.emit(at)


def _clock(at: float, seconds: bool = True) -> str:
    return datetime.fromtimestamp(at).strftime("%H:%M:%S" if seconds else "%H:%M")  # city time (the process's)

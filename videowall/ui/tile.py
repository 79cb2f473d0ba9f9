"""A video tile: paints the newest decoded picture and always says what state its stream is in.

Never a bare black square: name, area, clock and state are drawn on every tile, and a tile with no
picture shows *why* (offline with the reason, reconnecting with a countdown, disabled...).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from videowall.domain.stream_state import StreamState
from videowall.services.live import TileController, TileReport
from videowall.ui.camera_tree import CAMERA_MIME
from videowall.ui.state_style import STATE_STYLE, state_text

_BG = QColor("#0b0f14")
_BAR = QColor(0, 0, 0, 150)


class VideoTile(QWidget):
    cameras_dropped = Signal(int, list)  # tile index, camera ids
    activated = Signal(int)  # double-click: maximise / restore

    def __init__(self, controller: TileController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._report: TileReport = controller.report()
        self._painted_frames = -1
        self.setAcceptDrops(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(80, 45))
        self._font = QFont(self.font())
        self._font.setPointSizeF(max(8.0, self._font.pointSizeF()))

    def set_report(self, report: TileReport) -> None:
        self._report = report
        self.update()

    def refresh_if_new_frame(self) -> None:
        """Called by the wall's paint clock: repaint only tiles that received a new picture."""
        frames = self.controller.buffer.frames
        if frames != self._painted_frames:
            self.update()

    def video_rect(self) -> QRect:
        return self.rect()

    # --- Qt events -------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        ratio = self.devicePixelRatioF()
        self.controller.set_target_size(int(event.size().width() * ratio), int(event.size().height() * ratio))
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        rect = self.rect()
        p.fillRect(rect, _BG)
        state = self._report.status.state
        if state in (StreamState.LIVE, StreamState.FROZEN, StreamState.NO_VIDEO, StreamState.RECONNECTING,
                     StreamState.CONNECTING):
            self._paint_picture(p, rect)
        self._paint_overlay(p, rect)
        p.end()

    def _paint_picture(self, p: QPainter, rect: QRect) -> None:
        buffer = self.controller.buffer
        with buffer.reading() as buf:
            if buf is None:
                return
            self._painted_frames = buffer.frames
            h, w = buf.shape[:2]
            image = QImage(buf.data, w, h, w * 4, QImage.Format.Format_RGB32)
            scale = min(rect.width() / w, rect.height() / h)
            tw, th = int(w * scale), int(h * scale)
            target = QRect(rect.x() + (rect.width() - tw) // 2, rect.y() + (rect.height() - th) // 2, tw, th)
            p.drawImage(target, image)

    def _paint_overlay(self, p: QPainter, rect: QRect) -> None:
        report = self._report
        status = report.status
        style = STATE_STYLE[status.state]
        p.setFont(self._font)
        fm = p.fontMetrics()
        bar_h = fm.height() + 6
        # Top bar: camera name and area on the left, wall clock on the right.
        p.fillRect(QRect(rect.x(), rect.y(), rect.width(), bar_h), _BAR)
        p.setPen(QColor("#f2f5f8"))
        cam = report.camera
        title = f"{cam.name}  ·  {cam.area.label()}" if cam else self.tr("Empty - drop a camera here")
        clock = time.strftime("%H:%M:%S")
        clock_w = fm.horizontalAdvance(clock) + 8
        p.drawText(QRect(6, 0, rect.width() - clock_w - 12, bar_h), Qt.AlignmentFlag.AlignVCenter,
                   fm.elidedText(title, Qt.TextElideMode.ElideRight, rect.width() - clock_w - 12))
        p.drawText(QRect(rect.width() - clock_w, 0, clock_w - 4, bar_h),
                   Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, clock)
        if cam is None:
            return
        # State badge bottom-left: a shape and a word as well as a colour (readable when colour-blind).
        text = state_text(self, status, report.stream.value, report.fps)
        badge_w = min(rect.width() - 8, fm.horizontalAdvance(text) + bar_h + 10)
        badge = QRect(4, rect.height() - bar_h - 4, badge_w, bar_h)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setBrush(QColor(0, 0, 0, 170))
        p.setPen(QColor(style.color))
        p.drawRoundedRect(badge, 4, 4)
        style.paint_icon(p, QRect(badge.x() + 4, badge.y() + 3, bar_h - 6, bar_h - 6))
        p.setPen(QColor("#f2f5f8"))
        p.drawText(badge.adjusted(bar_h + 2, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter,
                   fm.elidedText(text, Qt.TextElideMode.ElideRight, badge_w - bar_h - 6))
        if status.state not in (StreamState.LIVE, StreamState.CONNECTING):
            big = QFont(self._font)
            big.setPointSizeF(self._font.pointSizeF() * 1.6)
            big.setBold(True)
            p.setFont(big)
            p.setPen(QColor(style.color))
            p.drawText(rect.adjusted(8, bar_h, -8, -bar_h - 8), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                       style.headline(self))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.activated.emit(self.controller.index)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(CAMERA_MIME):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        ids = bytes(event.mimeData().data(CAMERA_MIME).data()).decode().split("\n")
        self.cameras_dropped.emit(self.controller.index, [i for i in ids if i])
        event.acceptProposedAction()

    def center(self) -> QPoint:
        return self.mapToGlobal(self.rect().center())

"""A video tile: paints the newest decoded picture and always says what state its stream is in.

Never a bare black square: name, area, clock and state are drawn on every tile, and a tile with no
picture shows *why* (offline with the reason, reconnecting with a countdown, disabled...). The tile
turns gestures into :class:`TileAction` commands; it does not decide anything itself.
"""

from __future__ import annotations

import time
from enum import Enum, auto

import numpy as np
from PySide6.QtCore import QByteArray, QEvent, QMimeData, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDrag,
    QDragEnterEvent,
    QDropEvent,
    QFocusEvent,
    QFont,
    QFontInfo,
    QFontMetrics,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QMenu, QSizePolicy, QWidget

from videowall.domain.grid import GRID_PRESETS, SPAN_PRESETS
from videowall.domain.stream_state import StreamState
from videowall.media.frames import Still
from videowall.services.live import StreamMode, TileReport
from videowall.services.ptz_input import PtzInputMapper
from videowall.services.wall_control import WallTile
from videowall.ui.briefing_slides import paint_unavailable
from videowall.ui.camera_tree import CAMERA_MIME
from videowall.ui.state_style import STATE_STYLE, StateStyle, center_lines, state_text
from videowall.ui.tile_paint import paint_label, render_badge, render_bar

TILE_MIME = "application/x-videowall-tile"
_BG = QColor("#0b0f14")
_DIM = QColor(0, 0, 0, 150)  # over a kept last picture: clearly not live, still recognisable


_PTZ_KEYS = {Qt.Key.Key_Left: "left", Qt.Key.Key_Right: "right", Qt.Key.Key_Up: "up", Qt.Key.Key_Down: "down",
             Qt.Key.Key_Plus: "+", Qt.Key.Key_Equal: "+", Qt.Key.Key_Minus: "-"}


class TileAction(Enum):
    REMOVE = auto()
    MAXIMISE = auto()
    STREAM_AUTO = auto()
    STREAM_MAIN = auto()
    STREAM_SUB = auto()
    SNAPSHOT = auto()
    PTZ = auto()
    BOOKMARK = auto()
    SELECT = auto()
    MERGE = auto()
    SPLIT = auto()
    PRIVACY_MASKS = auto()
    PTZ_HOME = auto()
    PICK_CAMERA = auto()  # an empty tile's "Put a camera here..."


class VideoTile(QWidget):
    action = Signal(int, object)  # index, TileAction
    dropped_cameras = Signal(int, list)  # index, camera ids
    dropped_tile = Signal(int, int)  # from index, to index
    touched = Signal(int)
    layout_chosen = Signal(str)  # a grid or span preset name, from an empty tile's menu
    menu_opening = Signal(int, object)  # index, QMenu: others add their entries (tours) before it shows

    def __init__(self, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self._controller: WallTile | None = None
        self._report: TileReport | None = None
        self._painted_frames = -1
        self._selected = False
        self._flash: tuple[str, float] | None = None
        self._tour: tuple[str, bool] | None = None  # a running tour's label ("Gates 2/3"), paused or not
        self._patrol: tuple[str, bool] | None = None  # its camera's PTZ patrol ("Patrol: preset 2/4"), held or not
        self._press: QPoint | None = None
        self._band: tuple[QPoint, QPoint] | None = None  # Shift+drag on a PTZ tile: the box to zoom into
        self._ptz: PtzInputMapper | None = None  # set while the operator steers this tile's camera
        self._picture: QRect | None = None  # where the last picture was drawn (letterboxed), for click-to-centre
        self._bar_cache: tuple[object, QPixmap] | None = None
        self._badge_cache: tuple[object, QPixmap] | None = None
        self.audience = False  # a briefing's tile: no badges or codes; "Camera unavailable" when not live
        self.details = False  # in a briefing, the presenter asked for the reason (key I)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setMinimumSize(QSize(40, 24))
        self._font = QFont(self.font())

    # --- fed by the wall ----------------------------------------------------------------------------
    def set_report(self, report: TileReport, controller: WallTile) -> None:
        self._report, self._controller = report, controller
        self.update()

    def refresh_if_new_frame(self, controller: WallTile) -> None:
        """Called by the wall's paint clock: repaint only when a new picture arrived."""
        self._controller = controller
        if controller.buffer.frames != self._painted_frames:
            self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Overlay text grows with the tile (a 4K wall's tiles are ~1000 px tall), never below the UI font.
        self._font.setPixelSize(max(QFontInfo(self.font()).pixelSize(), min(32, self.height() // 48)))
        super().resizeEvent(event)

    def set_selected(self, selected: bool) -> None:
        self._selected = selected
        self.update()

    def set_ptz(self, mapper: PtzInputMapper | None) -> None:
        """PTZ mode: drag steers (speed by distance), wheel zooms, arrows and +/- move; leaving stops."""
        if self._ptz is not None and mapper is None:
            self._ptz.drag_end()
        self._ptz = mapper
        self.update()

    def flash(self, text: str) -> None:
        self._flash = (text, time.monotonic() + 4.0)
        self.update()

    def set_tour(self, label: tuple[str, bool] | None) -> None:
        """Show that this tile tours: the tour's name and step, and whether it is paused."""
        if label != self._tour:
            self._tour = label
            self.update()

    @property
    def tour_label(self) -> tuple[str, bool] | None:
        return self._tour

    def set_patrol(self, label: tuple[str, bool] | None) -> None:
        """Show its camera's PTZ patrol or park (ui/ptz_patrol.py words it), held or not; a tour's label wins."""
        if label != self._patrol:
            self._patrol = label
            self.update()

    @property
    def patrol_label(self) -> tuple[str, bool] | None:
        return self._patrol

    # --- painting ----------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        rect = self.rect()
        p.fillRect(rect, _BG)
        report = self._report
        still = self._controller.last_picture if self._controller is not None and report is not None else None
        if self.audience and report is not None and report.status.state is not StreamState.LIVE:
            still = None  # an official sees no stale picture passed off as the view
        if still is not None:
            self._paint_still(p, rect, still)
        elif report is not None and report.status.state.paints_picture:
            self._paint_picture(p, rect)
        self._paint_overlay(p, rect)
        if self._tour is not None:
            self._paint_tour(p, rect, *self._tour)
        elif self._patrol is not None:
            paint_label(p, rect, self._font, *self._patrol)
        if self._ptz is not None:
            p.setPen(QPen(QColor("#e69f00"), 3))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(rect.adjusted(1, 1, -2, -2))
            p.drawText(rect.adjusted(0, 0, -8, -8), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                       self.tr("PTZ: click to centre, drag, wheel, arrows, Shift+drag a box to zoom"))
            if self._band is not None:
                p.setPen(QPen(QColor("#f0e442"), 2, Qt.PenStyle.DashLine))
                p.drawRect(QRect(self._band[0], self._band[1]).normalized())
        elif self._selected or self.hasFocus():
            p.setPen(QPen(QColor("#56b4e9" if self._selected else "#dfe6ee"), 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(rect.adjusted(1, 1, -1, -1))
        p.end()

    def _paint_picture(self, p: QPainter, rect: QRect) -> None:
        controller = self._controller
        if controller is None:
            return
        buffer = controller.buffer
        with buffer.reading() as buf:
            if buf is None:
                return
            self._painted_frames = buffer.frames
            self._picture = self._draw_frame(p, rect, buf)

    @staticmethod
    def _as_image(buf: np.ndarray) -> QImage:
        h, w = buf.shape[:2]
        return QImage(buf.data, w, h, w * 4, QImage.Format.Format_RGB32)

    @classmethod
    def _draw_frame(cls, p: QPainter, rect: QRect, buf: np.ndarray) -> QRect:
        h, w = buf.shape[:2]
        image = cls._as_image(buf)
        scale = min(rect.width() / w, rect.height() / h)
        tw, th = int(w * scale), int(h * scale)
        target = QRect(rect.x() + (rect.width() - tw) // 2, rect.y() + (rect.height() - th) // 2, tw, th)
        p.drawImage(target, image)
        return target

    def _paint_still(self, p: QPainter, rect: QRect, still: Still) -> None:
        """The last picture, dimmed: the state text and countdown are drawn over it by the overlay."""
        if self._controller is not None:
            self._painted_frames = self._controller.buffer.frames
        p.fillRect(self._draw_frame(p, rect, still.pixels), _DIM)

    def _paint_overlay(self, p: QPainter, rect: QRect) -> None:
        """Name/area/clock bar and state badge. Both are cached pixmaps, redrawn only when their text
        changes (about once a second): redrawing text 25 times a second per tile cost more than the
        picture itself."""
        report = self._report
        bar_h = QFontMetrics(self._font).height() + 6
        cam = report.camera if report else None
        title = f"{cam.name}  ·  {cam.area.label()}" if cam else self.tr("Empty - drop a camera here")
        key = (rect.width(), title, time.strftime("%H:%M:%S"), self.devicePixelRatioF())
        if self._bar_cache is None or self._bar_cache[0] != key:
            bar = render_bar(self.devicePixelRatioF(), self._font, rect.width(), bar_h, title, key[2])
            self._bar_cache = (key, bar)
        p.drawPixmap(0, 0, self._bar_cache[1])
        if self._flash is not None and self._flash[1] > time.monotonic():
            p.setFont(self._font)
            p.setPen(QColor("#f2f5f8"))
            p.fillRect(QRect(0, bar_h, rect.width(), bar_h), QColor(120, 40, 40, 200))
            p.drawText(QRect(6, bar_h, rect.width() - 12, bar_h), Qt.AlignmentFlag.AlignVCenter, self._flash[0])
        if cam is None or report is None:
            return
        status = report.status
        style = STATE_STYLE[status.state]
        if self.audience:  # officials: the picture or "Camera unavailable"; fps, streams, countdowns never
            if status.state is not StreamState.LIVE:
                detail = state_text(self, status, "", 0.0).split(" · ")[:2] if self.details else []
                paint_unavailable(p, rect.adjusted(8, bar_h, -8, -8), self._font, self.tr("Camera unavailable"),
                                  " · ".join(detail))  # fmt: skip
            return
        text = state_text(self, status, report.stream.value, report.fps, report.reduced_fps)
        badge_key = (rect.width(), text, status.state, self.devicePixelRatioF())
        if self._badge_cache is None or self._badge_cache[0] != badge_key:
            badge = render_badge(self.devicePixelRatioF(), self._font, rect.width(), bar_h, text, style)
            self._badge_cache = (badge_key, badge)
        p.drawPixmap(4, rect.height() - bar_h - 4, self._badge_cache[1])
        if status.state.has_headline:
            self._paint_headline(p, rect.adjusted(8, bar_h, -8, -bar_h - 8), report, style)

    def _paint_headline(self, p: QPainter, area: QRect, report: TileReport, style: StateStyle) -> None:
        """The state in large letters, then the countdown to the next attempt and the last picture's time,
        on a dark plate so they stay readable over a (dimmed) picture."""
        status = report.status
        big = QFont(self._font)
        big.setPointSizeF(max(9.0, min(22.0, area.height() / 12)))
        big.setBold(True)
        small = QFont(self._font)
        small.setPointSizeF(max(8.0, big.pointSizeF() * 0.6))
        head = (self.tr("QUARANTINED: SCENE CHANGED") if status.state is StreamState.QUARANTINED
                else style.headline(self))
        lines = center_lines(self, status, report.last_picture_at)
        fm_big, fm_small = QFontMetrics(big), QFontMetrics(small)
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap
        head_rect = fm_big.boundingRect(area, int(flags), head)
        height = head_rect.height() + sum(fm_small.height() for _ in lines) + 4
        width = max([head_rect.width()] + [fm_small.horizontalAdvance(t) for t in lines])
        top = area.y() + max(0, (area.height() - height) // 2)
        plate = QRect(area.x() + (area.width() - width) // 2 - 10, top - 6, width + 20, height + 12)
        if lines:
            p.fillRect(plate.intersected(area.adjusted(-8, 0, 8, 0)), QColor(0, 0, 0, 140))
        p.setFont(big)
        p.setPen(QColor(style.color))
        p.drawText(QRect(area.x(), top, area.width(), head_rect.height()), int(flags), head)
        p.setFont(small)
        p.setPen(QColor("#f2f5f8"))
        y = top + head_rect.height() + 4
        for text in lines:
            p.drawText(QRect(area.x(), y, area.width(), fm_small.height()), int(Qt.AlignmentFlag.AlignHCenter), text)
            y += fm_small.height()

    def _paint_tour(self, p: QPainter, rect: QRect, label: str, paused: bool) -> None:
        """Top right, under the name bar: the tour and its step; amber with a pause sign while held."""
        text = (self.tr("Tour paused: %1") if paused else self.tr("Tour: %1")).replace("%1", label)
        paint_label(p, rect, self._font, text, paused)

    # --- gestures ----------------------------------------------------------------------------------
    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.action.emit(self.index, TileAction.MAXIMISE)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.touched.emit(self.index)
        if self._ptz is not None and event.button() == Qt.MouseButton.LeftButton:
            pos = event.position()
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:  # a box to zoom into, not a drag
                self._band = (pos.toPoint(), pos.toPoint())
                return
            self._ptz.drag_start(pos.x(), pos.y())
            return
        if event.button() == Qt.MouseButton.LeftButton:
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.action.emit(self.index, TileAction.SELECT)
            self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._ptz is not None and self._band is not None:
            inside = self.rect()
            at = event.position().toPoint()
            self._band = (self._band[0], QPoint(min(max(at.x(), inside.left()), inside.right()),
                                                min(max(at.y(), inside.top()), inside.bottom())))
            self.update()
            return
        if self._ptz is not None:
            if self._ptz.dragging:
                pos = event.position()
                if self.rect().contains(pos.toPoint()):
                    self._ptz.drag_to(pos.x(), pos.y())
                else:  # dragged out of the tile with the button held: stop, as on letting go
                    self._ptz.drag_end()
            return
        if self._press is None or self._report is None or self._report.camera is None:
            return
        if (event.position().toPoint() - self._press).manhattanLength() < 12:
            return
        self._press = None
        mime = QMimeData()
        mime.setData(TILE_MIME, QByteArray(str(self.index).encode()))
        # the camera too, for drops outside this wall (the wall map's remote monitors); tiles read TILE_MIME first
        mime.setData(CAMERA_MIME, QByteArray(self._report.camera.id.encode()))
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.exec(Qt.DropAction.MoveAction)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press = None
        band, self._band = self._band, None
        if band is not None:
            self.update()
            if self._ptz is not None:
                self._ptz.box(*self.picture_fraction(band[0].x(), band[0].y()),
                              *self.picture_fraction(band[1].x(), band[1].y()))
            return
        # letting go always stops the camera; a click centres that point
        if self._ptz is not None and self._ptz.drag_release() and event.button() == Qt.MouseButton.LeftButton:
            self._ptz.click(*self.picture_fraction(event.position().x(), event.position().y()))

    def picture_fraction(self, x: float, y: float) -> tuple[float, float]:
        """Tile pixel -> picture point, -1..1 from the picture's middle (right and up positive)."""
        box = self._picture if self._picture is not None and self._picture.width() > 0 else self.rect()
        fx = (x - box.x()) / max(1, box.width()) * 2 - 1
        fy = 1 - (y - box.y()) / max(1, box.height()) * 2
        return max(-1.0, min(1.0, fx)), max(-1.0, min(1.0, fy))

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self._ptz is None:
            super().wheelEvent(event)
            return
        self.touched.emit(self.index)
        self._ptz.wheel(event.angleDelta().y() / 120)

    def _preset_number(self, event: QKeyEvent) -> int | None:
        """Ctrl+1 ... Ctrl+9 on a PTZ tile: a preset hot-key (the window's layout keys yield to it)."""
        if self._ptz is None or event.modifiers() != Qt.KeyboardModifier.ControlModifier:
            return None
        key = event.key()
        return key - Qt.Key.Key_0 if Qt.Key.Key_1 <= key <= Qt.Key.Key_9 else None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._preset_number(event) is not None:  # type: ignore[arg-type]
            event.accept()
            return True
        return super().event(event)

    def grab_picture(self) -> QImage | None:
        """A copy of the live picture (a preset's thumbnail); None without one, or while the tile is held
        (a quarantined view or one waiting for approval is decoded but never shown: the snapshot rule)."""
        shot = self._controller.snapshot() if self._controller is not None else None
        if shot is None:
            return None
        data, w, h = shot
        return QImage(data, w, h, w * 4, QImage.Format.Format_RGB32).copy()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.touched.emit(self.index)
        number = self._preset_number(event)
        if self._ptz is not None and number is not None and self._ptz.preset_key(number):
            return
        key = event.key()
        name = _PTZ_KEYS.get(Qt.Key(key))
        if self._ptz is not None and name is not None:
            if not event.isAutoRepeat():
                self._ptz.key_press(name)
            return
        if self._ptz is not None and key == Qt.Key.Key_Home:
            self.action.emit(self.index, TileAction.PTZ_HOME)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.action.emit(self.index, TileAction.MAXIMISE)
        elif key == Qt.Key.Key_Delete:
            self.action.emit(self.index, TileAction.REMOVE)
        elif key == Qt.Key.Key_B:
            self.action.emit(self.index, TileAction.BOOKMARK)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        name = _PTZ_KEYS.get(Qt.Key(event.key()))
        if self._ptz is not None and name is not None and not event.isAutoRepeat():
            self._ptz.key_release(name)
            return
        super().keyReleaseEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._ptz is not None:  # the pointer left the tile: whatever it was steering stops
            self._ptz.drag_end()
        super().leaveEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if self._ptz is not None:  # a Stop is always sent when the tile loses focus
            self._ptz.drag_end()
            for name in _PTZ_KEYS.values():
                self._ptz.key_release(name)
        self.update()
        super().focusOutEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.touched.emit(self.index)
        menu = QMenu(self)
        cam = self._report.camera if self._report else None
        mode = self._controller.mode if self._controller else StreamMode.AUTO

        def add(text: str, act: TileAction, enabled: bool = True, checked: bool | None = None) -> None:
            a = menu.addAction(text)
            a.setEnabled(enabled)
            if checked is not None:
                a.setCheckable(True)
                a.setChecked(checked)
            a.triggered.connect(lambda: self.action.emit(self.index, act))

        if cam is None:  # an empty tile: what can be put here
            add(self.tr("Put a camera here..."), TileAction.PICK_CAMERA)
            shapes = menu.addMenu(self.tr("Layout"))
            for name in [*sorted(GRID_PRESETS, key=int), *SPAN_PRESETS]:
                shapes.addAction(name).triggered.connect(lambda _=False, n=name: self.layout_chosen.emit(n))
            menu.addSeparator()
        add(self.tr("Maximise / restore"), TileAction.MAXIMISE)
        add(self.tr("Snapshot"), TileAction.SNAPSHOT, cam is not None)
        add(self.tr("Bookmark incident (B)"), TileAction.BOOKMARK, cam is not None)
        if cam is not None and cam.ptz and cam.onvif_host:  # PTZ goes over ONVIF: no address, no offer
            add(self.tr("PTZ control..."), TileAction.PTZ)
        streams = menu.addMenu(self.tr("Stream"))
        for text, act, m in ((self.tr("Automatic by tile size"), TileAction.STREAM_AUTO, StreamMode.AUTO),
                             (self.tr("Main stream"), TileAction.STREAM_MAIN, StreamMode.MAIN),
                             (self.tr("Sub stream"), TileAction.STREAM_SUB, StreamMode.SUB)):
            a = streams.addAction(text)
            a.setCheckable(True)
            a.setChecked(mode is m)
            a.triggered.connect(lambda _=False, x=act: self.action.emit(self.index, x))
        menu.addSeparator()
        add(self.tr("Select for merge (Ctrl+click)"), TileAction.SELECT, checked=self._selected)
        add(self.tr("Merge selected tiles"), TileAction.MERGE)
        add(self.tr("Split tile"), TileAction.SPLIT)
        menu.addSeparator()
        add(self.tr("Remove camera"), TileAction.REMOVE, cam is not None)
        add(self.tr("Privacy masks..."), TileAction.PRIVACY_MASKS, cam is not None)
        self.menu_opening.emit(self.index, menu)
        menu.exec(event.globalPos())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasFormat(CAMERA_MIME) or mime.hasFormat(TILE_MIME):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        if mime.hasFormat(TILE_MIME):
            source = int(bytes(mime.data(TILE_MIME).data()).decode())
            self.dropped_tile.emit(source, self.index)
        else:
            ids = bytes(mime.data(CAMERA_MIME).data()).decode().split("\n")
            self.dropped_cameras.emit(self.index, [i for i in ids if i])
        event.acceptProposedAction()

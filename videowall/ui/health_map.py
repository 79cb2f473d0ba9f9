"""The health map: cameras placed by latitude/longitude, coloured and shaped by state, areas outlined.

Drawn with QPainter, no map tiles (control rooms are often offline): kecamatan outlines are convex
hulls of their cameras, labelled at their centre. An optional background image can be georeferenced
by the latitude/longitude of its top-left and bottom-right corners. Wheel zooms about the cursor,
dragging pans, a click on a camera calls ``on_camera(id)``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QMouseEvent, QPainter, QPaintEvent, QPen, QPolygonF, QWheelEvent
from PySide6.QtWidgets import QWidget

from videowall.domain.dashboard import CameraHealth, GeoBounds, Point, area_hulls
from videowall.domain.health import HealthState
from videowall.ui.state_style import StateStyle


def _tr(text: str) -> str:
    return QCoreApplication.translate("HealthMap", text)


# Colour and shape per health state; shapes differ so colour is never the only cue (colour-blind safe).
HEALTH_STYLE: dict[HealthState, StateStyle] = {
    HealthState.LIVE: StateStyle("#2ecc71", "Live", "dot"),
    HealthState.UNREACHABLE: StateStyle("#ff5b5b", "Unreachable", "cross"),
    HealthState.NOT_FOUND: StateStyle("#cc79a7", "Not found", "square"),
    HealthState.AUTH_FAILURE: StateStyle("#e69f00", "Login failed", "triangle"),
    HealthState.BAD_URL: StateStyle("#d55e00", "Bad URL", "triangle"),
    HealthState.UNSUPPORTED: StateStyle("#f5a3d0", "Unsupported", "square"),
    HealthState.BLACK: StateStyle("#56b4e9", "Black picture", "bars"),
    HealthState.FROZEN: StateStyle("#f0e442", "Frozen", "bars"),
    HealthState.DISABLED: StateStyle("#8a96a3", "Disabled", "slash"),
    HealthState.UNKNOWN: StateStyle("#b8c2cc", "Not checked", "ring"),
}
# Drawn last so a dark camera is never hidden under a live one.
_PAINT_ORDER = [HealthState.LIVE, HealthState.DISABLED, HealthState.UNKNOWN, HealthState.UNSUPPORTED,
                HealthState.BAD_URL, HealthState.FROZEN, HealthState.BLACK, HealthState.AUTH_FAILURE,
                HealthState.NOT_FOUND, HealthState.UNREACHABLE]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Backdrop:
    """A user-supplied picture (a city plan) and where its corners lie: (lat, lon) top-left, bottom-right."""

    image: QImage
    top_left: tuple[float, float]
    bottom_right: tuple[float, float]


class HealthMap(QWidget):
    def __init__(self, on_camera: Callable[[str], None] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(320, 240)
        self.setMouseTracking(True)
        self._on_camera = on_camera
        self._items: list[CameraHealth] = []
        self._points: list[tuple[float, float, CameraHealth]] = []  # lon, lat, item
        self._hulls: dict[str, list[Point]] = {}
        self._centres: dict[str, tuple[float, float]] = {}
        self._bounds: GeoBounds | None = None
        self._zoom = 1.0
        self._pan = QPointF(0, 0)
        self._drag: QPointF | None = None
        self._moved = False
        self.backdrop: Backdrop | None = None
        self.marker = 7

    def set_data(self, items: Sequence[CameraHealth]) -> None:
        self._items = list(items)
        self._points = [(i.camera.longitude, i.camera.latitude, i) for i in items
                        if i.camera.latitude is not None and i.camera.longitude is not None]  # type: ignore[misc]
        order = {s: n for n, s in enumerate(_PAINT_ORDER)}
        self._points.sort(key=lambda p: order.get(p[2].state, 0))
        self._hulls = area_hulls(i.camera for i in items)
        sums: dict[str, list[float]] = {}
        for lon, lat, item in self._points:
            acc = sums.setdefault(item.camera.area.kecamatan, [0.0, 0.0, 0.0])
            acc[0] += lon
            acc[1] += lat
            acc[2] += 1
        self._centres = {k: (v[0] / v[2], v[1] / v[2]) for k, v in sums.items()}
        new = GeoBounds.around((p[0], p[1]) for p in self._points)
        if new != self._bounds:
            self._bounds = new
            self.reset_view()
        self.update()

    def set_backdrop(self, backdrop: Backdrop | None) -> None:
        self.backdrop = backdrop
        self.update()

    def reset_view(self) -> None:
        self._zoom = 1.0
        self._pan = QPointF(0, 0)
        self.update()

    # --- projection: equirectangular, x scaled by cos(latitude) so the city is not stretched ------
    def _scale(self) -> float:
        b = self._bounds
        if b is None:
            return 1.0
        k = math.cos(math.radians((b.north + b.south) / 2))
        return min(self.width() / ((b.east - b.west) * k), self.height() / (b.north - b.south)) * self._zoom

    def to_screen(self, lon: float, lat: float) -> QPointF:
        b = self._bounds
        if b is None:
            return QPointF()
        k = math.cos(math.radians((b.north + b.south) / 2))
        s = self._scale()
        cx, cy = (b.west + b.east) / 2, (b.north + b.south) / 2
        return QPointF(self.width() / 2 + (lon - cx) * k * s + self._pan.x(),
                       self.height() / 2 - (lat - cy) * s + self._pan.y())  # fmt: skip

    # --- painting ----------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("#1b2128"))
        if self._bounds is None:
            p.setPen(QColor("#c8d0d8"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, _tr("No camera has coordinates yet"))
            return
        if self.backdrop is not None:
            (lat0, lon0), (lat1, lon1) = self.backdrop.top_left, self.backdrop.bottom_right
            p.setOpacity(0.55)
            p.drawImage(QRectF(self.to_screen(lon0, lat0), self.to_screen(lon1, lat1)), self.backdrop.image)
            p.setOpacity(1.0)
        labels = self._paint_areas(p)
        size = max(5, min(16, round(self.marker * math.sqrt(self._zoom))))
        half = size // 2
        for lon, lat, item in self._points:
            pt = self.to_screen(lon, lat)
            if -size < pt.x() < self.width() + size and -size < pt.y() < self.height() + size:
                HEALTH_STYLE[item.state].paint_icon(p, QRect(int(pt.x()) - half, int(pt.y()) - half, size, size))
        self._paint_labels(p, labels)  # over the markers, so names stay readable in dense areas
        self._paint_legend(p)

    def _paint_areas(self, p: QPainter) -> list[tuple[QRectF, str]]:
        """Outlines; returns where each area's label goes (drawn later, over the cameras)."""
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, min(14.0, 8.0 * math.sqrt(self._zoom))))
        font.setBold(True)
        p.setFont(font)
        labels: list[tuple[QRectF, str]] = []
        for name, hull in self._hulls.items():
            if len(hull) < 3:
                continue
            poly = QPolygonF([self.to_screen(lon, lat) for lon, lat in hull])
            p.setPen(QPen(QColor("#6f8194"), 1.2, Qt.PenStyle.DashLine))
            p.setBrush(QColor(111, 129, 148, 28))
            p.drawPolygon(poly)
            width = p.fontMetrics().horizontalAdvance(name) + 8
            box = QRectF(0, 0, width, p.fontMetrics().height() + 2)
            box.moveCenter(self._centroid(name))
            while any(box.intersects(other) for other, _n in labels):  # overlapping areas: stack the labels
                box.translate(0, box.height())
            labels.append((box, name))
        return labels

    def _paint_labels(self, p: QPainter, labels: list[tuple[QRectF, str]]) -> None:
        for box, name in labels:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(20, 24, 28, 170))
            p.drawRoundedRect(box, 3, 3)
            p.setPen(QColor("#dfe6ee"))
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, name)

    def _centroid(self, kecamatan: str) -> QPointF:
        """Where an area's label goes: the mean position of its cameras (not the hull's box centre)."""
        pts = self._centres.get(kecamatan)
        return self.to_screen(*pts) if pts else QPointF()

    def _paint_legend(self, p: QPainter) -> None:
        counts: dict[HealthState, int] = {}
        for _lon, _lat, item in self._points:
            counts[item.state] = counts.get(item.state, 0) + 1
        shown = [s for s in HEALTH_STYLE if counts.get(s)]
        font = QFont(self.font())
        font.setPointSize(8)
        p.setFont(font)
        box = QRectF(8, 8, 170, 8 + 16 * len(shown))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(20, 24, 28, 210))
        p.drawRoundedRect(box, 4, 4)
        for row, state in enumerate(shown):
            y = 12 + 16 * row
            style = HEALTH_STYLE[state]
            style.paint_icon(p, QRect(14, y, 12, 12))
            p.setPen(QColor("#e8edf2"))
            p.drawText(QRectF(32, y - 2, 140, 16), Qt.AlignmentFlag.AlignVCenter,
                       f"{_tr(style.label)}  {counts[state]}")  # fmt: skip

    # --- interaction -------------------------------------------------------------------------------
    def camera_at(self, pos: QPointF, radius: float = 8.0) -> CameraHealth | None:
        best: tuple[float, CameraHealth] | None = None
        for lon, lat, item in self._points:
            pt = self.to_screen(lon, lat)
            d = (pt.x() - pos.x()) ** 2 + (pt.y() - pos.y()) ** 2
            if d <= radius * radius and (best is None or d < best[0]):
                best = (d, item)
        return best[1] if best else None

    def wheelEvent(self, event: QWheelEvent) -> None:
        factor = 1.25 if event.angleDelta().y() > 0 else 0.8
        new_zoom = max(0.5, min(60.0, self._zoom * factor))
        factor = new_zoom / self._zoom
        centre = QPointF(self.width() / 2, self.height() / 2)
        cursor = event.position()
        # keep the point under the cursor where it is
        self._pan = (self._pan + centre - cursor) * factor + cursor - centre
        self._zoom = new_zoom
        self.update()

    def zoom_by(self, factor: float) -> None:
        self._zoom = max(0.5, min(60.0, self._zoom * factor))
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag = event.position()
            self._moved = False

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None:
            delta = event.position() - self._drag
            if abs(delta.x()) + abs(delta.y()) > 3:
                self._moved = True
            if self._moved:
                self._pan += delta
                self._drag = event.position()
                self.update()
            return
        hit = self.camera_at(event.position())
        self.setToolTip(
            "" if hit is None else f"{hit.camera.id}\n{hit.camera.name}\n{hit.camera.area.label()}\n"
            f"{_tr(HEALTH_STYLE[hit.state].label)} {hit.reason}".strip()
        )

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None and not self._moved:
            hit = self.camera_at(event.position())
            if hit is not None and self._on_camera is not None:
                self._on_camera(hit.camera.id)
        self._drag = None

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.reset_view()

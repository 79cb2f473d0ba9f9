"""The health map: cameras placed by latitude/longitude, coloured and shaped by state, areas outlined.

Drawn with QPainter, no map tiles (control rooms are often offline). Kecamatan outlines are the
territories of ``domain/area_map.py``: the ground where each area's cameras are densest, strays left out,
never overlapping, and only for areas the register's coordinates really separate (the map says how many
it could not outline). Labels sit inside their areas without overlapping (``place_labels``). An optional
city plan image (settings ``map_image``, ``map_image_corners``) is drawn georeferenced by the
latitude/longitude of its top-left and bottom-right corners. Wheel zooms about the cursor, dragging
pans, a click on a camera calls ``on_camera(id)``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QLocale, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QWidget

from videowall.domain.area_map import Box, PlacedLabel, Territories, place_labels, territories
from videowall.domain.city_plan import CityPlan
from videowall.domain.dashboard import CameraHealth, GeoBounds
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
# Soft fills that tell neighbouring areas apart (an area is also outlined and named, so colour is a help only).
_AREA_FILLS = ("#5b8db8", "#b8865b", "#6fae7d", "#a775b0", "#b0a45a", "#5aa8a8", "#b86f6f", "#7f86c4")


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
        self.ground: Territories | None = None
        self._outlines: dict[str, QPainterPath] = {}  # in cell units; drawn through cell_transform()
        self._labels: list[PlacedLabel] = []
        self._label_key: tuple[float, ...] = ()
        self._counts: dict[HealthState, int] = {}  # cameras per state (with coordinates): the legend
        self._bounds: GeoBounds | None = None
        self._zoom = 1.0
        self._pan = QPointF(0, 0)
        self._drag: QPointF | None = None
        self._moved = False
        self.backdrop: Backdrop | None = None
        self._plan: CityPlan | None = None  # the settings' city plan the backdrop was read from
        self._plan_stamp: float = 0.0
        self.plan_problem = ""  # the settings name a city plan that cannot be read
        self.marker = 7

    def set_data(self, items: Sequence[CameraHealth]) -> None:
        self._items = list(items)
        self._points = [(i.camera.longitude, i.camera.latitude, i) for i in items
                        if i.camera.latitude is not None and i.camera.longitude is not None]  # type: ignore[misc]
        order = {s: n for n, s in enumerate(_PAINT_ORDER)}
        self._points.sort(key=lambda p: order.get(p[2].state, 0))
        by_area: dict[str, list[tuple[float, float]]] = {}
        for lon, lat, item in self._points:
            if item.camera.area.kecamatan:
                by_area.setdefault(item.camera.area.kecamatan, []).append((lon, lat))
        self._counts = {}
        for _lon, _lat, item in self._points:
            self._counts[item.state] = self._counts.get(item.state, 0) + 1
        self.ground = territories(by_area)
        self._outlines = {} if self.ground is None else {n: _outline(self.ground, n) for n in self.ground.outlined}
        self._label_key = ()
        new = GeoBounds.around((p[0], p[1]) for p in self._points)
        if new != self._bounds:
            self._bounds = new
            self.reset_view()
        self.update()

    def set_backdrop(self, backdrop: Backdrop | None) -> None:
        self.backdrop = backdrop
        self._plan = None
        self.update()

    def set_city_plan(self, plan: CityPlan | None) -> None:
        """The settings' city plan as the backdrop; read again only when the setting or the file changed."""
        try:
            stamp = plan.image.stat().st_mtime if plan is not None else 0.0
        except OSError:
            stamp = -1.0
        if plan == self._plan and stamp == self._plan_stamp:
            return
        image = QImage(str(plan.image)) if plan is not None else QImage()
        self.plan_problem = "" if plan is None or not image.isNull() else str(plan.image)
        self.backdrop = Backdrop(image, plan.top_left, plan.bottom_right) if plan and not image.isNull() else None
        self._plan, self._plan_stamp = plan, stamp
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
        self._paint_areas(p)
        size = max(5, min(16, round(self.marker * math.sqrt(self._zoom))))
        half = size // 2
        for lon, lat, item in self._points:
            pt = self.to_screen(lon, lat)
            if -size < pt.x() < self.width() + size and -size < pt.y() < self.height() + size:
                HEALTH_STYLE[item.state].paint_icon(p, QRect(int(pt.x()) - half, int(pt.y()) - half, size, size))
        self._paint_labels(p)  # over the markers, so names stay readable in dense areas
        self._paint_legend(p)
        self._paint_caption(p)

    def cell_transform(self) -> QTransform:
        """Cell units (column, row) of the territories to screen pixels; the projection is linear."""
        g = self.ground
        if g is None:
            return QTransform()
        o = self.to_screen(g.west, g.north)
        one = self.to_screen(g.west + g.cell_lon, g.north - g.cell_lat)
        return QTransform(one.x() - o.x(), 0, 0, one.y() - o.y(), o.x(), o.y())

    def _label_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, min(14.0, 8.0 * math.sqrt(self._zoom))))
        font.setBold(True)
        return font

    def label_rects(self) -> dict[str, QRectF]:
        """Where each outlined area's name is drawn, in widget pixels, clear of each other, the legend and the
        caption: placed again when the view changes (while a drag is under way they move with the ground)."""
        g = self.ground
        if g is None:
            return {}
        t = self.cell_transform()
        dragging = self._drag is not None and self._moved
        key = (t.m11(), t.m22(), self._label_font().pointSizeF(), t.dx(), t.dy(), float(self.width()),
               float(self.height()))  # fmt: skip
        if key != self._label_key and not (dragging and self._labels):
            self._label_key = key
            metrics = QFontMetricsF(self._label_font())
            sizes = {n: ((metrics.horizontalAdvance(n) + 8) / t.m11(), (metrics.height() + 2) / t.m22())
                     for n in g.outlined}  # fmt: skip
            inverse, _ok = t.inverted()
            blocked = [_box(inverse.mapRect(r)) for r in (self.legend_rect(), self.caption_rect()) if not r.isEmpty()]
            self._labels = place_labels(g, sizes, blocked)
        return {lab.name: t.mapRect(_rect(lab.box)) for lab in self._labels}

    def _paint_areas(self, p: QPainter) -> None:
        t = self.cell_transform()
        for n, outline in enumerate(self._outlines.values()):
            fill = QColor(_AREA_FILLS[n % len(_AREA_FILLS)])
            fill.setAlpha(46)
            p.setPen(QPen(QColor("#9fb2c6"), 1.4))
            p.setBrush(fill)
            p.drawPath(t.map(outline))

    def _paint_labels(self, p: QPainter) -> None:
        p.setFont(self._label_font())
        for name, box in self.label_rects().items():
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(20, 24, 28, 200))
            p.drawRoundedRect(box, 3, 3)
            p.setPen(QColor("#dfe6ee"))
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, name)

    def caption(self) -> str:
        """What the outlines leave out: areas the coordinates do not separate, stray cameras."""
        g = self.ground
        if g is None:
            return ""
        lines = []
        if g.not_outlined:
            lines.append(_tr("No outline for %1 of %2 kecamatan: their cameras' coordinates lie among other "
                             "areas' cameras").replace("%1", QLocale().toString(len(g.not_outlined)))
                         .replace("%2", QLocale().toString(len(g.names))))  # fmt: skip
        if self.plan_problem:
            lines.append(_tr("The city plan %1 cannot be read").replace("%1", self.plan_problem))
        strays = sum(g.strays.values())
        if strays:
            lines.append(_tr("Cameras far from the rest of their kecamatan, left out of its outline: %1")
                         .replace("%1", QLocale().toString(strays)))  # fmt: skip
        return "\n".join(lines)

    def _small_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSize(8)
        return font

    def caption_rect(self) -> QRectF:
        text = self.caption()
        if not text:
            return QRectF()
        box = QRectF(QFontMetrics(self._small_font()).boundingRect(
            QRect(0, 0, self.width() - 24, 200), Qt.TextFlag.TextWordWrap, text).adjusted(-6, -4, 6, 4))
        box.moveBottomLeft(QPointF(8, self.height() - 8))
        return box

    def legend_rect(self) -> QRectF:
        return QRectF(8, 8, 170, 8 + 16 * len(self._counts)) if self._counts else QRectF()

    def _paint_caption(self, p: QPainter) -> None:
        text = self.caption()
        if not text:
            return
        p.setFont(self._small_font())
        box = self.caption_rect()
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(20, 24, 28, 210))
        p.drawRoundedRect(box, 4, 4)
        p.setPen(QColor("#e8edf2"))
        p.drawText(box.adjusted(6, 4, -6, -4), int(Qt.TextFlag.TextWordWrap), text)

    def _paint_legend(self, p: QPainter) -> None:
        counts = self._counts
        shown = [s for s in HEALTH_STYLE if counts.get(s)]
        p.setFont(self._small_font())
        box = self.legend_rect()
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
        elif self._drag is not None:
            self.update()  # the names are placed again clear of the legend and caption (label_rects)
        self._drag = None

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.reset_view()


def _rect(box: Box) -> QRectF:
    return QRectF(box.x, box.y, box.w, box.h)


def _box(rect: QRectF) -> Box:
    return Box(rect.x(), rect.y(), rect.width(), rect.height())


def _outline(ground: Territories, name: str) -> QPainterPath:
    """The union of the area's cells (in cell units) as one outline."""
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)
    for row, col, length in ground.runs(name):
        path.addRect(QRectF(col, row, length, 1))
    return path.simplified()

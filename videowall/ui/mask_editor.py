"""Draw privacy masks on a still of the camera: click points, close the polygon, save.

Points are kept normalised (0..1), so the masks fit any stream size. Saving, lifting and the audit
rows are ``PrivacyService``'s job; this widget only edits polygons.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from videowall.domain.access import AccessDenied, Permission
from videowall.domain.privacy import MaskPolygon
from videowall.services.privacy import PrivacyService
from videowall.ui.refusal_words import refusal_text


class MaskCanvas(QWidget):
    """The still with the polygons over it; left click adds a point, right click closes the polygon."""

    def __init__(self, image: QImage | None, polygons: list[MaskPolygon], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = image
        self.polygons = list(polygons)
        self.current: list[tuple[float, float]] = []
        self.setMinimumSize(640, 360)

    def _frame(self) -> QRectF:
        w, h = (self.image.width(), self.image.height()) if self.image is not None else (16, 9)
        scale = min(self.width() / w, self.height() / h)
        return QRectF((self.width() - w * scale) / 2, (self.height() - h * scale) / 2, w * scale, h * scale)

    def _to_widget(self, x: float, y: float) -> QPointF:
        f = self._frame()
        return QPointF(f.x() + x * f.width(), f.y() + y * f.height())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.RightButton:
            self.close_polygon()
            return
        f = self._frame()
        pos = event.position()
        x = min(1.0, max(0.0, (pos.x() - f.x()) / f.width()))
        y = min(1.0, max(0.0, (pos.y() - f.y()) / f.height()))
        self.current.append((round(x, 4), round(y, 4)))
        self.update()

    def close_polygon(self) -> None:
        if len(self.current) >= 3:
            self.polygons.append(MaskPolygon(tuple(self.current)))
        self.current = []
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#0b0f14"))
        if self.image is not None:
            p.drawImage(self._frame(), self.image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(QColor("#e69f00"), 2))
        p.setBrush(QColor(48, 48, 48, 200))
        for poly in self.polygons:
            p.drawPolygon(QPolygonF([self._to_widget(x, y) for x, y in poly.points]))
        if self.current:
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(QColor("#56b4e9"), 2, Qt.PenStyle.DashLine))
            p.drawPolyline(QPolygonF([self._to_widget(x, y) for x, y in self.current]))
        p.end()


class MaskEditor(QDialog):
    def __init__(self, privacy: PrivacyService, camera_id: str, still: QImage | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._privacy = privacy
        self._camera_id = camera_id
        self.setWindowTitle(self.tr("Privacy masks - %1").replace("%1", camera_id))
        mask = privacy.mask_set(camera_id)
        self.canvas = MaskCanvas(still, list(mask.polygons))
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Left click: add a point. Right click: close the polygon. "
                                     "Masks are burned into every picture, snapshot and export.")))
        lay.addWidget(self.canvas, 1)
        self.status = QLabel()
        lay.addWidget(self.status)
        row = QHBoxLayout()
        for text, slot in ((self.tr("Close polygon"), self.canvas.close_polygon), (self.tr("Undo"), self._undo),
                           (self.tr("Clear all"), self._clear)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        self.lift = QPushButton(self.tr("Lift masks for %1 min...").replace("%1", str(privacy.settings.lift_minutes)))
        self.lift.setEnabled(privacy.user.can(Permission.LIFT_MASK) and bool(mask.polygons))
        self.lift.clicked.connect(self._lift)
        row.addWidget(self.lift)
        save = QPushButton(self.tr("Save"))
        save.setEnabled(privacy.user.can(Permission.EDIT_MASKS))
        save.clicked.connect(self._save)
        row.addWidget(save)
        lay.addLayout(row)
        self.resize(960, 640)

    def _undo(self) -> None:
        if self.canvas.current:
            self.canvas.current.pop()
        elif self.canvas.polygons:
            self.canvas.polygons.pop()
        self.canvas.update()

    def _clear(self) -> None:
        self.canvas.polygons, self.canvas.current = [], []
        self.canvas.update()

    def _save(self) -> None:
        self.canvas.close_polygon()
        try:
            self._privacy.save_masks(self._camera_id, tuple(self.canvas.polygons))
        except (AccessDenied, ValueError) as exc:
            self.status.setText(refusal_text(exc))
            return
        self.accept()

    def _lift(self) -> None:
        try:
            self._privacy.lift_mask(self._camera_id)
        except AccessDenied as exc:
            self.status.setText(refusal_text(exc))
            return
        self.status.setText(self.tr("Masks lifted; they return by themselves. The lift is in the audit trail."))

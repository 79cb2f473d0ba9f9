"""Scene review: a contact sheet of the cameras held for a supervisor, approved in bulk.

Two kinds of held camera are on the sheet: new ones (their first picture waits for approval, the tile
says "Needs reference") and quarantined ones (their view changed). A supervisor selects many, or a
whole area, and approves them in one action; the service audits each one with its picture's hash.
The focused camera is shown large beside its reference and a current still from its held tile.
Roles without APPROVE_REFERENCE see the sheet without the decision buttons (and the service refuses).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from videowall.domain.access import AccessDenied, Permission
from videowall.domain.camera import Camera
from videowall.domain.privacy import ReferenceOrigin, SceneReference
from videowall.services.privacy import PrivacyService
from videowall.ui.refusal_words import refusal_text

THUMB = QSize(224, 126)
_ID_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class _Held:
    """One card on the sheet."""

    camera_id: str
    camera: Camera | None
    picture: str  # the picture to approve: the first picture, or the picture at quarantine
    quarantined: bool
    since: float
    score: str = ""


def _stamp(at: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(at))


def _pixmap(picture: np.ndarray | None) -> QPixmap:
    if picture is None:
        return QPixmap()
    pic = np.ascontiguousarray(picture[..., :3][..., ::-1])  # BGR(A) -> RGB
    h, w = pic.shape[:2]
    return QPixmap.fromImage(QImage(pic.data, w, h, w * 3, QImage.Format.Format_RGB888).copy())


class QuarantineReview(QDialog):
    def __init__(self, privacy: PrivacyService, cameras: Callable[[], list[Camera]] = list,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._privacy = privacy
        self._cameras = cameras
        self._held: dict[str, _Held] = {}
        self.setWindowTitle(self.tr("Scene review: new cameras and quarantine"))
        self.resize(1280, 860)
        self.sheet = QListWidget()
        self.sheet.setObjectName("contactSheet")
        self.sheet.setViewMode(QListWidget.ViewMode.IconMode)
        self.sheet.setIconSize(THUMB)
        self.sheet.setGridSize(QSize(THUMB.width() + 16, THUMB.height() + 88))
        self.sheet.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.sheet.setMovement(QListWidget.Movement.Static)
        self.sheet.setWordWrap(True)
        self.sheet.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.sheet.currentItemChanged.connect(lambda *_: self._show_focused())
        self.sheet.itemSelectionChanged.connect(self._selection_changed)
        self.area = QComboBox()
        self.area.setObjectName("areaFilter")
        self.area.activated.connect(self._select_area)
        self.summary = QLabel()
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.reference, self.held_picture, self.current = QLabel(), QLabel(), QLabel()
        self.reference_caption, self.held_caption = QLabel(), QLabel()
        side = QGridLayout()
        captions = (self.reference_caption, self.held_caption, QLabel(self.tr("Current still (live, not shown)")))
        for col, (caption, label) in enumerate(zip(captions, (self.reference, self.held_picture, self.current),
                                                   strict=True)):
            label.setFixedSize(400, 225)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet("background: #0b0f14; color: #8a96a3")
            caption.setWordWrap(True)
            side.addWidget(caption, 0, col)
            side.addWidget(label, 1, col)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(QLabel(self.tr("Select an area:")))
        top.addWidget(self.area)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.sheet, 1)
        lay.addLayout(side)
        lay.addWidget(self.info)
        self.approve: QPushButton | None = None
        self.keep: QPushButton | None = None
        if privacy.user.can(Permission.APPROVE_REFERENCE):  # others review nothing: no decision buttons at all
            self.approve = QPushButton(self.tr("&Approve selected"))
            self.approve.setObjectName("approveSelected")
            self.keep = QPushButton(self.tr("Keep blocked"))
            self.keep.setObjectName("keepBlocked")
            self.approve.clicked.connect(lambda _checked=False: self._approve())
            self.keep.clicked.connect(lambda _checked=False: self._keep())
            buttons = QHBoxLayout()
            buttons.addWidget(self.keep)
            buttons.addStretch(1)
            buttons.addWidget(self.approve)
            lay.addLayout(buttons)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._refresh_current)
        self._timer.start(1000)
        self.fill()
        self.sheet.setFocus()  # Ctrl+A selects every card, Alt+A approves them

    # --- the sheet ------------------------------------------------------------------------------------
    def fill(self) -> None:
        by_id = {c.id: c for c in self._cameras()}
        scene = self._privacy.scene
        held = {cid: _Held(cid, by_id.get(cid), row.path, False, row.taken_at)
                for cid, row in scene.candidates().items()}
        for cid, record in scene.quarantined().items():
            held[cid] = _Held(cid, by_id.get(cid), record.still_path, True, record.since, record.score)
        self._held = held
        self.sheet.clear()
        for cid in sorted(held, key=lambda c: (not held[c].quarantined, self._area_of(held[c]), c)):
            self.sheet.addItem(self._card(held[cid]))
        areas = sorted({self._area_of(h) for h in held.values()})
        self.area.clear()
        self.area.addItem(self.tr("(choose)"), "")
        self.area.addItem(self.tr("All cameras"), "*")
        for area in areas:
            self.area.addItem(area, area)
        new = sum(not h.quarantined for h in held.values())
        self.summary.setText(self.tr("%1 new cameras wait for their first picture's approval; %2 quarantined")
                             .replace("%1", str(new)).replace("%2", str(len(held) - new)))
        if self.sheet.count():
            self.sheet.setCurrentRow(0)
        else:
            self.info.setText(self.tr("No camera waits for a review."))
            for label in (self.reference, self.held_picture, self.current):
                label.clear()
        self._selection_changed()

    def _card(self, held: _Held) -> QListWidgetItem:
        cam = held.camera
        state = self.tr("QUARANTINED") if held.quarantined else self.tr("Needs reference")
        lines = [held.camera_id, cam.name if cam else "", self._area_of(held), state]
        item = QListWidgetItem(QIcon(QPixmap(held.picture).scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio)),
                               "\n".join(line for line in lines if line))
        item.setData(_ID_ROLE, held.camera_id)
        item.setToolTip(f"{held.camera_id} · {state} · {_stamp(held.since)}")
        return item

    @staticmethod
    def _area_of(held: _Held) -> str:
        return held.camera.area.label() if held.camera is not None else ""

    def _select_area(self, index: int) -> None:
        wanted = self.area.itemData(index)
        if not wanted:
            return
        self.sheet.clearSelection()
        for row in range(self.sheet.count()):
            item = self.sheet.item(row)
            if wanted == "*" or self._area_of(self._held[item.data(_ID_ROLE)]) == wanted:
                item.setSelected(True)

    def selected_ids(self) -> list[str]:
        return [item.data(_ID_ROLE) for item in self.sheet.selectedItems()]

    def _selection_changed(self) -> None:
        n = len(self.selected_ids())
        if self.approve is not None and self.keep is not None:
            self.approve.setText(self.tr("&Approve selected (%n)").replace("%n", str(n)))
            self.approve.setEnabled(n > 0)
            self.keep.setEnabled(n > 0)

    # --- the focused camera, large --------------------------------------------------------------------
    def _focused(self) -> _Held | None:
        item = self.sheet.currentItem()
        return self._held.get(item.data(_ID_ROLE)) if item is not None else None

    def _show_focused(self) -> None:
        held = self._focused()
        if held is None:
            return
        ref = self._privacy.scene.reference(held.camera_id)
        self.reference_caption.setText(self.tr("Reference: %1").replace("%1", self._provenance(ref)))
        self._put(self.reference, QPixmap(ref.path) if ref else QPixmap(), self.tr("no reference yet"))
        caption = (self.tr("Picture at quarantine, %1 (%2)").replace("%1", _stamp(held.since)).replace("%2", held.score)
                   if held.quarantined else
                   self.tr("First picture, taken %1: approve it to make it the reference")
                   .replace("%1", _stamp(held.since)))
        self.held_caption.setText(caption)
        self._put(self.held_picture, QPixmap(held.picture), self.tr("picture not saved yet"))
        self._refresh_current()

    def _provenance(self, ref: SceneReference | None) -> str:
        """Who made the reference and when; an automatic one is never called approved."""
        if ref is None:
            return self.tr("none (the camera has never been approved)")
        if ref.origin is ReferenceOrigin.TRUSTED:
            return self.tr("Trusted at migration, %1 (first picture, not reviewed)").replace("%1", _stamp(ref.taken_at))
        return self.tr("Approved by %1 on %2").replace("%1", ref.approved_by).replace("%2", _stamp(ref.approved_at))

    def _refresh_current(self) -> None:
        held = self._focused()
        if held is not None:
            pixmap = _pixmap(self._privacy.scene.current_still(held.camera_id))
            self._put(self.current, pixmap, self.tr("not on a wall now: no current picture"))

    @staticmethod
    def _put(label: QLabel, pixmap: QPixmap, empty: str) -> None:
        if pixmap.isNull():
            label.setText(empty)
            return
        label.setPixmap(pixmap.scaled(label.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                      Qt.TransformationMode.SmoothTransformation))

    # --- decisions ------------------------------------------------------------------------------------
    def _approve(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        try:
            self._privacy.approve(ids)  # audited one by one; the tiles go live at their next tick
        except (AccessDenied, ValueError) as exc:
            self.info.setText(refusal_text(exc))
            return
        self.fill()
        self.info.setText(self.tr("%Ln approved; each approval is in the audit trail.", "", len(ids)))

    def _keep(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        try:
            self._privacy.keep_blocked(ids)
        except AccessDenied as exc:
            self.info.setText(refusal_text(exc))
            return
        self.info.setText(self.tr("%Ln stay blocked; noted in the audit trail.", "", len(ids)))

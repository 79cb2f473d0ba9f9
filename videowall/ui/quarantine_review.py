"""Supervisor review of quarantined cameras: approved reference and current view side by side."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from videowall.domain.access import AccessDenied, Permission
from videowall.services.privacy import PrivacyService


class QuarantineReview(QDialog):
    def __init__(self, privacy: PrivacyService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._privacy = privacy
        self.setWindowTitle(self.tr("Quarantined cameras - review"))
        self.list = QListWidget()
        self.list.currentTextChanged.connect(self._show)
        self.reference = QLabel()
        self.current = QLabel()
        for label in (self.reference, self.current):
            label.setMinimumSize(480, 270)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet("background: #0b0f14")
        self.info = QLabel()
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Approved reference")), 0, 0)
        grid.addWidget(QLabel(self.tr("Current view (when quarantined)")), 0, 1)
        grid.addWidget(self.reference, 1, 0)
        grid.addWidget(self.current, 1, 1)
        self.approve = QPushButton(self.tr("Approve new view (becomes the reference)"))
        self.keep = QPushButton(self.tr("Keep blocked"))
        allowed = privacy.user.can(Permission.APPROVE_REFERENCE)
        self.approve.setEnabled(allowed)
        self.keep.setEnabled(allowed)
        self.approve.clicked.connect(self._approve)
        self.keep.clicked.connect(self._keep)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep)
        buttons.addStretch(1)
        buttons.addWidget(self.approve)
        lay = QVBoxLayout(self)
        lay.addWidget(self.list)
        lay.addLayout(grid, 1)
        lay.addWidget(self.info)
        lay.addLayout(buttons)
        self._fill()

    def _fill(self) -> None:
        self.list.clear()
        for camera_id in sorted(self._privacy.quarantined()):
            self.list.addItem(camera_id)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.info.setText(self.tr("No camera is quarantined."))

    def _show(self, camera_id: str) -> None:
        record = self._privacy.quarantined().get(camera_id)
        if record is None:
            return
        ref = self._privacy.reference_path(camera_id)
        for label, path in ((self.reference, str(ref) if ref else ""), (self.current, record.still_path)):
            pix = QPixmap(path)
            label.setPixmap(pix.scaled(label.size(), Qt.AspectRatioMode.KeepAspectRatio) if not pix.isNull() else pix)
        since = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(record.since))
        self.info.setText(self.tr("Quarantined since %1 (%2)").replace("%1", since).replace("%2", record.score))

    def _selected(self) -> str:
        item = self.list.currentItem()
        return item.text() if item is not None else ""

    def _approve(self) -> None:
        camera_id = self._selected()
        if camera_id:
            try:
                self._privacy.approve_current(camera_id)
            except (AccessDenied, ValueError) as exc:
                self.info.setText(str(exc))
                return
            self._fill()

    def _keep(self) -> None:
        camera_id = self._selected()
        if camera_id:
            self._privacy.keep_blocked(camera_id)
            self.info.setText(self.tr("%1 stays blocked; noted in the audit trail.").replace("%1", camera_id))

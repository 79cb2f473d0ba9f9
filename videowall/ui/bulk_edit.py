"""Bulk edit of a tree selection: add or remove tags and switch the service status of many cameras at once."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from videowall.domain.bulk_edit import BulkEdit
from videowall.domain.camera import ServiceStatus
from videowall.domain.register import parse_tags


class BulkEditDialog(QDialog):
    def __init__(self, camera_ids: list[str], known_tags: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit %Ln cameras", "", len(camera_ids)))
        self._ids = tuple(camera_ids)
        self.add = QLineEdit()
        self.add.setPlaceholderText(self.tr("tags to add, separated by ;"))
        self.remove = QLineEdit()
        self.remove.setPlaceholderText(self.tr("tags to remove, separated by ;"))
        self.status = QComboBox()
        self.status.addItem(self.tr("(leave unchanged)"), None)
        self.status.addItem(self.tr("Active (aktif)"), ServiceStatus.ACTIVE)
        self.status.addItem(self.tr("Inactive (nonaktif)"), ServiceStatus.INACTIVE)
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("Known tags: %1").replace("%1", ", ".join(known_tags[:20]) or "-")))
        form.addRow(self.tr("Add tags"), self.add)
        form.addRow(self.tr("Remove tags"), self.remove)
        form.addRow(self.tr("Service status"), self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def edit(self) -> BulkEdit:
        return BulkEdit(self._ids, parse_tags(self.add.text()), parse_tags(self.remove.text()),
                        self.status.currentData())  # fmt: skip

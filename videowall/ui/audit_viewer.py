"""The audit trail with filters, a chain check and CSV export. Reads on its own connection (WAL)."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from videowall.domain.access import AccessDenied, Permission, User, require
from videowall.security import audit
from videowall.services.security_command import trail_entries
from videowall.storage.readers import ReadConnections
from videowall.ui.refusal_words import refusal_text


class AuditViewer(QDialog):
    COLUMNS = ("id", "time", "actor", "action", "target", "detail")
    _MARKED = (QT_TRANSLATE_NOOP("AuditViewer", "id"), QT_TRANSLATE_NOOP("AuditViewer", "time"),  # for lupdate
               QT_TRANSLATE_NOOP("AuditViewer", "target"), QT_TRANSLATE_NOOP("AuditViewer", "detail"))

    def __init__(self, readers: ReadConnections, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = readers.get()  # the UI thread's shared read connection
        self._user = user  # the service decides (VIEW_AUDIT), not only the menu
        self.setWindowTitle(self.tr("Audit trail"))
        self.actor = QLineEdit()
        self.actor.setPlaceholderText(self.tr("actor"))
        self.action = QLineEdit()
        self.action.setPlaceholderText(self.tr("action"))
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("camera / text"))
        filters = QHBoxLayout()
        for w in (self.actor, self.action, self.text):
            w.returnPressed.connect(self.refresh)
            filters.addWidget(w)
        for text, slot in ((self.tr("Filter"), self.refresh), (self.tr("Verify chain"), self.verify),
                           (self.tr("Export CSV..."), self.export)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            filters.addWidget(b)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.status = QLabel()
        lay = QVBoxLayout(self)
        lay.addLayout(filters)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.status)
        self.resize(1000, 600)
        self.refresh()

    def _rows(self) -> list[audit.AuditEntry]:
        return trail_entries(self._db, self._user, actor=self.actor.text().strip(),
                             action=self.action.text().strip(), text=self.text.text().strip())

    def refresh(self) -> None:
        try:
            rows = self._rows()
        except AccessDenied as exc:
            self.table.setRowCount(0)
            self.status.setText(refusal_text(exc))
            return
        self.table.setRowCount(len(rows))
        for r, e in enumerate(rows):
            values = (str(e.id), time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(e.at)), e.actor, e.action,
                      e.target, e.detail)
            for c, v in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(v))
        self.table.resizeColumnsToContents()
        self.status.setText(self.tr("%Ln rows", "", len(rows)))

    def verify(self) -> None:
        try:
            require(self._user, Permission.VIEW_AUDIT)
        except AccessDenied as exc:
            self.status.setText(refusal_text(exc))
            return
        result = audit.verify(self._db)
        self.status.setText(self.tr("Chain intact: %Ln rows", "", result.rows) if result.ok else
                            self.tr("CHAIN BROKEN at row %1: %2").replace("%1", str(result.broken_id))
                            .replace("%2", result.problem))

    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export audit trail"), "audit.csv", "CSV (*.csv)")
        if path:
            try:
                rows = self._rows()
            except AccessDenied as exc:
                self.status.setText(refusal_text(exc))
                return
            n = audit.write_csv(Path(path), reversed(rows))
            self.status.setText(self.tr("%Ln rows exported", "", n))

"""Import a camera register: choose a file, watch the progress, read every rejected line's reason.

The import runs on the database writer thread; progress and the result come back as queued Qt
signals, so the dialog (and the wall behind it) never waits on the disk.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from videowall.domain.access import AccessDenied, User
from videowall.domain.register_report import report_lines
from videowall.security.secrets import CredentialStore, KeyFile
from videowall.services.register_import import ImportFileError, ImportReport, import_register
from videowall.storage.writer import DatabaseWriter


class _Relay(QObject):
    """Carries results from the writer thread to the UI thread (queued connections)."""

    progress = Signal(int, int)
    finished = Signal(object)  # ImportReport | Exception


class ImportDialog(QDialog):
    imported = Signal()

    def __init__(self, writer: DatabaseWriter, key_path: Path, user: Callable[[], User],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._user = user  # the signed-in person when Import is pressed: the service checks the role
        self.setWindowTitle(self.tr("Import camera register"))
        self._writer = writer
        self._key = KeyFile(key_path)
        self._relay = _Relay(self)
        self._relay.progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._relay.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("CSV or JSON file"))
        browse = QPushButton(self.tr("Browse..."))
        browse.clicked.connect(self._browse)
        self.valid_only = QCheckBox(self.tr("Import valid rows (skip rejected lines)"))
        self.valid_only.setToolTip(self.tr("Otherwise nothing is imported while any line is rejected"))
        self.bar = QProgressBar()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Line"), self.tr("Camera"), self.tr("Problem"),
                                              self.tr("Details")])
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.buttons = QDialogButtonBox()
        self.run_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.run_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.path)
        row.addWidget(browse)
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(self.valid_only)
        lay.addWidget(self.bar)
        lay.addWidget(self.summary)
        lay.addWidget(self.table)
        lay.addWidget(self.buttons)
        self.resize(900, 560)

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Camera register"), "",
                                              self.tr("Registers (*.csv *.json);;All files (*)"))
        if name:
            self.path.setText(name)

    def start(self) -> None:
        path = Path(self.path.text().strip())
        if not self.path.text().strip():
            self.summary.setText(self.tr("Choose a file first."))
            return
        self.run_button.setEnabled(False)
        self.bar.setRange(0, 0)
        self.summary.setText(self.tr("Importing..."))
        valid_only = self.valid_only.isChecked()
        key, relay, user = self._key, self._relay, self._user()

        def job(db):  # type: ignore[no-untyped-def]
            return import_register(path, db, CredentialStore(db, key), user=user, valid_only=valid_only,
                                   progress=lambda done, total: relay.progress.emit(done, total))

        future: Future[ImportReport] = self._writer.submit(job, transaction=False)
        future.add_done_callback(lambda f: relay.finished.emit(f.exception() or f.result()))

    def _on_progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(done)

    def _on_finished(self, result: object) -> None:
        self.run_button.setEnabled(True)
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        if isinstance(result, ImportFileError | AccessDenied):
            self.summary.setText(str(result))
            return
        if isinstance(result, BaseException):
            self.summary.setText(self.tr("Import failed: %1").replace("%1", str(result)))
            return
        assert isinstance(result, ImportReport)
        text = self.tr("%1 rows read, %2 imported, %3 rejected.").replace("%1", str(result.rows_read)).replace(
            "%2", str(result.imported)).replace("%3", str(len(result.rejected)))
        if result.rejected and not result.imported:
            text += " " + self.tr("Nothing was imported: fix the lines below, or tick 'Import valid rows'.")
        self.summary.setText(text)
        lines = report_lines(result.rejected)  # every defect of a row; a flood of one id as one line
        self.table.setRowCount(len(lines))
        for r, line in enumerate(lines):
            for c, value in enumerate((str(line.line), line.camera_id or "", line.code_text, line.message)):
                self.table.setItem(r, c, QTableWidgetItem(value))
        if result.imported:
            self.imported.emit()

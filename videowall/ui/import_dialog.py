"""Import a camera register: choose a file, watch the progress, read every rejected line's reason.

With "Sync" ticked the file is the whole register: the dialog first previews what the sync would
add, change, retire and restore (nothing written), and applies that plan only when "Apply sync" is
pressed. The work runs on the database writer thread; progress and results come back as queued Qt
signals, so the dialog (and the wall behind it) never waits on the disk.
"""

from __future__ import annotations

from collections.abc import Callable
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
from videowall.domain.register import RowProblem
from videowall.domain.register_report import report_lines
from videowall.domain.register_words import codes_text, file_problem_text, reason_text
from videowall.security.secrets import CredentialStore, KeyFile
from videowall.services.register_import import ImportFileError, ImportReport, import_register
from videowall.services.register_sync import SyncError, SyncPlan, SyncResult, apply_sync, plan_sync
from videowall.storage.writer import DatabaseWriter
from videowall.ui.language import number, ui_lang
from videowall.ui.ui_thread import ui_operations


class _Relay(QObject):
    """Carries results from the writer thread to the UI thread (queued connections)."""

    progress = Signal(int, int)
    finished = Signal(object)  # ImportReport | SyncPlan | SyncResult | Exception


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
        self._ops = ui_operations(self, writer)
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("CSV or JSON file"))
        browse = QPushButton(self.tr("Browse..."))
        browse.clicked.connect(self._browse)
        self.valid_only = QCheckBox(self.tr("Import valid rows (skip rejected lines)"))
        self.valid_only.setToolTip(self.tr("Otherwise nothing is imported while any line is rejected"))
        self.sync = QCheckBox(self.tr("Sync: the file is the whole register (retire cameras it no longer lists)"))
        tip = self.tr("Retired cameras keep bookmarks, cases and history; a later file listing one restores it.")
        self.sync.setToolTip(tip)
        self.sync.toggled.connect(lambda _on: self._forget_plan())
        self.valid_only.toggled.connect(lambda _on: self._forget_plan())
        self.path.textChanged.connect(lambda _text: self._forget_plan())
        self._plan: SyncPlan | None = None
        self.bar = QProgressBar()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Line"), self.tr("Camera"), self.tr("Problem"),
                                              self.tr("Details")])
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.plan_table = QTableWidget(0, 4)  # the sync plan: what happens to which camera
        self.plan_table.setHorizontalHeaderLabels([self.tr("Change"), self.tr("Camera"), self.tr("Name"),
                                                   self.tr("Details")])
        self.plan_table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 180), (1, 190), (2, 280)):  # ids like SMG-BAN-SRO-00209 on one line
            self.plan_table.setColumnWidth(column, width)
        self.plan_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.plan_table.hide()
        self.buttons = QDialogButtonBox()
        self.run_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button = self.buttons.addButton(self.tr("Apply sync"), QDialogButtonBox.ButtonRole.ActionRole)
        self.apply_button.setEnabled(False)
        self.apply_button.hide()
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.run_button.clicked.connect(lambda: self.start())
        self.apply_button.clicked.connect(lambda: self.apply())
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.path)
        row.addWidget(browse)
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(self.valid_only)
        lay.addWidget(self.sync)
        lay.addWidget(self.bar)
        lay.addWidget(self.summary)
        lay.addWidget(self.plan_table)
        lay.addWidget(self.table)
        lay.addWidget(self.buttons)
        self.resize(900, 560)

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Camera register"), "",
                                              self.tr("Registers (*.csv *.json);;All files (*)"))
        if name:
            self.path.setText(name)

    def _forget_plan(self) -> None:
        """A previewed plan holds for the file and options it was made with only."""
        self._plan = None
        self.apply_button.setEnabled(False)
        self.apply_button.setVisible(self.sync.isChecked())
        self.plan_table.setVisible(self.sync.isChecked())
        self.run_button.setText(self.tr("Preview sync") if self.sync.isChecked() else self.tr("Import"))

    def start(self) -> None:
        """Import, or with Sync ticked preview the sync (writes nothing)."""
        path = Path(self.path.text().strip())
        if not self.path.text().strip():
            self.summary.setText(self.tr("Choose a file first."))
            return
        self._forget_plan()
        valid_only, sync, relay, user = self.valid_only.isChecked(), self.sync.isChecked(), self._relay, self._user()
        key = self._key

        def job(db):  # type: ignore[no-untyped-def]
            progress = lambda done, total: relay.progress.emit(done, total)  # noqa: E731
            if sync:
                return plan_sync(path, db, user=user, valid_only=valid_only, progress=progress)
            return import_register(path, db, CredentialStore(db, key), user=user, valid_only=valid_only,
                                   progress=progress)

        self._submit(job, self.tr("Reading the file and comparing it with the register...") if sync
                     else self.tr("Importing..."))

    def apply(self) -> None:
        """Apply the previewed sync plan: the person has seen it and pressed Apply sync."""
        plan, key, user = self._plan, self._key, self._user()
        if plan is None:
            return
        self.apply_button.setEnabled(False)

        def job(db):  # type: ignore[no-untyped-def]
            return apply_sync(plan, db, CredentialStore(db, key), user=user)

        self._submit(job, self.tr("Applying the sync..."))

    def _submit(self, job: Callable[..., object], text: str) -> None:
        self.run_button.setEnabled(False)
        self.bar.setRange(0, 0)
        self.summary.setText(text)
        relay = self._relay
        self._ops.read(job, relay.finished.emit, relay.finished.emit)

    def _on_progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(done)

    def _on_finished(self, result: object) -> None:
        self.run_button.setEnabled(True)
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        if isinstance(result, ImportFileError):
            self.summary.setText(f"{result.path}: {file_problem_text(result.problem, ui_lang())}")
            return
        if isinstance(result, AccessDenied | SyncError):
            self.summary.setText(str(result))
            return
        if isinstance(result, SyncPlan):
            self._show_plan(result)
            return
        if isinstance(result, SyncResult):
            done = result.plan
            self.summary.setText(self.tr("Synced: %1 added, %2 changed, %3 retired, %4 restored.")
                                 .replace("%1", number(len(done.added))).replace("%2", number(len(done.changed)))
                                 .replace("%3", number(len(done.retired)))
                                 .replace("%4", number(len(done.restored))))
            self._plan = None
            self.imported.emit()
            return
        if isinstance(result, BaseException):
            self.summary.setText(self.tr("Import failed: %1").replace("%1", str(result)))
            return
        assert isinstance(result, ImportReport)
        # tr(..., n) with %Ln: plural forms and the locale's thousands separator (4.627 baris dibaca)
        text = ", ".join((self.tr("%Ln rows read", "", result.rows_read), self.tr("%Ln imported", "", result.imported),
                          self.tr("%Ln rejected", "", len(result.rejected)))) + "."
        if result.rejected and not result.imported:
            text += " " + self.tr("Nothing was imported: fix the lines below, or tick 'Import valid rows'.")
        self.summary.setText(text)
        self._show_rejected(result.rejected)
        if result.imported:
            self.imported.emit()

    def _show_rejected(self, rejected: list[RowProblem]) -> None:
        lines = report_lines(rejected)  # every defect of a row; a flood of one id as one line
        lang = ui_lang()  # the validator's reasons and codes in the operator's language (domain/register_words)
        self.table.setRowCount(len(lines))
        for r, line in enumerate(lines):
            for c, value in enumerate((str(line.line), line.camera_id or "", codes_text(line.codes, lang),
                                       reason_text(line.message, lang))):
                self.table.setItem(r, c, QTableWidgetItem(value))

    def _show_plan(self, plan: SyncPlan) -> None:
        self._show_rejected(plan.rejected)
        groups = ((self.tr("add"), plan.added), (self.tr("change"), plan.changed), (self.tr("retire"), plan.retired),
                  (self.tr("restore (back in service)"), plan.restored))
        rows = [(what, e.camera_id, e.name, e.detail) for what, entries in groups for e in entries]
        rows += [(self.tr("leave as is (on a rejected line)"), cid, "", "") for cid in plan.spared]
        self.plan_table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                self.plan_table.setItem(r, c, QTableWidgetItem(value))
        text = (self.tr("Sync plan: %1 to add, %2 to change, %3 to retire, %4 to restore, %5 unchanged, %6 rejected.")
                .replace("%1", number(len(plan.added))).replace("%2", number(len(plan.changed)))
                .replace("%3", number(len(plan.retired))).replace("%4", number(len(plan.restored)))
                .replace("%5", number(plan.unchanged)).replace("%6", number(len(plan.rejected))))
        if not plan.applicable:
            text += " " + self.tr("Nothing can be synced: fix the lines below, or tick 'Import valid rows'.")
        elif not plan.has_changes:
            text += " " + self.tr("The register already matches the file.")
        else:
            text += " " + self.tr("Nothing has changed yet: press Apply sync to do this.")
            self._plan = plan
            self.apply_button.setEnabled(True)
        self.summary.setText(text)

"""The Review window's export dialog: where to, as zip, watermarked copies, and (for a role allowed
to) the unmasked original with the reason for it.

The dialog only collects the choice; the evidence service checks the role and the reason again and
audits the export. The unmasked option is not shown at all to a role without EXPORT_UNMASKED.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True, slots=True)
class ExportChoice:
    dest: Path
    as_zip: bool = False
    watermark: bool = False
    original: bool = False  # unmasked originals instead of masked copies
    reason: str = ""


class ExportDialog(QDialog):
    chosen = Signal(object)  # ExportChoice, when accepted with a usable folder (and a reason, if unmasked)

    def __init__(self, parent: QWidget | None, folder: Path, *, may_export_original: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export evidence to"))
        self.folder = QLineEdit(str(folder))
        self.folder.selectAll()
        browse = QPushButton(self.tr("Browse..."))
        browse.clicked.connect(lambda _checked=False: self._browse())
        self.as_zip = QCheckBox(self.tr("as &zip"))
        self.watermark = QCheckBox(self.tr("&watermarked copies"))
        self.original: QCheckBox | None = None
        self.reason: QLineEdit | None = None
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #e07070")
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(browse)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Folder the export goes into:")))
        lay.addLayout(where)
        lay.addWidget(self.as_zip)
        lay.addWidget(self.watermark)
        if may_export_original:  # the menu reflects the policy; the service enforces it
            self.original = QCheckBox(self.tr("&Unmasked original (reason required)"))
            self.original.setToolTip(self.tr("Export the clips and snapshots without privacy masks. "
                                             "Recorded in the audit trail with your reason."))
            self.reason = QLineEdit()
            self.reason.setPlaceholderText(self.tr("Reason (e.g. court order number)"))
            self.reason.setEnabled(False)
            self.original.toggled.connect(self._original_toggled)
            lay.addWidget(self.original)
            lay.addWidget(self.reason)
        lay.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(560, self.sizeHint().height())
        self.folder.setFocus()

    def options(self) -> tuple[str, ...]:
        """The options this dialog offers (for the status file: what a person can see)."""
        return ("as_zip", "watermark") + (("original",) if self.original is not None else ())

    def _original_toggled(self, on: bool) -> None:
        assert self.reason is not None
        self.reason.setEnabled(on)
        if on:
            self.reason.setFocus()

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Export evidence to"), self.folder.text(),
                                                  QFileDialog.Option.ShowDirsOnly
                                                  | QFileDialog.Option.DontUseNativeDialog)
        if chosen:
            self.folder.setText(chosen)

    def _accept(self) -> None:
        dest = Path(self.folder.text().strip()).expanduser()
        if not self.folder.text().strip() or not dest.is_dir():
            self.problem.setText(self.tr("Choose an existing folder"))
            return
        original = self.original is not None and self.original.isChecked()
        reason = " ".join(self.reason.text().split()) if self.reason is not None and original else ""
        if original and not reason:
            self.problem.setText(self.tr("An unmasked export needs a reason"))
            assert self.reason is not None
            self.reason.setFocus()
            return
        self.chosen.emit(ExportChoice(dest, self.as_zip.isChecked(), self.watermark.isChecked(), original, reason))
        self.accept()

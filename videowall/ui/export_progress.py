"""The Review window's export progress: a bar, what the export is doing now, and Cancel (Esc, Alt+C).

The panel only shows what the evidence service reports (on the UI loop) and passes a press of Cancel
on as ``cancel_requested``; the window owns the export and its cancel token. Hidden when no export
runs.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from videowall.domain.export_progress import ExportProgress, Step


@dataclass(frozen=True, slots=True)
class ExportProgressStatus:
    """The running export as the panel shows it (for the status file)."""

    done: int  # steps finished
    total: int  # steps planned (0 until the first report)
    percent: int  # the bar
    step: str  # Step's value ("" until the first report)
    text: str  # the label, as shown
    cancelling: bool  # Cancel was pressed; the export is stopping


class ExportProgressPanel(QWidget):
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setFormat("%p %")
        self.bar.setMinimumWidth(260)
        self.label = QLabel()
        self.cancel = QPushButton(self.tr("&Cancel export"))
        self.cancel.setToolTip(self.tr("Stop the export and remove what it has written so far (Esc)"))
        self.cancel.clicked.connect(lambda _checked=False: self._cancel())
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)  # only while the panel is shown
        escape.activated.connect(self._cancel)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.bar)
        lay.addWidget(self.cancel)
        self._last: ExportProgress | None = None
        self._cancelling = False
        self.hide()

    def start(self) -> None:
        self._last, self._cancelling = None, False
        self.bar.setValue(0)
        self.label.setText(self.tr("Preparing the export..."))
        self.cancel.setEnabled(True)
        self.show()

    def finish(self) -> None:
        self.hide()

    def show_progress(self, p: ExportProgress) -> None:
        if not self.isVisible():
            return  # a report that arrived after the end
        self._last = p
        self.bar.setValue(int(p.fraction * 1000))
        if not self._cancelling:
            self.label.setText(self.tr("Step %1 of %2: %3").replace("%1", str(p.done + 1))
                               .replace("%2", str(p.total)).replace("%3", self.step_text(p)))

    def step_text(self, p: ExportProgress) -> str:
        """What the export does now, in the console's language: "masking clip 3 of 5 (41 %)"."""
        texts = {
            Step.COPY_SNAPSHOT: self.tr("copying snapshot %1 of %2"),
            Step.MASK_SNAPSHOT: self.tr("masking snapshot %1 of %2"),
            Step.COPY_CLIP: self.tr("copying clip %1 of %2"),
            Step.MASK_CLIP: self.tr("masking clip %1 of %2"),
            Step.WATERMARK_CLIP: self.tr("watermarking clip %1 of %2"),
            Step.RECORDS: self.tr("writing the custody log and manifest"),
            Step.REPORTS: self.tr("writing the case reports"),
            Step.SIGN: self.tr("signing the export"),
            Step.ZIP: self.tr("writing the zip file"),
        }
        text = texts[p.step].replace("%1", str(p.index)).replace("%2", str(p.count))
        if p.part_percent is not None:
            text += f" ({p.part_percent} %)"
        return text

    def _cancel(self) -> None:
        if not self.isVisible() or self._cancelling:
            return
        self._cancelling = True
        self.cancel.setEnabled(False)
        self.label.setText(self.tr("Cancelling the export..."))
        self.cancel_requested.emit()

    def status(self) -> ExportProgressStatus | None:
        if not self.isVisible():
            return None
        p = self._last
        return ExportProgressStatus(p.done if p else 0, p.total if p else 0, self.bar.value() // 10,
                                    p.step.value if p else "", self.label.text(), self._cancelling)

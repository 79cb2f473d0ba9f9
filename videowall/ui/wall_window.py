"""A frameless full-screen wall on one monitor; it shows a WallView and nothing else."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QScreen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from videowall.domain.monitors import MonitorId
from videowall.ui.wall_view import WallView


def monitor_id(screen: QScreen) -> MonitorId:
    size = screen.size()
    return MonitorId(screen.name(), screen.manufacturer(), screen.model(), screen.serialNumber(),
                     size.width(), size.height())


class WallWindow(QWidget):
    closed = Signal(object)  # MonitorId

    def __init__(self, view: WallView, screen: QScreen) -> None:
        super().__init__(None, Qt.WindowType.FramelessWindowHint | Qt.WindowType.Window)
        self.view = view
        self.monitor = monitor_id(screen)
        self.setWindowTitle(self.tr("videowall - wall on %1").replace("%1", self.monitor.label()))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(view)
        self.place(screen)

    def place(self, screen: QScreen) -> None:
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit(self.monitor)
        super().closeEvent(event)

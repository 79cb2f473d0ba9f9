"""A frameless full-screen wall on one monitor; it shows a WallView and nothing else."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QScreen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from videowall.domain.monitors import MonitorId, distinguish
from videowall.ui.shortcuts import bind
from videowall.ui.wall_view import WallView


def monitor_ids(screens: list[QScreen]) -> list[MonitorId]:
    """Every screen's identity; twins (no EDID, same name and size) told apart by their position."""
    desktops: list[list[QScreen]] = []  # screens sharing one virtual desktop (one X screen)
    ids = []
    for n, screen in enumerate(screens):
        desktop = next((i for i, d in enumerate(desktops) if screen in d), None)
        if desktop is None:
            desktops.append(list(screen.virtualSiblings()) or [screen])
            desktop = len(desktops) - 1
        g = screen.geometry()
        ids.append(MonitorId(screen.name(), screen.manufacturer(), screen.model(), screen.serialNumber(),
                             g.width(), g.height(), g.x(), g.y(), desktop, n + 1))
    return distinguish(ids)


def monitor_id(screen: QScreen) -> MonitorId:
    screens = QGuiApplication.screens()
    return monitor_ids(screens)[screens.index(screen)] if screen in screens else monitor_ids([screen])[0]


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

    def add_shortcut(self, sequence: str, slot: Callable[[], None]) -> None:
        """A key that works while this wall has the keyboard (the console's keys are bound per window)."""
        bind(self, sequence, slot)

    def place(self, screen: QScreen) -> None:
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit(self.monitor)
        super().closeEvent(event)

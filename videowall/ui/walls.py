"""Monitor walls: open a full-screen wall on an assigned monitor, and bring walls back by identity."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication, QScreen

from videowall.domain.grid import preset
from videowall.domain.layout import Layout
from videowall.domain.monitors import MonitorId, match
from videowall.services.layout_service import LayoutService, wall_layout_name
from videowall.services.wall_control import WallController
from videowall.storage.walls import SavedWall
from videowall.ui.wall_view import WallView
from videowall.ui.wall_window import WallWindow, monitor_id

log = logging.getLogger(__name__)


class WallManager(QObject):
    """Owns the wall windows; each has its own WallController made by ``make_controller``."""

    def __init__(self, make_controller: Callable[[Callable[[WallView], None]], WallController],
                 layouts: LayoutService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._make = make_controller
        self._layouts = layouts
        self.windows: dict[str, WallWindow] = {}
        self._quitting = False  # closing every wall to quit is not the operator closing a wall
        self._autosave = QTimer(self)
        self._autosave.setInterval(3000)
        self._autosave.timeout.connect(self.save_all)
        self._autosave.start()

    @staticmethod
    def screens() -> list[QScreen]:
        return QGuiApplication.screens()

    def is_open(self, screen: QScreen) -> bool:
        return monitor_id(screen).key() in self.windows

    def open(self, screen: QScreen, layout: Layout | None = None) -> WallWindow:
        key = monitor_id(screen).key()
        if key in self.windows:
            return self.windows[key]
        holder: list[WallView] = []
        controller = self._make(holder.append)
        view = holder[0]
        window = WallWindow(view, screen)
        window.closed.connect(self._closed)
        self.windows[key] = window
        if layout is not None:
            controller.apply_layout(layout)
        else:
            controller.apply_shape(preset("2x2") or controller.shape, [], keep=False)
        return window

    def close(self, screen: QScreen) -> None:
        window = self.windows.get(monitor_id(screen).key())
        if window is not None:
            window.close()

    def _closed(self, monitor: MonitorId) -> None:
        window = self.windows.pop(monitor.key(), None)
        if window is not None:
            layout = window.view.controller.to_layout(wall_layout_name(monitor))
            self._layouts.save_wall(monitor, layout, enabled=self._quitting)
            window.view.controller.live.close()
            window.deleteLater()

    def save_all(self) -> None:
        for window in self.windows.values():
            m = window.monitor
            self._layouts.save_wall(m, window.view.controller.to_layout(wall_layout_name(m)), True)

    def restore(self, saved: list[SavedWall]) -> None:
        """Reopen saved walls on whichever current monitor is the same physical one."""
        enabled = [w for w in saved if w.enabled]
        screens = self.screens()
        pairs = match([w.monitor for w in enabled], [monitor_id(s) for s in screens])
        for si, ci in pairs.items():
            wall, screen = enabled[si], screens[ci]
            if wall.layout is None:
                self.open(screen)
                continue
            self._layouts.load(wall.layout, partial(self._open_restored, screen))

    def _open_restored(self, screen: QScreen, layout: Layout | None) -> None:
        self.open(screen, layout)

    def close_all(self) -> None:
        """At quit: every wall is remembered as open, to come back at the next start."""
        self._quitting = True
        self._autosave.stop()
        for window in list(self.windows.values()):
            window.close()

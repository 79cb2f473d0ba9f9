"""Monitor walls: open a full-screen wall on an assigned monitor, and bring walls back by identity.

A wall closed and opened again comes back as it was: its layout is kept for the session, and read back
from the database (every wall's layout is stored when it closes) when the app was restarted meanwhile.
Wall windows take the console's layout keys (Ctrl+1..7, Ctrl+Shift+n) for their own wall; other keys
can be added for every wall with :meth:`WallManager.add_wall_shortcut`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication, QScreen

from videowall.domain.grid import GRID_PRESETS, SPAN_PRESETS, GridShape, preset
from videowall.domain.layout import Layout
from videowall.domain.monitors import MonitorId, match
from videowall.services.layout_service import LayoutService, wall_layout_name
from videowall.services.wall_control import WallController
from videowall.storage.walls import SavedWall
from videowall.ui.shortcuts import GRID_KEYS, SPAN_KEYS
from videowall.ui.wall_view import WallView
from videowall.ui.wall_window import WallWindow, monitor_id, monitor_ids

log = logging.getLogger(__name__)


class WallManager(QObject):
    """Owns the wall windows; each has its own WallController made by ``make_controller``."""

    def __init__(self, make_controller: Callable[[Callable[[WallView], None]], WallController],
                 layouts: LayoutService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._make = make_controller
        self._layouts = layouts
        self.windows: dict[str, WallWindow] = {}
        self._kept: dict[str, Layout] = {}  # layouts of walls closed in this session, by monitor key
        self._shortcuts: list[tuple[str, Callable[[str], None]]] = []  # keys every wall takes: handler(wall key)
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

    def monitors(self) -> list[tuple[QScreen, MonitorId, bool]]:
        """What the Monitors menu lists: each screen, its (distinguished) identity, whether its wall is open."""
        screens = self.screens()
        return [(s, m, m.key() in self.windows) for s, m in zip(screens, monitor_ids(screens), strict=True)]

    def add_wall_shortcut(self, sequence: str, handler: Callable[[str], None]) -> None:
        """A key every wall window takes (now and later ones); ``handler`` gets the wall's key."""
        self._shortcuts.append((sequence, handler))
        for key, window in self.windows.items():
            window.add_shortcut(sequence, partial(handler, key))

    def open(self, screen: QScreen, layout: Layout | None = None) -> WallWindow:
        """Open the wall on ``screen`` with ``layout``, else with the layout it had when it was closed."""
        monitor = monitor_id(screen)
        key = monitor.key()
        if key in self.windows:
            return self.windows[key]
        holder: list[WallView] = []
        controller = self._make(holder.append)
        view = holder[0]
        window = WallWindow(view, screen)
        window.closed.connect(self._closed)
        self.windows[key] = window
        self._bind_keys(window, controller)
        layout = layout or self._kept.pop(key, None)
        if layout is not None:
            controller.apply_layout(layout)
        else:
            controller.apply_shape(preset("2x2") or controller.shape, [], keep=False)
            self._layouts.load(wall_layout_name(monitor), partial(self._stored_layout, key, controller.shape))
        return window

    def _stored_layout(self, key: str, opened_with: GridShape, layout: Layout | None) -> None:
        """The layout this wall had in an earlier session, unless it was given another one meanwhile."""
        window = self.windows.get(key)
        if layout is None or window is None:
            return
        controller = window.view.controller
        if controller.shape is opened_with and all(t.camera is None for t in controller.tiles()):
            controller.apply_layout(layout)

    def _bind_keys(self, window: WallWindow, controller: WallController) -> None:
        for sequence, name in GRID_KEYS:
            window.add_shortcut(sequence, partial(_show_shape, controller, GRID_PRESETS[name]))
        for sequence, name in SPAN_KEYS:
            window.add_shortcut(sequence, partial(_show_shape, controller, SPAN_PRESETS[name]))
        key = window.monitor.key()
        for sequence, handler in self._shortcuts:
            window.add_shortcut(sequence, partial(handler, key))

    def close(self, screen: QScreen) -> None:
        window = self.windows.get(monitor_id(screen).key())
        if window is not None:
            window.close()

    def _closed(self, monitor: MonitorId) -> None:
        window = self.windows.pop(monitor.key(), None)
        if window is not None:
            layout = window.view.controller.to_layout(wall_layout_name(monitor))
            self._kept[monitor.key()] = layout
            self._layouts.save_wall(monitor, layout, enabled=self._quitting)
            window.view.controller.close()
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


def _show_shape(controller: WallController, shape: GridShape) -> None:
    controller.layout_name = None
    controller.apply_shape(shape)

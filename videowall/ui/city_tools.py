"""The console's city-scale tools: Dashboard, register export, favourites, bulk edit and the alarm tile.

Installed on the MainWindow by the composition root as one extra toolbar plus the camera panel's
signals, so the console window itself stays about the wall.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QFileDialog, QMainWindow, QToolBar

from videowall.domain.access import AccessDenied, Permission
from videowall.domain.camera import Camera
from videowall.domain.register_rows import NO_PASSWORDS_NOTE
from videowall.services.city import CityService
from videowall.services.operations import deliver
from videowall.ui.alerts import AlertCenter
from videowall.ui.bulk_edit import BulkEditDialog
from videowall.ui.camera_panel import CameraPanel
from videowall.ui.dashboard import DashboardActions, DashboardWindow
from videowall.ui.policy_view import gate
from videowall.ui.refusal_words import refusal_text

log = logging.getLogger(__name__)
Post = Callable[[Callable[[], None]], Any]


class FirstPaint(QObject):
    """Calls ``done`` once, on the first paint of the watched widget: the start-up timing's end mark."""

    def __init__(self, widget: QObject, done: Callable[[], None]) -> None:
        super().__init__(widget)
        self._done: Callable[[], None] | None = done
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._done is not None:
            watched.removeEventFilter(self)
            self.fire()
        return False

    def fire(self) -> None:
        """Run ``done`` now unless it already ran."""
        done, self._done = self._done, None
        if done is not None:
            done()


class CityTools(QObject):
    def __init__(self, window: QMainWindow, panel: CameraPanel, city: CityService, actions: DashboardActions,
                 alerts: AlertCenter, post: Post, set_cameras: Callable[[list[Camera]], None]) -> None:  # fmt: skip
        super().__init__(window)
        self._window = window
        self._panel = panel
        self._city = city
        self._actions = actions
        self.alerts = alerts
        self._post = post
        self._set_cameras = set_cameras
        self.dashboard: DashboardWindow | None = None
        self.on_close: list[Callable[[], None]] = []
        self._tasks: set[asyncio.Future[None]] = set()
        bar = QToolBar(self.tr("City"), window)
        bar.setObjectName("city")
        window.addToolBarBreak()  # a row of its own: beside the wall's bar it hid entries at 1600x900
        window.addToolBar(bar)
        bar.addAction(self.tr("Dashboard"), self.open_dashboard)
        gate(bar.addAction(self.tr("Export register..."), self._export), Permission.EXPORT_REGISTER)
        self.alarm_action = bar.addAction(self.tr("Alarm tile"))
        self.alarm_action.setCheckable(True)
        self.alarm_action.setToolTip(self.tr("The focused tile (else the last) shows the next camera that goes dark"))
        self.alarm_action.toggled.connect(self._alarm_toggled)
        panel.favourites_requested.connect(self.set_favourites)
        panel.bulk_edit_requested.connect(self.bulk_edit)

    def _message(self, text: str, ms: int = 6000) -> None:
        self._window.statusBar().showMessage(text, ms)

    def _later(self, future: Future[Any], then: Callable[[Any], None]) -> None:
        """Run ``then(result)`` on the UI thread when the writer finishes; failures go to the status bar."""

        def post(fn: Callable[..., object], *args: object) -> None:
            def call() -> None:
                fn(*args)

            self._post(call)

        deliver(future, post, then,
                lambda exc: self._message(self.tr("Could not save: %1").replace("%1", refusal_text(exc))))

    # --- dashboard ------------------------------------------------------------------------------------
    def open_dashboard(self) -> DashboardWindow:
        if self.dashboard is None:
            self.dashboard = DashboardWindow(self._actions)
        self.dashboard.show()
        self.dashboard.raise_()
        self.dashboard.refresh()
        return self.dashboard

    async def shutdown(self, timeout: float = 5.0) -> None:
        """Cancel a running sweep and wait (bounded) until it has stored what finished, then close."""
        if self.dashboard is not None:
            self.dashboard.closing = True
            task = self.dashboard.cancel_sweep()
            if task is not None:
                with contextlib.suppress(asyncio.CancelledError, asyncio.TimeoutError, Exception):
                    await asyncio.wait_for(asyncio.shield(task), timeout)
            self.dashboard.close()
        for fn in self.on_close:
            fn()

    # --- register -----------------------------------------------------------------------------------
    def _export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self._window, self.tr("Export register"), "register.csv",
                                              self.tr("CSV (*.csv);;JSON (*.json)"))  # fmt: skip
        export = self._actions.export_register
        if path and export is not None:
            task = asyncio.ensure_future(self._exported(export(Path(path)), path))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _exported(self, done: Awaitable[object], path: str) -> None:
        try:
            await done
        except (AccessDenied, OSError) as exc:  # AccessDenied first: it is an OSError too
            self._message(self.tr("Register not exported: %1").replace("%1", refusal_text(exc)), 12000)
            return
        self._message(self.tr("Register exported to %1. %2").replace("%1", path)
                      .replace("%2", self.tr(NO_PASSWORDS_NOTE)), 12000)  # fmt: skip

    def set_favourites(self, ids: list[str], starred: bool) -> None:
        def show(favourites: set[str]) -> None:
            model = self._panel.model
            model.set_cameras(model.cameras(), favourites)
            self._panel.tree.expandToDepth(0)

        self._later(self._city.set_favourites(ids, starred), show)

    def bulk_edit(self, ids: list[str]) -> None:
        known = sorted({t for c in self._panel.model.cameras() for t in c.tags})
        dialog = BulkEditDialog(ids, known, self._window)
        if not dialog.exec():
            return
        edit = dialog.edit()
        if edit.empty:
            return

        def show(cameras: list[Camera]) -> None:
            self._set_cameras(cameras)
            self._message(self.tr("%Ln cameras edited", "", len(edit.camera_ids)))

        try:
            future = self._city.apply_edit(edit)
        except AccessDenied as exc:  # the service's check; the menu only reflects it
            self._message(refusal_text(exc))
            return
        self._later(future, show)

    # --- alarm tile -----------------------------------------------------------------------------------
    def _alarm_toggled(self, on: bool) -> None:
        if not on:
            self.alerts.set_alarm_tile(None)
            return
        from videowall.ui.main_window import MainWindow

        wall = self._window.wall_view if isinstance(self._window, MainWindow) else None  # tests: a bare window
        index = wall.focused_index() if wall is not None else None
        tiles = self.alerts.console.tiles()
        if index is None:
            index = len(tiles) - 1 if tiles else None
        self.alerts.set_alarm_tile(index)
        if index is not None:
            self._message(self.tr("Tile %1 is the alarm tile").replace("%1", str(index + 1)))

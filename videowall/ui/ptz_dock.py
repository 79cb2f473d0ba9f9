"""PTZ for the camera of one tile: connect in the background, host the panel, put the tile in PTZ mode.

Connecting to an ONVIF camera takes a second or more and may fail; the wall never waits for it. The
dock says what it is doing and, on failure, precisely what failed.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from videowall.domain.camera import Camera
from videowall.ui.ptz_panel import PtzPanel
from videowall.ui.ptz_patrol import PatrolBox, patrol_badge
from videowall.ui.ptz_thumbnails import PresetThumbnails
from videowall.ui.ptz_words import ptz_words
from videowall.ui.refusal_words import refusal_text, role_name
from videowall.ui.tile import VideoTile

if TYPE_CHECKING:
    from videowall.ptz.controller import PtzController
    from videowall.services.ptz_input import PtzInputMapper
    from videowall.services.ptz_patrol import PatrolService

log = logging.getLogger(__name__)
OpenPtz = Callable[[Camera, bool], Awaitable["PtzController"]]  # (camera, take over from a lower role)


class PtzDock(QDockWidget):
    def __init__(self, loop: asyncio.AbstractEventLoop, open_ptz: OpenPtz, parent: QWidget | None = None, *,
                 thumbnails_dir: Path | None = None, patrols: PatrolService | None = None) -> None:
        super().__init__(parent)
        self._patrols = patrols  # preset patrols and park (services/ptz_patrol.py); None: no patrol tab
        self._patrol: PatrolBox | None = None
        self._tabs: QTabWidget | None = None
        self._thumbnails_dir = thumbnails_dir  # a picture per preset (ui/ptz_thumbnails.py)
        self.setObjectName("ptz")
        self.setWindowTitle(self.tr("PTZ"))
        self._loop = loop
        self._open = open_ptz
        self._tile: VideoTile | None = None
        self._controller: PtzController | None = None
        self._task: asyncio.Task[None] | None = None
        self._status = QLabel()
        self._status.setWordWrap(True)
        self._status.setObjectName("ptz_status")
        self.retry_button = QPushButton(self.tr("Retry"))
        self.retry_button.setObjectName("ptz_retry")
        self.take_over_button = QPushButton(self.tr("Take over"))
        self.take_over_button.setObjectName("ptz_take_over")
        self.take_over_button.setToolTip(self.tr("Take PTZ control from the operator who holds it; they are told"))
        self.retry_button.clicked.connect(lambda _checked=False: self._again(take_over=False))
        self.take_over_button.clicked.connect(lambda _checked=False: self._again(take_over=True))
        buttons = QHBoxLayout()
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.take_over_button)
        buttons.addStretch(1)
        holder = QWidget()
        self._layout = QVBoxLayout(holder)
        self._layout.addWidget(self._status)
        self._layout.addLayout(buttons)
        self._layout.addStretch(1)
        self.setWidget(holder)
        self._panel: PtzPanel | None = None
        self._tile_camera: Camera | None = None
        self.holder: str | None = None  # who holds the camera when we may not steer it (status JSON)
        self._show_buttons(retry=False, take_over=False)
        self._watch = QTimer(self)  # notices a takeover by another console (the controller's lock keeper)
        self._watch.setInterval(250)
        self._watch.timeout.connect(self._check_lost)

    def _show_buttons(self, *, retry: bool, take_over: bool) -> None:
        self.retry_button.setVisible(retry)
        self.take_over_button.setVisible(take_over)

    @property
    def message(self) -> str:
        return self._status.text()

    @property
    def panel_message(self) -> str:
        """The panel's status line (last action, camera error, position); empty without a panel."""
        return self._panel.status.text() if self._panel is not None else ""

    def _again(self, *, take_over: bool) -> None:
        tile, camera = self._tile, self._tile_camera
        if tile is not None and camera is not None:
            self.attach(tile, camera, take_over=take_over)

    @property
    def camera_id(self) -> str | None:
        return self._tile_camera.id if self._tile is not None and self._tile_camera is not None else None

    def buttons_json(self) -> dict[str, list[int]]:
        """Visible buttons' global geometry (x, y, w, h), for tests that click them with real input."""
        out = {}
        widgets: list[tuple[str, QWidget]] = [("retry", self.retry_button), ("take_over", self.take_over_button)]
        if self._panel is not None:
            widgets += [("preset_name", self._panel.preset_name), ("preset_save", self._panel.save_button),
                        ("preset_remove", self._panel.remove_button), ("preset_list", self._panel.preset_list)]
        box = self._patrol
        if box is not None:
            widgets += [("patrol_dwell", box.dwell), ("patrol_add_all", box.add_all_button),
                        ("patrol_start", box.start_button), ("patrol_stop", box.stop_button)]
        for name, button in widgets:
            if button.isVisible():
                corner = button.mapToGlobal(button.rect().topLeft())
                out[name] = [corner.x(), corner.y(), button.width(), button.height()]
        tabs = self._tabs
        if tabs is not None and tabs.isVisible():
            bar = tabs.tabBar()
            for index, name in ((0, "tab_controls"), (1, "tab_patrol")):
                rect = bar.tabRect(index)
                corner = bar.mapToGlobal(rect.topLeft())
                out[name] = [corner.x(), corner.y(), rect.width(), rect.height()]
        return out

    @property
    def patrol_message(self) -> str:
        """The patrol's status line ("Patrol: preset 2/4 ...", "Parked at ..."); empty without one."""
        return self._patrol.status.text() if self._patrol is not None else ""

    def presets_json(self) -> list[dict[str, object]]:
        """The panel's preset list as shown: each row's text and whether it has its picture."""
        return self._panel.presets_json() if self._panel is not None else []

    @property
    def connected(self) -> bool:
        """The controller is open and the tile is in PTZ mode (status JSON, tests)."""
        return self._controller is not None and self._tile is not None

    def attach(self, tile: VideoTile, camera: Camera, *, take_over: bool = False) -> None:
        """Steer ``camera`` from ``tile`` (and from the panel); any previous tile leaves PTZ mode."""
        self.detach()
        self._tile, self._tile_camera = tile, camera
        self.holder = None
        self._show_buttons(retry=False, take_over=False)
        self._status.setText(self.tr("Connecting to %1 ...").replace("%1", camera.name))
        self.show()
        self.raise_()
        self._task = self._loop.create_task(self._connect(tile, camera, take_over))

    async def _connect(self, tile: VideoTile, camera: Camera, take_over: bool) -> None:
        from videowall.services.ptz_lock import PtzLocked, clock_text

        try:
            controller = await self._open(camera, take_over)
        except PtzLocked as exc:  # another console steers it: say who and until when
            self.holder = exc.lock.holder
            self._status.setText(self.tr("PTZ of %1 is controlled by %2 until %3").replace("%1", camera.name)
                                 .replace("%2", exc.lock.holder).replace("%3", clock_text(exc.lock.until)))
            self._show_buttons(retry=True, take_over=exc.can_take_over)
            return
        except Exception as exc:  # every ONVIF failure is shown in words, never as a crash
            log.info("PTZ for %s failed: %s", camera.id, exc)
            words = ptz_words(exc)  # a camera failure, in the operator's language
            if words is not None:
                why = words
            elif type(exc).__module__.startswith("videowall."):  # ours: worded for the operator
                why = refusal_text(exc)
            else:  # a library's or Python's own: its wording is not for the operator
                log.warning("PTZ for %s: unexpected failure", camera.id, exc_info=exc)
                why = self.tr("unexpected failure (details in the log)")
            self._status.setText(self.tr("PTZ unavailable for %1: %2").replace("%1", camera.name)
                                 .replace("%2", why))
            self._show_buttons(retry=True, take_over=False)
            return
        if self._tile is not tile:  # the operator moved on meanwhile
            self._loop.create_task(controller.close())
            return
        self._controller = controller
        thumbs = (PresetThumbnails(self._thumbnails_dir, camera.id, tile.grab_picture)
                  if self._thumbnails_dir is not None else None)
        self._panel = PtzPanel(controller, self._loop, self, thumbnails=thumbs)
        if self._patrols is not None:
            panel = self._panel
            self._patrol = PatrolBox(self._patrols, camera.id, panel.preset_names, self._loop)
            self._tabs = QTabWidget(self)
            self._tabs.addTab(panel, self.tr("Controls"))
            self._tabs.addTab(self._patrol, self.tr("Patrol"))
            self._layout.insertWidget(1, self._patrol.status)
            self._layout.insertWidget(2, self._tabs)
        else:
            self._layout.insertWidget(1, self._panel)
        self._status.setText(self.tr("%1: click on the tile to centre that point, drag to pan and tilt, "
                                     "wheel to zoom, arrows and +/-")
                             .replace("%1", camera.name))
        tile.set_ptz(self._panel.mapper)
        tile.setFocus(Qt.FocusReason.OtherFocusReason)
        self._watch.start()

    def _check_lost(self) -> None:
        """Another console took the camera over: leave PTZ mode and tell the operator who and when."""
        from videowall.services.ptz_lock import clock_text

        holder = self._controller.lost_to if self._controller is not None else None
        if holder is None or self._tile_camera is None:
            return
        tile, camera = self._tile, self._tile_camera
        self.detach()
        self._tile, self._tile_camera = tile, camera  # Retry stays possible
        self.holder = holder.holder
        self._status.setText(self.tr("%1 (%2) took over PTZ of %3 at %4; controlled by them until %5")
                             .replace("%1", holder.holder).replace("%2", role_name(holder.role))
                             .replace("%3", camera.name).replace("%4", clock_text(holder.since))
                             .replace("%5", clock_text(holder.until)))
        self._show_buttons(retry=True, take_over=False)

    @property
    def steering(self) -> PtzInputMapper | None:
        """The steered camera's input mapper while connected (the joystick drives it, ui/ptz_joystick.py)."""
        return self._panel.mapper if self._panel is not None and self._tile is not None else None
    def label_patrols(self, tiles: list[tuple[VideoTile, str | None]]) -> None:
        """Each tile (with its camera id) says its camera's patrol or park: "Patrol: preset 2/4", "Parked at"."""
        patrols = self._patrols
        for tile, camera_id in tiles:
            tile.set_patrol(patrol_badge(patrols, camera_id) if patrols is not None and camera_id else None)

    def go_home(self) -> None:
        """Send the steered camera to its home position (the tile's Home key, the panel's button)."""
        if self._panel is not None:
            self._panel.go_home()

    def detach(self) -> None:
        self._watch.stop()
        if self._task is not None and not self._task.done():
            self._task.cancel()
        if self._tile is not None:
            self._tile.set_ptz(None)
        for widget in (self._tabs, self._patrol.status if self._patrol is not None else None, self._patrol,
                       self._panel):
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        self._tabs = self._patrol = self._panel = None
        if self._controller is not None:
            self._loop.create_task(self._controller.close())
            self._controller = None
        self._tile = None
        self._tile_camera = None

    async def aclose(self) -> None:
        """At quit, while the event loop still runs: stop the camera and close the ONVIF session."""
        controller = self._controller
        self._controller = None
        self.detach()
        if controller is not None:
            await controller.close()

    def closeEvent(self, event: object) -> None:
        self.detach()
        super().closeEvent(event)  # type: ignore[arg-type]

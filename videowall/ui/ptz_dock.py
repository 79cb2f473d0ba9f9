"""PTZ for the camera of one tile: connect in the background, host the panel, put the tile in PTZ mode.

Connecting to an ONVIF camera takes a second or more and may fail; the wall never waits for it. The
dock says what it is doing and, on failure, precisely what failed.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QVBoxLayout, QWidget

from videowall.domain.camera import Camera
from videowall.ui.ptz_panel import PtzPanel
from videowall.ui.tile import VideoTile

if TYPE_CHECKING:
    from videowall.ptz.controller import PtzController

log = logging.getLogger(__name__)
OpenPtz = Callable[[Camera], Awaitable["PtzController"]]


class PtzDock(QDockWidget):
    def __init__(self, loop: asyncio.AbstractEventLoop, open_ptz: OpenPtz, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ptz")
        self.setWindowTitle(self.tr("PTZ"))
        self._loop = loop
        self._open = open_ptz
        self._tile: VideoTile | None = None
        self._controller: PtzController | None = None
        self._task: asyncio.Task[None] | None = None
        self._status = QLabel()
        self._status.setWordWrap(True)
        holder = QWidget()
        self._layout = QVBoxLayout(holder)
        self._layout.addWidget(self._status)
        self._layout.addStretch(1)
        self.setWidget(holder)
        self._panel: PtzPanel | None = None
        self._tile_camera: Camera | None = None

    @property
    def camera_id(self) -> str | None:
        return self._tile_camera.id if self._tile is not None and self._tile_camera is not None else None

    @property
    def connected(self) -> bool:
        """The controller is open and the tile is in PTZ mode (status JSON, tests)."""
        return self._controller is not None and self._tile is not None

    def attach(self, tile: VideoTile, camera: Camera) -> None:
        """Steer ``camera`` from ``tile`` (and from the panel); any previous tile leaves PTZ mode."""
        self.detach()
        self._tile, self._tile_camera = tile, camera
        self._status.setText(self.tr("Connecting to %1 ...").replace("%1", camera.name))
        self.show()
        self.raise_()
        self._task = self._loop.create_task(self._connect(tile, camera))

    async def _connect(self, tile: VideoTile, camera: Camera) -> None:
        try:
            controller = await self._open(camera)
        except Exception as exc:  # every ONVIF failure is shown in words, never as a crash
            log.info("PTZ for %s failed: %s", camera.id, exc)
            self._status.setText(self.tr("PTZ unavailable for %1: %2").replace("%1", camera.name)
                                 .replace("%2", str(exc)))
            return
        if self._tile is not tile:  # the operator moved on meanwhile
            self._loop.create_task(controller.close())
            return
        self._controller = controller
        self._panel = PtzPanel(controller, self._loop, self)
        self._layout.insertWidget(1, self._panel)
        self._status.setText(self.tr("%1: drag on the tile to pan and tilt, wheel to zoom, arrows and +/-")
                             .replace("%1", camera.name))
        tile.set_ptz(self._panel.mapper)
        tile.setFocus(Qt.FocusReason.OtherFocusReason)

    def go_home(self) -> None:
        """Send the steered camera to its home position (the tile's Home key, the panel's button)."""
        if self._panel is not None:
            self._panel.go_home()

    def detach(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
        if self._tile is not None:
            self._tile.set_ptz(None)
        if self._panel is not None:
            self._panel.setParent(None)
            self._panel.deleteLater()
            self._panel = None
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

"""The console's joystick: the SDL reader, the steering, and a quiet line in the status bar.

The reader's thread hands each stick event to the UI loop; the steering drives the PTZ dock's camera
(the selected PTZ tile). Without SDL2 or a stick the line says so and nothing else happens.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping

from PySide6.QtWidgets import QLabel

from videowall.domain.camera import Camera
from videowall.domain.joystick import StickConfig
from videowall.ptz.joystick import SdlJoysticks, StickEvent
from videowall.services.ptz_joystick import ConsoleHooks, JoystickSteering, Steered, StickState
from videowall.ui.main_window import MainWindow
from videowall.ui.ptz_dock import PtzDock


class JoystickConsole(QLabel):
    """Lives in the main window's status bar; ``start`` once the settings are read, ``stop`` at quit."""

    def __init__(self, window: MainWindow, dock: PtzDock, loop: asyncio.AbstractEventLoop,
                 config: StickConfig) -> None:
        super().__init__(window)
        self.setObjectName("joystick_status")
        self._window, self._dock, self._loop = window, dock, loop
        self.steering = JoystickSteering(config, ConsoleHooks(steered=self._steered, home=dock.go_home,
                                                              next_camera=self.next_camera, changed=self.show_state))
        self.reader: SdlJoysticks | None = None
        if config.enabled:
            self.reader = SdlJoysticks(self._deliver)
        window.statusBar().addPermanentWidget(self)
        self.show_state()

    def _deliver(self, event: StickEvent) -> None:
        """On the reader's thread: the event goes to the UI loop."""
        self._loop.call_soon_threadsafe(self.steering.on_event, event)

    def _steered(self) -> Steered | None:
        return self._dock.steering

    def start(self) -> None:
        if self.reader is not None:
            self.reader.start()

    def stop(self) -> None:
        if self.reader is not None:
            self.reader.stop()

    def drive_virtual(self, axes: Mapping[int, int], buttons: Mapping[int, bool], *, detach: bool = False) -> bool:
        """A script's virtual stick (SDL's own); False when the joystick is off."""
        if self.reader is None:
            return False
        if detach:
            self.reader.detach_virtual()
        else:
            self.reader.drive_virtual(axes, buttons)
        return True

    def next_camera(self) -> None:
        """Steer the next tile of the console (after the steered one) whose camera has PTZ."""
        tiles = self._window.console.tiles()
        cameras: list[Camera | None] = [t.camera for t in tiles]
        current = next((i for i, c in enumerate(cameras) if c is not None and c.id == self._dock.camera_id), -1)
        for step in range(1, len(cameras) + 1):
            index = (current + step) % len(cameras)
            camera = cameras[index]
            if camera is not None and camera.ptz and camera.onvif_host and index != current:
                self._window.open_ptz(index)
                return
        self._window.statusBar().showMessage(self.tr("No other PTZ camera on the wall"), 4000)

    def show_state(self) -> None:
        state = self.steering.state
        if state is StickState.READY:
            text = self.tr("Joystick: %1").replace("%1", ", ".join(sorted(self.steering.devices.values())))
        elif state is StickState.NONE:
            text = self.tr("No joystick")
        elif state is StickState.UNAVAILABLE:
            text = self.tr("No joystick support")
            self.setToolTip(self.tr("SDL2 for Python (PySDL2) is not installed here, or it did not start; "
                                    "details in the log"))
        elif state is StickState.OFF:
            text = ""
        else:
            text = self.tr("Looking for a joystick...")
        self.setText(text)

    def status_json(self) -> dict[str, object]:
        return {**self.steering.status_json(), "line": self.text()}

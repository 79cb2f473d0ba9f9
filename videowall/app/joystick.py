"""The joystick feature (ui/ptz_joystick.py): read its settings, then start the reader.

The settings are read on the database writer's thread; the console starts once they are back on the
UI loop (the defaults if they cannot be read). No SDL2 or no stick is a quiet status line.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from videowall.app.context import AppContext
from videowall.app.feature import Feature
from videowall.app.ptz import PtzFeature
from videowall.domain.joystick import StickConfig
from videowall.domain.settings_catalogue import current
from videowall.storage.settings import SettingsRepository

if TYPE_CHECKING:
    from videowall.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class JoystickFeature(Feature):
    name = "joystick"

    def __init__(self, ptz: PtzFeature) -> None:
        self._ptz = ptz
        self._ctx: AppContext | None = None
        self._window: MainWindow | None = None

    def install(self, ctx: AppContext, window: MainWindow) -> None:
        self._ctx, self._window = ctx, window
        ctx.ops.read(lambda db: SettingsRepository(db).all(), self._start, self._defaults)

    def _defaults(self, error: BaseException) -> None:
        log.warning("joystick settings not read (%s); using the defaults", error)
        self._start({})

    def _start(self, stored: dict[str, Any]) -> None:
        from videowall.ui.ptz_joystick import JoystickConsole

        window, dock = self._window, self._ptz.dock
        if self._ctx is None or window is None or dock is None:
            return
        console = JoystickConsole(window, dock, self._ctx.loop, StickConfig.from_settings(current(stored)))
        window.joystick = console
        console.start()

    def close(self) -> None:
        if self._window is not None and self._window.joystick is not None:
            self._window.joystick.stop()  # no stick event after this

    def status(self) -> dict[str, object]:
        stick = self._window.joystick if self._window is not None else None
        return {"joystick": stick.status_json() if stick is not None else None}

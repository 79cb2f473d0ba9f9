"""Composition of the console's joystick (ui/ptz_joystick.py): read its settings, then start the reader.

Part of the composition root (like ``app``): ``app.py`` only calls ``attach_joystick``. The settings
are read on the database writer's thread; the console starts once they are back on the UI loop.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import Future
from typing import Any

from videowall.domain.joystick import StickConfig
from videowall.domain.settings_catalogue import current
from videowall.storage.settings import SettingsRepository
from videowall.storage.writer import DatabaseWriter
from videowall.ui.main_window import MainWindow
from videowall.ui.ptz_dock import PtzDock
from videowall.ui.ptz_joystick import JoystickConsole

log = logging.getLogger(__name__)


def attach_joystick(window: MainWindow, dock: PtzDock, writer: DatabaseWriter, loop: asyncio.AbstractEventLoop) -> None:
    future: Future[dict[str, Any]] = writer.submit(lambda db: SettingsRepository(db).all(), transaction=False)
    future.add_done_callback(lambda f: loop.call_soon_threadsafe(_start, window, dock, loop, _values(f)))


def _values(future: Future[dict[str, Any]]) -> dict[str, Any]:
    """The stored settings (on the writer's thread, the future done); the defaults if they cannot be read."""
    error = future.exception()
    if error is not None:
        log.warning("joystick settings not read (%s); using the defaults", error)
        return {}
    return future.result()


def _start(window: MainWindow, dock: PtzDock, loop: asyncio.AbstractEventLoop, stored: dict[str, Any]) -> None:
    console = JoystickConsole(window, dock, loop, StickConfig.from_settings(current(stored)))
    window.joystick = console
    console.start()


def stop_joystick(window: MainWindow) -> None:
    if window.joystick is not None:
        window.joystick.stop()

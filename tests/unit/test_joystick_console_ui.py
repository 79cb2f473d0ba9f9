"""The console's joystick line on real widgets, in Indonesian, with real SDL: the status bar says there is no
stick, names SDL's virtual stick once it is plugged in, and says so again when it is pulled out; with the
joystick switched off in the settings SDL is never started and the line stays empty."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6 import QtWidgets

from tests.unit.console_rig import console
from tests.unit.english_check import english_texts, english_vocabulary
from videowall.domain.joystick import StickConfig
from videowall.services.ptz_joystick import StickState
from videowall.storage.writer import DatabaseWriter
from videowall.ui.ptz_dock import PtzDock
from videowall.ui.ptz_joystick import JoystickConsole


def _app() -> QtWidgets.QApplication:
    return QtWidgets.QApplication.instance() or QtWidgets.QApplication([])  # type: ignore[return-value]


@pytest.fixture
def indonesian() -> Iterator[Any]:
    from videowall.ui.language import Language

    language = Language(_app())
    assert language.install("id")
    yield language
    language.install("en")


def _until(loop: asyncio.AbstractEventLoop, check: Callable[[], bool], what: str, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, what
        loop.run_until_complete(asyncio.sleep(0.02))  # the reader's events arrive through the loop
        _app().processEvents()


def test_the_status_line_follows_the_stick_in_indonesian(indonesian: Any, tmp_path: Path) -> None:
    loop = asyncio.new_event_loop()
    with DatabaseWriter(tmp_path / "w.db") as writer:
        window = console(tmp_path, writer, indonesian)
        dock = PtzDock(loop, lambda *_a: None)  # type: ignore[arg-type]
        stick = JoystickConsole(window, dock, loop, StickConfig())
        window.show()
        line = window.statusBar().findChild(QtWidgets.QLabel, "joystick_status")
        assert line is stick
        stick.start()
        try:
            _until(loop, lambda: stick.steering.state is StickState.NONE, "SDL up, no stick")
            assert line.text() == "Tidak ada joystick"
            assert not english_texts(line, (), english_vocabulary()), line.text()
            assert stick.drive_virtual({0: 0}, {})  # plugged in
            _until(loop, lambda: stick.steering.state is StickState.READY, "the virtual stick")
            assert line.text() == "Joystick: Virtual Controller"
            assert stick.drive_virtual({}, {}, detach=True)
            _until(loop, lambda: stick.steering.state is StickState.NONE, "the stick pulled out")
            assert line.text() == "Tidak ada joystick"
        finally:
            stick.stop()
            window.close()
            loop.close()


def test_switched_off_sdl_never_starts_and_the_line_is_empty(indonesian: Any, tmp_path: Path) -> None:
    loop = asyncio.new_event_loop()
    with DatabaseWriter(tmp_path / "w.db") as writer:
        window = console(tmp_path, writer, indonesian)
        stick = JoystickConsole(window, PtzDock(loop, lambda *_a: None), loop,  # type: ignore[arg-type]
                                StickConfig(enabled=False))
        stick.start()
        assert stick.reader is None and stick.text() == "" and stick.steering.state is StickState.OFF
        assert not stick.drive_virtual({0: 32767}, {})  # a script's stick is refused too
        window.close()
        loop.close()

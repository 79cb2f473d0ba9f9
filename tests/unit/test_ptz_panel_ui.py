"""The PTZ panel's status line: a failure shows after a real click, and leaves once the camera answers again.

QTest clicks on the real ``PtzPanel`` (offscreen) over a small controller; its asyncio tasks run on a plain loop.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from videowall.domain.ptz import UNKNOWN_POSITION, Preset, Velocity
from videowall.ptz.errors import OnvifTimeout, PtzError
from videowall.ui.ptz_panel import PtzPanel


@pytest.fixture(scope="module")
def app() -> QApplication:
    return QApplication.instance() or QApplication([])  # type: ignore[return-value]


@pytest.fixture
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


class Camera:
    """Controller-like: Home fails while ``down``; ``successes`` counts calls that went through."""

    def __init__(self) -> None:
        self.down = True
        self.successes = 0
        self.last_error: PtzError | None = None
        self._at_error = 0
        self.known = UNKNOWN_POSITION
        self.fail_with: Exception | None = None

    @property
    def current_error(self) -> PtzError | None:  # as PtzController's: news until a later call goes through
        return self.last_error if self.successes == self._at_error else None

    def move(self, velocity: Velocity) -> None:
        pass

    def release(self) -> None:
        pass

    async def goto_home(self) -> None:
        if self.down and self.fail_with is not None:
            raise self.fail_with
        if self.down:
            self.last_error, self._at_error = OnvifTimeout("GotoHomePosition", "5 s"), self.successes
            raise self.last_error
        self.successes += 1

    async def presets(self) -> list[Preset]:
        return []

    async def goto_preset(self, preset: Preset) -> None:
        pass

    async def save_local_preset(self, name: str) -> Preset:
        raise NotImplementedError

    async def remove_preset(self, preset: Preset) -> None:
        pass


def click_home(panel: PtzPanel, loop: asyncio.AbstractEventLoop) -> str:
    QTest.mouseClick(panel.home, Qt.MouseButton.LeftButton)
    loop.run_until_complete(asyncio.sleep(0.05))  # the task and its done callback
    return panel.status.text()


def test_a_failure_leaves_the_status_line_once_the_camera_answers(app: QApplication,
                                                                   loop: asyncio.AbstractEventLoop) -> None:
    camera = Camera()
    panel = PtzPanel(camera, loop)
    panel.show()
    failed = click_home(panel, loop)
    assert failed == "Failed: GotoHomePosition: no answer within 5 s", failed
    camera.down = False
    camera.successes += 1  # say the operator's next drag went through
    panel.refresh_status()  # the panel's 300 ms timer
    assert panel.status.text() == "", panel.status.text()
    assert click_home(panel, loop) == "Going home"
    camera.down = True
    camera.fail_with = KeyError("PanTilt")  # a bug or a library's surprise: not for the operator's eyes
    assert click_home(panel, loop) == "Failed: unexpected failure (details in the log)"
    panel.close()

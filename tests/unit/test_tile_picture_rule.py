"""A preset thumbnail takes the tile's picture only as a snapshot would: never while the tile is held.

A held tile (scene quarantined, or waiting for a supervisor's approval) keeps decoding so the guard
sees its pictures, but hands none to the painter, snapshots, or (now) a preset's thumbnail file.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

import numpy as np
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from videowall.domain.access import Visibility
from videowall.domain.camera import Area, Camera
from videowall.services.live import TileController
from videowall.ui.tile import VideoTile

CAMERA = Camera("PTZ-1", "PTZ one", area=Area("Candisari"), main_url="rtsp://127.0.0.1/1")


class Guard:
    """Says what the test wants about the one camera; the rest of TileGuard does nothing."""

    def __init__(self) -> None:
        self.now = Visibility.SHOWN

    def visibility(self, camera: Camera) -> Visibility:
        return self.now

    def masks_for(self, camera_id: str) -> tuple[()]:
        return ()

    def inspect(self, camera_id: str, picture: Callable[[], np.ndarray | None], now: float) -> None:
        pass

    def not_live(self, camera_id: str) -> None:
        pass

    def shown(self, camera: Camera) -> None:
        pass

    def hidden(self, camera: Camera, seconds: float) -> None:
        pass


@pytest.fixture(scope="module")
def app() -> QApplication:
    return QApplication.instance() or QApplication([])  # type: ignore[return-value]


def test_a_held_tile_gives_no_picture_for_a_thumbnail(app: QApplication) -> None:
    guard = Guard()
    controller = TileController(0, None, lambda *_a: "", lambda f: None, lambda r: None)  # type: ignore[arg-type]
    controller.guard, controller.camera = guard, CAMERA
    controller.buffer.setup(64, 36)
    idx, _addr = controller.buffer.lock()
    controller.buffer.display(idx)  # one decoded picture
    tile = VideoTile(0)
    tile.set_report(controller.report(), controller)
    assert tile.grab_picture() is not None  # shown: the thumbnail gets the picture

    guard.now = Visibility.QUARANTINED
    controller._hold(time.monotonic())  # what the watchdog tick does when the guard says so
    assert controller.report().status.state.value == "quarantined"
    assert controller.buffer.frames == 1  # still decoded...
    assert tile.grab_picture() is None  # ...but not handed out
    tile.close()

"""Presets in the PTZ panel and on the tile: typed name + Save (QTest on the real widgets) sets a camera
preset with its picture, rows say where each preset is kept, Ctrl+1 on the PTZ tile recalls the first;
saving and removing is refused to a liaison officer and audited for an operator (the service)."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.unit.test_ptz_controller import FULL, FakeCamera
from videowall.domain.access import AccessDenied, Role, User
from videowall.domain.ptz import UNKNOWN_POSITION, Position, Preset, PresetSource, Velocity
from videowall.services.ptz_service import AuditedPtzController
from videowall.services.ptz_session import PtzSessionAudit
from videowall.ui.ptz_panel import PtzPanel
from videowall.ui.ptz_thumbnails import PresetThumbnails
from videowall.ui.tile import VideoTile


@pytest.fixture(scope="module")
def app() -> QApplication:
    return QApplication.instance() or QApplication([])  # type: ignore[return-value]


@pytest.fixture
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


class Camera:
    def __init__(self, local: bool = False) -> None:
        self.successes, self.last_error, self.current_error = 0, None, None
        self.known = UNKNOWN_POSITION
        self.camera_presets = not local
        self.kept: list[Preset] = [Preset("Pasar", PresetSource.LOCAL, None, Position())] if local else []
        self.went: list[str] = []

    def move(self, velocity: Velocity) -> None:
        pass

    def release(self) -> None:
        pass

    async def goto_home(self) -> None:
        pass

    async def centre_on(self, fx: float, fy: float) -> Any:
        return None

    async def presets(self) -> list[Preset]:
        return list(self.kept)

    async def goto_preset(self, preset: Preset) -> None:
        self.went.append(preset.name)

    async def save_preset(self, name: str) -> Preset:
        preset = Preset(name, PresetSource.CAMERA, f"tok-{name}")
        self.kept.append(preset)
        return preset

    async def save_local_preset(self, name: str) -> Preset:
        raise AssertionError("the panel saves through save_preset")

    async def remove_preset(self, preset: Preset) -> None:
        self.kept.remove(preset)


def settle(loop: asyncio.AbstractEventLoop, seconds: float = 0.2) -> None:
    loop.run_until_complete(asyncio.sleep(seconds))  # the panel's tasks, a thumbnail's worker thread


def red() -> QImage:
    image = QImage(320, 180, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    return image


def test_save_on_the_camera_with_a_thumbnail_and_ctrl_1_on_the_tile(app: QApplication, tmp_path: Path,
                                                                      loop: asyncio.AbstractEventLoop) -> None:
    camera = Camera()
    thumbs = PresetThumbnails(tmp_path, "PTZ-1", red)
    panel = PtzPanel(camera, loop, thumbnails=thumbs)  # type: ignore[arg-type]
    panel.show()
    settle(loop)
    assert panel.preset_where.text() == "New presets are kept on the camera"
    QTest.keyClicks(panel.preset_name, "Gerbang")
    QTest.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    settle(loop, 0.5)
    assert [(r["text"], r["thumbnail"]) for r in panel.presets_json()] == [("1. Gerbang (on the camera)", True)]
    assert thumbs.path(camera.kept[0]).exists()

    tile = VideoTile(0)
    tile.set_ptz(panel.mapper)
    tile.show()
    QTest.keyClick(tile, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    settle(loop)
    QTest.keyClick(tile, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # no second preset: said, not sent
    settle(loop)
    assert camera.went == ["Gerbang"]
    assert "No preset 2" in panel.status.text()
    panel.preset_list.setCurrentRow(0)
    QTest.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    settle(loop)
    assert camera.kept == [] and not thumbs.path(Preset("Gerbang", PresetSource.CAMERA, "tok-Gerbang")).exists()
    tile.close()
    panel.close()


def test_a_camera_without_presets_says_they_are_local(app: QApplication, loop: asyncio.AbstractEventLoop) -> None:
    panel = PtzPanel(Camera(local=True), loop)  # type: ignore[arg-type]
    settle(loop)
    assert panel.presets_json() == [{"text": "1. Pasar (local)", "thumbnail": False}]
    assert "local" in panel.preset_where.text()
    panel.close()


def audited(role: Role, rows: list[tuple[str, str, str]]) -> AuditedPtzController:
    session = PtzSessionAudit(lambda *row: rows.append(row), "PTZ-1", asyncio.get_running_loop().call_later)
    return AuditedPtzController(FakeCamera(FULL), session, local_presets=None, on_change=lambda: None,  # type: ignore[arg-type]
                                user=User("someone", role), record=lambda *row: rows.append(row))


def test_presets_need_ptz_rights_and_are_audited() -> None:
    async def scenario() -> list[tuple[str, str, str]]:
        rows: list[tuple[str, str, str]] = []
        liaison = audited(Role.LIAISON, rows)
        await liaison.probe()
        with pytest.raises(AccessDenied):
            await liaison.save_preset("Gerbang")
        with pytest.raises(AccessDenied):
            await liaison.remove_preset(Preset("Gate", PresetSource.CAMERA, "t1"))
        assert rows == []
        operator = audited(Role.OPERATOR, rows)
        await operator.probe()
        preset = await operator.save_preset("Gerbang")
        await operator.remove_preset(preset)
        return [r for r in rows if r[0].startswith("preset")]

    rows = asyncio.run(asyncio.wait_for(scenario(), 10))
    assert rows == [("preset_set", "PTZ-1", "'Gerbang' on the camera, token tok-Gerbang"),
                    ("preset_removed", "PTZ-1", "'Gerbang' on the camera, token tok-Gerbang")], rows


def test_on_a_ptz_tile_ctrl_number_is_a_preset_not_the_window_layout_key(app: QApplication) -> None:
    from PySide6.QtGui import QKeySequence, QShortcut
    from PySide6.QtWidgets import QMainWindow

    fired: list[str] = []

    class Mapper:
        def preset_key(self, number: int) -> bool:
            fired.append(f"preset {number}")
            return True

        def drag_end(self) -> None:
            pass

        def key_release(self, name: str) -> None:
            pass

    window, tile = QMainWindow(), VideoTile(0)
    window.setCentralWidget(tile)
    QShortcut(QKeySequence("Ctrl+1"), window).activated.connect(lambda: fired.append("layout"))
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    tile.setFocus()
    app.processEvents()
    QTest.keyClick(tile, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    tile.set_ptz(Mapper())  # type: ignore[arg-type]
    QTest.keyClick(tile, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    tile.set_ptz(None)
    window.close()
    assert fired == ["layout", "preset 1"], fired

"""Draw a box on a PTZ tile with Shift held: the camera centres it and zooms until it fills the picture
(issue 19 item 4). The math, the controller's one RelativeMove, and QTest's Shift+drag on a real tile."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.unit.test_ptz_controller import FakeCamera, run
from tests.unit.test_ptz_presets_mapper import Recorder
from videowall.domain.ptz import FieldOfView, Position, PtzCapabilities, box_zoom_delta
from videowall.ptz.controller import PtzController
from videowall.ptz.errors import OnvifFault
from videowall.services.ptz_input import PtzInputMapper
from videowall.ui.tile import VideoTile

FOV = FieldOfView(width=0.5, height=0.4, max_zoom=4.0)


@pytest.fixture(scope="module")
def app() -> QApplication:
    return QApplication.instance() or QApplication([])  # type: ignore[return-value]


def test_the_box_is_centred_and_fills_the_picture_as_far_as_the_zoom_goes() -> None:
    # a quarter-wide box right of the middle, at the widest view: pan a quarter span, zoom 4x = the full range
    assert box_zoom_delta(0.5, 0.0, 0.25, 0.25, 0.0, FOV) == Position(0.125, 0.0, 1.0)
    # half the picture at the widest view: 2x, a third of the zoom range (1 + z * 3 = 2)
    assert box_zoom_delta(0.0, 0.0, 0.5, 0.2, 0.0, FOV).zoom == pytest.approx(1 / 3)
    # already at 2x: a half box makes 4x, the rest of the range; the pan step is half the wide one
    step = box_zoom_delta(1.0, 0.0, 0.5, 0.5, 1 / 3, FOV)
    assert step.zoom == pytest.approx(2 / 3) and step.pan == pytest.approx(0.125)
    # at full zoom a box cannot zoom further: it only centres
    assert box_zoom_delta(-1.0, 0.0, 0.1, 0.1, 1.0, FOV).zoom == pytest.approx(0.0)


def test_the_controller_sends_one_relative_move_else_an_absolute_one() -> None:
    async def scenario(refuse: bool) -> FakeCamera:
        camera = FakeCamera(PtzCapabilities(ptz=True, pan_tilt=True, absolute=True, relative=True))
        if refuse:
            camera.fail["RelativeMove"] = [OnvifFault("RelativeMove", "Action not allowed")]
            camera.position = Position(0.2, -0.1, 0.0)
        ctl = PtzController(camera)
        ctl.fov = FOV
        await ctl.probe()
        await ctl.zoom_to_box(0.5, 0.0, 0.5, 0.5)
        return camera

    relative = run(scenario(False))
    moves = [c for c in relative.calls if c[0] in ("RelativeMove", "AbsoluteMove")]
    assert moves == [("RelativeMove", Position(0.125, 0.0, pytest.approx(1 / 3)))]
    absolute = run(scenario(True))
    moves = [c for c in absolute.calls if c[0] in ("RelativeMove", "AbsoluteMove")]
    assert [op for op, _ in moves] == ["RelativeMove", "AbsoluteMove"]
    assert moves[1][1].pan == pytest.approx(0.2 + 0.125) and moves[1][1].zoom == pytest.approx(1 / 3)


def test_shift_drag_on_a_ptz_tile_draws_the_box_and_zooms_into_it(app: QApplication) -> None:
    boxes: list[tuple[float, float, float, float]] = []
    recorder = Recorder()
    mapper = PtzInputMapper(recorder, zoom_box=lambda *box: boxes.append(box))
    tile = VideoTile(0)
    tile.resize(400, 200)
    tile.show()
    tile.set_ptz(mapper)
    shift = Qt.KeyboardModifier.ShiftModifier
    QTest.mousePress(tile, Qt.MouseButton.LeftButton, shift, QPoint(200, 50))
    QTest.mouseMove(tile, QPoint(300, 150))
    app.processEvents()
    image = tile.grab().toImage()
    yellow = QColor("#f0e442").rgb()
    assert sum(image.pixel(x, 50) == yellow for x in range(200, 300)) > 20  # the dashed box's top edge
    QTest.mouseRelease(tile, Qt.MouseButton.LeftButton, shift, QPoint(300, 150))
    # no picture yet: the tile is the picture. Centre (0.25, 0) right of the middle, half the width and height
    [(fx, fy, w, h)] = boxes
    assert (fx, fy) == pytest.approx((0.25, 0.0), abs=0.01) and (w, h) == pytest.approx((0.25, 0.5), abs=0.01)
    assert recorder.events == []  # a box is no drag: no pan/tilt velocity went out
    image = tile.grab().toImage()
    assert sum(image.pixel(x, 50) == yellow for x in range(200, 300)) == 0  # gone once drawn
    # a Shift+click (no box) sends nothing; a plain drag still steers
    QTest.mouseClick(tile, Qt.MouseButton.LeftButton, shift, QPoint(100, 100))
    assert len(boxes) == 1
    QTest.mousePress(tile, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(100, 100))
    QTest.mouseMove(tile, QPoint(250, 100))
    QTest.mouseRelease(tile, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(250, 100))
    assert any(e != "release" for e in recorder.events) and recorder.events[-1] == "release"
    tile.close()

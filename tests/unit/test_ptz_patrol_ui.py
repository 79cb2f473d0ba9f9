"""The PTZ dock's Patrol tab (ui/ptz_patrol.py): QTest clicks on the real widgets define and start a patrol
on a real PatrolService and database; the status line follows it; Stop ends it; park is saved; and the
tab speaks Bahasa Indonesia (no English left, read from the widgets)."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.unit.english_check import english_texts
from tests.unit.test_ptz_patrol_service import CAMERA, Rig
from videowall.domain.access import Role, User
from videowall.domain.ptz_patrol import Mode, PatrolPlan, PatrolStep
from videowall.storage.writer import DatabaseWriter
from videowall.ui.language import Language
from videowall.ui.ptz_patrol import PatrolBox, patrol_badge

NAMES = ["Gerbang", "Pasar", "Simpang"]


@pytest.fixture(scope="module")
def app() -> QApplication:
    return QApplication.instance() or QApplication([])  # type: ignore[return-value]


@pytest.fixture
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    yield loop
    loop.close()
    asyncio.set_event_loop(None)


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[DatabaseWriter]:
    w = DatabaseWriter(tmp_path / "videowall.db")
    w.start()
    yield w
    w.stop()


def spin(loop: asyncio.AbstractEventLoop, seconds: float = 0.15) -> None:
    """Let the service's runner and the box's tasks run (the asyncio loop), then Qt (the box's 300 ms timer
    needs Qt's loop: refresh as it would)."""
    loop.run_until_complete(asyncio.sleep(seconds))
    QApplication.processEvents()
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, PatrolBox):
            widget.refresh()


def box_for(rig: Rig, loop: asyncio.AbstractEventLoop) -> PatrolBox:
    box = PatrolBox(rig.service, CAMERA, lambda: list(NAMES), loop)
    box.resize(420, 480)
    box.show()
    box.status.show()
    spin(loop)
    return box


def set_spin(box: PatrolBox, value: str) -> None:
    box.dwell.setFocus()
    box.dwell.selectAll()
    QTest.keyClicks(box.dwell, value)


def test_define_start_and_stop_a_patrol_with_real_clicks(app: QApplication, loop: asyncio.AbstractEventLoop,
                                                         writer: DatabaseWriter) -> None:
    rig = Rig(writer)
    box = box_for(rig, loop)
    assert box.status.text() == "No patrol running"
    QTest.mouseClick(box.start_button, Qt.MouseButton.LeftButton)
    spin(loop)
    assert box.note.text() == "Add presets to the patrol first" and rig.service.status(CAMERA) is None
    set_spin(box, "2")
    QTest.mouseClick(box.add_all_button, Qt.MouseButton.LeftButton)
    box.preset.setCurrentIndex(1)
    QTest.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    assert [box.steps.item(i).text() for i in range(box.steps.count())] == [
        "1. Gerbang, 2 s", "2. Pasar, 2 s", "3. Simpang, 2 s", "4. Pasar, 2 s"]
    box.steps.setCurrentRow(3)
    QTest.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)
    QTest.mouseClick(box.start_button, Qt.MouseButton.LeftButton)
    spin(loop, 0.3)
    assert rig.camera.sent == ["Gerbang"]
    assert box.status.text() == "Patrol: preset 1/3 (Gerbang)"
    stored = loop.run_until_complete(rig.service.plan(CAMERA))
    assert stored.steps == tuple(PatrolStep(n, 2.0) for n in NAMES) and not stored.parks
    rig.clock.now += 2.1
    spin(loop)
    assert box.status.text() == "Patrol: preset 2/3 (Pasar)" and rig.camera.sent == ["Gerbang", "Pasar"]
    rig.service.manual(CAMERA)  # the tile's drag
    spin(loop)
    assert box.status.text().startswith("Patrol held (a manual move); resumes after idle, at "), box.status.text()
    QTest.mouseClick(box.stop_button, Qt.MouseButton.LeftButton)
    spin(loop)
    assert box.note.text() == "Patrol stopped" and box.status.text() == "No patrol running"
    loop.run_until_complete(rig.service.close())


def test_park_is_saved_from_the_tab_and_said_in_indonesian(app: QApplication, loop: asyncio.AbstractEventLoop,
                                                           writer: DatabaseWriter) -> None:
    language = Language(app)
    assert language.install("id")
    try:
        rig = Rig(writer, User("bu-sari", Role.SUPERVISOR))
        box = box_for(rig, loop)
        box.park.setCurrentIndex(box.park.findData("Simpang"))
        box.park_minutes.setValue(10)
        QTest.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
        spin(loop, 0.3)
        assert box.note.text() == "Patroli disimpan"
        stored = loop.run_until_complete(rig.service.plan(CAMERA))
        assert stored == PatrolPlan(CAMERA, (), 60.0, "Simpang", 600.0)
        assert rig.service.status(CAMERA) is not None
        status = rig.service.status(CAMERA)
        assert status is not None and status[0].mode is Mode.WAITING
        spin(loop)
        assert box.status.text().startswith("Tidak ada patroli berjalan; parkir di Simpang pukul "), box.status.text()
        rig.clock.now += 601
        spin(loop, 0.3)
        assert rig.camera.sent == ["Simpang"] and box.status.text() == "Diparkir di Simpang"
        assert patrol_badge(rig.service, CAMERA) == ("Diparkir di Simpang", False)  # the tile's label
        assert english_texts(box, allowed=NAMES) == []
        loop.run_until_complete(rig.service.close())
    finally:
        language.install("en")


def test_a_role_without_ptz_is_told_and_nothing_is_stored(app: QApplication, loop: asyncio.AbstractEventLoop,
                                                          writer: DatabaseWriter) -> None:
    rig = Rig(writer, User("pak-lia", Role.LIAISON))
    box = box_for(rig, loop)
    QTest.mouseClick(box.add_all_button, Qt.MouseButton.LeftButton)
    QTest.mouseClick(box.start_button, Qt.MouseButton.LeftButton)
    spin(loop)
    assert box.note.text() == "Failed: the signed-in role may not use PTZ"
    assert rig.service.status(CAMERA) is None and rig.camera.sent == []


def test_the_tile_says_its_cameras_patrol_and_park(app: QApplication, loop: asyncio.AbstractEventLoop,
                                                   writer: DatabaseWriter) -> None:
    """patrol_badge words the runner's state; a real VideoTile paints it (blue while touring, amber held)."""
    from PySide6.QtGui import QColor

    from videowall.ui.tile import VideoTile

    rig = Rig(writer)
    assert patrol_badge(rig.service, CAMERA) is None
    loop.run_until_complete(rig.service.save(PatrolPlan(CAMERA, tuple(PatrolStep(n, 5) for n in NAMES), 30,
                                                        "Pasar", 60)))
    loop.run_until_complete(rig.service.start(CAMERA))
    spin(loop)
    assert patrol_badge(rig.service, CAMERA) == ("Patrol: preset 1/3", False)
    tile = VideoTile(0)
    tile.resize(480, 270)
    blank = tile.grab().toImage()

    def badge_pixels(colour: str) -> int:
        image = tile.grab().toImage()
        want = QColor(colour).rgb()
        return sum(1 for x in range(240, 480) for y in range(0, 80)
                   if image.pixel(x, y) == want and blank.pixel(x, y) != want)

    tile.set_patrol(patrol_badge(rig.service, CAMERA))
    assert badge_pixels("#56b4e9") > 20  # the blue label, top right
    rig.service.manual(CAMERA)
    tile.set_patrol(patrol_badge(rig.service, CAMERA))
    assert tile.patrol_label == ("Patrol held", True) and badge_pixels("#e69f00") > 20  # amber, paused
    loop.run_until_complete(rig.service.stop(CAMERA))
    rig.clock.now += 61
    spin(loop, 0.3)
    assert patrol_badge(rig.service, CAMERA) == ("Parked at Pasar", False)
    tile.set_tour(("Gates 1/2", False))  # a tile tour's label wins over the patrol's
    assert tile.tour_label == ("Gates 1/2", False)
    loop.run_until_complete(rig.service.close())

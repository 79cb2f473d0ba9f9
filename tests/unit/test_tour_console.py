"""The console's tour controls with QTest on real widgets (offscreen): the tile menu's Run tour submenu,
Pause/Resume, the Tour menu's monitor walls, and the labels the touring tiles paint."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6 import QtWidgets
from PySide6.QtWidgets import QMenu

from tests.unit.test_tour_runner import CAMS, FakeLive
from videowall.domain.access import Role, User
from videowall.domain.grid import uniform
from videowall.domain.tour import TourDefinition, TourKind
from videowall.services.operations import Operations
from videowall.services.tour import TourRunner, save_tour
from videowall.services.wall_control import CameraDirectory, StateBook, WallController
from videowall.storage.writer import DatabaseWriter
from videowall.ui.tours import TourConsole
from videowall.ui.wall_view import WallView


@pytest.fixture(scope="module")
def app() -> QtWidgets.QApplication:
    return QtWidgets.QApplication.instance() or QtWidgets.QApplication([])  # type: ignore[return-value]


class Rig:
    def __init__(self, writer: DatabaseWriter) -> None:
        self.writer = writer
        self.posted: list[tuple[Callable[[Any], None], Any]] = []
        self.messages: list[str] = []
        directory = CameraDirectory()
        directory.replace(CAMS)
        self.console = WallController(FakeLive(), directory)  # type: ignore[arg-type]
        self.monitor = WallController(FakeLive(), directory)  # type: ignore[arg-type]
        self.window = QtWidgets.QWidget()
        self.view = WallView(self.console, self.window)
        self.monitor_view = WallView(self.monitor, self.window)
        self.console._on_shape = self.view.set_shape
        self.console.apply_shape(uniform(2, 2), [], keep=False)
        self.monitor.apply_shape(uniform(2, 2), [], keep=False)
        walls = {"console": self.console, "m1": self.monitor}

        def runner(tours: TourConsole) -> TourRunner:
            return TourRunner(walls.get, directory, StateBook(), lambda _n, done: done(None),
                              on_change=tours.refresh, on_end=tours.ended)

        ops = Operations(writer, lambda fn, arg: self.posted.append((fn, arg)))
        self.tours = TourConsole(self.window, self.view, runner, ops, None, lambda: User("op", Role.OPERATOR),  # type: ignore[arg-type]
                                 lambda: {"console": self.view, "m1": self.monitor_view}, self.messages.append,
                                 lambda: {"m1": "HDMI-1"})

    def drain(self) -> None:
        self.writer.submit(lambda _db: None).result(10)
        while self.posted:
            fn, arg = self.posted.pop(0)
            fn(arg)
            self.writer.submit(lambda _db: None).result(10)


@pytest.fixture
def rig(app: QtWidgets.QApplication, tmp_path: Path) -> Iterator[Rig]:
    with DatabaseWriter(tmp_path / "v.db") as writer:
        tour = TourDefinition.of("Gates", TourKind.CAMERAS, ["C2", "C3"], 5.0)
        writer.submit(lambda db: save_tour(db, User("op", Role.OPERATOR), tour)).result(10)
        rig = Rig(writer)
        rig.drain()
        yield rig


def _texts(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def _action(menu: QMenu, text: str) -> Any:
    return next(a for a in menu.actions() if a.text() == text)


def test_run_tour_from_the_tile_menu_then_pause_and_resume(rig: Rig) -> None:
    menu = QMenu()
    rig.view.tile_menu.emit(3, menu)  # what the tile emits before its menu shows
    run_menu = _action(menu, "Run &tour").menu()
    assert _texts(run_menu) == ["Gates", "Edit tours..."]
    _action(run_menu, "Gates").trigger()
    rig.drain()  # the sweep's verdicts are read first
    assert rig.console.live.tiles[3].camera.id == "C2"  # type: ignore[attr-defined]
    assert rig.view.tiles[3].tour_label == ("Gates 1/2", False) and rig.view.tiles[0].tour_label is None
    assert rig.messages[-1] == "Tour Gates runs on tile 4"
    menu = QMenu()
    rig.view.tile_menu.emit(3, menu)
    assert _texts(menu)[-3:] == ["Pause tour", "Next tour step (PgDown)", "Stop tour Gates"]
    _action(menu, "Pause tour").trigger()
    assert rig.view.tiles[3].tour_label == ("Gates 1/2", True)
    menu = QMenu()
    rig.view.tile_menu.emit(3, menu)
    _action(menu, "Resume tour").trigger()
    assert rig.view.tiles[3].tour_label == ("Gates 1/2", False)
    rig.view.interacted.emit(3)  # a click on the tile
    assert rig.view.tiles[3].tour_label == ("Gates 1/2", True)
    rig.tours.runner.runs[("console", 3)].cursor.next_at = time.monotonic() + 1000  # a long dwell
    rig.tours.tick(time.monotonic() + 25)  # the hold ends by itself: the label says so at once
    assert rig.view.tiles[3].tour_label == ("Gates 1/2", False)
    menu = QMenu()
    rig.view.tile_menu.emit(3, menu)
    _action(menu, "Stop tour Gates").trigger()
    assert not rig.tours.runner.runs and rig.view.tiles[3].tour_label is None
    rig.tours.run(rig.tours.tours[0], "console", 3)
    rig.drain()
    rig.console.assign(3, ["C5"])  # the operator drops another camera on the touring tile
    rig.tours.tick(time.monotonic())
    assert rig.messages[-1] == "Tour Gates ended: another camera was put on tile 4" and not rig.tours.runner.runs


def test_the_tour_menu_runs_on_a_monitor_wall(rig: Rig) -> None:
    menu = QMenu()
    rig.tours.toolbar_menu(menu)
    wall_menu = _action(menu, "On the wall on HDMI-1").menu()
    assert _texts(wall_menu) == ["Gates (tile 1)"]
    _action(wall_menu, "Gates (tile 1)").trigger()
    rig.drain()
    assert rig.monitor.live.tiles[0].camera.id == "C2"  # type: ignore[attr-defined]
    rig.monitor_view.interacted.emit(0)  # a touch on the monitor wall's tile holds its tour
    assert rig.tours.runner.status(time.monotonic())[0]["paused"] is True
    rig.tours.toolbar_menu(menu)
    assert "Stop all tours" in _texts(menu)
    wall_menu = _action(menu, "On the wall on HDMI-1").menu()
    _action(wall_menu, "Stop the tours on this wall").trigger()
    assert not rig.tours.runner.runs

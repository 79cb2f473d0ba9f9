"""Composition of tours: the runner over the console and the monitor walls, the console's tour controls.

Part of the composition root (like ``app``): ``app.py`` only calls ``attach_tours``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from functools import partial

from videowall.domain.access import SYSTEM_USER, User
from videowall.domain.tour import TourDefinition, TourKind
from videowall.services.layout_service import LayoutService
from videowall.services.operations import Operations
from videowall.services.tour import CONSOLE, TourRunner, save_tour
from videowall.services.wall_control import StateBook, WallController
from videowall.storage.writer import DatabaseWriter
from videowall.ui.main_window import MainWindow
from videowall.ui.tours import TourConsole
from videowall.ui.wall_view import WallView
from videowall.ui.walls import WallManager

DEMO_TOUR = "Demo tour"


def attach_tours(window: MainWindow, console: WallController, walls: WallManager, layouts: LayoutService,
                 book: StateBook, writer: DatabaseWriter, loop: asyncio.AbstractEventLoop,
                 user: Callable[[], User]) -> TourConsole:
    def wall(key: str) -> WallController | None:
        if key == CONSOLE:
            return console
        found = walls.windows.get(key)
        return found.view.controller if found is not None else None

    def views() -> dict[str, WallView]:
        return {CONSOLE: window.wall_view, **{k: w.view for k, w in walls.windows.items()}}

    def message(text: str) -> None:
        window.statusBar().showMessage(text, 8000)

    def runner(tours: TourConsole) -> TourRunner:
        return TourRunner(wall, console.directory, book, layouts.load, on_change=tours.refresh, on_end=tours.ended)

    tours = TourConsole(window, window.wall_view, runner, Operations(writer, loop.call_soon_threadsafe), layouts,
                        user, views, message, lambda: {k: w.monitor.label() for k, w in walls.windows.items()})
    window.tours = tours
    console.live.tickers.append(tours.tick)

    def wall_step(direction: int, key: str) -> None:
        """PgDown / PgUp pressed on a monitor wall: step the tour of its focused tile, else any tour on it."""
        found = walls.windows.get(key)
        tile = found.view.focused_index() if found is not None else None
        run = tours.runner.at(key, tile) or next((r for r in tours.runner.runs.values() if r.wall == key), None)
        if run is not None:
            tours.runner.step(key, run.tile, direction, time.monotonic())

    walls.add_wall_shortcut("PgDown", partial(wall_step, +1))
    walls.add_wall_shortcut("PgUp", partial(wall_step, -1))
    return tours


def run_demo_tour(tours: TourConsole, writer: DatabaseWriter, cameras: tuple[str, ...], tile: int) -> None:
    """The demo's tour: saved (so it is in the menus and the Tours dialog) and started on its tile."""
    tour = TourDefinition.of(DEMO_TOUR, TourKind.CAMERAS, list(cameras), 8.0)
    writer.submit(lambda db: save_tour(db, SYSTEM_USER, tour)).result(30)
    tours.reload()
    tours.run(tour, CONSOLE, tile)


def tours_status(tours: TourConsole) -> list[dict[str, object]]:
    return tours.runner.status(time.monotonic())

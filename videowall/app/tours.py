"""The tours feature: the runner over the console and the monitor walls, the console's tour controls."""

from __future__ import annotations

import time
from functools import partial

from videowall.app.context import AppContext
from videowall.app.feature import Feature
from videowall.domain.access import SYSTEM_USER
from videowall.domain.tour import TourDefinition, TourKind
from videowall.services.tour import CONSOLE, TourRunner, save_tour
from videowall.services.wall_control import WallController
from videowall.ui.main_window import MainWindow
from videowall.ui.tours import TourConsole
from videowall.ui.wall_view import WallView

DEMO_TOUR = "Demo tour"


class ToursFeature(Feature):
    name = "tours"

    def __init__(self) -> None:
        self.tours: TourConsole | None = None

    def install(self, ctx: AppContext, window: MainWindow) -> None:
        self.tours = attach_tours(ctx, window)

    def status(self) -> dict[str, object]:
        return {"tours": self.tours.runner.status(time.monotonic()) if self.tours is not None else []}


def attach_tours(ctx: AppContext, window: MainWindow) -> TourConsole:
    console, walls, layouts, book = ctx.console, ctx.monitor_walls, ctx.layouts, ctx.book

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

    tours = TourConsole(window, window.wall_view, runner, ctx.ops, layouts, ctx.user, views, message,
                        lambda: {k: w.monitor.label() for k, w in walls.windows.items()})
    window.tours = tours
    console.add_ticker(tours.tick)

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


def run_demo_tour(ctx: AppContext, tours: TourConsole, cameras: tuple[str, ...], tile: int) -> None:
    """The demo's tour: saved (so it is in the menus and the Tours dialog), then started on its tile."""
    tour = TourDefinition.of(DEMO_TOUR, TourKind.CAMERAS, list(cameras), 8.0)

    def saved(_result: object) -> None:
        tours.reload()
        tours.run(tour, CONSOLE, tile)

    ctx.ops.write(lambda db: save_tour(db, SYSTEM_USER, tour), saved)

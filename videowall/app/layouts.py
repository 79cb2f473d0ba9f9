"""Features of the console's walls: the window shown with this role's menus, the opening layout, the
demo's tour, and the monitor walls (restored at start, the console's wall remembered at exit)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from videowall.app.context import AppContext
from videowall.app.feature import Feature
from videowall.app.tours import ToursFeature, run_demo_tour
from videowall.demo import DemoSetup
from videowall.domain.camera import Camera
from videowall.domain.grid import preset
from videowall.services.layout_service import CONSOLE_LAYOUT
from videowall.storage.layouts import LayoutRepository
from videowall.storage.walls import WallRepository

if TYPE_CHECKING:
    from videowall.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class ShowConsoleFeature(Feature):
    """The register in the tree, the menus this role may use (every gated action is in place by now), shown."""

    name = "show console"

    def install(self, ctx: AppContext, window: MainWindow) -> None:
        from videowall.ui.policy_view import reflect

        window.set_cameras(list(ctx.register))
        reflect(window, ctx.user())
        window.show()


class FirstLayoutFeature(Feature):
    """--layout NAME (saved) or a preset; else the console's last wall; else a grid of the first cameras."""

    name = "first layout"

    def install(self, ctx: AppContext, window: MainWindow) -> None:
        opts = ctx.opts
        name = opts.layout or ("" if opts.demo else CONSOLE_LAYOUT)
        layout = LayoutRepository(ctx.writer.readers.get()).load(name) if name else None  # a reader, before the loop
        if layout is not None and not opts.cameras:
            window.show_layout(layout)
            return
        shape = preset(opts.layout or "") or preset("4x4" if opts.demo else "2x2")
        assert shape is not None
        cameras = list(ctx.register)
        window.console.apply_shape(shape, cameras_for_grid(cameras, shape.tile_count, opts.cameras), keep=False)


def cameras_for_grid(cameras: list[Camera], count: int, wanted: tuple[str, ...] = ()) -> list[Camera | None]:
    """The opening wall: the cameras asked for, else the first enabled ones with a stream."""
    if wanted:
        by_id = {c.id: c for c in cameras}
        unknown = [w for w in wanted if w not in by_id]
        if unknown:
            log.warning("not in the register: %s", ", ".join(unknown))
        return list[Camera | None]([by_id[w] for w in wanted if w in by_id][:count])
    return list[Camera | None]([c for c in cameras if c.enabled and c.main_url][:count])


class DemoTourFeature(Feature):
    """`make demo`: its tour, saved and started on its tile (only when the demo's own wall is shown)."""

    name = "demo tour"

    def __init__(self, demo: DemoSetup | None, tours: ToursFeature) -> None:
        self._demo = demo
        self._tours = tours

    def install(self, ctx: AppContext, window: MainWindow) -> None:
        demo, tours = self._demo, self._tours.tours
        if demo is not None and tours is not None and ctx.opts.cameras == demo.wall:
            run_demo_tour(ctx, tours, demo.tour_cameras, demo.tour_tile)


class MonitorWallsFeature(Feature):
    """The walls on the other monitors, as the last run left them; at exit they and the console's wall are
    remembered for the next start."""

    name = "monitor walls"

    def __init__(self) -> None:
        self._ctx: AppContext | None = None

    def install(self, ctx: AppContext, window: MainWindow) -> None:
        self._ctx = ctx
        ctx.monitor_walls.restore(WallRepository(ctx.writer.readers.get()).all())

    def close(self) -> None:
        ctx = self._ctx
        if ctx is None:
            return
        ctx.monitor_walls.close_all()
        layout = ctx.console.to_layout(CONSOLE_LAYOUT)
        ctx.writer.submit(lambda db: LayoutRepository(db).save(layout))  # the writer runs it before it stops

"""The PTZ feature: the dock (panel, presets, thumbnails), the console's PTZ locks, patrols and parks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from videowall.app.context import AppContext
from videowall.app.feature import Feature
from videowall.services.ptz_patrol import PatrolService
from videowall.services.ptz_views import console_ptz

if TYPE_CHECKING:
    from videowall.ui.main_window import MainWindow
    from videowall.ui.ptz_dock import PtzDock


class PtzFeature(Feature):
    name = "ptz"

    def __init__(self) -> None:
        self.dock: PtzDock | None = None
        self._patrols: PatrolService | None = None
        self._ctx: AppContext | None = None
        self._window: MainWindow | None = None

    def install(self, ctx: AppContext, window: MainWindow) -> None:
        from videowall.ui.ptz_dock import PtzDock

        self._ctx, self._window = ctx, window
        open_ptz, patrols = console_ptz(ctx.writer, ctx.opts.key, ctx.user, ctx.ptz_views)  # patrols: park, tours
        self._patrols = patrols
        self.dock = PtzDock(ctx.loop, open_ptz, thumbnails_dir=ctx.data_dir / "preset-thumbnails", patrols=patrols)
        window.set_ptz_dock(self.dock)
        ctx.background.append(ctx.loop.create_task(patrols.watch_parks()))

    def close(self) -> None:
        if self._ctx is None or self._window is None or self._patrols is None:
            return
        self._ctx.loop.run_until_complete(self._patrols.close())
        self._ctx.loop.run_until_complete(self._window.close_ptz())  # a Stop to a moving camera, then the session

    def status(self) -> dict[str, object]:
        return {"ptz": self._window.ptz_status() if self._window is not None else None}

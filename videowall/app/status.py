"""The status feature: ``--status-json FILE``, the console's state as JSON every second and at exit
(tests and benchmarks read it), and the UI loop's lateness probe."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING

from videowall.app.context import AppContext
from videowall.app.feature import Feature
from videowall.media.session import StreamSession
from videowall.services.live import TileReport
from videowall.services.loop_lag import LoopLagProbe
from videowall.services.status_file import StatusWriter

if TYPE_CHECKING:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QScreen

    from videowall.ui.main_window import MainWindow
    from videowall.ui.walls import WallManager


class StatusFeature(Feature):
    """Writes the status file (when asked for); each feature adds its own part (``Feature.status``)."""

    name = "status"

    def __init__(self, features: Sequence[Feature]) -> None:
        self._features = features
        self._ctx: AppContext | None = None
        self._window: MainWindow | None = None
        self._writer: StatusWriter | None = None
        self._probe = LoopLagProbe()  # UI loop lateness, for the status JSON (benchmarks, soak)
        self._timers: list[QTimer] = []

    def install(self, ctx: AppContext, window: MainWindow) -> None:
        from PySide6.QtCore import QTimer

        self._ctx, self._window = ctx, window
        lag = QTimer()
        lag.timeout.connect(lambda: self._probe.tick())
        lag.start(int(self._probe.interval_s * 1000))
        self._timers.append(lag)
        if ctx.opts.status_json is None:
            return
        self._writer = StatusWriter(ctx.opts.status_json)
        every = QTimer()
        every.timeout.connect(self.write_soon)
        every.start(1000)
        self._timers.append(every)
        QTimer.singleShot(0, self.write_soon)  # first write as soon as the loop runs: start-up time

    def write_soon(self) -> None:
        if self._writer is not None and self._ctx is not None:
            self._writer.write_soon(self._ctx.loop, self.collect())

    def write_now(self) -> None:
        """The last write, at exit (raises OSError when the file cannot be written)."""
        if self._writer is not None:
            self._writer.write_now(self.collect())

    def collect(self) -> dict[str, object]:
        from videowall.ui.policy_view import gated_actions

        ctx, window = self._ctx, self._window
        assert ctx is not None and window is not None
        tiles = [tile_json(t.report(), window, "console", t.session) for t in ctx.console.tiles()]
        wall_tiles, wall_list = walls_json(ctx.monitor_walls, ctx.qt.screens())
        monitors = [{"label": m.label(), "key": m.key(), "open": is_open}
                    for _s, m, is_open in ctx.monitor_walls.monitors()]  # as the Monitors menu lists them
        state: dict[str, object] = {
            "tiles": tiles + wall_tiles, "walls": wall_list, "monitors": monitors,
            "media": {"players": ctx.runtime.players, "ingests": ctx.runtime.ingests},
            "feeds": ctx.runtime.feeds.status(),
            "actions": gated_actions(window),
            "loop_lag": asdict(self._probe.lag()),
            "loop_lag_recent": self._probe.recent(),  # tests join these into a series over a window of theirs
            "register": {"cameras": len(ctx.directory.by_id), "tree": window.tree_model.camera_count()},
        }
        for feature in self._features:
            if feature is not self:
                state.update(feature.status())
        return state

    def close(self) -> None:
        for timer in self._timers:
            timer.stop()


def tile_json(report: TileReport, window: MainWindow | None, wall: str,
              session: StreamSession | None = None) -> dict[str, object]:
    status = report.status
    stats = session.stats() if session is not None else None
    geometry = window.tile_geometry(report.index) if window is not None else None
    return {
        "wall": wall,
        "index": report.index,
        "camera_id": report.camera.id if report.camera else None,
        "camera_name": report.camera.name if report.camera else None,
        "stream": report.stream.value,
        "state": status.state.value,
        "reason": status.reason.value if status.reason else None,
        "detail": status.detail,
        "state_since": status.since,  # monotonic (the system's clock): when the tile entered this state
        "retry_in_s": round(status.retry_at - time.monotonic(), 1) if status.retry_at is not None else None,
        "last_picture_at": report.last_picture_at,  # wall clock of the dimmed last picture the tile shows
        "fps": round(report.fps, 2),
        "reduced_fps": report.reduced_fps,  # the shown-rate cap of a tile too small for every picture
        "first_live_s": report.first_live_s,
        "history": [list(h) for h in report.history],
        "geometry": geometry,
        "playback": {"decoded": stats.decoded, "displayed": stats.displayed, "lost": stats.lost}
        if stats is not None else None,  # libVLC's counters for the current session (benchmarks)
    }


def walls_json(walls: WallManager, screens: list[QScreen]) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """The monitor walls' tiles and the walls themselves (key, monitor, screen, geometry) for the status JSON."""
    tiles: list[dict[str, object]] = []
    wall_list: list[dict[str, object]] = []
    for key, wall_window in walls.windows.items():
        tiles += [tile_json(t.report(), None, key, t.session) for t in wall_window.view.controller.tiles()]
        g = wall_window.geometry()
        wall_list.append({"key": key, "monitor": wall_window.monitor.label(),
                          "screen_index": screens.index(wall_window.screen()) if wall_window.screen() in screens
                          else None,
                          "screen_size": [wall_window.monitor.width, wall_window.monitor.height],
                          "geometry": [g.x(), g.y(), g.width(), g.height()]})
    return tiles, wall_list

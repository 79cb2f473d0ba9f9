"""The console's status JSON pieces (tests and benchmarks read it): one tile, the monitor walls."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from videowall.media.session import StreamSession
from videowall.services.live import TileReport

if TYPE_CHECKING:
    from PySide6.QtGui import QScreen

    from videowall.ui.walls import WallManager


def tile_json(report: TileReport, window: object | None, wall: str,
               session: StreamSession | None = None) -> dict[str, object]:
    status = report.status
    stats = session.stats() if session is not None else None
    geometry = window.tile_geometry(report.index) if window is not None else None  # type: ignore[attr-defined]
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
        tiles += [tile_json(t.report(), None, key, t.session) for t in wall_window.view.controller.live.tiles]
        g = wall_window.geometry()
        wall_list.append({"key": key, "monitor": wall_window.monitor.label(),
                          "screen_index": screens.index(wall_window.screen()) if wall_window.screen() in screens
                          else None,
                          "screen_size": [wall_window.monitor.width, wall_window.monitor.height],
                          "geometry": [g.x(), g.y(), g.width(), g.height()]})
    return tiles, wall_list

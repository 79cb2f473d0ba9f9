"""Monitor walls come back on the same physical monitor after a restart, whatever the screen order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.integration.wallrun import WallRun, import_fleet, with_env
from videowall.display.xserver import VirtualDisplay

SMALL, LARGE = (1024, 768), (1280, 720)


def _wall(status: dict[str, Any]) -> dict[str, Any] | None:
    walls = status.get("walls") or []
    return walls[0] if len(walls) == 1 else None


def _wall_tiles(status: dict[str, Any], key: str) -> list[dict[str, Any]]:
    return [t for t in status["tiles"] if t["wall"] == key]


def test_walls_survive_restart_with_screens_listed_in_another_order(fleet, app_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = import_fleet(fleet, tmp_path, app_env)
    cams = [c.id for c in fleet.cameras if not c.fault]
    wall_cams = cams[4:10]
    # First start: the small monitor is the second screen. Put a 1+5 wall of six cameras on it.
    with VirtualDisplay(screens=(LARGE, SMALL)) as display:
        env = with_env(app_env, DISPLAY=display.name)
        run = WallRun(env, tmp_path, "--db", str(db), "--layout", "2x2", "--cameras", ",".join(cams[:4]))
        try:
            run.wait_for(lambda s: len(s["tiles"]) == 4, 20, "the console")
            run.send(cmd="open_wall", monitor=1, layout="1+5")
            status = run.wait_for(lambda s: _wall(s) is not None, 15, "a wall on the second monitor")
            wall = _wall(status)
            assert wall is not None and wall["screen_size"] == list(SMALL) and wall["screen_index"] == 1
            run.send(cmd="assign", wall="1", tile=0, cameras=wall_cams)
            status = run.wait_for(
                lambda s: [t["camera_id"] for t in _wall_tiles(s, wall["key"])] == wall_cams
                and all(t["state"] == "live" for t in _wall_tiles(s, wall["key"])), 30, "six live wall tiles")
        finally:
            assert run.stop() == 0
    # Second start: the same monitors, listed the other way round.
    with VirtualDisplay(screens=(SMALL, LARGE)) as display:
        env = with_env(app_env, DISPLAY=display.name)
        run = WallRun(env, tmp_path, "--db", str(db))
        try:
            status = run.wait_for(
                lambda s: _wall(s) is not None and len(_wall_tiles(s, _wall(s)["key"])) == 6  # type: ignore[index]
                and all(t["state"] == "live" for t in _wall_tiles(s, _wall(s)["key"])),  # type: ignore[index]
                30, "the wall restored on the small monitor")
            wall = _wall(status)
            assert wall is not None
            assert wall["screen_size"] == list(SMALL) and wall["screen_index"] == 0, wall
            assert [t["camera_id"] for t in _wall_tiles(status, wall["key"])] == wall_cams
            console = [t["camera_id"] for t in status["tiles"] if t["wall"] == "console"]
            assert console == cams[:4], "the console's own wall comes back too"
        finally:
            assert run.stop() == 0

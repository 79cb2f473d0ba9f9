"""Monitor walls come back on the same physical monitor after a restart, whatever the screen order."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from typing import Any

from tests.integration.wallrun import WallRun, console, import_fleet, with_env
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


def _xdo(env: dict[str, str], *args: str) -> None:
    subprocess.run(["xdotool", *args], env=env, check=True, timeout=30)


def _walls_by_index(status: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {w["screen_index"]: w for w in status.get("walls") or []}


def _cams(status: dict[str, Any], index: int) -> list[str | None] | None:
    wall = _walls_by_index(status).get(index)
    return [t["camera_id"] for t in _wall_tiles(status, wall["key"])] if wall else None


def test_twin_monitors_get_their_own_walls_keys_and_kept_layouts(fleet, app_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Two monitors that report the same identity (no EDID, same name and size): distinct menu entries,
    a command for one leaves the other's wall alone, a closed wall reopens as it was, and Ctrl+<n> and PgDown
    pressed on a wall (real X key events on that screen) change that wall's layout and tour only."""
    db = import_fleet(fleet, tmp_path, app_env)
    cams = [c.id for c in fleet.cameras if not c.fault]
    with VirtualDisplay(screens=(SMALL, SMALL)) as display:
        env = with_env(app_env, DISPLAY=display.name)
        run = WallRun(env, tmp_path, "--db", str(db), "--layout", "1", "--cameras", cams[0])
        try:
            status = run.wait_for(lambda s: len(s["tiles"]) == 1 and len(s.get("monitors") or []) == 2, 60,
                                  "the console and two monitors")
            labels = [m["label"] for m in status["monitors"]]
            assert len({m["key"] for m in status["monitors"]}) == 2 and len(set(labels)) == 2, labels
            assert "monitor 1 (screen 1, 0,0)" in labels[0] and "monitor 2 (screen 2, 0,0)" in labels[1], labels

            run.send(cmd="open_wall", monitor=0, layout="2x2")
            run.send(cmd="open_wall", monitor=1, layout="1+5")
            run.wait_for(lambda s: sorted(_walls_by_index(s)) == [0, 1], 30, "a wall on each twin")
            run.send(cmd="assign", wall="1", tile=0, cameras=cams[1:4])
            second = cams[1:4] + [None] * 3
            run.wait_for(lambda s: _cams(s, 1) == second, 20, "three cameras on the second wall")
            run.send(cmd="layout", wall="0", layout="3x3")  # a command for monitor 0 ...
            status = run.wait_for(lambda s: len(_cams(s, 0) or []) == 9, 20, "monitor 0's wall as 3x3")
            assert _cams(status, 1) == second, "... leaves monitor 1's wall untouched"

            # An empty tile's menu (a real right-click on monitor 0's wall): Put a camera here..., typed in.
            xdo = {"DISPLAY": display.name}
            picked = fleet.camera(cams[7])
            _xdo(xdo, "mousemove", "--screen", "0", "170", "128", "click", "3")
            _xdo(xdo, "key", "Down", "Return")
            time.sleep(1.0)
            _xdo(xdo, "mousemove", "--screen", "0", "512", "384")  # over the dialog, which has the keyboard
            _xdo(xdo, "type", "--delay", "40", picked.name)
            _xdo(xdo, "key", "Tab", "Return")  # to OK (the combo box keeps its completed text), press it
            run.wait_for(lambda s: (_cams(s, 0) or [None])[0] == picked.id, 20, "the typed camera on the empty tile")

            run.send(cmd="close_wall", monitor=1)
            run.wait_for(lambda s: sorted(_walls_by_index(s)) == [0], 20, "the second wall closed")
            run.send(cmd="open_wall", monitor=1)
            run.wait_for(lambda s: _cams(s, 1) == second, 20, "the second wall back with its layout and cameras")

            # Ctrl+2 (the 4-tile grid) typed on the second wall: the pointer on that screen, real key events.
            subprocess.run(["xdotool", "mousemove", "--screen", "1", "500", "400", "click", "1"], env=xdo, check=True,
                           timeout=30)
            time.sleep(0.5)
            subprocess.run(["xdotool", "key", "ctrl+2"], env=xdo, check=True, timeout=30)
            status = run.wait_for(lambda s: len(_cams(s, 1) or []) == 4, 20, "the second wall as a 2x2 grid")
            assert _cams(status, 1) == [*cams[1:4], None], "the wall keeps its cameras in the new grid"
            assert len(_cams(status, 0) or []) == 9 and len(console(status)) == 1, "only that wall changed"
            assert (_cams(status, 0) or [None])[0] == picked.id

            # A tour on that wall steps with PgDown typed there.
            run.send(cmd="tour", wall="1", tile=3, cameras=cams[4:7], dwell_s=120)
            status = run.wait_for(lambda s: (_cams(s, 1) or [None] * 4)[3] in cams[4:7], 20, "a tour on the wall")
            first = (_cams(status, 1) or [])[3]
            subprocess.run(["xdotool", "key", "Next"], env=xdo, check=True, timeout=30)
            run.wait_for(lambda s: (_cams(s, 1) or [None] * 4)[3] not in (first, None), 20, "the tour stepped (PgDown)")
        finally:
            assert run.stop() == 0

"""Tours through the real window (issue 17 item 2), all by X events (xdotool) on the running app.

Ctrl+T with no saved tour opens the Tours dialog; a 3-camera tour with a 2 s dwell is typed in and
saved (SQLite and the audit trail say so); the tile's context menu runs it (Run tour > Gates); the
status file shows the tile cycling through the three cameras at about the dwell; another tile's
camera is removed and the wall's layout is changed with the grid keys, and the tour goes on at its
position; a click on the touring tile holds the tour (paused, the camera stays); the command channel
runs the saved tour by name on another tile and stops it.
"""

from __future__ import annotations

import itertools
import sqlite3
import subprocess
import time
from pathlib import Path
from typing import Any

from tests.integration.wallrun import WallRun, console, import_fleet
from tests.screens import grab

TOUR, DWELL = "Gates", 2.0


def xdo(display: str, *args: str) -> None:
    subprocess.run(["xdotool", *args], env={"DISPLAY": display}, check=True, timeout=30)


def _centre(tile: dict[str, Any]) -> tuple[str, str]:
    x, y, w, h = tile["geometry"]
    return str(x + w // 2), str(y + h // 2)


def _tour(status: dict[str, Any]) -> dict[str, Any] | None:
    return next((t for t in status.get("tours") or [] if t["wall"] == "console" and t["name"] == TOUR), None)


def _watch(run: WallRun, tile: int, seconds: float) -> list[tuple[float, str]]:
    """(time, camera id) each time the tile's camera changed, read from the status file."""
    seen: list[tuple[float, str]] = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        status = run.status()
        if status is not None and tile < len(console(status)):
            cam = console(status)[tile]["camera_id"]
            if cam and (not seen or seen[-1][1] != cam):
                seen.append((time.monotonic(), cam))
        time.sleep(0.1)
    return seen


def _cycles(seen: list[tuple[float, str]], order: list[str]) -> None:
    """The changes follow the tour's order, each about a dwell after the last (the file is rewritten each second)."""
    changes = seen[1:]
    assert len(changes) >= 2, seen
    for (_t0, a), (_t1, b) in itertools.pairwise(seen):
        assert order[(order.index(a) + 1) % len(order)] == b, (a, b, seen)
    gaps = [t1 - t0 for (t0, _a), (t1, _b) in itertools.pairwise(changes)]
    assert all(DWELL - 1.2 <= g <= DWELL + 1.6 for g in gaps), gaps


def test_a_tour_made_in_the_dialog_cycles_at_its_dwell_and_outlives_a_layout_change(  # type: ignore[no-untyped-def]
        fleet, app_env, tmp_path: Path, xdisplay: str) -> None:
    db = import_fleet(fleet, tmp_path, app_env)
    good = [c.id for c in fleet.cameras if not c.fault]
    wall, tour = good[:4], good[4:7]
    assert len(tour) == 3
    run = WallRun(app_env, tmp_path, "--db", str(db), "--layout", "2x2", "--cameras", ",".join(wall))
    try:
        status = run.wait_for(lambda s: [t["camera_id"] for t in console(s)] == wall, 60, "the 2x2 wall")
        tiles = console(status)
        xdo(xdisplay, "mousemove", *_centre(tiles[0]), "click", "1")
        xdo(xdisplay, "key", "ctrl+t")  # no saved tour yet: the Tours dialog
        time.sleep(1.5)
        xdo(xdisplay, "type", "--delay", "40", TOUR)
        xdo(xdisplay, "key", "alt+d", "ctrl+a")
        xdo(xdisplay, "type", "--delay", "40", f"{DWELL:g}")
        xdo(xdisplay, "key", "alt+a")
        for cam in tour:
            xdo(xdisplay, "type", "--delay", "30", cam)
            time.sleep(0.3)
            xdo(xdisplay, "key", "Return")
        grab(xdisplay, tmp_path / "tours-dialog.png")
        xdo(xdisplay, "key", "alt+s")
        deadline = time.monotonic() + 15
        steps: list[tuple[str, float]] = []
        while time.monotonic() < deadline and len(steps) < 3:
            time.sleep(0.3)
            with sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=10) as conn:
                steps = [(str(r[0]), float(r[1])) for r in conn.execute(
                    "SELECT item, dwell_s FROM tour_steps WHERE tour = ? ORDER BY idx", [TOUR])]
                audited = conn.execute("SELECT count(*) FROM audit_log WHERE action = 'tour_saved' AND target = ?",
                                       [TOUR]).fetchone()[0]
        assert steps == [(c, DWELL) for c in tour], steps
        assert audited == 1
        xdo(xdisplay, "key", "Escape")  # the dialog closes
        time.sleep(0.8)

        xdo(xdisplay, "mousemove", *_centre(tiles[3]), "click", "3")  # the tile's menu: Run tour > Gates
        time.sleep(0.8)
        xdo(xdisplay, "key", "t")
        time.sleep(0.5)
        xdo(xdisplay, "key", "Return")
        run.wait_for(lambda s: (_tour(s) or {}).get("tile") == 3, 15, "the tour running on tile 4")
        _cycles(_watch(run, 3, 3 * DWELL + 2.5), tour)

        xdo(xdisplay, "mousemove", *_centre(tiles[0]), "click", "1")  # another tile: remove its camera
        xdo(xdisplay, "key", "Delete")
        xdo(xdisplay, "key", "ctrl+3")  # and a new layout: 3x3
        status = run.wait_for(lambda s: len(console(s)) == 9 and console(s)[0]["camera_id"] is None, 15,
                              "a 3x3 wall with tile 1 empty")
        assert (_tour(status) or {}).get("tile") == 3, status.get("tours")
        seen = _watch(run, 3, 2 * DWELL + 2.5)
        _cycles(seen, tour)
        assert all(cam in tour for _t, cam in seen)
        assert [t["camera_id"] for t in console(run.status() or status)][1:3] == wall[1:3]  # the others stay

        tiles = console(run.status() or status)
        xdo(xdisplay, "mousemove", *_centre(tiles[3]), "click", "1")  # the operator works on the touring tile
        held = run.wait_for(lambda s: (_tour(s) or {}).get("paused") is True, 10, "the tour paused by the click")
        grab(xdisplay, tmp_path / "tour-paused.png")
        still = console(held)[3]["camera_id"]
        assert [cam for _t, cam in _watch(run, 3, 2 * DWELL + 1)] == [still]

        run.send(cmd="tour", name=TOUR, tile=1)  # the command channel (remote monitors use it with "wall")
        run.wait_for(lambda s: {t["tile"] for t in s.get("tours") or []} == {1, 3}, 15, "the tour by command on tile 2")
        run.send(cmd="stop_tour", tile=1)
        run.wait_for(lambda s: {t["tile"] for t in s.get("tours") or []} == {3}, 15, "tile 2's tour stopped")
    finally:
        assert run.stop() == 0

"""Maximise, the most used gesture in a control room: a double-click fills the wall with the tile, on
its main stream, and a second one puts it back in its cell (real X events, geometry from the status
file, pixels from the X server)."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from tests.integration.wallrun import WallRun, console, import_fleet
from tests.screens import colourfulness, grab


def _double_click(display: str, x: int, y: int) -> None:
    subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "--repeat", "2", "--delay", "60", "1"],
                   env={"DISPLAY": display}, check=True, timeout=30)


def _close(a: list[int], b: list[int], slack: int = 6) -> bool:
    return all(abs(p - q) <= slack for p, q in zip(a, b, strict=True))


def test_double_click_fills_the_wall_on_the_main_stream_and_restores(fleet, app_env, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                     xdisplay: str) -> None:
    db = import_fleet(fleet, tmp_path, app_env)
    cams = [c.id for c in fleet.cameras if not c.fault][:4]
    run = WallRun(app_env, tmp_path, "--db", str(db), "--layout", "4x4", "--cameras", ",".join(cams))
    try:
        status = run.wait_for(lambda s: len(console(s)) == 16 and [t["state"] for t in console(s)][:4] == ["live"] * 4,
                              40, "four live tiles on a 4x4 wall")
        cells = [t["geometry"] for t in console(status)]
        left, top = min(g[0] for g in cells), min(g[1] for g in cells)
        wall = [left, top, max(g[0] + g[2] for g in cells) - left, max(g[1] + g[3] for g in cells) - top]
        x, y, w, h = cells[3]
        assert console(status)[3]["stream"] == "sub", console(status)[3]  # a sixteenth of the wall: sub stream

        _double_click(xdisplay, x + w // 2, y + h // 2)
        big = run.wait_for(lambda s: _close(console(s)[3]["geometry"], wall) and console(s)[3]["stream"] == "main"
                           and console(s)[3]["state"] == "live", 20, "tile 4 filling the wall on its main stream")
        shot = grab(xdisplay, tmp_path / "maximised.png")
        assert colourfulness(shot, cells[10]) > 8, "an empty cell's place shows no picture while maximised"
        assert console(big)[0]["state"] == "live"  # the others keep playing behind, for an instant return

        _double_click(xdisplay, wall[0] + wall[2] // 2, wall[1] + wall[3] // 2)
        run.wait_for(lambda s: [t["geometry"] for t in console(s)] == cells, 20, "every tile back in its cell")
        run.send(cmd="maximise", tile=0)  # the same from the command channel
        run.wait_for(lambda s: _close(console(s)[0]["geometry"], wall), 20, "tile 1 maximised by command")
        time.sleep(0.3)
    finally:
        assert run.stop() == 0

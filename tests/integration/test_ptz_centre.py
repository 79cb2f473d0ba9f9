"""Click-to-centre: a click on a PTZ tile's picture turns the camera toward that point, and a box drawn with
Shift held centres it and zooms in (ipycam's REST position).

Real clicks (xdotool) on the app's window; the camera is ipycam, reached over ONVIF (RelativeMove).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.integration.test_ptz_wall import add_operator, import_ptz_camera, settled
from tests.integration.wallrun import WallRun, console, import_fleet

pytest.importorskip("ipycam")
from videowall.sim.onvif_emulator import OnvifEmulator

pytestmark = pytest.mark.skipif(shutil.which("xdotool") is None, reason="xdotool is not installed")
CAMERA = "PTZ-CENTRE-01"


def click(display: str, x: int, y: int) -> None:
    subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "1"], env={"DISPLAY": display}, check=True,
                   timeout=30)


def shift_drag(display: str, x0: int, y0: int, x1: int, y1: int) -> None:
    subprocess.run(["xdotool", "mousemove", str(x0), str(y0), "keydown", "shift", "mousedown", "1",
                    "mousemove", str((x0 + x1) // 2), str((y0 + y1) // 2), "sleep", "0.1",
                    "mousemove", str(x1), str(y1), "sleep", "0.1", "mouseup", "1", "keyup", "shift"],
                   env={"DISPLAY": display}, check=True, timeout=30)


def test_a_click_on_the_picture_turns_the_camera_toward_it(fleet, app_env, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                          xdisplay: str) -> None:
    db = import_fleet(fleet, tmp_path, app_env)
    with OnvifEmulator(run_dir=tmp_path / "ipycam") as emu:
        import_ptz_camera(db, app_env, tmp_path, CAMERA, "PTZ centre camera", emu.onvif_port,
                          fleet.url(next(c.id for c in fleet.cameras if not c.fault), "sub"))
        operator = add_operator(db, app_env)
        run = WallRun(operator, tmp_path, "--db", str(db), "--layout", "1", "--cameras", CAMERA)
        try:
            run.wait_for(lambda s: console(s)[0]["state"] == "live", 40, "the camera live")
            run.send(cmd="ptz_mode", tile=0)
            status: dict[str, Any] = run.wait_for(lambda s: bool((s.get("ptz") or {}).get("connected")), 30,
                                                  "the PTZ dock connected")
            x, y, w, h = console(status)[0]["geometry"]
            start = settled(emu)

            click(xdisplay, x + w * 3 // 4, y + h // 2 - h // 8)  # right of the middle, a little up
            right_up = settled(emu)
            print("click right and up:", start, "->", right_up)
            assert right_up[0] > start[0] + 0.05, (start, right_up)  # panned right
            assert right_up[1] > start[1] + 0.01, (start, right_up)  # tilted up
            assert abs(right_up[2] - start[2]) < 0.01  # the zoom stays

            click(xdisplay, x + w // 4, y + h * 3 // 4)  # left of the middle and down
            left_down = settled(emu)
            print("click left and down:", right_up, "->", left_down)
            assert left_down[0] < right_up[0] - 0.05 and left_down[1] < right_up[1] - 0.02, (right_up, left_down)

            click(xdisplay, x + w // 2, y + h // 2)  # the middle: nothing to centre
            assert settled(emu) == pytest.approx(left_down, abs=0.005)
            panel = ((run.status() or {}).get("ptz") or {}).get("panel", "")
            assert "Centred on the clicked point" in panel and "Failed" not in panel, panel

            # Shift+drag a box a quarter of the picture wide, right of the middle: centred and zoomed into
            shift_drag(xdisplay, x + w // 2 + w // 8, y + h // 2 - h // 8, x + w // 2 + w * 3 // 8, y + h // 2 + h // 8)
            boxed = settled(emu)
            print("box right of the middle:", left_down, "->", boxed)
            assert boxed[0] > left_down[0] + 0.05, (left_down, boxed)  # panned right, toward the box
            assert boxed[2] > left_down[2] + 0.5, (left_down, boxed)  # a quarter-wide box: 4x, the whole zoom range
            # the status file is written every so often: wait for the panel's line rather than read it once
            status = run.wait_for(lambda s: "Zoomed to the drawn box" in ((s.get("ptz") or {}).get("panel", "")),
                                  10, "the panel saying so")
            assert "Failed" not in status["ptz"]["panel"], status["ptz"]["panel"]
        finally:
            assert run.stop() == 0

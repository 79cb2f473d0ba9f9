"""A USB joystick steering the PTZ camera of the selected tile, against ipycam.

The stick is SDL's own virtual joystick inside the running app (the wall's ``joystick`` command attaches,
moves and presses it on the app's SDL thread), so it goes through SDL's real joystick event path, the
pure mapping, the tile's PTZ input mapper and the controller (pacing, ONVIF Timeout re-send, lock,
audit) as a USB stick would. ipycam's REST position is the truth.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from tests.integration.test_ptz_wall import add_operator, fleet_emulator, import_ptz_camera, position, settled
from tests.integration.wallrun import WallRun, console, import_fleet, videowall

pytest.importorskip("ipycam")


def test_the_joystick_pans_and_zooms_the_steered_camera_and_letting_go_stops_it(  # type: ignore[no-untyped-def]
        fleet, app_env, tmp_path: Path) -> None:
    db = import_fleet(fleet, tmp_path, app_env)
    emulator, rtsp = fleet_emulator(fleet, tmp_path)
    with emulator as emu:
        # Two register rows on the one emulated camera: the stick's "next camera" button has a second one to go to.
        for camera_id in ("PTZ-STICK-01", "PTZ-STICK-02"):
            import_ptz_camera(db, app_env, tmp_path, camera_id, f"PTZ joystick camera {camera_id[-1]}",
                              emu.onvif_port, f"{rtsp}/video_main", f"{rtsp}/video_sub")
        operator = add_operator(db, app_env)
        run = WallRun(operator, tmp_path, "--db", str(db), "--layout", "1x2", "--cameras",
                      "PTZ-STICK-01,PTZ-STICK-02")
        try:
            status: dict[str, Any] = run.wait_for(
                lambda s: bool(s.get("joystick")) and s["joystick"]["state"] == "none", 40,
                "SDL up and no joystick yet: a quiet status line")
            assert status["joystick"]["line"] == "No joystick"
            run.wait_for(lambda s: console(s)[0]["state"] == "live", 40, "the PTZ camera live")
            run.send(cmd="ptz_mode", tile=0)
            # 60 s: 30 ran out once beside the second lane
            run.wait_for(lambda s: bool(s.get("ptz") and s["ptz"]["connected"]), 60, "the PTZ dock connected")
            start = settled(emu)

            # Plugged in now (hot-plug) and pushed half right (speed ((0.5 - 0.1) / 0.9) ** 2 = 0.2 with the
            # default dead zone and curve): the camera pans right while it is held ...
            run.send(cmd="joystick", axes={"0": 16384})
            status = run.wait_for(lambda s: s["joystick"]["state"] == "ready", 10, "the stick picked up")
            assert status["joystick"]["devices"] == ["Virtual Controller"], status["joystick"]
            assert status["joystick"]["line"] == "Joystick: Virtual Controller"
            time.sleep(1.0)
            held_1 = position(emu)
            time.sleep(1.0)  # past the 1 s ONVIF Timeout: the controller re-sends, the camera keeps going
            held_2 = position(emu)
            print(f"joystick held: pan {start[0]:.3f} -> {held_1[0]:.3f} -> {held_2[0]:.3f}")
            assert held_1[0] > start[0] + 0.02 and held_2[0] > held_1[0] + 0.02, (start, held_1, held_2)
            # ... and letting go stops it.
            run.send(cmd="joystick", axes={"0": 0})
            let_go = time.monotonic()
            after_pan = settled(emu)
            stopped_in = time.monotonic() - let_go
            print(f"joystick let go: camera still after {stopped_in:.2f} s (incl. 0.3 s reads and the command file)")
            assert stopped_in < 2.0, stopped_in
            time.sleep(1.0)
            assert position(emu) == after_pan, "moving again after the stick was let go"

            # Button 0 (zoom_in by default) held: zoom in; up: stop.
            run.send(cmd="joystick", buttons={"0": True})
            time.sleep(1.0)
            run.send(cmd="joystick", buttons={"0": False})
            after_zoom = settled(emu)
            assert after_zoom[2] > after_pan[2] + 0.01 and after_zoom[0] == after_pan[0], (after_pan, after_zoom)

            # Button 3 (next_camera): the PTZ dock goes to the wall's next PTZ tile, and the stick steers that one.
            run.send(cmd="joystick", buttons={"3": True})
            run.wait_for(lambda s: bool(s.get("ptz")) and s["ptz"]["camera_id"] == "PTZ-STICK-02"
                         and s["ptz"]["connected"], 30, "the next PTZ camera steered")
            run.send(cmd="joystick", buttons={"3": False}, axes={"0": -16384})
            time.sleep(1.0)
            run.send(cmd="joystick", axes={"0": 0})
            after_next = settled(emu)
            assert after_next[0] < after_zoom[0] - 0.02, (after_zoom, after_next)
        finally:
            assert run.stop() == 0
    trail = tmp_path / "audit.csv"
    exported = videowall("audit", "export", str(trail), "--db", str(db), env=app_env)
    assert exported.returncode == 0, exported.stderr
    rows = [line for line in trail.read_text().splitlines() if "ptz_session" in line and "PTZ-STICK-01" in line]
    assert rows and "operator1" in rows[0], rows  # the joystick's moves are the operator's PTZ session

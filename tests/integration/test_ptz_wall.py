"""Steering a PTZ camera from its tile on the wall: drag, wheel and arrow keys, against ipycam.

The gestures are real X events (xdotool) on the app's window; ipycam's REST position is the truth.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from tests.integration.wallrun import WallRun, console, import_fleet, videowall

pytest.importorskip("ipycam")
from tests.accounts import add_account, ensure_admin
from videowall.sim.onvif_emulator import EmulatorConfig, OnvifEmulator

pytestmark = pytest.mark.skipif(shutil.which("xdotool") is None, reason="xdotool is not installed")
USER, PASSWORD = "wall-operator", "ptz-wall-pw"


def xdo(display: str, *args: str) -> None:
    subprocess.run(["xdotool", *args], env={"DISPLAY": display}, check=True, timeout=30)


def position(emu: OnvifEmulator) -> tuple[float, float, float]:
    p = emu.ptz_position()
    return float(p["pan"]), float(p["tilt"]), float(p["zoom"])


def settled(emu: OnvifEmulator) -> tuple[float, float, float]:
    """The position once the camera has stopped (Stop reached it)."""
    last = position(emu)
    for _ in range(20):
        time.sleep(0.3)
        now = position(emu)
        if now == last:
            return now
        last = now
    raise AssertionError(f"the camera keeps moving after the gesture ended: {last}")


def add_operator(db: Path, app_env: dict[str, str]) -> dict[str, str]:
    """The administrator and an operator in the database; returns the operator's environment."""
    for name, role, password in ((app_env["VIDEOWALL_USER"], "admin", app_env["VIDEOWALL_PASSWORD"]),
                                 ("operator1", "operator", "operator-password-1")):
        add_account(db, app_env, name, role, password)
    return {**app_env, "VIDEOWALL_USER": "operator1", "VIDEOWALL_PASSWORD": "operator-password-1"}


def import_ptz_camera(db: Path, env: dict[str, str], tmp_path: Path, camera_id: str, name: str, onvif_port: int,
                      main_url: str, sub_url: str = "") -> None:
    """One PTZ camera on the emulator's ONVIF port in the register, imported by the administrator."""
    register = tmp_path / "ptz.json"
    register.write_text(json.dumps([{
        "id": camera_id, "name": name, "type": "ATCS", "kecamatan": "Semarang Tengah", "kelurahan": "Pekunden",
        "main_url": main_url, "sub_url": sub_url, "onvif_host": "127.0.0.1", "onvif_port": onvif_port,
        "ptz": "ya", "status": "aktif",
    }]))
    ensure_admin(db, env)
    done = videowall("import", str(register), "--db", str(db), env=env)
    assert done.returncode == 0, done.stdout + done.stderr


def fleet_emulator(fleet: Any, tmp_path: Path) -> tuple[OnvifEmulator, str]:
    """ipycam streaming a healthy fleet camera's clip, behind a password; its RTSP base URL with credentials."""
    clip = fleet.clip(next(c.id for c in fleet.cameras if not c.fault)).sub
    config = EmulatorConfig(source=str(clip), width=640, height=360, fps=10, username=USER, password=PASSWORD)
    emu = OnvifEmulator(config, run_dir=tmp_path / "ipycam")
    return emu, f"rtsp://{USER}:{PASSWORD}@127.0.0.1:{emu.config.rtsp_port}"


def test_drag_wheel_and_keys_on_a_ptz_tile_move_the_camera(fleet, app_env, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                          xdisplay: str) -> None:
    db = import_fleet(fleet, tmp_path, app_env)
    emulator, rtsp = fleet_emulator(fleet, tmp_path)
    with emulator as emu:
        import_ptz_camera(db, app_env, tmp_path, "PTZ-TEST-01", "PTZ test camera", emu.onvif_port,
                          f"{rtsp}/video_main", f"{rtsp}/video_sub")
        operator = add_operator(db, app_env)  # the suite's administrator has no PTZ rights
        run = WallRun(operator, tmp_path, "--db", str(db), "--layout", "1", "--cameras", "PTZ-TEST-01")
        try:
            run.wait_for(lambda s: console(s)[0]["state"] == "live", 40, "the PTZ camera live")
            run.send(cmd="ptz_mode", tile=0)
            status: dict[str, Any] = run.wait_for(lambda s: bool(s.get("ptz") and s["ptz"]["connected"]), 30,
                                                  "the PTZ dock connected and the tile in PTZ mode")
            x, y, w, h = console(status)[0]["geometry"]
            cx, cy = x + w // 2, y + h // 2
            start = settled(emu)

            # Drag right of the press point: pan right, faster the further; letting go stops.
            xdo(xdisplay, "mousemove", str(cx), str(cy), "mousedown", "1")
            for dx in (20, 60, 110, 150):
                xdo(xdisplay, "mousemove", str(cx + dx), str(cy))
                time.sleep(0.2)
            time.sleep(0.8)
            xdo(xdisplay, "mouseup", "1")
            after_drag = settled(emu)
            assert after_drag[0] > start[0] + 0.02, (start, after_drag)

            # Wheel up: zoom in, then the burst ends with a Stop.
            xdo(xdisplay, "mousemove", str(cx), str(cy), "click", "--repeat", "3", "--delay", "80", "4")
            after_wheel = settled(emu)
            assert after_wheel[2] > after_drag[2] + 0.01, (after_drag, after_wheel)

            # Left arrow held: pan left; releasing the key stops.
            xdo(xdisplay, "keydown", "Left")
            time.sleep(1.2)
            xdo(xdisplay, "keyup", "Left")
            after_key = settled(emu)
            assert after_key[0] < after_wheel[0] - 0.02, (after_wheel, after_key)

            # Held well past the 1 s ONVIF Timeout each ContinuousMove carries: it keeps moving (re-sent) ...
            xdo(xdisplay, "mousemove", str(cx), str(cy), "mousedown", "1")
            xdo(xdisplay, "mousemove", str(cx), str(cy + 80))
            time.sleep(1.5)
            held_1 = position(emu)
            time.sleep(1.0)
            held_2 = position(emu)
            assert held_2[1] < held_1[1] - 0.1, (after_key, held_1, held_2)  # tilting down, still
            # ... until the pointer leaves the tile with the button still held: that stops it.
            xdo(xdisplay, "mousemove", str(x + w + 30), str(cy + 80))
            left_at = time.monotonic()
            out = settled(emu)
            stopped_in = time.monotonic() - left_at
            xdo(xdisplay, "mouseup", "1")
            print(f"dragged out of the tile: still after {stopped_in:.2f} s (incl. two 0.3 s reads)")
            assert stopped_in < 1.5, stopped_in
            time.sleep(1.0)
            assert position(emu) == out, "moving again after the drag left the tile"
        finally:
            assert run.stop() == 0


def test_liaison_gets_no_ptz_and_takeovers_are_audited(fleet, app_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A liaison officer reviews and exports but never steers; an operator's takeover is in the audit trail."""
    db = import_fleet(fleet, tmp_path, app_env)
    register = tmp_path / "ptz.json"
    register.write_text(json.dumps([{
        "id": "PTZ-AUDIT-01", "name": "PTZ audit camera", "kecamatan": "Semarang Tengah",
        "main_url": fleet.url(next(c.id for c in fleet.cameras if not c.fault), "sub"),
        "onvif_host": "127.0.0.1", "onvif_port": 9, "ptz": "ya", "status": "aktif",
    }]))
    ensure_admin(db, app_env)
    assert videowall("import", str(register), "--db", str(db), env=app_env).returncode == 0
    add_operator(db, app_env)
    add_account(db, app_env, "liaison1", "liaison", "liaison-password-1")
    for user, password, takeover in (("liaison1", "liaison-password-1", False),
                                     ("operator1", "operator-password-1", True)):
        env = {**app_env, "VIDEOWALL_USER": user, "VIDEOWALL_PASSWORD": password}
        run = WallRun(env, tmp_path, "--db", str(db), "--layout", "1", "--cameras", "PTZ-AUDIT-01")
        try:
            run.wait_for(lambda s: len(console(s)) == 1, 30, "the console")
            run.send(cmd="ptz_mode", tile=0)
            time.sleep(3)
            status = run.status() or {}
            assert bool(status.get("ptz")) is takeover, (user, status.get("ptz"))
        finally:
            assert run.stop() == 0
    trail = tmp_path / "audit.csv"
    exported = videowall("audit", "export", str(trail), "--db", str(db), env=app_env)
    assert exported.returncode == 0, exported.stderr
    rows = [line for line in trail.read_text().splitlines() if "ptz_takeover" in line]
    assert len(rows) == 1 and "PTZ-AUDIT-01" in rows[0] and "operator1" in rows[0], rows

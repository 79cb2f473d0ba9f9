"""One operator at a time: two consoles (two app processes sharing one database) and one PTZ camera.

Each console is on its own X server and is driven with real input (xdotool): drags on the tiles, clicks
on the dock's buttons. ipycam's REST position says whether the camera moved; the audit trail says who.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from tests.accounts import add_account
from tests.integration.test_ptz_wall import import_ptz_camera, settled
from tests.integration.wallrun import WallRun, console, import_fleet, videowall
from videowall.display.xserver import VirtualDisplay

pytest.importorskip("ipycam")
from videowall.sim.onvif_emulator import OnvifEmulator

pytestmark = pytest.mark.skipif(shutil.which("xdotool") is None, reason="xdotool is not installed")
CAMERA = "PTZ-LOCK-01"


def xdo(display: str, *args: str) -> None:
    subprocess.run(["xdotool", *args], env={"DISPLAY": display}, check=True, timeout=30)


def drag_right(display: str, status: dict[str, Any]) -> None:
    """Press in the middle of the console's first tile, drag 100 px right for a second, let go."""
    x, y, w, h = console(status)[0]["geometry"]
    cx, cy = x + w // 2, y + h // 2
    xdo(display, "mousemove", str(cx), str(cy), "mousedown", "1")
    for dx in (30, 70, 100):
        xdo(display, "mousemove", str(cx + dx), str(cy))
        time.sleep(0.15)
    time.sleep(1.0)
    xdo(display, "mouseup", "1")


def click(display: str, box: list[int]) -> None:
    x, y, w, h = box
    xdo(display, "mousemove", str(x + w // 2), str(y + h // 2), "click", "1")


def ptz(status: dict[str, Any]) -> dict[str, Any]:
    return status.get("ptz") or {}


def test_one_operator_at_a_time_and_a_supervisor_takes_over(fleet, app_env, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                             xdisplay: str) -> None:
    db = import_fleet(fleet, tmp_path, app_env)
    with OnvifEmulator(run_dir=tmp_path / "ipycam") as emu, VirtualDisplay(screens=((1600, 900),)) as second:
        import_ptz_camera(db, app_env, tmp_path, CAMERA, "PTZ lock camera", emu.onvif_port,
                          fleet.url(next(c.id for c in fleet.cameras if not c.fault), "sub"))
        add_account(db, app_env, "operator1", "operator", "operator-password-1")
        add_account(db, app_env, "supervisor1", "supervisor", "supervisor-password-1")
        args = ("--db", str(db), "--layout", "1", "--cameras", CAMERA, "--share-database")
        env_a = {**app_env, "VIDEOWALL_USER": "operator1", "VIDEOWALL_PASSWORD": "operator-password-1"}
        env_b = {**app_env, "VIDEOWALL_USER": "supervisor1", "VIDEOWALL_PASSWORD": "supervisor-password-1",
                 "DISPLAY": second.name}
        a = WallRun(env_a, tmp_path, *args)
        b: WallRun | None = None
        try:
            a.wait_for(lambda s: len(console(s)) == 1, 40, "console A")
            a.send(cmd="ptz_mode", tile=0)
            status_a = a.wait_for(lambda s: bool(ptz(s).get("connected")), 30, "A steering the camera")
            start = settled(emu)[0]
            drag_right(xdisplay, status_a)
            after_a = settled(emu)[0]
            assert after_a > start + 0.05, (start, after_a)

            b = WallRun(env_b, tmp_path, *args)  # the supervisor's console, on the same database
            b.wait_for(lambda s: len(console(s)) == 1, 40, "console B")
            b.send(cmd="ptz_mode", tile=0)
            status_b = b.wait_for(lambda s: ptz(s).get("holder") == "operator1", 30, "B told who holds it")
            assert not ptz(status_b)["connected"]
            assert "controlled by operator1 until " in ptz(status_b)["message"], ptz(status_b)
            assert set(ptz(status_b)["buttons"]) == {"retry", "take_over"}, ptz(status_b)
            drag_right(second.name, status_b)  # refused: B's tile is not in PTZ mode, nothing goes out
            assert settled(emu)[0] == after_a

            click(second.name, ptz(status_b)["buttons"]["take_over"])
            status_b = b.wait_for(lambda s: bool(ptz(s).get("connected")), 30, "B took over")
            status_a = a.wait_for(lambda s: ptz(s).get("holder") == "supervisor1", 10, "A told of the takeover")
            assert not ptz(status_a)["connected"]
            assert "supervisor1 (supervisor) took over PTZ of PTZ lock camera" in ptz(status_a)["message"]
            drag_right(xdisplay, status_a)  # the operator's tile steers no more
            assert settled(emu)[0] == after_a
            drag_right(second.name, status_b)
            after_b = settled(emu)[0]
            assert after_b > after_a + 0.05, (after_a, after_b)

            click(xdisplay, ptz(status_a)["buttons"]["retry"])  # an operator cannot take it back
            status_a = a.wait_for(lambda s: "controlled by supervisor1 until " in ptz(s).get("message", ""), 15,
                                  "A refused with the supervisor's name")
            assert set(ptz(status_a)["buttons"]) == {"retry"}, ptz(status_a)
        finally:
            codes = [a.stop(), b.stop() if b is not None else 0]
        assert codes == [0, 0]
    trail = tmp_path / "audit.csv"
    assert videowall("audit", "export", str(trail), "--db", str(db), env=app_env).returncode == 0
    with trail.open(newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["target"] == CAMERA and r["action"].startswith("ptz_")]
    kinds = [(r["actor"], r["action"]) for r in rows]
    assert ("supervisor1", "ptz_lock_refused") in kinds and ("operator1", "ptz_lock_refused") in kinds, kinds
    [taken] = [r for r in rows if r["action"] == "ptz_lock_taken"]
    assert taken["actor"] == "supervisor1" and taken["detail"].startswith("from operator1 (operator)"), taken
    ends = {r["actor"]: r["detail"] for r in rows if r["action"] == "ptz_session_end"}
    assert "taken over by supervisor1" in ends["operator1"] and "from " in ends["operator1"], ends
    assert "supervisor1" in ends, ends
    assert kinds.count(("operator1", "ptz_session")) == 1 and kinds.count(("supervisor1", "ptz_session")) == 1, kinds

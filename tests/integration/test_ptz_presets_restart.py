"""Presets set on the camera survive a restart of the app (issue 19, item 2).

Real input under Xvfb (xdotool): the arrow keys move the camera, the preset's name is typed into the
PTZ panel and its Save button clicked; the app quits and starts again; the panel lists the preset (on
the camera, with its picture) and Ctrl+1 on the PTZ tile sends GotoPreset. The emulator's REST API
says where the camera really is.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from tests.integration.test_ptz_wall import add_operator, fleet_emulator, import_ptz_camera, settled, xdo
from tests.integration.wallrun import WallRun, console, import_fleet, videowall

pytest.importorskip("ipycam")

pytestmark = pytest.mark.skipif(shutil.which("xdotool") is None, reason="xdotool is not installed")

CAMERA = "PTZ-PRESET-01"


def ptz_connected(run: WallRun) -> dict[str, Any]:
    run.wait_for(lambda s: console(s)[0]["state"] == "live", 40, "the PTZ camera live")
    run.send(cmd="ptz_mode", tile=0)
    return run.wait_for(lambda s: bool(s.get("ptz") and s["ptz"]["connected"] and s["ptz"]["buttons"]
                                        .get("preset_save")), 30, "the PTZ panel connected")


def rows(status: dict[str, Any]) -> list[dict[str, Any]]:
    """The PTZ panel's preset rows in the status JSON (none while the dock is not connected)."""
    return list((status.get("ptz") or {}).get("presets") or [])


def centre(box: list[int]) -> tuple[str, str]:
    x, y, w, h = box
    return str(x + w // 2), str(y + h // 2)


def hold(display: str, key: str, seconds: float) -> None:
    xdo(display, "keydown", key)
    time.sleep(seconds)
    xdo(display, "keyup", key)


def test_presets_set_on_the_camera_survive_a_restart_of_the_app(fleet, app_env, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                               xdisplay: str) -> None:
    db = import_fleet(fleet, tmp_path, app_env)
    emulator, rtsp = fleet_emulator(fleet, tmp_path)
    with emulator as emu:
        import_ptz_camera(db, app_env, tmp_path, CAMERA, "PTZ preset camera", emu.onvif_port,
                          f"{rtsp}/video_main", f"{rtsp}/video_sub")
        operator = add_operator(db, app_env)
        args = ("--db", str(db), "--layout", "1", "--cameras", CAMERA)

        run = WallRun(operator, tmp_path, *args)
        try:
            status = ptz_connected(run)
            xdo(xdisplay, "mousemove", *centre(console(status)[0]["geometry"]))  # keys go to the PTZ tile
            hold(xdisplay, "Left", 1.0)
            hold(xdisplay, "Up", 0.8)
            preset_at = settled(emu)
            buttons = status["ptz"]["buttons"]
            xdo(xdisplay, "mousemove", *centre(buttons["preset_name"]), "click", "1")
            xdo(xdisplay, "type", "--delay", "40", "Gerbang")
            xdo(xdisplay, "mousemove", *centre(buttons["preset_save"]), "click", "1")
            status = run.wait_for(lambda s: any("Gerbang" in p["text"] for p in rows(s)), 20,
                                  "the new preset in the panel's list")
            [row] = status["ptz"]["presets"]
            assert row["thumbnail"], row
            saved = json.loads((emu.presets_path or Path()).read_text())
            assert [p["name"] for p in saved.values()] == ["Gerbang"], saved  # on the camera, not local
            # somewhere else before quitting, so the preset's recall is a visible move
            # a click in the middle of the tile gives it the keys back (and centres on the middle: no move)
            xdo(xdisplay, "mousemove", *centre(console(status)[0]["geometry"]), "click", "1")
            time.sleep(0.5)
            hold(xdisplay, "Right", 1.6)
            moved_away = settled(emu)
            assert abs(moved_away[0] - preset_at[0]) > 0.1, (preset_at, moved_away)
        finally:
            assert run.stop() == 0

        run = WallRun(operator, tmp_path, *args)
        try:
            status = ptz_connected(run)
            status = run.wait_for(lambda s: bool(rows(s)), 20, "the preset list after restart")
            [row] = status["ptz"]["presets"]
            assert row["text"].startswith("1. Gerbang") and row["thumbnail"], row
            assert "local" not in row["text"] and "lokal" not in row["text"], row
            xdo(xdisplay, "mousemove", *centre(console(status)[0]["geometry"]))
            xdo(xdisplay, "key", "ctrl+1")
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                here = settled(emu)
                if max(abs(a - b) for a, b in zip(here, preset_at, strict=True)) < 0.01:
                    break
            else:
                raise AssertionError(f"Ctrl+1 did not bring the camera to the preset: {here} != {preset_at}")
            assert console(run.status() or {})[0]["geometry"], "the console still runs"
        finally:
            assert run.stop() == 0
    trail = tmp_path / "audit.csv"
    assert videowall("audit", "export", str(trail), "--db", str(db), env=app_env).returncode == 0
    audited = [line for line in trail.read_text().splitlines() if "preset_set" in line]
    assert len(audited) == 1 and CAMERA in audited[0] and "operator1" in audited[0], audited

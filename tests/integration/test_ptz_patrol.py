"""A patrol visits its presets in order (issue 19, item 5), started through the real PTZ dock.

Against ipycam (position truth from its REST API), with three presets on the camera. The operator opens
the dock's Patrol tab, sets a 1 s dwell, adds all presets and clicks Start (xdotool); the camera then
stands at the presets in the list's order, looping, and the dock says "Patrol: preset N/3". A click and
an arrow key on the PTZ tile are manual moves: the patrol is held and the camera stays where it was left.
"""

from __future__ import annotations

import csv
import json
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from tests.integration.test_ptz_presets_restart import centre, hold, rows
from tests.integration.test_ptz_wall import add_operator, fleet_emulator, import_ptz_camera, position, settled, xdo
from tests.integration.wallrun import WallRun, console, import_fleet, videowall

pytest.importorskip("ipycam")

pytestmark = pytest.mark.skipif(shutil.which("xdotool") is None, reason="xdotool is not installed")

CAMERA = "PTZ-PATROL-01"
PRESETS = {"Gerbang": (-0.5, 0.2, 0.0), "Pasar": (0.5, -0.2, 0.1), "Taman": (0.0, 0.4, 0.0)}


def at_preset(here: tuple[float, float, float]) -> str | None:
    return next((name for name, where in PRESETS.items()
                 if max(abs(a - b) for a, b in zip(here, where, strict=True)) < 0.01), None)


def test_a_patrol_visits_its_presets_in_order(fleet, app_env, tmp_path: Path,  # type: ignore[no-untyped-def]
                                              xdisplay: str) -> None:
    began = time.monotonic()
    db = import_fleet(fleet, tmp_path, app_env)
    emulator, rtsp = fleet_emulator(fleet, tmp_path)
    run_dir = tmp_path / "ipycam"
    run_dir.mkdir(parents=True, exist_ok=True)
    (run_dir / "presets.json").write_text(json.dumps({  # on the camera, as sim/onvif_presets.py keeps them
        f"preset_{i}": {"name": name, "pan": p, "tilt": t, "zoom": z}
        for i, (name, (p, t, z)) in enumerate(PRESETS.items())}))
    with emulator as emu:
        import_ptz_camera(db, app_env, tmp_path, CAMERA, "PTZ patrol camera", emu.onvif_port,
                          f"{rtsp}/video_main", f"{rtsp}/video_sub")
        operator = add_operator(db, app_env)
        emu_start = emu.ptz_position()
        assert at_preset((emu_start["pan"], emu_start["tilt"], emu_start["zoom"])) is None, emu_start
        print(f"camera and accounts: {time.monotonic() - began:.1f} s")
        run = WallRun(operator, tmp_path, "--db", str(db), "--layout", "1", "--cameras", CAMERA)
        try:
            run.wait_for(lambda s: len(console(s)) == 1, 30, "the console")
            run.send(cmd="ptz_mode", tile=0)  # (no need to wait for the picture: PTZ works without it)
            status = run.wait_for(lambda s: len(rows(s)) == 3 and "tab_patrol" in s["ptz"]["buttons"], 20,
                                  "the three camera presets in the dock")
            print(f"dock connected with its presets: {time.monotonic() - began:.1f} s")
            xdo(xdisplay, "mousemove", *centre(status["ptz"]["buttons"]["tab_patrol"]), "click", "1")
            status = run.wait_for(lambda s: "patrol_start" in s["ptz"]["buttons"], 10, "the Patrol tab shown")
            buttons = status["ptz"]["buttons"]
            xdo(xdisplay, "mousemove", *centre(buttons["patrol_dwell"]), "click", "1")
            xdo(xdisplay, "key", "ctrl+a")
            xdo(xdisplay, "type", "1")
            xdo(xdisplay, "mousemove", *centre(buttons["patrol_add_all"]), "click", "1")
            xdo(xdisplay, "mousemove", *centre(buttons["patrol_start"]), "click", "1")

            visited: list[str] = []
            said: set[str] = set()
            deadline = time.monotonic() + 15
            while len(visited) < 4 and time.monotonic() < deadline:
                name = at_preset(position(emu))
                if name is not None and (not visited or visited[-1] != name):
                    visited.append(name)
                    ptz = (run.status() or {}).get("ptz") or {}
                    said.add(str(ptz.get("patrol", "")))
                    said.add(str((ptz.get("tile_patrol") or [None])[0]))
                time.sleep(0.1)
            print(f"patrol round done: {time.monotonic() - began:.1f} s")
            # to each preset in the list's order, and round again
            assert visited == ["Gerbang", "Pasar", "Taman", "Gerbang"], visited
            assert any("Patrol: preset" in text and "/3 (" in text for text in said), said  # the dock
            assert any(text.startswith("['Patrol: preset ") and "/3', False]" in text for text in said), said  # tile

            # a manual move on the PTZ tile holds the patrol: the camera stays where the operator left it
            # (a click on the middle of the tile gives it the keys back; a click is a manual move too)
            xdo(xdisplay, "mousemove", *centre(console(status)[0]["geometry"]), "click", "1")
            hold(xdisplay, "Left", 0.6)
            left_at = settled(emu)
            time.sleep(2.5)  # past the 1 s dwell
            assert position(emu) == left_at and at_preset(left_at) is None, left_at
            held: dict[str, Any] = run.wait_for(lambda s: "held" in str(s["ptz"].get("patrol", "")), 5,
                                                "the dock saying the patrol is held")
            assert "Patrol held" in held["ptz"]["patrol"], held["ptz"]
            held = run.wait_for(lambda s: (s["ptz"].get("tile_patrol") or [None])[0] == ["Patrol held", True], 5,
                                "the tile saying the patrol is held")
        finally:
            assert run.stop() == 0
    trail = tmp_path / "audit.csv"
    assert videowall("audit", "export", str(trail), "--db", str(db), env=app_env).returncode == 0
    with trail.open(newline="") as handle:
        audited = [r for r in csv.DictReader(handle) if r["target"] == CAMERA
                   and (r["action"].startswith(("preset_", "ptz_patrol", "ptz_park")))]
    assert [(r["actor"], r["action"]) for r in audited] == [
        ("operator1", "ptz_patrol_saved"), ("operator1", "ptz_patrol_started"), ("operator1", "ptz_patrol_stopped")
    ], audited
    assert "'Gerbang' 1 s, 'Pasar' 1 s, 'Taman' 1 s" in audited[0]["detail"], audited
    assert "manual move" in audited[2]["detail"], audited

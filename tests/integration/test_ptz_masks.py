"""A masked PTZ camera on the wall, steered by an operator with real X input against ipycam.

At home its mask covers the house front; from the first drag the whole picture is masked (the
polygons no longer fit what it sees) and it stays so after the camera stops; the Home key on the
tile brings it back home and the picture back with only the house masked. A second camera id in the
register that carries the same stream is masked alike, from the same moment.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import pytest

from tests.integration.test_ptz_wall import add_operator, fleet_emulator, settled, xdo
from tests.integration.wallrun import WallRun, console, import_fleet, videowall
from tests.screens import grab, mask_share

pytest.importorskip("ipycam")
from videowall.domain.privacy import MASK_BGRA, MaskPolygon, MaskSet
from videowall.storage.privacy import PrivacyRepository
from videowall.storage.writer import DatabaseWriter

HOUSE = MaskPolygon(((0.5, 0.1), (0.95, 0.1), (0.95, 0.6), (0.5, 0.6)))  # ~22 % of the picture
GREY = (MASK_BGRA[2], MASK_BGRA[1], MASK_BGRA[0])


def test_a_turned_ptz_camera_is_masked_whole_until_it_is_home(fleet, app_env, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                               xdisplay: str) -> None:
    db = import_fleet(fleet, tmp_path, app_env)
    emulator, rtsp = fleet_emulator(fleet, tmp_path)
    with emulator as emu:
        common = {"type": "ATCS", "kecamatan": "Semarang Tengah", "kelurahan": "Pekunden", "status": "aktif"}
        register = tmp_path / "ptz.json"
        register.write_text(json.dumps([
            {**common, "id": "PTZ-MASK-01", "name": "PTZ masked", "main_url": f"{rtsp}/video_main",
             "sub_url": f"{rtsp}/video_sub", "onvif_host": "127.0.0.1", "onvif_port": emu.onvif_port, "ptz": "ya"},
            {**common, "id": "PTZ-MASK-RELAY", "name": "Same picture, other id", "main_url": f"{rtsp}/video_sub"},
        ]))
        done = videowall("import", str(register), "--db", str(db), env=app_env)
        assert done.returncode == 0, done.stdout + done.stderr
        with DatabaseWriter(db) as writer:  # the mask belongs to the PTZ camera's id only
            writer.submit(lambda d: PrivacyRepository(d).save_masks(MaskSet("PTZ-MASK-01", (HOUSE,)))).result()
        operator = add_operator(db, app_env)
        run = WallRun(operator, tmp_path, "--db", str(db), "--layout", "1x2",
                      "--cameras", "PTZ-MASK-01,PTZ-MASK-RELAY")
        try:
            status = run.wait_for(lambda s: [t["state"] for t in console(s)] == ["live", "live"], 40,
                                  "both cameras live")

            def shares(name: str) -> tuple[float, float]:
                ptz_tile, relay_tile = (t["geometry"] for t in console(run.status() or status))  # the dock moves them
                shot = grab(xdisplay, tmp_path / f"{name}.png")
                return mask_share(shot, ptz_tile, GREY), mask_share(shot, relay_tile, GREY)

            at_home = shares("home")
            assert all(0.08 < s < 0.5 for s in at_home), at_home  # the house only, on both ids

            run.send(cmd="ptz_mode", tile=0)
            status = run.wait_for(lambda s: bool(s.get("ptz") and s["ptz"]["connected"]), 30, "PTZ mode on tile 0")
            time.sleep(1.5)  # the dock has opened beside the wall: the tiles have their new places
            x, y, w, h = console(run.status() or status)[0]["geometry"]
            cx, cy = x + w // 2, y + h // 2
            start = settled(emu)
            xdo(xdisplay, "mousemove", str(cx), str(cy), "mousedown", "1")
            for dx in (30, 80, 130):
                xdo(xdisplay, "mousemove", str(cx + dx), str(cy))
                time.sleep(0.2)
            time.sleep(0.6)
            during = shares("dragging")
            xdo(xdisplay, "mouseup", "1")
            after = settled(emu)
            assert after[0] > start[0] + 0.02, (start, after)  # it really turned
            stopped = shares("stopped")
            assert min(during + stopped) > 0.97, (during, stopped)  # the whole picture, both ids

            xdo(xdisplay, "mousemove", str(cx), str(cy + h // 4), "key", "Home")
            deadline = time.monotonic() + 15
            back = shares("back")
            while not all(0.08 < s < 0.5 for s in back) and time.monotonic() < deadline:
                time.sleep(0.5)
                back = shares("back")
            assert all(0.08 < s < 0.5 for s in back), back
            assert np.allclose(settled(emu), (0.0, 0.0, 0.0), atol=0.05), settled(emu)  # ipycam's home
            states = [t["state"] for t in console(run.status() or status)]
            assert states == ["live", "live"], states  # turning on purpose is not a scene change
        finally:
            assert run.stop() == 0

"""A tile whose stream is lost keeps its last picture, dimmed, with the time it was taken and the real
countdown to the next attempt (issue 17 item 4): the camera's paths vanish on the simulated fleet, the
X server shows the dimmed picture (pixels, not the status file), the status file the countdown."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np

from tests.integration.wallrun import WallRun, console, import_fleet
from tests.ocr import read_text
from tests.screens import background_share, crop, grab, thumbnail
from videowall.domain.i18n import DEFAULT_TIMEZONE

NOT_LIVE = ("reconnecting", "offline")


def _luma(img: np.ndarray, geometry: list[int]) -> float:
    return float(crop(img, geometry, inset=60).mean())


def test_a_lost_stream_keeps_its_last_picture_dimmed_with_a_countdown(fleet, app_env, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                       xdisplay: str) -> None:
    camera = next(c.id for c in fleet.cameras if not c.fault)
    db = import_fleet(fleet, tmp_path, app_env)
    run = WallRun(app_env, tmp_path, "--db", str(db), "--layout", "1", "--cameras", camera)
    try:
        status = run.wait_for(lambda s: bool(console(s)) and console(s)[0]["state"] == "live", 90, "the camera live")
        assert console(status)[0]["last_picture_at"] is None, "a live tile shows its stream, not a kept picture"
        time.sleep(1.5)
        geometry = console(status)[0]["geometry"]
        live = grab(xdisplay, tmp_path / "live.png")
        before_drop = time.time()
        fleet.drop(camera, 40.0)

        # Wait out the first quick attempts: a back-off long enough to watch its countdown run.
        waiting = run.wait_for(lambda s: console(s)[0]["state"] in NOT_LIVE and (console(s)[0]["retry_in_s"] or 0) >= 5,
                               60, "a not-live tile waiting several seconds for its next attempt")
        tile = console(waiting)[0]
        ticking = console(run.wait_for(lambda s: console(s)[0]["state_since"] == tile["state_since"]
                                       and console(s)[0]["retry_in_s"] is not None
                                       and console(s)[0]["retry_in_s"] <= tile["retry_in_s"] - 1, 10,
                                       "the countdown running"))[0]
        shot_path = tmp_path / "not-live.png"
        shot = grab(xdisplay, shot_path)
        after = console(run.wait_for(lambda s: console(s)[0]["retry_in_s"] != ticking["retry_in_s"], 10,
                                     "a status written after the grab"))[0]
        assert after["state_since"] == tile["state_since"], "the grab is of that same wait"
        # The picture kept is the one from before the stream was lost: its time is the last live moment.
        taken = tile["last_picture_at"]
        assert taken is not None and before_drop - 30 < taken <= before_drop + 5, (taken, before_drop)

        # Pixels: the tile shows the same scene, dimmer, not the empty background.
        live_luma, dim_luma = _luma(live, geometry), _luma(shot, geometry)
        assert background_share(shot, geometry) < 0.5, "the tile went blank instead of keeping its last picture"
        assert 0.2 * live_luma < dim_luma < 0.8 * live_luma, (live_luma, dim_luma)
        a, b = thumbnail(live, geometry).mean(axis=2).ravel(), thumbnail(shot, geometry).mean(axis=2).ravel()
        assert float(np.corrcoef(a, b)[0, 1]) > 0.5, "the dimmed picture is not the camera's last picture"

        # And a person reads the countdown and the picture's time on it.
        x, y, w, h = geometry
        text = read_text(shot_path, (x + w // 6, y + h // 4, w * 2 // 3, h // 2), tmp_path)
        stamp = datetime.fromtimestamp(taken, ZoneInfo(DEFAULT_TIMEZONE)).strftime("%H:%M:%S")  # the city's clock
        assert "next try in" in text.lower() and stamp in text, text
    finally:
        assert run.stop() == 0

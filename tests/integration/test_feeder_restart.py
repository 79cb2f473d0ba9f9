"""A camera that comes back: its feeder is killed, the simulated fleet restarts it, and the tile that
lost the picture goes live again by itself (the reconnect path against a real returning stream)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from tests.integration.wallrun import WallRun, console, import_fleet


def test_a_killed_feeder_comes_back_and_its_tile_goes_live(fleet, app_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    camera = next(c.id for c in fleet.cameras if not c.fault)
    db = import_fleet(fleet, tmp_path, app_env)
    run = WallRun(app_env, tmp_path, "--db", str(db), "--layout", "1", "--cameras", camera)
    try:
        run.wait_for(lambda s: console(s)[0]["state"] == "live", 40, "the camera live")
        [pid] = fleet.feeder_pids(camera)
        os.kill(pid, signal.SIGKILL)
        lost = run.wait_for(lambda s: console(s)[0]["state"] != "live", 30, "the tile noticing the lost feed")
        deadline = time.monotonic() + 10
        while not fleet.feeder_pids(camera) and time.monotonic() < deadline:
            time.sleep(0.2)
        [again] = fleet.feeder_pids(camera)
        assert again != pid
        run.wait_for(lambda s: console(s)[0]["state"] == "live", 60,
                     f"the tile live again (was {console(lost)[0]['state']})")
    finally:
        assert run.stop() == 0

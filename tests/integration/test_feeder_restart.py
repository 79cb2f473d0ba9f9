"""A camera that comes back: its feeder is killed, the simulated fleet restarts it, and the tile that
lost the picture goes live again by itself (the reconnect path against a real returning stream)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from typing import Any

from tests.integration.wallrun import WallRun, console, import_fleet


def test_a_killed_feeder_comes_back_and_its_tile_goes_live(fleet, app_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    camera = next(c.id for c in fleet.cameras if not c.fault)
    db = import_fleet(fleet, tmp_path, app_env)
    run = WallRun(app_env, tmp_path, "--db", str(db), "--layout", "1", "--cameras", camera)
    try:
        live = run.wait_for(lambda s: console(s)[0]["state"] == "live", 40, "the camera live")
        [pid] = fleet.feeder_pids(camera)
        known = console(live)[0]["history"][-1][0]  # seconds since shown, of the last change seen
        os.kill(pid, signal.SIGKILL)

        def changes(status: dict[str, Any]) -> list[list[Any]]:
            return [h for h in console(status)[0]["history"] if h[0] > known]

        # The tile's history, not its state now: a quick reconnect can be over between two status files
        lost = run.wait_for(lambda s: any(h[1] != "live" for h in changes(s)), 30, "the tile noticing the lost feed")
        deadline = time.monotonic() + 10
        while not fleet.feeder_pids(camera) and time.monotonic() < deadline:
            time.sleep(0.2)
        [again] = fleet.feeder_pids(camera)
        assert again != pid
        was = next(h[1] for h in changes(lost) if h[1] != "live")
        run.wait_for(lambda s: console(s)[0]["state"] == "live" and changes(s)[-1][1] == "live", 60,
                     f"the tile live again (was {was})")
    finally:
        assert run.stop() == 0

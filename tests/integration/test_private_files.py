"""The pre-event rings (unmasked video) are reachable by the console's account only and go with it;
its audit rows are anchored outside the database when it stops (issue 14)."""

from __future__ import annotations

import stat
import time
from pathlib import Path

from tests.integration.wallrun import WallRun, console, import_fleet, videowall


def test_rings_are_private_while_running_and_gone_after_exit(fleet, app_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = import_fleet(fleet, tmp_path, app_env)
    ids = [c.id for c in fleet.cameras if not c.fault][:2]
    run = WallRun(app_env, tmp_path, "--db", str(db), "--layout", "1x2", "--cameras", ",".join(ids))
    buffer = db.parent / "buffer"
    try:
        run.wait_for(lambda s: all(t["state"] == "live" for t in console(s)), 40, "2 tiles live")
        time.sleep(3.0)  # a few segments written
        segments = [p for p in buffer.rglob("*") if p.is_file()]
        assert segments, "the rings hold segments while the wall runs"
        folders = [buffer, *(p for p in buffer.rglob("*") if p.is_dir())]
        assert {stat.S_IMODE(p.stat().st_mode) for p in folders} == {0o700}, "no other account can reach a segment"
    finally:
        assert run.stop() == 0, run.log_tail()
    assert not buffer.exists(), "the rings are removed when the console exits"
    # the console's last act: its audit rows (the sign-in at least) anchored, signed, outside the database
    verified = videowall("audit", "verify", "--db", str(db), env=app_env)
    assert verified.returncode == 0 and "signed anchors outside the database agree" in verified.stdout, verified.stdout

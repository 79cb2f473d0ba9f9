"""The main stream is what a bookmark keeps, even when the tile plays the sub stream (issue 15 item 7).

A camera on a 4x4 wall plays its sub stream; the console records its main stream beside it (one
extra ffmpeg that writes segments only), the operator presses B, and the saved clip has the main
stream's size. When the camera leaves the wall, the recorder stops after the post-event seconds.
"""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

from tests.accounts import add_account
from tests.integration.test_evidence_window import bookmarks, xdo
from tests.integration.wallrun import WallRun, console, import_fleet
from videowall.storage.settings import SettingsRepository
from videowall.storage.writer import DatabaseWriter


def _width(path: Path) -> int:
    done = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width",
                           "-of", "json", str(path)], capture_output=True, text=True, timeout=30, check=True)
    return int(json.loads(done.stdout)["streams"][0]["width"])


def _recorders(run: WallRun) -> list[str]:
    """Command lines of the app's main-stream feeds (with their segment ring): the tiles play sub streams,
    so these are the evidence recorders holding the main streams open."""
    return [b" ".join(argv).decode(errors="replace") for argv in run.ffmpeg_argvs().values()
            if b"segment" in argv and any(a.endswith(b"/main") for a in argv)]


def test_a_sub_stream_tile_keeps_the_main_stream_for_evidence(fleet, app_env, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                             xdisplay: str) -> None:
    db = import_fleet(fleet, tmp_path, app_env)
    add_account(db, app_env, "operator1", "operator", "operator-pw-1")
    with DatabaseWriter(db) as writer:  # short clips: 3 s either side of the key press
        writer.submit(lambda d: SettingsRepository(d).set("evidence", {"pre_s": 3.0, "post_s": 3.0})).result(10)
    camera = next(c for c in fleet.cameras if not c.fault)
    env = {**app_env, "VIDEOWALL_USER": "operator1", "VIDEOWALL_PASSWORD": "operator-pw-1"}
    run = WallRun(env, tmp_path, "--db", str(db), "--layout", "4x4", "--cameras", camera.id)
    try:
        status = run.wait_for(lambda s: console(s)[0]["state"] == "live", 40, "the camera live")
        assert console(status)[0]["stream"] == "sub"
        deadline = time.monotonic() + 20
        while not _recorders(run) and time.monotonic() < deadline:
            time.sleep(0.3)
        [recorder] = _recorders(run)
        assert camera.main_path in recorder, recorder
        time.sleep(5.0)  # the pre-event seconds in the main ring
        x, y, w, h = console(status)[0]["geometry"]
        xdo(xdisplay, "mousemove", str(x + w // 2), str(y + h // 2), "click", "1")
        time.sleep(0.5)
        xdo(xdisplay, "key", "b")
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline and not any(b[2] in ("saved", "partial") for b in bookmarks(db)):
            time.sleep(0.5)
        run.send(cmd="clear", tile=0)  # the camera leaves the wall: its recorder ends after the post-event time
        deadline = time.monotonic() + 20
        while _recorders(run) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not _recorders(run), "the main-stream recorder outlived the camera's time on the wall"
    finally:
        assert run.stop() == 0, run.log_tail()
    clips = sorted((tmp_path / "evidence" / "clips").rglob("*.mp4")) or sorted(tmp_path.rglob("evidence/clips/*/*.mp4"))
    assert len(clips) == 1, clips
    assert _width(clips[0]) == _width(fleet.clip(camera.id).main) > _width(fleet.clip(camera.id).sub)

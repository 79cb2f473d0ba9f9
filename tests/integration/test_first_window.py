"""The first window under Xvfb: the register imported, four fleet cameras playing through libVLC.

Moving video is checked from X-server screenshots (what a person sees), tile by tile.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.accounts import ensure_admin
from tests.integration.wallrun import alive, process_children, trust_first_pictures
from tests.screens import colourfulness, grab, moving, thumbnail

pytestmark = pytest.mark.integration
BIN = Path(sys.executable).parent


def videowall(*args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "videowall"), *args], env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)


def test_first_window_plays_four_fleet_cameras(fleet, app_env, tmp_path: Path, xdisplay: str) -> None:  # type: ignore[no-untyped-def]
    register = tmp_path / "fleet.csv"
    fleet.write_csv(register)
    db = tmp_path / "wall.db"
    ensure_admin(db, app_env)
    imported = videowall("import", str(register), "--db", str(db), env=app_env)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    trust_first_pictures(db)  # a known-good fleet: its first pictures are its references (no review here)
    healthy = [c.id for c in fleet.cameras if not c.fault][:4]
    status_file = tmp_path / "status.json"
    proc = subprocess.Popen(
        [str(BIN / "videowall"), "run", "--db", str(db), "--layout", "2x2", "--cameras", ",".join(healthy),
         "--quit-after", "16", "--status-json", str(status_file), "--screenshot", str(tmp_path / "end.png")],
        env=app_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        time.sleep(9)
        shots = []
        for i, pause in enumerate((0.0, 0.7, 1.1)):
            time.sleep(pause)
            shots.append(grab(xdisplay, tmp_path / f"shot{i}.png"))
        second = shots[-1]
        _out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    tiles = json.loads(status_file.read_text())["tiles"]
    assert [t["camera_id"] for t in tiles] == healthy
    for t in tiles:
        assert t["state"] == "live", t
        assert t["fps"] > 20, t
    for t in tiles:
        geometry = t["geometry"]
        assert colourfulness(second, geometry) > 10, f"tile {t['index']} looks flat: {t}"
        assert moving(shots, geometry) > 0, f"tile {t['index']} is not moving: {t}"
    thumbs = [thumbnail(second, t["geometry"]) for t in tiles]
    for i in range(len(thumbs)):
        for j in range(i + 1, len(thumbs)):
            assert abs(thumbs[i] - thumbs[j]).mean() > 5, f"tiles {i} and {j} show the same picture"
    assert (tmp_path / "end.png").stat().st_size > 10_000


def test_no_ffmpeg_left_after_quitting(fleet, app_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    register = tmp_path / "fleet.csv"
    fleet.write_csv(register)
    db = tmp_path / "wall.db"
    ensure_admin(db, app_env)
    assert videowall("import", str(register), "--db", str(db), env=app_env).returncode == 0
    proc = subprocess.Popen([str(BIN / "videowall"), "run", "--db", str(db), "--layout", "3x3"], env=app_env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    time.sleep(6)
    children = process_children(proc.pid, "ffmpeg")
    assert len(children) >= 4, "the wall should run one ingest per shown stream"
    proc.send_signal(subprocess.signal.SIGINT)  # type: ignore[attr-defined]
    proc.wait(30)
    time.sleep(0.5)
    left = [pid for pid in children if alive(pid)]
    assert not left, f"ingest processes left behind: {left}"

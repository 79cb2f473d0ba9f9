"""No camera password on any process's command line or in any environment.

A camera of the simulated fleet that demands a password (401 without it), played on the wall and
picture-swept from the command line: the tile goes live and the sweep judges its picture, so the
password reached the camera; meanwhile /proc shows it in no argv and no environment of the app or
any of its descendants (ffmpeg ingests, picture grabs). A second camera with a wrong password shows
its authentication failure on the tile without that password either.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.accounts import ensure_admin
from tests.integration.wallrun import BIN, WallRun, console, trust_first_pictures, videowall
from videowall.sim.fleet import Fleet, rtsp_status
from videowall.sim.spec import default_fleet

USER, PASSWORD, WRONG = "admin", "Rahasia!23", "Salah!pw99"


def _needles(*secrets: str) -> set[bytes]:
    return {form.encode() for s in secrets for form in (s, quote(s, safe=""), quote(s))}


@pytest.fixture
def locked_fleet() -> Iterator[Fleet]:
    """One healthy camera of the fleet behind Basic auth, on its own port."""
    camera = next(c for c in default_fleet() if c.healthy)
    with Fleet(port=0, cameras=[camera], auth=(USER, PASSWORD),
               cache_dir=os.environ.get("VIDEOWALL_FLEET_CACHE") or None) as fleet:
        fleet.start(timeout=120)
        yield fleet


def _credentialed(fleet: Fleet, stream: str, password: str) -> str:
    url = fleet.url(fleet.cameras[0].id, stream)
    return url.replace("rtsp://", f"rtsp://{USER}:{quote(password, safe='')}@", 1)


def _database(fleet: Fleet, tmp_path: Path, env: dict[str, str]) -> Path:
    rows = [{"id": cam_id, "name": f"Locked camera {cam_id}", "type": "ATCS", "kecamatan": "Semarang Tengah",
             "kelurahan": "Pekunden", "main_url": _credentialed(fleet, "main", password),
             "sub_url": _credentialed(fleet, "sub", password), "status": "aktif"}
            for cam_id, password in (("LOCKED-01", PASSWORD), ("LOCKED-BAD", WRONG))]
    register = tmp_path / "locked.json"
    register.write_text(json.dumps(rows), encoding="utf-8")
    db = tmp_path / "locked.db"
    ensure_admin(db, env)
    done = videowall("import", str(register), "--db", str(db), env=env)
    assert done.returncode == 0 and "credentials stored 2" in done.stdout, done.stdout + done.stderr
    register.unlink()  # the input register is the operator's file; nothing below may need it
    trust_first_pictures(db)
    return db


def _tree(root: int) -> list[int]:
    """``root`` and all its descendants now."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, ppid in parents.items() if ppid in frontier]
        found += frontier
    return found


def _scan(pids: list[int], needles: set[bytes]) -> tuple[set[tuple[int, str]], list[str]]:
    """(the processes seen, as pid and name; 'pid name file' where a needle is in argv or environment)."""
    seen, leaks = set(), []
    for pid in pids:
        try:
            name = Path(f"/proc/{pid}/comm").read_text().strip()
            for what in ("cmdline", "environ"):
                data = Path(f"/proc/{pid}/{what}").read_bytes()
                leaks += [f"{pid} {name} {what}" for n in needles if n in data]
        except OSError:  # ended meanwhile
            continue
        seen.add((pid, name))
    return seen, leaks


def test_the_scan_sees_a_password_on_a_command_line() -> None:
    """The check below can fail: a process with the password in its argv and environment is caught."""
    script = "import time; time.sleep(30)"
    proc = subprocess.Popen([sys.executable, "-c", script, f"rtsp://{USER}:{quote(PASSWORD, safe='')}@host/x"],
                            env={"CAMERA": PASSWORD})
    try:
        deadline = time.monotonic() + 10
        while script.encode() not in Path(f"/proc/{proc.pid}/cmdline").read_bytes() and time.monotonic() < deadline:
            time.sleep(0.01)  # until it has exec'd: before that /proc shows our own argv
        leaks = _scan([proc.pid], _needles(PASSWORD))[1]
        assert [leak.rsplit(" ", 1)[1] for leak in leaks] == ["cmdline", "environ"], leaks
    finally:
        proc.kill()
        proc.wait()


def test_wall_and_picture_sweep_reach_a_locked_camera_with_no_password_on_any_command_line(
        locked_fleet: Fleet, app_env: dict[str, str], tmp_path: Path) -> None:
    camera = locked_fleet.cameras[0]
    assert rtsp_status(locked_fleet.host, locked_fleet.port, camera.sub_path) == 401  # it does demand one
    db = _database(locked_fleet, tmp_path, app_env)
    needles = _needles(PASSWORD, WRONG)

    run = WallRun(app_env, tmp_path, "--db", str(db), "--layout", "2x2", "--cameras", "LOCKED-01,LOCKED-BAD")
    try:
        status = run.wait_for(lambda s: [t["state"] for t in console(s)[:2]] == ["live", "offline"], 40,
                              "the locked camera live, the one with a wrong password offline")
        seen, leaks = _scan(_tree(run.proc.pid), needles)
        assert any(name == "ffmpeg" for _, name in seen), seen  # the ingest of the live tile is among them
        assert not leaks, leaks
        bad = console(status)[1]
        assert bad["reason"] == "authentication", bad  # the tile says why; its detail names no password
        assert not [n for n in needles if n in json.dumps(status).encode()], bad["detail"]
    finally:
        assert run.stop() == 0
    assert not [n for n in needles if n in run.log.read_bytes()]

    out = tmp_path / "sweep.json"
    sweep = subprocess.Popen([str(BIN / "videowall"), "sweep", "--db", str(db), "--json", str(out), "--pictures"],
                             env=app_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    grabs: set[int] = set()
    while sweep.poll() is None:  # each grab lives a second or two: look often
        seen, leaks = _scan(_tree(sweep.pid), needles)
        grabs |= {pid for pid, name in seen if name == "ffmpeg"}
        assert not leaks, leaks
        time.sleep(0.05)
    output = sweep.communicate(timeout=10)[0]
    assert sweep.returncode == 0, output
    # a second grab (for "frozen") follows only a first one that brought a picture: the password got in
    assert len(grabs) >= 2, f"picture grabs seen: {sorted(grabs)}\n{output.decode(errors='replace')}"
    verdicts = {v["camera_id"]: v for v in json.loads(out.read_text())["cameras"]}
    assert verdicts["LOCKED-01"]["state"] == "live", verdicts
    assert not [n for n in needles if n in output]

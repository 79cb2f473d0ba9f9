"""The camera relay (issue 21 item 5): one pull per camera however many watch, rebuilt when the camera
drops, clients signed in with the relay's own account, no camera password in its argv, environment or logs;
and a console whose tiles come back through a restarted relay (item 6).

Real parts: two cameras of the simulated fleet behind Basic auth (their own small fleet), registered with
``lewat_relay`` by ``videowall import``, ``videowall relay account`` and ``videowall relay serve`` run as
an administrator runs them, ffmpeg RTSP clients, and ``videowall run`` under Xvfb read off the X server.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from bench.relay_count import connections_to
from tests.integration.wallrun import WallRun, console, videowall
from tests.screens import colourfulness, grab, moving
from tests.side.relay_rig import (
    CAM_PASSWORD,
    CAM_USER,
    RELAY_PASSWORD,
    RELAY_USER,
    RelayRun,
    Viewer,
    import_register,
    relay_database,
)
from videowall.sim.fleet import Fleet, rtsp_status
from videowall.sim.spec import default_fleet

PATH_1 = "/cam/RELAY-01/sub"


@pytest.fixture(scope="module")
def fleet() -> Iterator[Fleet]:
    cameras = [c for c in default_fleet() if c.healthy][:2]
    with Fleet(port=0, cameras=cameras, auth=(CAM_USER, CAM_PASSWORD),
               cache_dir=os.environ.get("VIDEOWALL_FLEET_CACHE") or None) as running:
        running.start(timeout=120)
        yield running


@pytest.fixture
def relay_db(fleet: Fleet, tmp_path: Path, app_env: dict[str, str]) -> Path:
    return relay_database(fleet, tmp_path, app_env)


def _needles(*secrets: str) -> list[bytes]:
    return [form.encode() for s in secrets for form in (s, quote(s, safe=""))]


def test_three_viewers_make_one_pull_per_camera_with_no_camera_password_in_sight(
        fleet: Fleet, relay_db: Path, app_env: dict[str, str], tmp_path: Path) -> None:
    relay = RelayRun(relay_db, app_env, tmp_path)
    viewers: list[Viewer] = []
    try:
        assert rtsp_status("127.0.0.1", relay.port, PATH_1) == 401  # nobody without the relay's account
        assert rtsp_status("127.0.0.1", relay.port, PATH_1, auth=(RELAY_USER, "wrong-password")) == 401
        assert rtsp_status("127.0.0.1", relay.port, PATH_1, auth=(CAM_USER, CAM_PASSWORD)) == 401  # nor the camera's
        # Digest only: even the right password is refused in Basic, which would carry it in clear text
        assert rtsp_status("127.0.0.1", relay.port, PATH_1, auth=(RELAY_USER, RELAY_PASSWORD)) == 401
        assert connections_to(fleet.port) == 0
        viewers = [Viewer(relay.port, "RELAY-01") for _ in range(3)]
        for one in viewers:
            one.wait_frames(25, 20)
        assert relay.wait_state(PATH_1, "up", 5)["viewers"] == 3
        assert connections_to(fleet.port) == 1  # three viewers, one pull from the camera
        viewers += [Viewer(relay.port, "RELAY-02") for _ in range(3)]
        for one in viewers[3:]:
            one.wait_frames(25, 20)
        assert connections_to(fleet.port) == 2  # one per camera
        assert relay.status()["/cam/RELAY-01/main"]["state"] == "idle"  # nobody watches the main stream

        shown = videowall("relay", "status", "--status-file", str(relay.status_file), env=app_env)
        assert shown.returncode == 0 and any(line.startswith(PATH_1) and " up since " in line and "viewers 3" in line
                                             for line in shown.stdout.splitlines()), shown.stdout

        needles = _needles(CAM_PASSWORD)
        for pid in (relay.proc.pid, relay.server_pid()):
            for what in ("cmdline", "environ"):
                data = Path(f"/proc/{pid}/{what}").read_bytes()
                assert not [n for n in needles if n in data], f"camera password in {pid}'s {what}"
                assert RELAY_PASSWORD.encode() not in data
        logs = [relay.log, relay.status_file, Path(app_env["VIDEOWALL_HOME"])]
        files = [p for root in logs for p in ([root] if root.is_file() else root.rglob("*.log"))]
        assert any(p.name == "relay-server.log" for p in files), files
        for path in files:
            assert not [n for n in needles if n in path.read_bytes()], f"camera password in {path}"

        for one in viewers:  # every viewer dies without a word (no TEARDOWN): the relay lets go of the cameras
            one.proc.kill()
        idle = relay.wait_state(PATH_1, "idle", 15)
        assert idle["viewers"] == 0, idle
        relay.wait_state("/cam/RELAY-02/sub", "idle", 5)
        assert connections_to(fleet.port) == 0
    finally:
        for one in viewers:
            one.end()
        assert relay.stop() == 0


def test_a_dropped_camera_is_pulled_again_and_its_viewers_get_pictures_without_reconnecting(
        fleet: Fleet, relay_db: Path, app_env: dict[str, str], tmp_path: Path) -> None:
    relay = RelayRun(relay_db, app_env, tmp_path)
    viewers: list[Viewer] = []
    try:
        viewers = [Viewer(relay.port, "RELAY-01") for _ in range(2)]
        for one in viewers:
            one.wait_frames(25, 20)
        fleet.drop(fleet.cameras[0].id, seconds=3.0)
        down = relay.wait_state(PATH_1, "down", 5)
        assert down["error"], down
        before = [one.frames for one in viewers]
        up = relay.wait_state(PATH_1, "up", 20)
        assert up["restarts"] >= 1, up
        for one, frames in zip(viewers, before, strict=True):
            one.wait_frames(frames + 25, 15)  # the same ffmpeg clients: their stream went on
            assert one.proc.poll() is None
        assert connections_to(fleet.port) == 1
        for one in viewers:
            one.end()
        relay.wait_state(PATH_1, "idle", 15)
        fleet.drop(fleet.cameras[0].id, seconds=3.0)  # nobody watches: the first client finds the camera down
        started = time.monotonic()
        late = subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-rtsp_transport", "tcp", "-i",
                               f"rtsp://{RELAY_USER}:{RELAY_PASSWORD}@127.0.0.1:{relay.port}{PATH_1}",
                               "-frames:v", "1", "-f", "null", "-"], capture_output=True, text=True, timeout=30)
        assert late.returncode != 0 and "503" in late.stderr, late.stderr  # told at once, not after 20 s
        assert time.monotonic() - started < 3.0
    finally:
        for one in viewers:
            one.end()
        relay.stop()


def test_a_register_change_is_picked_up_on_sighup_without_cutting_the_streams_that_stay(
        fleet: Fleet, relay_db: Path, app_env: dict[str, str], tmp_path: Path) -> None:
    relay = RelayRun(relay_db, app_env, tmp_path)
    viewers: list[Viewer] = []
    try:
        viewers = [Viewer(relay.port, "RELAY-01"), Viewer(relay.port, "RELAY-02")]
        for one in viewers:
            one.wait_frames(25, 20)
        import_register(fleet, relay_db, app_env, relayed=frozenset({1}))  # RELAY-02 is watched directly now
        relay.proc.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 10
        while "/cam/RELAY-02/sub" in relay.status() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert sorted(relay.status()) == ["/cam/RELAY-01/main", PATH_1], relay.status()
        assert rtsp_status("127.0.0.1", relay.port, "/cam/RELAY-02/sub") == 404
        assert viewers[1].proc.wait(10) is not None  # its viewer was cut off
        frames = viewers[0].frames
        viewers[0].wait_frames(frames + 25, 10)  # the one that stays went on, on the same connection
        assert relay.status()[PATH_1]["restarts"] == 0 and connections_to(fleet.port) == 1
    finally:
        for one in viewers:
            one.end()
        relay.stop()


def test_console_tiles_come_back_through_a_restarted_relay(
        fleet: Fleet, relay_db: Path, app_env: dict[str, str], tmp_path: Path, xdisplay: str) -> None:
    relay = RelayRun(relay_db, app_env, tmp_path)
    port = relay.port
    done = videowall("settings", "set", "relay_url", f"rtsp://127.0.0.1:{port}", "--db", str(relay_db), env=app_env)
    assert done.returncode == 0, done.stdout + done.stderr
    run = WallRun(app_env, tmp_path, "--db", str(relay_db), "--layout", "2x2", "--cameras", "RELAY-01,RELAY-02")
    try:
        live = lambda s: [t["state"] for t in console(s)[:2]] == ["live", "live"]  # noqa: E731
        run.wait_for(live, 60, "both relayed cameras live")
        ingests = run.ffmpeg_argvs()
        assert ingests and all(not any(f":{fleet.port}/".encode() in a for a in argv) for argv in ingests.values())
        assert connections_to(port) >= 2 and connections_to(fleet.port) >= 2  # the tiles' sub streams via the relay
        relay.stop()
        run.wait_for(lambda s: all(t["state"] != "live" for t in console(s)[:2]), 30, "the tiles off the relay")
        relay = RelayRun(relay_db, app_env, tmp_path, port=port)
        status = run.wait_for(live, 60, "both tiles live again through the restarted relay")
        shots = []
        for n in range(3):
            time.sleep(0.4)
            shots.append(grab(xdisplay, tmp_path / f"shot-{n}.png"))
        for tile in console(status)[:2]:
            assert colourfulness(shots[-1], tile["geometry"]) > 10, tile
            assert moving(shots, tile["geometry"]) > 0, f"not moving: {tile}"
        streams = relay.status()  # each camera pulled again by the new relay (main or sub, as the tile asks)
        assert {path.split("/")[2] for path, item in streams.items() if item["state"] == "up"} == \
            {"RELAY-01", "RELAY-02"}, streams
    finally:
        assert run.stop() == 0
        relay.stop()

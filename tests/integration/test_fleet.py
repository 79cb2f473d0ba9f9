"""The simulated fleet over real RTSP: every path, every fault, real-time rate, instant join, server restarts."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from videowall.sim.fleet import Fleet, rtsp_status
from videowall.sim.join_probe import JoinResult, probe

pytestmark = pytest.mark.integration

SIZES = {"main": (1280, 720), "sub": (640, 360)}
THUMB = (160, 90)


def _ffprobe(url: str) -> subprocess.CompletedProcess[str]:
    args = ["ffprobe", "-v", "error", "-rtsp_transport", "tcp", "-show_entries",
            "stream=codec_name,width,height,r_frame_rate", "-of", "json", url]  # fmt: skip
    return subprocess.run(args, capture_output=True, text=True, timeout=30, check=False)


def _frames(url: str, count: int = 2, every: int = 50) -> np.ndarray:
    """``count`` grey thumbnails, ``every`` frames apart (50 = 2 s), from a live stream."""
    width, height = THUMB
    args = ["ffmpeg", "-nostdin", "-v", "error", "-rtsp_transport", "tcp", "-i", url,
            "-vf", f"select='not(mod(n\\,{every}))',scale={width}:{height},format=gray",
            "-fps_mode", "passthrough", "-frames:v", str(count), "-f", "rawvideo", "-"]  # fmt: skip
    result = subprocess.run(args, capture_output=True, timeout=30, check=False)
    frames = np.frombuffer(result.stdout, np.uint8).reshape(-1, height, width).astype(np.int16)
    assert len(frames) == count, result.stderr.decode(errors="replace")
    return frames


def _clip_frame(path: Path, seconds: float) -> np.ndarray:
    width, height = THUMB
    args = ["ffmpeg", "-nostdin", "-v", "error", "-ss", str(seconds), "-i", str(path), "-frames:v", "1",
            "-vf", f"scale={width}:{height},format=gray", "-f", "rawvideo", "-"]  # fmt: skip
    result = subprocess.run(args, capture_output=True, timeout=30, check=True)
    return np.frombuffer(result.stdout, np.uint8).reshape(height, width).astype(np.int16)


def _changed(a: np.ndarray, b: np.ndarray) -> float:
    """Share of pixels that changed visibly (encoder noise stays far below 20 grey levels)."""
    return float((np.abs(a - b) > 20).mean())


def _client(url: str) -> subprocess.Popen[bytes]:
    args = ["ffmpeg", "-nostdin", "-v", "error", "-rtsp_transport", "tcp", "-i", url, "-c", "copy", "-f", "null", "-"]
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_status(fleet: Fleet, path: str, wanted: int, timeout: float) -> float:
    start = time.monotonic()
    while rtsp_status(fleet.host, fleet.port, path, timeout=3) != wanted:
        assert time.monotonic() - start < timeout, f"{path} never answered {wanted}"
        time.sleep(0.2)
    return time.monotonic() - start


def test_every_served_path_is_h264_at_its_size(fleet: Fleet) -> None:
    jobs = [(c.id, s) for c in fleet.cameras if c.served and c.fault != "drops" for s in ("main", "sub")]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda job: _ffprobe(fleet.url(*job)), jobs))
    assert sum(1 for c in fleet.cameras if c.healthy) * 2 <= len(jobs)
    for (camera_id, stream), result in zip(jobs, results, strict=True):
        assert result.returncode == 0, f"{camera_id} {stream}: {result.stderr}"
        (info,) = json.loads(result.stdout)["streams"]
        assert info["codec_name"] == "h264"
        assert (info["width"], info["height"]) == SIZES[stream], camera_id
        assert info["r_frame_rate"] == "25/1", camera_id


def test_missing_camera_is_a_404(fleet: Fleet) -> None:
    camera = fleet.camera("SIM-FAULT-NOTFOUND")
    assert rtsp_status(fleet.host, fleet.port, camera.main_path) == 404
    result = _ffprobe(fleet.url(camera.id, "sub"))
    assert result.returncode != 0 and "404" in result.stderr


def test_black_is_black_and_frozen_is_frozen(fleet: Fleet) -> None:
    urls = [fleet.url(cid, "sub") for cid in ("SIM-FAULT-BLACK", "SIM-CAM-01", "SIM-FAULT-FROZEN")]
    with ThreadPoolExecutor(max_workers=3) as pool:
        black, healthy, frozen = pool.map(_frames, urls)
    assert black.mean() < 5 and black.max() < 16  # no burned-in text either
    assert healthy[0].mean() > 40
    assert _changed(healthy[0], healthy[1]) > 0.01, "a healthy camera must move"
    if _changed(frozen[0], frozen[1]) > 0:
        time.sleep(2)  # caught the 2 s of motion at the start of the frozen clip's loop; try once more
        frozen = _frames(fleet.url("SIM-FAULT-FROZEN", "sub"))
    assert _changed(frozen[0], frozen[1]) == 0
    assert np.abs(frozen[0] - frozen[1]).mean() < 0.5


def test_scene_change_switches_the_whole_picture(fleet: Fleet) -> None:
    scene = fleet.clip("SIM-FAULT-SCENE").main
    healthy = fleet.clip("SIM-CAM-01").main
    assert _changed(_clip_frame(scene, 10), _clip_frame(scene, 40)) > 0.5
    assert _changed(_clip_frame(healthy, 10), _clip_frame(healthy, 40)) < 0.3


def _receive_rate(url: str, seconds: int = 4) -> tuple[int, float]:
    """Frames received and the rate they arrived at, from ffmpeg's own progress reports."""
    # No probing: ffmpeg's own stream analysis would buffer a second and then burst it out. A client
    # joins mid-GOP, as with a real camera: -copyinkf counts the frames before the first keyframe too.
    args = ["ffmpeg", "-nostdin", "-v", "error", "-rtsp_transport", "tcp", "-analyzeduration", "0",
            "-probesize", "32", "-i", url, "-t", str(seconds), "-copyinkf",
            "-c", "copy", "-f", "null", "-", "-nostats", "-progress", "pipe:1", "-stats_period", "0.25"]  # fmt: skip
    reports: list[tuple[float, int]] = []
    with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("frame=") and int(line[6:]) > 0:
                reports.append((time.monotonic(), int(line[6:])))
    assert proc.returncode == 0 and len(reports) >= 2, url
    (t0, f0), (t1, f1) = reports[0], reports[-1]
    return f1, (f1 - f0) / max(t1 - t0, 1e-3)


def test_sixteen_sub_streams_play_in_real_time(fleet: Fleet) -> None:
    urls = [fleet.url(c.id, "sub") for c in fleet.cameras if c.healthy][:16]
    assert len(urls) == 16
    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(_receive_rate, urls))
    frames = [count for count, _ in results]
    rates = [round(rate, 1) for _, rate in results]
    assert min(frames) >= 95, frames  # 4 s at 25 fps = 100 frames
    assert all(22 <= rate <= 28 for rate in rates), rates  # arriving in real time, not slower


def _joins_like_a_camera(join: JoinResult, what: str) -> None:
    """Answered at once, data from PLAY on, keyframe within one GOP (1 s), then real time (no burst)."""
    assert join.describe_status == 200, what
    assert join.t_described is not None and join.t_described < 0.3, (what, join.t_described)  # was ~1.0 s
    assert join.play_to_first_packet is not None and join.play_to_first_packet < 0.2, (what, join)
    assert join.play_to_keyframe is not None and join.play_to_keyframe <= 1.05, (what, join)
    assert join.t_keyframe is not None and join.t_keyframe <= 1.15, (what, join)
    # The first 2 s of stream time took ~2 s to arrive: no flush of packets that waited in a buffer
    assert join.arrival_span(2.0) >= 1.8, (what, join.arrival_span(2.0))
    assert 0.85 <= join.speed(2.5) <= 1.15, (what, join.speed(2.5))


def test_a_client_joins_an_unwatched_camera_at_once_and_in_real_time(fleet: Fleet) -> None:
    """Like a real camera (its encoder runs whether anybody watches): no per-client start-up, no burst."""
    streams = [("SIM-CAM-13", "sub"), ("SIM-CAM-14", "main"), ("SIM-CAM-15", "sub"), ("SIM-CAM-16", "main")]
    urls = [fleet.url(*stream) for stream in streams]
    for round_ in ("first", "again"):  # again: the medias the first clients left were rebuilt, not refused
        with ThreadPoolExecutor(max_workers=len(urls)) as pool:
            joins = list(pool.map(probe, urls))
        for stream, join in zip(streams, joins, strict=True):
            _joins_like_a_camera(join, f"{round_} {stream}")
    watcher = _client(urls[0])  # a second client joins the media another one is watching
    try:
        time.sleep(1.5)
        _joins_like_a_camera(probe(urls[0]), "joining a watched camera")
        assert watcher.poll() is None
    finally:
        watcher.kill()
        watcher.wait()


def _play_then_drop(fleet: Fleet, camera_id: str) -> bool:
    """Play the camera, drop it; True if *our* drop cut the client off (not the 30 s schedule)."""
    _wait_status(fleet, fleet.camera(camera_id).sub_path, 200, timeout=10)
    client = _client(fleet.url(camera_id, "sub"))
    try:
        time.sleep(2)
        if client.poll() is not None:
            return False  # the scheduled drop got there first; the next one is ~30 s away
        fleet.drop(camera_id, seconds=3)
        client.wait(timeout=5)  # disconnected by the server, not by a timeout of its own
        return True
    finally:
        if client.poll() is None:
            client.kill()
            client.wait()


def test_a_dropped_camera_kicks_its_clients_and_comes_back(fleet: Fleet) -> None:
    camera = fleet.camera("SIM-FAULT-DROPS")
    assert _play_then_drop(fleet, camera.id) or _play_then_drop(fleet, camera.id)
    assert rtsp_status(fleet.host, fleet.port, camera.main_path) == 404
    assert _wait_status(fleet, camera.main_path, 200, timeout=12) > 1


def test_server_restart_cuts_clients_off_and_brings_paths_back(fleet: Fleet) -> None:
    path = fleet.camera("SIM-CAM-02").sub_path
    client = _client(fleet.url("SIM-CAM-02", "sub"))
    try:
        time.sleep(2)
        assert client.poll() is None
        fleet.stop_server()
        assert rtsp_status(fleet.host, fleet.port, path, timeout=2) == 0
        assert _ffprobe(fleet.url("SIM-CAM-02", "main")).returncode != 0
        client.wait(timeout=10)
    finally:
        if client.poll() is None:
            client.kill()
            client.wait()
        fleet.start_server()
    assert fleet.running
    assert rtsp_status(fleet.host, fleet.port, path) == 200
    result = _ffprobe(fleet.url("SIM-CAM-02", "main"))
    assert result.returncode == 0, result.stderr


def test_a_server_that_never_answers_is_reported_with_its_stacks(fleet: Fleet) -> None:
    """A hung server (here: stopped) is named path by path, and its threads' stacks reach its log."""
    assert fleet._server is not None and fleet._run_dir is not None
    server = fleet._server.pid
    os.kill(server, signal.SIGSTOP)
    try:
        with pytest.raises(TimeoutError) as raised:
            fleet.wait_ready(timeout=1.0)
    finally:
        os.kill(server, signal.SIGCONT)  # the SIGUSR1 the fleet sent is delivered now
    message = str(raised.value)
    assert "no answer: " + fleet.camera("SIM-CAM-01").main_path in message
    assert "server log:" in message
    log = fleet._run_dir / "server.log"
    deadline = time.monotonic() + 10
    while "most recent call first" not in log.read_text(errors="replace") and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "most recent call first" in log.read_text(errors="replace")
    fleet.wait_ready()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie still answers kill(0); it is dead for our purposes once its parent reaps it.
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split(") ", 1)[-1][:1] != "Z"


def test_no_process_outlives_a_killed_parent(fleet: Fleet, tmp_path: Path) -> None:
    script = (
        "import json, sys, time\n"
        "from videowall.sim.fleet import Fleet\n"
        "from videowall.sim.spec import default_fleet\n"
        f"fleet = Fleet(port=0, cache_dir={str(fleet.cache_dir)!r}, cameras=default_fleet()[:2])\n"
        "fleet.start()\n"
        "print(json.dumps(fleet.child_pids()), flush=True)\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        pids = json.loads(parent.stdout.readline())
        assert len(pids) == 4 and all(_alive(pid) for pid in pids)  # server, supervisor, 2 feeders
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in pids if _alive(pid)]

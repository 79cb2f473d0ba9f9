"""The loop-lag probe's maths and the fleet's opt-in 1080p paths (no processes)."""

from __future__ import annotations

from pathlib import Path

from videowall.services.loop_lag import LoopLagProbe
from videowall.sim.clips import hd_clip_path, hd_command
from videowall.sim.spec import default_fleet


def test_loop_lag_counts_only_lateness() -> None:
    probe = LoopLagProbe(interval_s=0.1)
    for now in (0.0, 0.1, 0.2, 0.5, 0.6):  # one tick 200 ms late
        probe.tick(now)
    lag = probe.lag()
    assert lag.samples == 4
    assert lag.p50_ms == 0.0
    assert lag.max_ms == 200.0 and lag.max_ever_ms == 200.0


def test_hd_stream_is_opt_in_and_beside_main() -> None:
    cam = default_fleet()[0]
    assert cam.hd_path == "/fleet/cam01/hd" and cam.path("hd") == cam.hd_path
    assert cam.url(port=9, stream="hd").endswith("/fleet/cam01/hd")
    assert "hd" not in cam.register_row()["rtsp_utama"] + cam.register_row()["rtsp_sub"]
    command = " ".join(hd_command(cam, Path("x.ts")))
    assert "scale=1920:1080" in command and "[hd]" in command
    assert hd_clip_path(Path("/c"), cam).name.startswith("sim-cam-01-hd-")

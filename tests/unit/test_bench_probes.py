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
    assert probe.recent(3) == {"last": 4, "lags_ms": [0.0, 200.0, 0.0]}  # the newest is sample 4


def test_hd_stream_is_opt_in_and_beside_main() -> None:
    cam = default_fleet()[0]
    assert cam.hd_path == "/fleet/cam01/hd" and cam.path("hd") == cam.hd_path
    assert cam.url(port=9, stream="hd").endswith("/fleet/cam01/hd")
    assert "hd" not in cam.register_row()["rtsp_utama"] + cam.register_row()["rtsp_sub"]
    command = " ".join(hd_command(cam, Path("x.ts")))
    assert "scale=1920:1080" in command and "[hd]" in command
    assert hd_clip_path(Path("/c"), cam).name.startswith("sim-cam-01-hd-")


def test_the_counter_stream_reads_back_from_its_picture_scaled_and_ages_by_the_wall_clock() -> None:
    import numpy as np
    from PIL import Image

    from bench.latency import frame_counter, tile_counter
    from videowall.sim import counter_feeder as cf

    for k in (0, 1, 12345, cf.MODULO + 7):
        assert frame_counter(cf.frame(k)) == k % cf.MODULO
    # as a tile shows it: scaled into a 2x2 wall's tile (letterboxed), inside a larger screenshot
    picture = Image.frombytes("L", (cf.WIDTH, cf.HEIGHT), cf.frame(4242)).resize((700, 394))
    screen = np.full((500, 900), 11, dtype=np.uint8)
    screen[53:447, 100:800] = np.asarray(picture)
    assert tile_counter(screen, (0, 0), [100, 20, 700, 460]) == 4242
    assert tile_counter(np.full((500, 900), 96, dtype=np.uint8), (0, 0), [100, 20, 700, 460]) is None
    # frame k is made at k / 25 s: read 0.5 s later it is 0.5 s old, across the counter's wrap too
    k = 10 * cf.MODULO - 3
    assert abs(cf.age_s(k % cf.MODULO, k / cf.FPS + 0.5) - 0.5) < 1e-6
    assert cf.bits_of(k)[0] == 1 and cf.bits_of(k)[-1] == 0

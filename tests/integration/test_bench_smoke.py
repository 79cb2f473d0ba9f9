"""The bench harness in a tiny mode (4 tiles, seconds-long windows), so `make bench` cannot rot.

It measures nothing worth keeping: it checks that every figure's plumbing still works against the
real app, the real fleet and real ffmpeg (CPU read from /proc, playback counters in the status JSON).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import cpu  # noqa: E402
from bench.common import bench_cameras, import_register, url  # noqa: E402
from bench.report import charts, markdown  # noqa: E402

pytestmark = pytest.mark.harness  # make test-harness, not make test (see the Makefile)


def test_bench_harness_tiny(fleet, app_env: dict[str, str], tmp_path: Path) -> None:
    subs, _ = bench_cameras(fleet, sub_tiles=4)
    db = import_register(fleet, subs, tmp_path, app_env)
    config = cpu.Config("4 sub", tuple(subs), tuple(url(fleet, c) for c in subs))
    rows = cpu.figure([config], app_env, db, tmp_path, cpu.Settings(warmup_s=1.5, window_s=3, live_timeout_s=40))
    app = rows[0]["app"]
    assert app["all_live_at_start"], app["log_tail"]
    assert app["live_tiles"] == 4 and app["cores"] > 0 and app["rss_app_mb"] > 50
    assert app["decoded_fps_per_tile"] > 5, app  # libVLC's counters reach the status JSON
    assert app["loop_lag"] is not None and app["loop_lag"]["samples"] > 0
    assert rows[0]["decode"]["cores"] > 0 and rows[0]["ratio_vs_decode"] is not None
    results = {"machine": {"cpus": 2, "load_at_start": 0.0}, "settings": {"warmup_s": 1.5, "window_s": 3},
               "cpu": rows, "capacity": cpu.capacity(rows, {})}
    table = markdown(results, "smoke")
    assert "| 4 sub |" in table
    assert all(p.stat().st_size > 1000 for p in charts(results, tmp_path, "smoke"))

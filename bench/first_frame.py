"""Figure 2: time to first frame when a 16-tile wall switches to other cameras, against ffmpeg's own."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from typing import Any

from bench.common import AppRun, Status, console_tiles, median, quantile
from bench.cpu import FFMPEG
from videowall.sim.spec import SimCamera


def _switched(ids: list[str]) -> Any:
    def check(status: Status) -> bool:
        tiles = console_tiles(status)
        return ([t["camera_id"] for t in tiles[: len(ids)]] == ids
                and all(t["first_live_s"] is not None for t in tiles[: len(ids)]))
    return check


def app_switches(sets: list[list[SimCamera]], rounds: int, env: dict[str, str], db: Path,
                 work: Path) -> dict[str, Any]:
    """Open a 4x4 (layout command), then assign a whole new set of 16 cameras ``rounds`` times."""
    first = [c.id for c in sets[0]]
    app = AppRun(env, work, "--db", str(db), "--layout", "2x2", "--cameras", ",".join(first[:4]))
    samples: list[float] = []
    failures = 0
    try:
        app.wait_for(lambda s: len(console_tiles(s)) >= 4, 60)
        app.send(cmd="layout", layout="4x4")
        app.wait_for(lambda s: len(console_tiles(s)) >= 16, 20)
        for r in range(rounds + 1):  # round 0 fills the grid; the measured rounds switch it
            ids = [c.id for c in sets[r % len(sets)]]
            app.send(cmd="assign", tile=0, cameras=ids)
            status = app.wait_for(_switched(ids), 40)
            if status is None:
                failures += 1
                continue
            if r > 0:
                samples += [t["first_live_s"] for t in console_tiles(status)[: len(ids)]]
            time.sleep(2)
    finally:
        app.stop()
    return {"samples": len(samples), "median_s": median(samples), "p95_s": quantile(samples, 0.95),
            "max_s": max(samples) if samples else None, "rounds_timed_out": failures}


def ffmpeg_first_frame(urls: list[str], rounds: int) -> dict[str, Any]:
    """All URLs at once (as the wall does), each ffmpeg's wall time to its first decoded frame."""
    samples: list[float] = []
    for _ in range(rounds):
        started = time.monotonic()
        procs = [subprocess.Popen([*FFMPEG, "-i", u, "-frames:v", "1", "-f", "null", "-"],
                                  stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                 for u in urls]
        for proc in procs:
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                continue
            samples.append(time.monotonic() - started)  # upper bound: waits are in start order
        time.sleep(1)
    return {"samples": len(samples), "median_s": median(samples), "p95_s": quantile(samples, 0.95),
            "max_s": max(samples) if samples else None}


def figure(sets: list[list[SimCamera]], urls: list[str], rounds: int, env: dict[str, str], db: Path,
           work: Path) -> dict[str, Any]:
    print("  first frame: 16-tile switches ...", flush=True)
    app = app_switches(sets, rounds, env, db, work)
    ref = ffmpeg_first_frame(urls, rounds)
    ratio = round(app["median_s"] / ref["median_s"], 2) if app["median_s"] and ref["median_s"] else None
    print(f"    app median {app['median_s']} s, ffmpeg median {ref['median_s']} s", flush=True)
    return {"app": app, "ffmpeg": ref, "ratio_median": ratio}

"""Figure 2: time to the first picture when a 16-tile wall shows cameras, cold and warm (issue 16).

- **cold**: a fresh app (no feed connected) assigns 16 cameras to a 4x4 wall; per tile, the time from
  the assignment to its first displayed picture (``first_live_s``). One app per round.
- **warm**: in one app, the wall switches between two sets that use the same 16 streams (the bench's
  BENCH-SUB-NN reuse the fleet's 16 sub streams), so every switch finds its feeds connected: the
  keyframe cache and the warm feeds at work.
- **reference (the physical limit)**: a minimal client on the same 16 URLs at once, right after each
  cold round: ffmpeg with no probing (``-analyzeduration 0 -probesize 32 -fpsprobesize 0``), RTSP over
  TCP, until its first decoded frame. It pays what any client must: the RTSP handshake, the wait for
  the next keyframe, one decode; and the simulated server's own set-up of a stream nobody watched.
- **PSS** (``/proc/PID/smaps_rollup``: shared libraries counted once, not once per process) of the
  app's whole process tree with 16 live tiles, and per tile.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from typing import Any

from bench.common import AppRun, Status, console_tiles, median, quantile, tree
from bench.cpu import FFMPEG
from videowall.sim.spec import SimCamera

MINIMAL = ("-rtsp_transport", "tcp", "-analyzeduration", "0", "-probesize", "32", "-fpsprobesize", "0")


def _switched(ids: list[str]) -> Any:
    def check(status: Status) -> bool:
        tiles = console_tiles(status)
        return ([t["camera_id"] for t in tiles[: len(ids)]] == ids
                and all(t["first_live_s"] is not None for t in tiles[: len(ids)]))
    return check


def pss_mb(pids: list[int]) -> float:
    total_kb = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total_kb += int(line.split()[1])
                    break
        except (OSError, ValueError):
            continue  # ended meanwhile
    return round(total_kb / 1024, 1)


def _summary(samples: list[float], failures: int) -> dict[str, Any]:
    return {"samples": len(samples), "median_s": median(samples), "p95_s": quantile(samples, 0.95),
            "max_s": max(samples) if samples else None, "rounds_timed_out": failures}


def _open_wall(app: AppRun) -> bool:
    if app.wait_for(lambda s: len(console_tiles(s)) >= 1, 60) is None:
        return False
    app.send(cmd="layout", layout="4x4")
    return app.wait_for(lambda s: len(console_tiles(s)) >= 16, 20) is not None


def app_cold(cams: list[SimCamera], seed: SimCamera, rounds: int, env: dict[str, str], db: Path, work: Path,
             urls: list[str]) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Per round: a new app with one unrelated tile, then 16 cameras it never connected; then the
    minimal client on the same URLs. Returns (cold, reference, memory)."""
    ids = [c.id for c in cams]
    samples: list[float] = []
    failures = 0
    ref: list[float] = []
    memory: dict[str, Any] = {}
    for _ in range(rounds):
        app = AppRun(env, work, "--db", str(db), "--layout", "1", "--cameras", seed.id)
        try:
            if not _open_wall(app):
                failures += 1
                continue
            app.send(cmd="assign", tile=0, cameras=ids)
            status = app.wait_for(_switched(ids), 40)
            if status is None:
                failures += 1
                continue
            samples += [t["first_live_s"] for t in console_tiles(status)[: len(ids)]]
            time.sleep(3)  # settled: decoders and buffers at their working size
            pids = tree([app.pid])
            memory = {"tiles": len(ids), "processes": len(pids), "pss_tree_mb": pss_mb(pids),
                      "pss_app_mb": pss_mb([app.pid])}
            memory["pss_per_tile_mb"] = round(memory["pss_tree_mb"] / len(ids), 1)
        finally:
            app.stop()
        time.sleep(2)
        ref += minimal_client(urls)
        time.sleep(2)
    return _summary(samples, failures), _summary(ref, 0), memory


def app_warm(sets: list[list[SimCamera]], rounds: int, env: dict[str, str], db: Path,
             work: Path) -> dict[str, Any]:
    """One app: set A, then B, A, B... (the same 16 streams in another order): warm switches."""
    app = AppRun(env, work, "--db", str(db), "--layout", "1", "--cameras", sets[0][0].id)
    samples: list[float] = []
    failures = 0
    try:
        if not _open_wall(app):
            return _summary([], rounds)
        for r in range(rounds + 1):  # round 0 connects them (cold, not counted)
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
    return _summary(samples, failures)


def minimal_client(urls: list[str]) -> list[float]:
    """All URLs at once, each client's wall time to its first decoded frame."""
    samples: list[float] = []
    started = time.monotonic()
    procs = [subprocess.Popen([*FFMPEG, *MINIMAL, "-i", u, "-frames:v", "1", "-f", "null", "-"],
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
             for u in urls]
    ends: dict[int, float] = {}
    deadline = started + 30
    while len(ends) < len(procs) and time.monotonic() < deadline:
        for i, proc in enumerate(procs):
            if i not in ends and proc.poll() is not None:
                ends[i] = time.monotonic() - started
        time.sleep(0.01)
    for i, proc in enumerate(procs):
        if i not in ends:
            proc.kill()
            proc.wait()
        elif proc.returncode == 0:
            samples.append(ends[i])
    return samples


def figure(sets: list[list[SimCamera]], seed: SimCamera, urls: list[str], rounds: int, env: dict[str, str],
           db: Path, work: Path) -> dict[str, Any]:
    print("  first picture: cold 16-tile walls, then warm switches ...", flush=True)
    cold, ref, memory = app_cold(sets[0], seed, rounds, env, db, work, urls)
    warm = app_warm(sets, rounds, env, db, work)
    ratio = round(cold["median_s"] / ref["median_s"], 2) if cold["median_s"] and ref["median_s"] else None
    print(f"    cold median {cold['median_s']} s (p95 {cold['p95_s']}), minimal client median {ref['median_s']} s, "
          f"warm median {warm['median_s']} s; tree PSS {memory.get('pss_tree_mb')} MiB", flush=True)
    return {"app": cold, "warm": warm, "ffmpeg": ref, "ratio_median": ratio, "memory": memory}

"""Figure 6: live latency of a tile, glass to glass, and the keyframe-cache join (issue 16).

The fleet's counter stream (``Fleet(counter=True)``, ``videowall/sim/counter_feeder.py``) hands
frame ``k`` to its encoder at ``k / 25`` s of the real-time clock and draws ``k`` into the picture
as a row of black/white blocks. So a picture read at real time ``t`` is ``t - k / 25`` old: from
the camera's "sensor" to that screen (glass to glass), including what the picture waits on screen
for the next one (0-40 ms, 20 ms on average).

- **tile**: the app shows the stream on a 2x2 wall; its pictures are read off the X server (what a
  person sees: the tile's region of the screen, ``PIL.ImageGrab`` over XCB, ~10 ms a grab).
- **reference**: at the same moments a minimal ffmpeg client (``first_frame.MINIMAL``, plus
  ``-flags low_delay``: no frame-threaded decoding, which holds pictures back) decodes the same URL
  to raw frames on a pipe in this process; its newest frame at the grab's instant is compared.
  The plain ``MINIMAL`` client (default frame threads) runs beside it, for the record.
- **cold**: the stream assigned to tile 0 with no feed connected; sampled from the assignment on,
  then for ``steady_s`` (median, p95 of the lag behind the reference and of the age).
- **join**: a second tile of the same camera (the feed is warm: the GOP cache) assigned, sampled for
  5 s, cleared, again, at random points of the GOP; its lag behind the cold tile (read in the same
  grab) 3 s after the assignment is the figure of issue 16 (target: within 150 ms).
"""

from __future__ import annotations

import dataclasses
import random
import statistics
import subprocess
import threading
import time
from collections import deque
from pathlib import Path
from typing import Any

import numpy as np
from PIL import ImageGrab

from bench.common import AppRun, Status, console_tiles, import_register, load_average, median, quantile
from bench.cpu import FFMPEG
from bench.first_frame import MINIMAL
from videowall.sim import counter_feeder as cf
from videowall.sim.fleet import COUNTER_PATH, Fleet

CAMERA_ID = "BENCH-COUNTER"
FRAME_BYTES = cf.WIDTH * cf.HEIGHT
JOIN_WATCH_S = 5.0
AT_S = (2.5, 3.5)  # "3 s after start": the samples of this window


# --- reading a picture's counter -------------------------------------------------------------------
def _read_band(gray: np.ndarray, x: float, y: float, sx: float, sy: float) -> int | None:
    """The counter of a picture drawn at (x, y) in ``gray`` with scale (sx, sy) from 640x360."""
    upper, lower = [], []
    h, w = gray.shape
    for i in range(cf.BLOCKS):
        x0, x1 = int(x + (i * cf.BLOCK_W + 12) * sx), int(x + (i * cf.BLOCK_W + cf.BLOCK_W - 12) * sx)
        halves = []
        for top in (cf.BAND_TOP, cf.BAND_TOP + cf.BAND_HALF):
            y0, y1 = int(y + (top + 15) * sy), int(y + (top + cf.BAND_HALF - 15) * sy)
            if not (0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h):
                return None
            halves.append(float(gray[y0:y1, x0:x1].mean()))
        upper.append(halves[0])
        lower.append(halves[1])
    return cf.decode(upper, lower)


def frame_counter(frame: bytes | memoryview) -> int | None:
    gray = np.frombuffer(frame, dtype=np.uint8).reshape(cf.HEIGHT, cf.WIDTH)
    return _read_band(gray, 0, 0, 1.0, 1.0)


def picture_rect(geometry: list[int]) -> tuple[float, float, float, float]:
    """Where the 16:9 picture sits in a tile (letterboxed, as ``ui.tile`` draws it)."""
    x, y, w, h = geometry
    scale = min(w / cf.WIDTH, h / cf.HEIGHT)
    pw, ph = int(cf.WIDTH * scale), int(cf.HEIGHT * scale)
    return x + (w - pw) // 2, y + (h - ph) // 2, pw, ph


def tile_counter(gray: np.ndarray, origin: tuple[int, int], geometry: list[int]) -> int | None:
    px, py, pw, ph = picture_rect(geometry)
    return _read_band(gray, px - origin[0], py - origin[1], pw / cf.WIDTH, ph / cf.HEIGHT)


# --- the reference client ---------------------------------------------------------------------------
class Reference:
    """A minimal ffmpeg client decoding the stream to grey frames on a pipe; remembers when each came."""

    def __init__(self, url: str, extra: tuple[str, ...] = ()) -> None:
        argv = [*FFMPEG, *MINIMAL, *extra, "-i", url, "-map", "0:v:0", "-fps_mode", "passthrough",
                "-f", "rawvideo", "-pix_fmt", "gray", "pipe:1"]
        self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, bufsize=0)
        self.frames: deque[tuple[float, int | None]] = deque(maxlen=3000)  # (monotonic arrival, counter)
        self.arrival_ages: list[float] = []  # real time of arrival - k / 25, per readable frame
        self._lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True, name="reference").start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        buf = bytearray(FRAME_BYTES)
        view = memoryview(buf)
        while True:
            got = 0
            while got < FRAME_BYTES:
                n = self.proc.stdout.readinto(view[got:])
                if not n:
                    return
                got += n
            mono, real = time.monotonic(), time.time()
            counter = frame_counter(buf)
            with self._lock:
                self.frames.append((mono, counter))
                if counter is not None:
                    self.arrival_ages.append(cf.age_s(counter, real))

    def at(self, mono: float) -> int | None:
        """The counter of the newest frame that had arrived at ``mono``."""
        with self._lock:
            for arrived, counter in reversed(self.frames):
                if arrived <= mono:
                    return counter
        return None

    def stop(self) -> None:
        self.proc.kill()
        self.proc.wait()


# --- sampling ---------------------------------------------------------------------------------------
@dataclasses.dataclass
class Sample:
    t: float  # seconds since the phase's start (the assignment)
    tiles: list[float | None]  # age in seconds of each watched tile's picture (None: unreadable)
    ref: float | None  # age of the low-delay reference's newest frame at the same instant
    ref_plain: float | None  # ... of the plain minimal client's
    grab_ms: float


class Sampler:
    def __init__(self, display: str, refs: tuple[Reference, Reference]) -> None:
        self.display = display
        self.refs = refs

    def sample(self, geometries: list[list[int]], since: float) -> Sample:
        x0 = min(g[0] for g in geometries)
        y0 = min(g[1] for g in geometries)
        x1 = max(g[0] + g[2] for g in geometries)
        y1 = max(g[1] + g[3] for g in geometries)
        m0, r0 = time.monotonic(), time.time()
        image = ImageGrab.grab(bbox=(x0, y0, x1, y1), xdisplay=self.display)
        m1, r1 = time.monotonic(), time.time()
        mono, real = (m0 + m1) / 2, (r0 + r1) / 2
        gray = np.asarray(image.convert("L"))
        tiles = [tile_counter(gray, (x0, y0), g) for g in geometries]
        refs = [r.at(mono) for r in self.refs]
        age = [None if c is None else cf.age_s(c, real) for c in tiles]
        ref_age = [None if c is None else cf.age_s(c, real) for c in refs]
        return Sample(round(mono - since, 3), age, ref_age[0], ref_age[1], round((m1 - m0) * 1000, 1))

    def watch(self, geometries: list[list[int]], since: float, seconds: float) -> list[Sample]:
        out = []
        while time.monotonic() - since < seconds:
            out.append(self.sample(geometries, since))
            time.sleep(random.uniform(0.06, 0.12))  # no fixed phase against the 40 ms frames
        return out


# --- figures ----------------------------------------------------------------------------------------
def _ms(values: list[float]) -> dict[str, Any]:
    vals = [v * 1000 for v in values]
    return {"samples": len(vals), "median_ms": _r(median(vals)),
            "mean_ms": _r(statistics.fmean(vals) if vals else None),
            "p95_ms": _r(quantile(vals, 0.95)), "min_ms": _r(min(vals) if vals else None),
            "max_ms": _r(max(vals) if vals else None)}


def _r(v: float | None) -> float | None:
    return None if v is None else round(v, 1)


def _diff(samples: list[Sample], a: int | str, b: str | int, window: tuple[float, float] | None = None) -> list[float]:
    """Per sample: age of ``a`` minus age of ``b`` (tile index, or "ref" / "ref_plain"), both readable."""
    def get(s: Sample, what: int | str) -> float | None:
        if isinstance(what, int):
            return s.tiles[what] if what < len(s.tiles) else None
        return getattr(s, what)  # type: ignore[no-any-return]
    out = []
    for s in samples:
        if window is not None and not window[0] <= s.t <= window[1]:
            continue
        va, vb = get(s, a), get(s, b)
        if va is not None and vb is not None:
            out.append(va - vb)
    return out


def _ages(samples: list[Sample], what: int | str, window: tuple[float, float] | None = None) -> list[float]:
    out = []
    for s in samples:
        if window is not None and not window[0] <= s.t <= window[1]:
            continue
        v = s.tiles[what] if isinstance(what, int) else getattr(s, what)
        if v is not None:
            out.append(v)
    return out


def _first_readable(samples: list[Sample], tile: int) -> float | None:
    return next((s.t for s in samples if s.tiles[tile] is not None), None)


def camera(fleet: Fleet) -> Any:
    base = next(c for c in fleet.cameras if c.healthy)
    return dataclasses.replace(base, id=CAMERA_ID, name="BENCH COUNTER (wall clock)", main_path=COUNTER_PATH,
                               sub_path=COUNTER_PATH, ptz=False)


def _geometries(app: AppRun) -> list[list[int]] | None:
    def ready(status: Status) -> bool:
        tiles = console_tiles(status)
        return len(tiles) >= 2 and all(t.get("geometry") for t in tiles[:2])
    status = app.wait_for(ready, 20)
    return [t["geometry"] for t in console_tiles(status)[:2]] if status else None


def measure(fleet: Fleet, display: str, env: dict[str, str], work: Path, seed: Any, steady_s: float = 20.0,
            joins: int = 8) -> dict[str, Any]:
    cam = camera(fleet)
    db = import_register(fleet, [cam, seed], work, env, name="latency")
    refs = (Reference(fleet.counter_url, ("-flags", "low_delay")), Reference(fleet.counter_url))
    app = AppRun(env, work, "--db", str(db), "--layout", "1", "--cameras", seed.id)
    out: dict[str, Any] = {"load_at_start": load_average(), "stream": "640x360 @ 25 fps, GOP 1 s (counter_feeder)"}
    try:
        if app.wait_for(lambda s: len(console_tiles(s)) >= 1, 60) is None:
            return {"error": "the app did not start", "log": app.log_tail()}
        app.send(cmd="layout", layout="4")
        geos = _geometries(app)
        if geos is None:
            return {"error": "no 2x2 wall", "log": app.log_tail()}
        sampler = Sampler(display, refs)
        time.sleep(2)  # the references connected and running
        t0 = time.monotonic()
        app.send(cmd="assign", tile=0, cameras=[cam.id])  # cold: no feed of this stream yet
        cold = sampler.watch(geos, t0, JOIN_WATCH_S + steady_s)
        steady = [s for s in cold if s.t > JOIN_WATCH_S]
        out["cold"] = {
            "first_readable_s": _first_readable(cold, 0),
            "lag_vs_ref_at_3s": _ms(_diff(cold, 0, "ref", AT_S)),
            "steady_lag_vs_ref": _ms(_diff(steady, 0, "ref")),
            "steady_lag_vs_plain_ref": _ms(_diff(steady, 0, "ref_plain")),
            "steady_age_tile": _ms(_ages(steady, 0)),
            "steady_age_ref": _ms(_ages(steady, "ref")),
            "steady_age_plain_ref": _ms(_ages(steady, "ref_plain")),
            "grab_ms_median": median([s.grab_ms for s in cold]),
        }
        rounds = []
        for _ in range(joins):
            time.sleep(random.uniform(0.3, 1.3))  # another point of the GOP
            t1 = time.monotonic()
            app.send(cmd="assign", tile=1, cameras=[cam.id])  # the feed is warm: the GOP cache
            watched = sampler.watch(geos, t1, JOIN_WATCH_S)
            app.send(cmd="clear", tile=1)
            rounds.append({
                "first_readable_s": _first_readable(watched, 1),
                "first_age_ms": _r(next((s.tiles[1] * 1000 for s in watched if s.tiles[1] is not None), None)),
                "lag_vs_cold_at_3s_ms": _r(median([d * 1000 for d in _diff(watched, 1, 0, AT_S)])),
                "lag_vs_ref_at_3s_ms": _r(median([d * 1000 for d in _diff(watched, 1, "ref", AT_S)])),
                "lag_vs_cold_last_s_ms": _r(median([d * 1000 for d in _diff(watched, 1, 0, (4.0, 5.0))])),
                "curve": [(s.t, _r(s.tiles[1] * 1000) if s.tiles[1] is not None else None,
                           _r(s.tiles[0] * 1000) if s.tiles[0] is not None else None) for s in watched],
            })
            time.sleep(1.0)  # the cleared tile's player stopped
        at3 = [r["lag_vs_cold_at_3s_ms"] for r in rounds if r["lag_vs_cold_at_3s_ms"] is not None]
        out["join"] = {
            "rounds": rounds,
            "lag_vs_cold_at_3s": {"samples": len(at3), "median_ms": _r(median(at3)),
                                  "max_ms": _r(max(at3, key=abs) if at3 else None)},
            "first_readable_median_s": median([r["first_readable_s"] for r in rounds
                                               if r["first_readable_s"] is not None]),
        }
        out["cold_curve"] = [(s.t, _r(s.tiles[0] * 1000) if s.tiles[0] is not None else None,
                              _r(s.ref * 1000) if s.ref is not None else None) for s in cold[:60]]
        with refs[0]._lock:
            out["ref_arrival_age"] = _ms(refs[0].arrival_ages[-500:])
        with refs[1]._lock:
            out["plain_ref_arrival_age"] = _ms(refs[1].arrival_ages[-500:])
        out["final_status"] = [{k: t.get(k) for k in ("camera_id", "state", "fps", "playback")}
                               for t in console_tiles(app.status() or {})[:2]]
    finally:
        app.stop()
        for ref in refs:
            ref.stop()
    return out


def figure(fleet: Fleet, display: str, env: dict[str, str], work: Path, seed: Any) -> dict[str, Any]:
    print("  live latency: the counter stream on a tile, against a minimal client ...", flush=True)
    out = measure(fleet, display, env, work, seed)
    if "error" in out:
        print(f"    latency: {out['error']}", flush=True)
        return out
    cold, join = out["cold"], out["join"]
    print(f"    tile lag behind the reference: median {cold['steady_lag_vs_ref']['median_ms']} ms "
          f"(p95 {cold['steady_lag_vs_ref']['p95_ms']}); tile age median {cold['steady_age_tile']['median_ms']} ms, "
          f"reference {cold['steady_age_ref']['median_ms']} ms; joined tile 3 s after start "
          f"{join['lag_vs_cold_at_3s']['median_ms']} ms behind the cold one", flush=True)
    return out


def main() -> int:
    """``python -m bench.latency``: this figure alone, printed as JSON (``make bench --only latency`` files it)."""
    import json
    import tempfile

    from bench.common import app_env, bench_cameras
    from videowall.display.xserver import VirtualDisplay

    work = Path(tempfile.mkdtemp(prefix="videowall-latency-"))
    with VirtualDisplay(screens=((1600, 900),)) as display, Fleet(port=0, counter=True) as fleet:
        fleet.start(timeout=120)
        env = app_env(display.name, work / "home")
        subs, _ = bench_cameras(fleet, sub_tiles=1)
        out = figure(fleet, display.name, env, work, subs[0])
    print(json.dumps({k: v for k, v in out.items() if k != "cold_curve"}, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Where the wall's CPU goes (issue 18, item 1): the 16-tile wall split into decode, scaling, callbacks, painting...

Two samplers on the running app at once, neither of which stops it:
- ``perf record -e cpu-clock`` (a software clock: it works where the hardware counters are not offered) samples
  every thread's native instruction pointer; the library it falls in names the work (libavcodec = decode,
  libswscale = scaling and chroma conversion, libQt6Gui on the UI thread = painting, libpython = Python ...).
  Kernel and libc samples are charged to the role of the thread they came from (a decoder thread's futex waits
  are decoding's cost), the role being what that thread spends most of its own samples on.
- ``py-spy record --gil`` (the Python stack of the thread holding the GIL, i.e. Python really running)
  splits the Python share by our own code: the video callbacks of media/frames.py, masks, the watchdog's
  pixel sampling, tile painting, the ingest's reading and fan-out, the event loop.

The ffmpeg ingests are separate processes: their CPU comes from /proc, as in the CPU figure. In the same run,
ffmpeg decoding the same streams (and decoding + scaling to BGRA) gives the physical limit the shares compare
with: libavcodec's cores in the app against plain ffmpeg's whole decode says whether pictures are decoded twice.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import TICK, AppRun, console_tiles, cpu_ticks, load_average, tree
from bench.cpu import Config, Settings, decode_only, decode_scale

# --- native samples (perf) ----------------------------------------------------------------------------------
# The first pattern that matches a sample's library names its category.
_LIBRARIES: tuple[tuple[str, str], ...] = (
    (r"libavcodec|libx264|libopenh264|libdav1d|libvpx|libavutil", "decode"),
    (r"libswscale|/vlc/plugins/video_chroma/", "scaling and chroma conversion"),
    (r"/vlc/plugins/(demux|packetizer|codec|stream_filter|access)/|libvlccore|libvlc\.so", "libVLC demux and core"),
    (r"libpython|/python3\.\d+$|/bin/python|_ctypes|libffi|numpy|_multiarray", "Python"),
    (r"libQt6Gui|libQt6Widgets|libpixman|libfreetype|libharfbuzz|libpng", "Qt painting"),
    (r"libxcb|libX11|libQt6XcbQpa|libQt6DBus|libxkb", "X11 and the display"),
    (r"libQt6Core|shiboken|PySide6|libglib", "Qt event loop"),
    (r"libsqlite", "SQLite"),
)
GENERIC = "kernel and libc"  # charged to the thread's role
_GENERIC = re.compile(r"\[kernel|libc\.so|libc-|libm\.so|ld-linux|libpthread|\[vdso\]|\[unknown\]|libstdc\+\+|libgcc")
_PERF_LINE = re.compile(r"^\s*(\d+)\s+\S+\s+.*\((.*)\)\s*$")


def library_category(dso: str) -> str:
    if _GENERIC.search(dso):
        return GENERIC
    for pattern, category in _LIBRARIES:
        if re.search(pattern, dso):
            return category
    return "other native"


@dataclass(frozen=True, slots=True)
class NativeSplit:
    samples: int
    by_category: dict[str, int]  # category -> samples, GENERIC already charged to thread roles
    by_role: dict[str, int]  # thread role -> samples ("UI thread", "decode threads", ...)


def split_native(lines: Iterable[str], main_tid: int) -> NativeSplit:
    """``perf script -F tid,ip,sym,dso`` lines -> samples per category."""
    per_thread: dict[int, Counter[str]] = {}
    for line in lines:
        m = _PERF_LINE.match(line)
        if not m:
            continue
        per_thread.setdefault(int(m.group(1)), Counter())[library_category(m.group(2))] += 1
    by_category: Counter[str] = Counter()
    by_role: Counter[str] = Counter()
    for tid, counts in per_thread.items():
        role = _role(tid, main_tid, counts)
        by_role[role] += sum(counts.values())
        for category, n in counts.items():
            if category == GENERIC:
                category = "UI thread: kernel and libc" if tid == main_tid else _ROLE_TO_CATEGORY.get(role, GENERIC)
            by_category[category] += n
    return NativeSplit(sum(by_category.values()), dict(by_category), dict(by_role))


_ROLE_TO_CATEGORY = {
    "decode threads": "decode",
    "picture threads (scaling, callbacks)": "scaling and chroma conversion",
    "libVLC input threads": "libVLC demux and core",
    "Python threads": "Python",
}


def _role(tid: int, main_tid: int, counts: Counter[str]) -> str:
    if tid == main_tid:
        return "UI thread"
    specific = Counter({k: v for k, v in counts.items() if k != GENERIC})
    if not specific:
        return "idle threads (kernel only)"
    top = specific.most_common(1)[0][0]
    return {
        "decode": "decode threads",
        "scaling and chroma conversion": "picture threads (scaling, callbacks)",
        "libVLC demux and core": "libVLC input threads",
        "Python": "Python threads",
    }.get(top, "other threads")


# --- Python samples (py-spy) --------------------------------------------------------------------------------
# Matched against a whole collapsed stack (outermost first); the first match names the Python sample.
# The video callbacks are entered from C: their stacks start at _on_lock/_on_display (masks are burned in
# _on_display, so "burn" is looked for first).
_PYTHON: tuple[tuple[str, str], ...] = (
    (r"\bburn \(|RasterCache", "masks"),
    (r"^(?:[\w.]*\.)?_on_(lock|display|format|unlock) \(", "video callbacks (ctypes, GIL)"),
    (r"CameraFeed\.|Subscription\.|media/feeds\.py|media/ingest\.py", "ingest reading and fan-out (media/feeds.py)"),
    (r"\bsample \([^;]*frames\.py|health/picture|health/thumbnail|scene_references|_inspect \(",
     "watchdog pixel sampling"),
    (r"paintEvent|tile_paint|ui/tile\.py", "tile painting (Python side)"),
    (r"status_file", "status file"),
    (r"\btick \([^;]*services/live", "watchdog: state machine and reconnects"),
    (r"qasync|asyncio|selectors|base_events", "event loop and tasks"),
)


def python_category(stack: str) -> str:
    for pattern, category in _PYTHON:
        if re.search(pattern, stack):
            return category
    return "other Python"


def split_python(lines: Iterable[str]) -> dict[str, int]:
    """py-spy ``--format raw`` lines (``frame;frame;... COUNT``) -> samples per category. A sample with no
    Python frame (a libVLC thread that once called back, now in native code) is not Python's."""
    out: Counter[str] = Counter()
    for line in lines:
        stack, _, count = line.strip().rpartition(" ")
        if stack.strip() and count.isdigit():
            out[python_category(stack)] += int(count)
    return dict(out)


SPY_RATE = 97  # py-spy samples per second


# --- the run ------------------------------------------------------------------------------------------------
def _children_cores(app_pid: int, seconds: float) -> float:
    """Cores of the app's child processes (the ffmpeg ingests) over ``seconds``."""
    def kids() -> list[int]:
        return [p for p in tree([app_pid]) if p != app_pid]

    t0, before = time.monotonic(), cpu_ticks(kids())
    time.sleep(seconds)
    t1, after = time.monotonic(), cpu_ticks(kids())
    return sum(after[p] - before[p] for p in after if p in before) / TICK / (t1 - t0)


def figure(config: Config, env: dict[str, str], db: Path, work: Path, settings: Settings) -> dict[str, Any]:
    if not shutil.which("perf"):
        return {"error": "perf is not installed (Debian: linux-perf)"}
    load = load_average()
    ids = ",".join(c.id for c in config.cameras)
    app = AppRun(env, work, "--db", str(db), "--layout", config.grid, "--cameras", ids)
    try:
        live = app.wait_for(lambda s: sum(t.get("state") == "live" for t in console_tiles(s) if t.get("camera_id"))
                            >= config.tiles, settings.live_timeout_s)
        if live is None:
            return {"error": "the tiles did not all go live", "log_tail": app.log_tail()[-800:]}
        time.sleep(settings.warmup_s)
        window = settings.window_s
        perf_data, spy_out = work / "profile.perf", work / "profile.pyspy"
        before = cpu_ticks([app.pid])
        t0 = time.monotonic()
        perf = subprocess.Popen(["perf", "record", "-q", "-e", "cpu-clock", "-F", "499", "-p", str(app.pid),
                                 "-o", str(perf_data), "--", "sleep", str(window)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        spy = _py_spy(app.pid, window, spy_out)
        ingest = _children_cores(app.pid, window)
        perf.wait(timeout=window + 30)
        if spy is not None:
            spy.wait(timeout=window + 30)
        app_cores = (cpu_ticks([app.pid]).get(app.pid, 0) - before.get(app.pid, 0)) / TICK / (
            time.monotonic() - t0)
        script = subprocess.run(["perf", "script", "-F", "tid,ip,sym,dso", "-i", str(perf_data)],
                                capture_output=True, text=True, timeout=120, check=False)
        native = split_native(script.stdout.splitlines(), app.pid)
        python = split_python(spy_out.read_text().splitlines()) if spy_out.exists() else {}
    finally:
        app.stop()
    limit = decode_only(config, settings)
    limit_scale = decode_scale(config, (320, 180), settings)
    return _summary(config, app_cores, ingest, native, python, limit, limit_scale, load, int(window))


def _py_spy(pid: int, seconds: float, out: Path) -> subprocess.Popen[bytes] | None:
    exe = shutil.which("py-spy") or str(Path(__file__).resolve().parent.parent / ".venv/bin/py-spy")
    if not Path(exe).exists():
        return None
    return subprocess.Popen([exe, "record", "--pid", str(pid), "--duration", str(int(seconds)), "--rate", str(SPY_RATE),
                             "--format", "raw", "--nonblocking", "--gil", "--output", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _summary(config: Config, app_cores: float, ingest: float, native: NativeSplit, python: dict[str, int],
             limit: dict[str, Any], limit_scale: dict[str, Any], load: float, spy_s: int) -> dict[str, Any]:
    total = max(1, native.samples)
    shares = {k: v / total for k, v in sorted(native.by_category.items(), key=lambda kv: -kv[1])}
    # Cores holding the GIL: a sample is a thread that held it, in Python or in a Qt/numpy call made from
    # Python (PySide keeps the GIL through most calls), so this overlaps perf's Qt and libc shares.
    python_split = {k: round(v / (SPY_RATE * spy_s), 3) for k, v in sorted(python.items(), key=lambda kv: -kv[1])}
    decode_cores = shares.get("decode", 0.0) * app_cores
    return {
        "config": config.name,
        "load_before": load,
        "app_process_cores": round(app_cores, 3),
        "ingest_cores": round(ingest, 3),
        "native_samples": native.samples,
        "python_samples": sum(python.values()),
        "cores": {k: round(v * app_cores, 3) for k, v in shares.items()},
        "share_pct": {k: round(100 * v, 1) for k, v in shares.items()},
        "python_cores": python_split,
        "threads": native.by_role,
        "ffmpeg_decode_cores": limit.get("cores"),
        "ffmpeg_decode_scale_bgra_cores": limit_scale.get("cores"),
        # ~1.0: the app decodes each picture once (libVLC 3.0's own counter counts every picture twice, once
        # when its decoder returns and once when the picture is queued for display: src/input/decoder.c)
        "decode_vs_ffmpeg": round(decode_cores / limit["cores"], 2) if limit.get("cores") else None,
    }

"""What every benchmark figure needs: CPU and memory of process trees, the app as a subprocess, registers.

CPU is read from ``/proc/<pid>/stat`` (utime + stime) of a process and all its descendants at the
start and the end of a steady window: cores used = CPU seconds / wall seconds (1.0 = one full core).
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from videowall.sim.fleet import Fleet
from videowall.sim.spec import SimCamera, register_rows, write_rows

BIN = Path(sys.executable).parent
APP_CMD = [str(BIN / "videowall")]  # the bench may wrap it (e.g. a profiler)
TICK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")
Status = dict[str, Any]


# --- /proc --------------------------------------------------------------------------------------
def _stat(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().decode(errors="replace").rsplit(")", 1)[1].split()
    except OSError:
        return None


def _all_parents() -> dict[int, int]:
    out: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = _stat(int(entry))
            if fields is not None and fields[0] != "Z":
                out[int(entry)] = int(fields[1])
    return out


def tree(roots: Iterable[int]) -> list[int]:
    """The roots and every live descendant."""
    parents = _all_parents()
    children: dict[int, list[int]] = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    out, todo = [], [r for r in roots if r in parents]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += children.get(pid, [])
    return out


def cpu_ticks(pids: Iterable[int]) -> dict[int, int]:
    out = {}
    for pid in pids:
        fields = _stat(pid)
        if fields is not None:
            out[pid] = int(fields[11]) + int(fields[12])  # utime + stime
    return out


def rss_mb(pids: Iterable[int]) -> float:
    total = 0
    for pid in pids:
        fields = _stat(pid)
        if fields is not None:
            total += int(fields[21]) * PAGE
    return total / 2**20


def measure_cpu(roots: Callable[[], list[int]], seconds: float) -> tuple[float, float]:
    """(cores used by the process trees over ``seconds``, their RSS in MiB at the end)."""
    t0, before = time.monotonic(), cpu_ticks(tree(roots()))
    time.sleep(seconds)
    pids = tree(roots())
    t1, after = time.monotonic(), cpu_ticks(pids)
    used = sum(after[p] - before[p] for p in after if p in before) / TICK
    return used / (t1 - t0), rss_mb(pids)


def load_average() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def quantile(values: Sequence[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def stop_all(procs: Iterable[subprocess.Popen[Any]], timeout: float = 5.0) -> None:
    procs = list(procs)
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    deadline = time.monotonic() + timeout
    for proc in procs:
        try:
            proc.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# --- the bench register -------------------------------------------------------------------------
def bench_cameras(fleet: Fleet, sub_tiles: int = 36) -> tuple[list[SimCamera], list[SimCamera]]:
    """Cameras whose main AND sub URL are the fleet's 640x360 sub stream (BENCH-SUB-NN, the 16 reused),
    and BENCH-HD-NN whose both URLs are a 1080p stream: whatever stream a tile picks, the size is fixed."""
    healthy = [c for c in fleet.cameras if c.healthy]
    subs = [
        dataclasses.replace(cam, id=f"BENCH-SUB-{i + 1:02d}", name=f"BENCH SUB {i + 1:02d} ({cam.id})",
                            main_path=cam.sub_path, ptz=False)
        for i, cam in ((i, healthy[i % len(healthy)]) for i in range(sub_tiles))
    ]
    hds = [
        dataclasses.replace(cam, id=f"BENCH-HD-{i + 1:02d}", name=f"BENCH HD {i + 1:02d} ({cam.id})",
                            main_path=cam.hd_path, sub_path=cam.hd_path, ptz=False)
        for i, cam in enumerate(fleet.hd_cameras)
    ]
    return subs, hds


def url(fleet: Fleet, camera: SimCamera) -> str:
    return f"rtsp://{fleet.host}:{fleet.port}{camera.main_path}"


def import_register(fleet: Fleet, cameras: Sequence[SimCamera], work: Path, env: dict[str, str],
                    name: str = "bench", urls: dict[str, str] | None = None) -> Path:
    """``cameras`` in ``work/NAME.db``, with ``trust_first_pictures`` on: the bench's fleet is known-good,
    its first pictures are its scene references (else every tile would wait for a supervisor's review).
    ``urls``: camera id -> a URL on another server than the fleet, for both of its streams."""
    rows = register_rows(cameras, fleet.host, fleet.port)
    for row in rows:
        if urls and row["id_titik"] in urls:
            row["rtsp_utama"] = row["rtsp_sub"] = urls[row["id_titik"]]
    register = write_rows(work / f"{name}-register.csv", rows)
    db = work / f"{name}.db"
    if not db.exists():  # import signs in: the bench administrator first (no sign-in on an empty database)
        subprocess.run([str(BIN / "videowall"), "users", "add", env["VIDEOWALL_USER"], "--role", "admin", "--db",
                        str(db)], env=env, capture_output=True, text=True, timeout=120, check=True)
    done = subprocess.run([str(BIN / "videowall"), "import", str(register), "--db", str(db)], env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"import failed: {done.stdout}{done.stderr}")
    # trust_first_pictures: see above. evidence.keep_main off: the bench measures the picture path (tiles,
    # decode, display); the main-stream evidence recorders are one more remuxing ffmpeg per camera beside it.
    for key, value in (("trust_first_pictures", "true"), ("evidence", '{"keep_main": false}')):
        done = subprocess.run([str(BIN / "videowall"), "settings", "set", key, value, "--db", str(db)],
                              env=env, capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"setting {key} failed: {done.stdout}{done.stderr}")
    return db


# --- the app as a subprocess --------------------------------------------------------------------
class AppRun:
    """``videowall run`` with ``--status-json`` and ``--commands`` (like tests/integration/wallrun.py)."""

    def __init__(self, env: dict[str, str], work: Path, *args: str) -> None:
        stamp = time.monotonic_ns()
        self.status_file = work / f"status-{stamp}.json"
        self.commands = work / f"commands-{stamp}.jsonl"
        self.log = work / f"app-{stamp}.log"
        self.commands.touch()
        self.started = time.monotonic()
        with self.log.open("w") as err:
            self.proc = subprocess.Popen(
                [*APP_CMD, "run", *args, "--status-json", str(self.status_file),
                 "--commands", str(self.commands)],
                env=env, stdout=subprocess.DEVNULL, stderr=err, text=True,
            )

    @property
    def pid(self) -> int:
        return self.proc.pid

    def status(self) -> Status | None:
        try:
            return json.loads(self.status_file.read_text())  # type: ignore[no-any-return]
        except (OSError, json.JSONDecodeError):
            return None

    def wait_for(self, check: Callable[[Status], bool], timeout: float) -> Status | None:
        """The first status that passes ``check``, or None after ``timeout`` (or if the app died)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.proc.poll() is None:
            status = self.status()
            if status is not None and check(status):
                return status
            time.sleep(0.2)
        return None

    def send(self, **command: object) -> None:
        with self.commands.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(command) + "\n")

    def log_tail(self) -> str:
        try:
            return self.log.read_text(errors="replace")[-2000:]
        except OSError:
            return ""

    def stop(self, timeout: float = 30) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode


def console_tiles(status: Status) -> list[dict[str, Any]]:
    return [t for t in status.get("tiles", []) if t.get("wall") == "console"]


def app_env(display: str, home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(DISPLAY=display, VIDEOWALL_HOME=str(home), QT_QPA_PLATFORM="xcb")
    # sign in without the login dialog (a fresh database makes this the administrator)
    env.update(VIDEOWALL_USER="bench-admin", VIDEOWALL_PASSWORD="bench-admin-password", VIDEOWALL_KEYRING="off")
    env.pop("WAYLAND_DISPLAY", None)
    return env


def have(tool: str) -> bool:
    return shutil.which(tool) is not None

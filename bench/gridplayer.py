"""The gridplayer peer (PyPI, python-vlc + PyQt5), in a venv of its own.

Not in the app's venv: gridplayer pulls in PyQt5, and qasync then picks PyQt5 over PySide6 and the
app's event loop breaks. Debian's libVLC has no live555, so gridplayer most likely cannot open RTSP:
we record what happens rather than assume it.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import measure_cpu, stop_all

VENV = Path(__file__).resolve().parent / ".venv-gridplayer"


def ensure(log: Path) -> str | None:
    """Install gridplayer into its own venv once; returns why not, or None when it is there."""
    gp = VENV / "bin" / "gridplayer"
    if gp.exists():
        return None
    with log.open("a") as out:
        if not (VENV / "bin" / "python").exists():
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], stdout=out, stderr=out, check=False)
        done = subprocess.run([str(VENV / "bin" / "pip"), "install", "-q", "--disable-pip-version-check",
                               "gridplayer"], stdout=out, stderr=out, timeout=600, check=False)
    if done.returncode != 0 or not gp.exists():
        return f"pip install gridplayer failed (rc {done.returncode}, see {log.name})"
    return None


def _rtsp_connections(pids: list[int], port: int) -> int:
    """Established TCP connections from these processes to the fleet's RTSP port."""
    inodes: set[str] = set()
    for pid in pids:
        fd_dir = Path(f"/proc/{pid}/fd")
        try:
            for fd in fd_dir.iterdir():
                target = str(fd.readlink()) if fd.is_symlink() else ""
                if target.startswith("socket:["):
                    inodes.add(target[8:-1])
        except OSError:
            continue
    count = 0
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        cols = line.split()
        if cols[9] in inodes and int(cols[2].split(":")[1], 16) == port and cols[3] == "01":
            count += 1
    return count


def run(urls: list[str], port: int, env: dict[str, str], warmup_s: float, window_s: float,
        log: Path) -> dict[str, Any]:
    why = ensure(log)
    if why is not None:
        return {"cores": None, "status": f"n/a ({why})"}
    runtime = log.parent / "gridplayer-runtime"  # it needs XDG_RUNTIME_DIR for its single-instance socket
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {**env, "XDG_RUNTIME_DIR": str(runtime)}
    with log.open("a") as out:
        proc = subprocess.Popen([str(VENV / "bin" / "gridplayer"), *urls], env=env, stdin=subprocess.DEVNULL,
                                stdout=out, stderr=out)
    try:
        time.sleep(warmup_s)
        if proc.poll() is not None:
            return {"cores": None, "status": f"n/a (gridplayer exited with {proc.returncode}; see {log.name})"}
        from bench.common import tree

        connections = _rtsp_connections(tree([proc.pid]), port)
        cores, rss = measure_cpu(lambda: [proc.pid], window_s)
        errors = log.read_text(errors="replace").count("Player error")
        if errors:
            return {"cores": round(cores, 3), "rss_tree_mb": round(rss, 1), "player_errors": errors,
                    "status": f"n/a (gridplayer's libVLC players failed {errors}x: Debian's libVLC has no live555 "
                              "RTSP access module)"}
        if connections == 0:
            return {"cores": round(cores, 3), "rss_tree_mb": round(rss, 1),
                    "status": "n/a (gridplayer runs but opened no RTSP connection: Debian's libVLC has no "
                              "live555 RTSP access module)"}
        return {"cores": round(cores, 3), "rss_tree_mb": round(rss, 1), "status": "ok",
                "rtsp_connections": connections}
    finally:
        stop_all([proc])

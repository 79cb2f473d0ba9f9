"""Smoke-test a frozen videowall (``make installer-test``): run it as an operator's machine would.

1. ``videowall --version``, timed (start-up cost of the frozen app).
2. The simulated fleet is started from the *development* venv (its GStreamer server needs Debian's
   python3 with gi, which the bundle does not carry) and the frozen ``videowall selftest`` opens a camera
   through the bundled ffmpeg and libVLC, headless, with a scrubbed environment (no PATH, no
   LD_LIBRARY_PATH, no VLC variables), so nothing from the system can stand in for the bundle.
3. Where Xvfb exists: the frozen app imports the fleet's register into a scratch database and shows a
   2x2 wall under Xvfb for a few seconds; the tiles must go live, and a screenshot is kept.

Results go to stdout and to ``installer/dist/smoke-results.json``. Exit 0 only if every step passed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_EXE = ROOT / "installer" / "dist" / "videowall" / "videowall"
RESULTS = ROOT / "installer" / "dist" / "smoke-results.json"
DEV_VIDEOWALL = ROOT / ".venv" / "bin" / "videowall"


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """Only what a desktop session would give: nothing that points at system media libraries."""
    env = {"HOME": str(home), "VIDEOWALL_HOME": str(home / "vw"), "LANG": "C.UTF-8", "PATH": "/nonexistent"}
    env.update(extra)
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def fleet(port: int, csv: Path) -> Iterator[None]:
    proc = subprocess.Popen([str(DEV_VIDEOWALL), "sim", "--port", str(port), "--csv", str(csv)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert proc.stderr is not None
        deadline = time.monotonic() + 240  # first run makes the clips (~2 min)
        for line in proc.stderr:
            if "serving on" in line:
                break
            if time.monotonic() > deadline:
                raise RuntimeError("the fleet did not start")
        else:
            raise RuntimeError("the fleet exited before serving")
        yield
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def time_version(exe: Path, env: dict[str, str], runs: int = 3) -> dict[str, object]:
    times, out = [], ""
    for _ in range(runs):
        t0 = time.monotonic()
        done = subprocess.run([str(exe), "--version"], env=env, capture_output=True, text=True, timeout=60)
        times.append(time.monotonic() - t0)
        out = (done.stdout + done.stderr).strip()
        if done.returncode != 0:
            return {"ok": False, "output": out}
    return {"ok": out.startswith("videowall "), "output": out, "seconds": [round(t, 3) for t in times],
            "median_s": round(statistics.median(times), 3)}  # fmt: skip


def run_selftest(exe: Path, env: dict[str, str], url: str, work: Path) -> dict[str, object]:
    report = work / "selftest.json"
    t0 = time.monotonic()
    done = subprocess.run([str(exe), "selftest", "--url", url, "--json", str(report)], env=env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    print(done.stdout + done.stderr, end="")
    result: dict[str, object] = {"ok": done.returncode == 0, "wall_s": round(time.monotonic() - t0, 2)}
    if report.exists():
        result["report"] = json.loads(report.read_text(encoding="utf-8"))
    return result


def run_wall(exe: Path, env: dict[str, str], csv: Path, work: Path) -> dict[str, object]:
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        return {"ok": True, "skipped": "no Xvfb"}
    display = f":{free_display()}"
    server = subprocess.Popen([xvfb, display, "-screen", "0", "1600x900x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        time.sleep(1.5)
        db = work / "wall.db"
        admin = {**env, "VIDEOWALL_USER": "smoke-admin", "VIDEOWALL_PASSWORD": "smoke-admin-password",
                 "VIDEOWALL_KEYRING": "off"}  # import signs in: the first administrator is added without one
        subprocess.run([str(exe), "users", "add", "smoke-admin", "--role", "admin", "--db", str(db)], env=admin,
                       capture_output=True, text=True, timeout=120)  # fmt: skip
        imported = subprocess.run([str(exe), "import", str(csv), "--db", str(db), "--valid-only"], env=admin,
                                  capture_output=True, text=True, timeout=120)  # fmt: skip
        if imported.returncode != 0:
            return {"ok": False, "step": "import", "output": imported.stdout + imported.stderr}
        status, shot = work / "status.json", ROOT / "installer" / "dist" / "smoke-wall.png"
        # Sign in without the dialog, as the administrator added before the import.
        wall_env = {**env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "VIDEOWALL_USER": "smoke-admin",
                    "VIDEOWALL_PASSWORD": "smoke-admin-password", "VIDEOWALL_KEYRING": "off"}  # fmt: skip
        cmd = [str(exe), "run", "--db", str(db), "--layout", "2x2", "--cameras",
               "SIM-CAM-01,SIM-CAM-02,SIM-CAM-03,SIM-CAM-04", "--quit-after", "15",
               "--status-json", str(status), "--screenshot", str(shot)]  # fmt: skip
        done = subprocess.run(cmd, env=wall_env, capture_output=True, text=True, timeout=120)
        tiles = json.loads(status.read_text(encoding="utf-8"))["tiles"] if status.exists() else []
        live = [t for t in tiles if t.get("state") == "live"]
        return {"ok": done.returncode == 0 and len(live) == 4, "returncode": done.returncode,
                "live_tiles": len(live), "tiles": len(tiles), "screenshot": str(shot),
                "first_live_s": [t.get("first_live_s") for t in live], "stderr": done.stderr[-2000:]}  # fmt: skip
    finally:
        server.terminate()
        server.wait(10)


def free_display() -> int:
    for n in range(140, 200):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            return n
    raise RuntimeError("no free X display number")


def main() -> int:
    parser = argparse.ArgumentParser(description="Smoke-test a frozen videowall bundle.")
    parser.add_argument("--exe", type=Path, default=DEFAULT_EXE, help="the frozen videowall executable")
    parser.add_argument("--fleet-port", type=int, help="use a fleet already serving on this port")
    parser.add_argument("--no-wall", action="store_true", help="skip the Xvfb wall run")
    args = parser.parse_args()
    if not args.exe.exists():
        print(f"no bundle at {args.exe}: run `make installer` first", file=sys.stderr)
        return 1
    results: dict[str, object] = {"exe": str(args.exe)}
    with tempfile.TemporaryDirectory(prefix="videowall-smoke-") as tmp:
        work = Path(tmp)
        env = clean_env(work)
        results["version"] = time_version(args.exe, env)
        print(f"--version: {results['version']}")
        csv = work / "fleet.csv"
        port = args.fleet_port or free_port()
        ctx = contextlib.nullcontext() if args.fleet_port else fleet(port, csv)
        with ctx:
            url = f"rtsp://127.0.0.1:{port}/fleet/cam01/sub"
            results["selftest"] = run_selftest(args.exe, env, url, work)
            if not args.no_wall and csv.exists():
                results["wall"] = run_wall(args.exe, env, csv, work)
                print(f"wall: { {k: v for k, v in results['wall'].items() if k != 'stderr'} }")  # type: ignore[union-attr]
    ok = all(isinstance(v, dict) and v.get("ok") for k, v in results.items() if k != "exe")
    results["ok"] = ok
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"{'PASS' if ok else 'FAIL'}: results in {RESULTS}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

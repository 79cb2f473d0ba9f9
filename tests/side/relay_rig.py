"""A relay test rig: two cameras of the simulated fleet behind a password, registered for the relay in a
new database (``videowall import`` with ``lewat_relay``), the relay's account set with ``videowall relay
account`` and ``videowall relay serve`` run as a subprocess, the way an administrator starts it."""

from __future__ import annotations

import json
import selectors
import signal
import subprocess
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

from tests.accounts import ensure_admin
from tests.integration.wallrun import BIN, trust_first_pictures, videowall
from videowall.sim.fleet import Fleet

CAM_USER, CAM_PASSWORD = "kamera", "Kam3ra-Rahasia!x"
RELAY_USER, RELAY_PASSWORD = "relay-client", "Relai-Sandi-42"


def credentialed(fleet: Fleet, camera_id: str, stream: str) -> str:
    return fleet.url(camera_id, stream).replace("rtsp://", f"rtsp://{CAM_USER}:{quote(CAM_PASSWORD, safe='')}@", 1)


def import_register(fleet: Fleet, db: Path, env: dict[str, str], relayed: frozenset[int] = frozenset({1, 2})) -> None:
    """The fleet's cameras as RELAY-01, RELAY-02 ... (passwords in their URLs), ``lewat_relay`` for ``relayed``."""
    rows = [{"id": f"RELAY-{n:02d}", "name": f"Relayed camera {n}", "type": "ATCS", "kecamatan": "Semarang Tengah",
             "kelurahan": "Pekunden", "main_url": credentialed(fleet, cam.id, "main"),
             "sub_url": credentialed(fleet, cam.id, "sub"), "status": "aktif",
             "lewat_relay": "ya" if n in relayed else "tidak"}
            for n, cam in enumerate(fleet.cameras, start=1)]
    register = db.with_name("relayed.json")
    register.write_text(json.dumps(rows), encoding="utf-8")
    done = videowall("import", str(register), "--db", str(db), env=env)
    register.unlink()
    assert done.returncode == 0, done.stdout + done.stderr


def relay_database(fleet: Fleet, folder: Path, env: dict[str, str]) -> Path:
    db = folder / "relay.db"
    ensure_admin(db, env)
    import_register(fleet, db, env)
    trust_first_pictures(db)
    done = videowall("relay", "account", RELAY_USER, "--db", str(db),
                     env={**env, "VIDEOWALL_NEW_PASSWORD": RELAY_PASSWORD})
    assert done.returncode == 0, done.stdout + done.stderr
    return db


class RelayRun:
    """``videowall relay serve`` in a subprocess; ``port`` once it serves."""

    def __init__(self, db: Path, env: dict[str, str], folder: Path, port: int = 0) -> None:
        self.status_file = folder / "relay-status.json"
        self.log = folder / f"relay-serve-{time.monotonic_ns()}.log"
        with self.log.open("w") as err:
            self.proc = subprocess.Popen(
                [str(BIN / "videowall"), "relay", "serve", "--db", str(db), "--port", str(port),
                 "--status-file", str(self.status_file)],
                env=env, stdout=subprocess.PIPE, stderr=err, stdin=subprocess.DEVNULL)
        assert self.proc.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(self.proc.stdout, selectors.EVENT_READ)
            line = self.proc.stdout.readline() if selector.select(timeout=30) else b""
        if not line:
            self.stop()
            raise AssertionError(f"the relay did not start: {self.log.read_text(errors='replace')}")
        self.port = int(json.loads(line)["port"])

    def status(self) -> dict[str, Any]:
        try:
            return dict(json.loads(self.status_file.read_text())["streams"])
        except (OSError, ValueError, KeyError):
            return {}

    def wait_state(self, path: str, want: str, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            item = self.status().get(path)
            if item is not None and item["state"] == want:
                return dict(item)
            time.sleep(0.1)
        raise AssertionError(f"{path} not {want} within {timeout} s: {self.status().get(path)}")

    def server_pid(self) -> int:
        """The GstRtspServer child (Debian's python running gst_relay_server.py)."""
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                    cmdline = (entry / "cmdline").read_bytes()
                except (OSError, IndexError, ValueError):
                    continue
                if ppid == self.proc.pid and b"gst_relay_server.py" in cmdline:
                    return int(entry.name)
        raise AssertionError("no relay server child")

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        return self.proc.returncode


class Viewer:
    """An RTSP client of the relay (ffmpeg, ``-c copy``, decoding nothing); ``frames`` is what it received."""

    def __init__(self, port: int, camera_id: str, stream: str = "sub", password: str = RELAY_PASSWORD) -> None:
        url = f"rtsp://{RELAY_USER}:{quote(password, safe='')}@127.0.0.1:{port}/cam/{camera_id}/{stream}"
        self.frames = 0
        self.proc = subprocess.Popen(
            ["ffmpeg", "-nostdin", "-loglevel", "error", "-rtsp_transport", "tcp", "-i", url, "-c", "copy",
             "-f", "null", "-progress", "pipe:1", "-stats_period", "0.25", "-"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if line.startswith("frame="):
                self.frames = int(line.split("=", 1)[1])

    def wait_frames(self, count: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while self.frames < count and time.monotonic() < deadline and self.proc.poll() is None:
            time.sleep(0.1)
        assert self.frames >= count, f"viewer got {self.frames} frames of {count} (exit {self.proc.poll()})"

    def end(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._reader.join(2)
        if self.proc.stdout is not None:
            self.proc.stdout.close()

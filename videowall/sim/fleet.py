"""Run the simulated camera fleet: a real RTSP server on loopback fed by looping ffmpeg copies.

Process layout (all children of the calling process, none can outlive it)::

    Fleet (this process)
     +- /usr/bin/python3 gst_rtsp_server.py   GstRtspServer; owns the UDP ports it is fed on
     +- /usr/bin/python3 feeders.py           supervisor, restarts crashed feeders
         +- ffmpeg -re -stream_loop -1 -i main.ts -i sub.ts -c copy -> udp://127.0.0.1:...  (per camera)

The server is separate from the feeders so tests can stop and restart just the server (tiles must
go offline and come back) while the feeders keep their UDP ports.
"""

from __future__ import annotations

import base64
import ipaddress
import json
import logging
import os
import selectors
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import Any

from videowall.sim.clips import ClipPaths, default_cache_dir, ensure_clips, ensure_hd_clips
from videowall.sim.processes import end_process
from videowall.sim.spec import (
    DEFAULT_HOST,
    DEFAULT_PORT,
    FAULT_DROPS,
    SimCamera,
    default_fleet,
    write_csv,
    write_json,
)

LOG = logging.getLogger(__name__)

SYSTEM_PYTHON = "/usr/bin/python3"
SERVER_SCRIPT = Path(__file__).with_name("gst_rtsp_server.py")
FEEDERS_SCRIPT = Path(__file__).with_name("feeders.py")
COUNTER_SCRIPT = Path(__file__).with_name("counter_feeder.py")
#: The opt-in bench stream whose pictures carry the wall clock as a frame counter (``Fleet(counter=True)``).
COUNTER_PATH = "/bench/counter"


def check_loopback(host: str) -> str:
    """The fleet is a test fixture: it must never be reachable from the network."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError as exc:
        raise ValueError(f"host must be an IPv4 address in 127.0.0.0/8, not {host!r}") from exc
    if address.version != 4 or address not in ipaddress.ip_network("127.0.0.0/8"):
        raise ValueError(f"host must be in 127.0.0.0/8, not {host!r}")
    return host


def rtsp_status(host: str, port: int, path: str, timeout: float = 5.0, auth: tuple[str, str] | None = None) -> int:
    """Status code of an RTSP DESCRIBE for ``path`` (200, 404, ...), or 0 when nobody answers."""
    basic = f"Authorization: Basic {base64.b64encode(':'.join(auth).encode()).decode()}\r\n" if auth else ""
    request = (
        f"DESCRIBE rtsp://{host}:{port}{path} RTSP/1.0\r\nCSeq: 1\r\n{basic}"
        "Accept: application/sdp\r\nUser-Agent: videowall-sim\r\n\r\n"
    )
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.sendall(request.encode())
            data = b""
            while b"\r\n" not in data:
                chunk = sock.recv(4096)
                if not chunk:
                    break
                data += chunk
    except OSError:
        return 0
    words = data.split(b"\r\n", 1)[0].split()
    return int(words[1]) if len(words) >= 2 and words[0].startswith(b"RTSP/") and words[1].isdigit() else 0


def _read_ready_line(proc: subprocess.Popen[bytes], timeout: float, what: str, log: Path) -> dict[str, Any]:
    """Wait for the child's one-line JSON handshake; explain with its log if it never comes."""
    assert proc.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        if selector.select(timeout=timeout):
            line = proc.stdout.readline()
            if line:
                result: dict[str, Any] = json.loads(line)
                return result
    proc.poll()
    tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
    raise RuntimeError(f"{what} did not start (exit code {proc.returncode}): {tail.strip()}")


class Fleet:
    """The simulated fleet as a context manager: ``with Fleet(port=0) as fleet: fleet.url(...)``.

    ``port=0`` lets the server pick a free port (read it back from ``fleet.port``); it is kept
    across ``stop_server()``/``start_server()`` so URLs stay valid.
    """

    def __init__(
        self,
        port: int = DEFAULT_PORT,
        cache_dir: str | Path | None = None,
        host: str = DEFAULT_HOST,
        cameras: Sequence[SimCamera] | None = None,
        *,
        python: str = SYSTEM_PYTHON,
        drop_up: float = 30.0,
        drop_down: float = 6.0,
        progress: Callable[[int, int, str], None] | None = None,
        log_level: str = "WARNING",
        hd: int = 0,
        auth: tuple[str, str] | None = None,
        always_on: bool = True,
        counter: bool = False,
    ) -> None:
        self.host = check_loopback(host)
        self.port = port
        self.cache_dir = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        self._cameras = list(cameras) if cameras is not None else default_fleet()
        self._by_id = {camera.id: camera for camera in self._cameras}
        self._python = python
        self._drop = {"up": drop_up, "down": drop_down}
        self._progress = progress
        self._log_level = log_level
        self._clips: dict[str, ClipPaths] = {}
        self._udp_ports: dict[str, int] = {}
        self._run_dir: Path | None = None
        self._server: subprocess.Popen[bytes] | None = None
        self._feeders: subprocess.Popen[bytes] | None = None
        self._feeder_pids: list[int] = []
        # Opt-in 1080p streams (benchmarks): the first ``hd`` healthy cameras also serve ``.../hd``.
        self._hd_cameras = [c for c in self._cameras if c.healthy][: max(0, hd)]
        self._hd_clips: dict[str, Path] = {}
        self._auth = auth  # (username, password) every path demands, as a real camera does; None: open
        # Each stream's pipeline runs whether anybody watches (as a real camera's encoder does): a client
        # joins at once and gets data at real time. False: built per first client (~1 s), idle CPU ~0.
        self._always_on = always_on
        # Bench-only: COUNTER_PATH, encoded live by counter_feeder.py (latency: bench/latency.py).
        self._counter = counter

    # -- lifecycle -------------------------------------------------------------------------------

    def __enter__(self) -> Fleet:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def start(self, timeout: float = 60.0) -> Fleet:
        """Generate clips if needed, start server and feeders; return once every path answers.

        ``timeout`` covers serving only (not a first-time clip generation, which can take ~2 min).
        """
        if self._server is not None or self._feeders is not None:
            return self
        self._clips = ensure_clips(self.cache_dir, self._cameras, self._progress)
        self._hd_clips = ensure_hd_clips(self.cache_dir, self._hd_cameras) if self._hd_cameras else {}
        self._run_dir = Path(tempfile.mkdtemp(prefix="videowall-fleet-"))
        try:
            deadline = time.monotonic() + timeout
            self._spawn_server(timeout)
            self._spawn_feeders(max(1.0, deadline - time.monotonic()))
            self.wait_ready(max(1.0, deadline - time.monotonic()))
        except BaseException:
            self.stop()
            raise
        LOG.info("fleet of %d cameras serving on rtsp://%s:%d", len(self._cameras), self.host, self.port)
        return self

    def stop(self) -> None:
        """Stop server and feeders (idempotent)."""
        self.stop_server()
        end_process(self._feeders)
        self._feeders = None
        self._udp_ports = {}
        if self._run_dir is not None:
            shutil.rmtree(self._run_dir, ignore_errors=True)
            self._run_dir = None

    def stop_server(self) -> None:
        """Stop only the RTSP server: every client is cut off, feeders keep running."""
        end_process(self._server)
        self._server = None

    def start_server(self, timeout: float = 30.0) -> None:
        """Restart the RTSP server on the same port and UDP ports; return once paths answer."""
        if self._run_dir is None:
            raise RuntimeError("the fleet is not started; call start() first")
        if not self.server_running:
            self.stop_server()  # reap one that died on its own
            self._spawn_server(timeout)
        self.wait_ready(timeout)

    @property
    def running(self) -> bool:
        return self.server_running and self._feeders is not None and self._feeders.poll() is None

    def child_pids(self) -> list[int]:
        """Server, supervisor and (first-started) ffmpeg feeder pids: for leak checks and diagnostics."""
        procs = [p.pid for p in (self._server, self._feeders) if p is not None and p.poll() is None]
        return procs + (self._feeder_pids if self._feeders is not None else [])

    @property
    def server_running(self) -> bool:
        return self._server is not None and self._server.poll() is None

    def feeder_pids(self, camera_id: str) -> list[int]:
        """The running ffmpeg feeder(s) of a camera, found among the supervisor's children by their argv."""
        if self._feeders is None:
            return []
        argv = "\0".join(self._feeder_argv(self.camera(camera_id)))
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                cmdline = (entry / "cmdline").read_bytes().decode(errors="replace").rstrip("\0")
            except (OSError, IndexError, ValueError):
                continue
            if ppid == self._feeders.pid and cmdline == argv:
                found.append(int(entry.name))
        return found

    def drop(self, camera_id: str, seconds: float = 6.0) -> None:
        """Make a camera's paths vanish now (clients kicked) and come back after ``seconds``."""
        camera = self.camera(camera_id)
        if self._server is None or self._server.stdin is None:
            raise RuntimeError("the RTSP server is not running")
        streams = ("main", "sub", "hd") if camera in self._hd_cameras else ("main", "sub")
        for stream in streams:
            self._server.stdin.write(f"drop {camera.path(stream)} {seconds}\n".encode())
        self._server.stdin.flush()

    # -- what is served --------------------------------------------------------------------------

    @property
    def cameras(self) -> list[SimCamera]:
        return list(self._cameras)

    def camera(self, camera_id: str) -> SimCamera:
        try:
            return self._by_id[camera_id]
        except KeyError:
            raise KeyError(f"no simulated camera {camera_id!r}") from None

    def url(self, camera_id: str, stream: str = "main") -> str:
        return self.camera(camera_id).url(self.host, self.port, stream)

    def clip(self, camera_id: str) -> ClipPaths:
        """The cached clips behind a camera (available after ``start()``)."""
        return self._clips[camera_id]

    def write_csv(self, path: str | Path) -> Path:
        return write_csv(path, self._cameras, self.host, self.port)

    def write_json(self, path: str | Path) -> Path:
        return write_json(path, self._cameras, self.host, self.port)

    def served_paths(self) -> list[str]:
        paths = [camera.path(s) for camera in self._cameras if camera.served for s in ("main", "sub")]
        return paths + [camera.hd_path for camera in self._hd_cameras] + ([COUNTER_PATH] if self._counter else [])

    @property
    def hd_cameras(self) -> list[SimCamera]:
        """Cameras that also serve a 1080p stream (``url(id, "hd")``); empty unless ``hd`` was given."""
        return list(self._hd_cameras)

    @property
    def counter_url(self) -> str:
        """The frame-counter stream (``Fleet(counter=True)`` only): see ``counter_feeder``."""
        if not self._counter:
            raise RuntimeError("this fleet has no counter stream: Fleet(counter=True)")
        return f"rtsp://{self.host}:{self.port}{COUNTER_PATH}"

    def wait_ready(self, timeout: float = 30.0) -> None:
        """Block until every served path answers DESCRIBE with 200 (each one prepares a pipeline)."""
        deadline = time.monotonic() + timeout
        pending = self.served_paths()
        with ThreadPoolExecutor(max_workers=8) as pool:
            while pending:
                if not self.server_running:
                    raise RuntimeError(f"RTSP server exited: {self._log_tail('server.log')}")
                budget = max(0.5, min(5.0, deadline - time.monotonic()))
                hosts, ports, budgets = [self.host] * len(pending), [self.port] * len(pending), [budget] * len(pending)
                codes = list(pool.map(rtsp_status, hosts, ports, pending, budgets, [self._auth] * len(pending)))
                answers = {path: code for path, code in zip(pending, codes, strict=True) if code != 200}
                pending = list(answers)
                if pending and time.monotonic() > deadline:
                    raise TimeoutError(f"fleet paths not ready after {timeout:.0f} s: {self._not_ready(answers)}")
                if pending:
                    time.sleep(0.2)

    def _not_ready(self, answers: dict[str, int]) -> str:
        """What the paths answered (0: nothing) and the server's own account, with its threads' stacks."""
        by_code: dict[int, list[str]] = {}
        for path, code in answers.items():
            by_code.setdefault(code, []).append(path)
        if self._server is not None and self._server.poll() is None:
            os.kill(self._server.pid, signal.SIGUSR1)  # faulthandler in the server writes stacks to its log
            time.sleep(1.0)
        codes = "; ".join(f"{code or 'no answer'}: {' '.join(paths)}" for code, paths in sorted(by_code.items()))
        return f"{codes}\nserver log:\n{self._log_tail('server.log', 6000)}"

    # -- processes -------------------------------------------------------------------------------

    def _spawn(self, script: Path, name: str, config: dict[str, Any]) -> subprocess.Popen[bytes]:
        assert self._run_dir is not None
        config_file = self._run_dir / f"{name}.json"
        fd = os.open(config_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # may hold the test password
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(config, fh)
        with (self._run_dir / f"{name}.log").open("ab") as log:
            # New session: a terminal's Ctrl+C reaches only us, and we stop children in order.
            # stdin stays an open pipe: its EOF tells the child we are gone, however we died.
            return subprocess.Popen(
                [self._python, str(script), "--config", str(config_file), "--log-level", self._log_level],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                start_new_session=True,
            )

    def _log_tail(self, name: str, chars: int = 2000) -> str:
        log = self._run_dir / name if self._run_dir is not None else None
        return log.read_text(errors="replace")[-chars:].strip() if log is not None and log.exists() else ""

    def _spawn_server(self, timeout: float) -> None:
        assert self._run_dir is not None
        mounts = [
            {
                "path": path,
                "udp_port": self._udp_ports.get(path, 0),
                "drop": self._drop if camera.fault == FAULT_DROPS else None,
            }
            for camera in self._cameras
            if camera.served
            for path in (camera.main_path, camera.sub_path)
        ]
        mounts += [{"path": c.hd_path, "udp_port": self._udp_ports.get(c.hd_path, 0), "drop": None}
                   for c in self._hd_cameras]
        if self._counter:
            mounts.append({"path": COUNTER_PATH, "udp_port": self._udp_ports.get(COUNTER_PATH, 0), "drop": None})
        config = {"host": self.host, "port": self.port, "max_threads": 128, "mounts": mounts,
                  "always_on": self._always_on,
                  "auth": {"username": self._auth[0], "password": self._auth[1]} if self._auth else None}
        self._server = self._spawn(SERVER_SCRIPT, "server", config)
        try:
            ready = _read_ready_line(self._server, timeout, "RTSP server", self._run_dir / "server.log")
        except BaseException:
            self.stop_server()
            raise
        self.port = int(ready["port"])
        self._udp_ports = {str(k): int(v) for k, v in ready["udp_ports"].items()}

    def _feeder_argv(self, camera: SimCamera) -> list[str]:
        clips = self._clips[camera.id]
        argv = ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error"]
        for clip in (clips.main, clips.sub):
            argv += ["-re", "-stream_loop", "-1", "-i", str(clip)]
        for index, path in enumerate((camera.main_path, camera.sub_path)):
            target = f"udp://{self.host}:{self._udp_ports[path]}?pkt_size=1316"
            argv += ["-map", f"{index}:v", "-c", "copy", "-f", "mpegts", target]
        return argv

    def _hd_feeder_argv(self, camera: SimCamera) -> list[str]:
        target = f"udp://{self.host}:{self._udp_ports[camera.hd_path]}?pkt_size=1316"
        return ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "-1",
                "-i", str(self._hd_clips[camera.id]), "-map", "0:v", "-c", "copy", "-f", "mpegts", target]

    def _spawn_feeders(self, timeout: float) -> None:
        assert self._run_dir is not None
        feeders = [{"name": c.id, "argv": self._feeder_argv(c)} for c in self._cameras if c.served]
        feeders += [{"name": f"{c.id}-hd", "argv": self._hd_feeder_argv(c)} for c in self._hd_cameras]
        if self._counter:
            target = f"udp://{self.host}:{self._udp_ports[COUNTER_PATH]}?pkt_size=1316"
            feeders.append({"name": "bench-counter", "argv": [self._python, str(COUNTER_SCRIPT), "--target", target]})
        self._feeders = self._spawn(FEEDERS_SCRIPT, "feeders", {"feeders": feeders})
        ready = _read_ready_line(self._feeders, timeout, "feeder supervisor", self._run_dir / "feeders.log")
        self._feeder_pids = [int(pid) for pid in ready["pids"].values()]

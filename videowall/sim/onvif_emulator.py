"""A real third-party ONVIF camera for tests and the demo: ipycam, run as a loopback-only subprocess.

ipycam (PyPI) is a pure-Python virtual IP camera with an ONVIF device, media and PTZ service and a
REST API whose ``GET /api/ptz`` reports the true PTZ position (our ground truth in tests). Out of
the box it binds every interface and multicasts WS-Discovery Hello/Bye on the LAN; this module's
child half patches that so everything binds 127.0.0.1 and nothing is ever sent off the machine:
HTTP/ONVIF, native RTSP and a unicast-only WS-Discovery responder on a chosen UDP port.

The child half (``python onvif_emulator.py --config FILE``) imports only the standard library and
ipycam (which drags in OpenCV), so it never loads into the app's own process. Its stdin is a pipe
from the parent: EOF on it (the parent exited or died) ends the child, as does PR_SET_PDEATHSIG.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import logging
import os
import re
import selectors
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from videowall.sim.processes import end_process

LOG = logging.getLogger(__name__)

EMULATOR_SCRIPT = Path(__file__).resolve()
READY_PREFIX = "IPYCAM-READY "


def free_port(kind: int = socket.SOCK_STREAM) -> int:
    """A currently free loopback port (TCP or UDP); racy by nature, good enough for tests."""
    with socket.socket(socket.AF_INET, kind) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _check_loopback(host: str) -> str:
    address = ipaddress.ip_address(host)
    if address.version != 4 or not address.is_loopback:
        raise ValueError(f"the ONVIF emulator binds loopback only, not {host!r}")
    return host


@dataclass(frozen=True, slots=True)
class EmulatorConfig:
    """What the child needs; credentials empty means ipycam's open mode (no auth)."""

    host: str = "127.0.0.1"
    onvif_port: int = 0
    rtsp_port: int = 0
    discovery_port: int = 0
    source: str = ""  # a video file looped as the picture; empty = a generated test pattern
    width: int = 640
    height: int = 360
    fps: int = 10
    name: str = "Emulated PTZ"
    username: str = ""
    password: str = ""
    # ipycam 1.3 ignores ContinuousMove's Timeout (and the PT10S DefaultPTZTimeout it advertises): a move
    # runs until a Stop. True: the child adds the ONVIF behaviour (stop after Timeout, else the default).
    move_timeout: bool = True
    # ipycam 1.3's GetPresets/SetPreset replies do not parse and it has no RemovePreset. True: the child
    # answers the four preset operations as the ONVIF PTZ spec has them, kept in presets.json in its run
    # directory (sim/onvif_presets.py); False: ipycam's own (broken) answers.
    presets: bool = True

    def __repr__(self) -> str:  # never show the password
        return f"EmulatorConfig(host={self.host!r}, onvif_port={self.onvif_port}, user={self.username!r})"


class OnvifEmulator:
    """Start/stop one ipycam child; ``with OnvifEmulator(...) as cam: cam.onvif_port``.

    Ports left at 0 are picked free. ``ptz_position()`` reads the emulator's true position.
    """

    def __init__(
        self, config: EmulatorConfig | None = None, *, python: str | None = None, run_dir: Path | None = None
    ) -> None:
        cfg = config or EmulatorConfig()
        _check_loopback(cfg.host)
        self.config = EmulatorConfig(
            host=cfg.host,
            onvif_port=cfg.onvif_port or free_port(),
            rtsp_port=cfg.rtsp_port or free_port(),
            discovery_port=cfg.discovery_port or free_port(socket.SOCK_DGRAM),
            source=cfg.source,
            width=cfg.width,
            height=cfg.height,
            fps=cfg.fps,
            name=cfg.name,
            username=cfg.username,
            password=cfg.password,
            move_timeout=cfg.move_timeout,
            presets=cfg.presets,
        )
        self._python = python or sys.executable
        self._run_dir = run_dir
        self._own_dir: tempfile.TemporaryDirectory[str] | None = None
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def host(self) -> str:
        return self.config.host

    @property
    def onvif_port(self) -> int:
        return self.config.onvif_port

    @property
    def discovery_port(self) -> int:
        return self.config.discovery_port

    @property
    def log_path(self) -> Path | None:
        return self._run_dir / "ipycam.log" if self._run_dir is not None else None

    def __enter__(self) -> OnvifEmulator:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def start(self, timeout: float = 30.0) -> OnvifEmulator:
        """Spawn the child and wait until its ONVIF/REST port answers."""
        if self._proc is not None:
            return self
        if self._run_dir is None:
            self._own_dir = tempfile.TemporaryDirectory(prefix="videowall-ipycam-")
            self._run_dir = Path(self._own_dir.name)
        self._run_dir.mkdir(parents=True, exist_ok=True)
        config_file = self._run_dir / "ipycam.json"
        fd = os.open(config_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # may hold a password
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({f: getattr(self.config, f) for f in EmulatorConfig.__slots__}, fh)
        assert self.log_path is not None
        with self.log_path.open("ab") as log:
            self._proc = subprocess.Popen(
                [self._python, str(EMULATOR_SCRIPT), "--config", str(config_file)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                cwd=self._run_dir,
                start_new_session=True,
            )
        try:
            self._wait_ready(timeout)
        except BaseException:
            self.stop()
            raise
        LOG.info("ipycam emulator on %s:%d (pid %d)", self.host, self.onvif_port, self._proc.pid)
        return self

    def _wait_ready(self, timeout: float) -> None:
        proc = self._proc
        assert proc is not None and proc.stdout is not None
        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as selector:
            selector.register(proc.stdout, selectors.EVENT_READ)
            while time.monotonic() < deadline:
                if selector.select(timeout=0.2):
                    line = proc.stdout.readline().decode(errors="replace")
                    if line.startswith(READY_PREFIX):
                        break
                    if not line:
                        break
                if proc.poll() is not None:
                    break
        while time.monotonic() < deadline and proc.poll() is None:
            with contextlib.suppress(OSError):
                self.ptz_position(timeout=1.0)
                return
            time.sleep(0.1)
        tail = self.log_path.read_text(errors="replace")[-2000:] if self.log_path and self.log_path.exists() else ""
        raise RuntimeError(f"ipycam did not start (exit code {proc.poll()}): {tail.strip()}")

    def stop(self) -> None:
        """Close the stdin lifeline, SIGTERM, SIGKILL if it lingers; always reap."""
        proc, self._proc = self._proc, None
        end_process(proc)
        if self._own_dir is not None:
            self._own_dir.cleanup()
            self._own_dir = None
            self._run_dir = None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def _rest(self, path: str, body: dict[str, Any] | None, timeout: float) -> dict[str, Any]:
        url = f"http://{self.host}:{self.onvif_port}{path}"
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
        if self.config.username:
            import base64

            token = base64.b64encode(f"{self.config.username}:{self.config.password}".encode()).decode()
            request.add_header("Authorization", f"Basic {token}")
        with urllib.request.urlopen(request, timeout=timeout) as response:
            result: dict[str, Any] = json.loads(response.read() or b"{}")
            return result

    @property
    def presets_path(self) -> Path | None:
        """Where the child keeps the presets set on it (with ``presets=True``)."""
        return self._run_dir / "presets.json" if self._run_dir is not None else None

    def ptz_position(self, timeout: float = 2.0) -> dict[str, Any]:
        """The emulator's true PTZ state from its REST API (blocking; call via to_thread in async code)."""
        return self._rest("/api/ptz", None, timeout)


# --- child half: runs in its own interpreter; standard library and ipycam only -------------------------


def _die_with_parent() -> None:
    with contextlib.suppress(Exception):
        import ctypes
        import signal

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG

    def watch_stdin() -> None:
        with contextlib.suppress(Exception):
            sys.stdin.buffer.read()
        os._exit(0)

    import threading

    threading.Thread(target=watch_stdin, name="parent-lifeline", daemon=True).start()


def _patch_ipycam_for_loopback(host: str, discovery_port: int) -> None:
    """Make ipycam bind ``host`` only and answer WS-Discovery by unicast without any multicast."""
    import socketserver

    import ipycam.camera as cam_mod
    import ipycam.discovery as disc_mod

    class LoopbackHTTPServer(cam_mod.ReusableThreadingTCPServer):  # type: ignore[misc,name-defined]
        def __init__(self, address: tuple[str, int], handler: type[socketserver.BaseRequestHandler]) -> None:
            super().__init__((host, address[1]), handler)

    base_rtsp = cam_mod.NativeRTSPServer

    class LoopbackRTSPServer(base_rtsp):  # type: ignore[misc,valid-type]
        def __init__(self, port: int = 8554, host_: str = host) -> None:
            super().__init__(port=port, host=host)

    class LoopbackDiscovery(disc_mod.WSDiscoveryServer):  # type: ignore[misc,name-defined]
        def __init__(self, onvif_service: Any) -> None:
            import threading

            threading.Thread.__init__(self, daemon=True)
            self.onvif = onvif_service
            self.running = True
            self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_UDP)
            self.sock.bind((host, discovery_port))
            self.sock.settimeout(1.0)

        def _send_announcement(self, action: str) -> None:
            """Hello/Bye would be multicast to the LAN: never from a test fixture."""

    cam_mod.ReusableThreadingTCPServer = LoopbackHTTPServer
    cam_mod.NativeRTSPServer = LoopbackRTSPServer
    cam_mod.WSDiscoveryServer = LoopbackDiscovery


_DURATION = re.compile(r"^P(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$")
DEFAULT_PTZ_TIMEOUT_S = 10.0  # ipycam's PTZConfiguration advertises DefaultPTZTimeout PT10S


def duration_seconds(text: str | None) -> float | None:
    """xs:duration as ONVIF uses it (``PT1S``, ``PT0.5S``, ``PT1M30S``) -> seconds; None if absent or odd."""
    match = _DURATION.match((text or "").strip())
    if not text or match is None:
        return None
    hours, minutes, seconds = (float(g) if g else 0.0 for g in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def _patch_ipycam_move_timeout() -> None:
    """ContinuousMove as the ONVIF PTZ spec has it: the move ends by itself after its Timeout (or the
    configuration's DefaultPTZTimeout when none is given), unless a later move command replaced it."""
    import threading

    import ipycam.onvif as onvif_mod

    service = onvif_mod.ONVIFService
    lock = threading.Lock()
    generation = [0]

    def bump() -> int:
        with lock:
            generation[0] += 1
            return generation[0]

    def wrap(name: str, *, timed: bool) -> None:
        base = getattr(service, name)

        def handler(self: Any, body: str) -> Any:
            mine = bump()
            reply = base(self, body)
            if timed:
                limit = duration_seconds(self._extract_xml_value(body, "Timeout"))
                limit = DEFAULT_PTZ_TIMEOUT_S if limit is None else limit

                def expire() -> None:
                    with lock:
                        if generation[0] != mine:
                            return
                    if self.ptz is not None:
                        self.ptz.stop_movement(True, True)
                        logging.getLogger("ipycam-timeout").info("ContinuousMove Timeout %.2f s ran out", limit)

                timer = threading.Timer(limit, expire)
                timer.daemon = True
                timer.start()
            return reply

        setattr(service, name, handler)

    wrap("ptz_continuous_move", timed=True)
    for name in ("ptz_stop", "ptz_absolute_move", "ptz_relative_move", "ptz_goto_home", "ptz_goto_preset"):
        wrap(name, timed=False)


def _child_main(config_path: str) -> int:
    _die_with_parent()
    cfg = json.loads(Path(config_path).read_text(encoding="utf-8"))
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    host = _check_loopback(cfg["host"])
    _patch_ipycam_for_loopback(host, int(cfg["discovery_port"]))
    if cfg.get("presets", True):  # before the Timeout patch, which wraps GotoPreset too
        sys.path.insert(0, str(EMULATOR_SCRIPT.parents[2]))
        import ipycam.onvif as onvif_mod

        from videowall.sim.onvif_presets import install

        install(onvif_mod.ONVIFService, Path(config_path).parent)
    if cfg.get("move_timeout", True):
        _patch_ipycam_move_timeout()
    import cv2
    import numpy as np
    from ipycam import CameraConfig, IPCamera

    config = CameraConfig(
        name=cfg["name"],
        local_ip=host,
        onvif_port=int(cfg["onvif_port"]),
        rtsp_port=int(cfg["rtsp_port"]),
        go2rtc_api_port=free_port(),
        main_width=int(cfg["width"]),
        main_height=int(cfg["height"]),
        main_fps=int(cfg["fps"]),
        sub_width=max(2, int(cfg["width"]) // 2),
        sub_height=max(2, int(cfg["height"]) // 2),
        sub_fps=int(cfg["fps"]),
        main_bitrate="1M",
        sub_bitrate="300K",
        hw_accel="cpu",
        username=cfg["username"],
        password=cfg["password"],
    )
    camera = IPCamera(config)
    if not camera.start():
        return 1
    print(READY_PREFIX + json.dumps({"onvif_port": config.onvif_port}), flush=True)
    cap = cv2.VideoCapture(cfg["source"]) if cfg["source"] else None
    frame_no = 0
    try:
        while camera.is_running:
            frame = None
            if cap is not None:
                ok, frame = cap.read()
                if not ok:
                    cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
                    continue
                frame = cv2.resize(frame, (config.main_width, config.main_height))
            else:
                frame = np.full((config.main_height, config.main_width, 3), (frame_no * 3) % 256, np.uint8)
                frame_no += 1
            camera.stream(frame)  # paces to main_fps itself
    finally:
        camera.stop()
    return 0


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="ipycam on loopback only (videowall test fixture)")
    parser.add_argument("--config", required=True)
    sys.exit(_child_main(parser.parse_args().config))

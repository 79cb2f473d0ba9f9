"""Running the camera relay's RTSP server (``gst_relay_server.py``) as a child of the calling process.

The child runs under Debian's ``/usr/bin/python3`` (GStreamer's Python bindings are not in the venv).
Its configuration, with every relayed camera's credentials, goes to it as the first line on its stdin
pipe, so no camera password is ever in its argv, its environment, a file or a log. The pipe then stays
open as its lifeline: the child exits when it closes. Its stdout carries the ready line and a status
line whenever a stream's upstream state changes; ``status()`` is the latest one.
"""

from __future__ import annotations

import contextlib
import json
import logging
import selectors
import subprocess
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from videowall.domain.relay import UpstreamState
from videowall.domain.urls import Credentials

log = logging.getLogger(__name__)

SYSTEM_PYTHON = "/usr/bin/python3"
SERVER_SCRIPT = Path(__file__).with_name("gst_relay_server.py")


@dataclass(frozen=True)
class RelayedStream:
    """One stream the relay serves at ``path``, pulled from ``location`` (no password in it) with ``credentials``."""

    path: str
    location: str
    credentials: Credentials | None = None

    def __repr__(self) -> str:
        return f"RelayedStream(path={self.path!r}, location={self.location!r})"


class RelayError(RuntimeError):
    """The relay's server did not start or stopped."""


class RelayProcess:
    """The relay's GstRtspServer child: ``start()`` returns once it listens, ``stop()`` ends it."""

    def __init__(self, account: Credentials, streams: Sequence[RelayedStream], *, host: str = "127.0.0.1",
                 port: int = 0, log_path: Path | None = None, python: str = SYSTEM_PYTHON,
                 stall_s: float = 2.5, linger_s: float = 5.0,
                 on_status: Callable[[dict[str, UpstreamState]], None] | None = None) -> None:
        self._account = account
        self._streams = list(streams)
        self.host = host
        self.port = port
        self._log_path = log_path
        self._python = python
        self._stall_s = stall_s
        self._linger_s = linger_s
        self._on_status = on_status
        self._proc: subprocess.Popen[bytes] | None = None
        self._reader: threading.Thread | None = None
        self._lock = threading.Lock()
        self._status: dict[str, UpstreamState] = {}

    def _stream_specs(self) -> list[dict[str, str]]:
        return [{"path": s.path, "location": s.location, "username": s.credentials.username if s.credentials else "",
                 "password": s.credentials.password if s.credentials else ""} for s in self._streams]

    def _config(self) -> dict[str, Any]:
        return {"host": self.host, "port": self.port, "stall_s": self._stall_s, "linger_s": self._linger_s,
                "account": {"username": self._account.username, "password": self._account.password},
                "streams": self._stream_specs()}

    def update(self, streams: Sequence[RelayedStream]) -> None:
        """Relay exactly ``streams`` from now on (on the stdin pipe, like the first configuration)."""
        self._streams = list(streams)
        proc = self._proc
        if proc is None or proc.stdin is None or proc.poll() is not None:
            raise RelayError("the relay's RTSP server is not running")
        proc.stdin.write(json.dumps({"streams": self._stream_specs()}).encode() + b"\n")
        proc.stdin.flush()

    def start(self, timeout: float = 15.0) -> int:
        if self.running:
            return self.port
        err = self._log_path.open("ab") if self._log_path is not None else subprocess.DEVNULL
        try:
            proc = subprocess.Popen([self._python, str(SERVER_SCRIPT)], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, stderr=err, start_new_session=True)
        finally:
            if err is not subprocess.DEVNULL:
                err.close()  # type: ignore[union-attr]
        assert proc.stdin is not None and proc.stdout is not None
        self._proc = proc
        try:
            proc.stdin.write(json.dumps(self._config()).encode() + b"\n")
            proc.stdin.flush()
            ready = self._ready_line(proc, timeout)
        except (OSError, RelayError):
            self.stop()
            raise
        self.port = int(ready["port"])
        self._reader = threading.Thread(target=self._read_status, args=(proc,), name="relay-status", daemon=True)
        self._reader.start()
        log.info("relay serving %d streams on %s:%d (pid %d)", len(self._streams), self.host, self.port, proc.pid)
        return self.port

    def _ready_line(self, proc: subprocess.Popen[bytes], timeout: float) -> dict[str, Any]:
        assert proc.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(proc.stdout, selectors.EVENT_READ)
            if selector.select(timeout=timeout):
                line = proc.stdout.readline()
                if line:
                    ready: dict[str, Any] = json.loads(line)
                    return ready
        proc.poll()
        raise RelayError(f"the relay's RTSP server did not start (exit code {proc.returncode}); see its log")

    def _read_status(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            try:
                message = json.loads(line)
            except ValueError:
                continue
            states = {path: UpstreamState.from_json(path, item) for path, item in message.get("status", {}).items()}
            with self._lock:
                self._status = states
            if self._on_status is not None:
                self._on_status(states)

    def status(self) -> dict[str, UpstreamState]:
        with self._lock:
            return dict(self._status)

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def wait(self) -> int:
        return self._proc.wait() if self._proc is not None else 0

    def stop(self, timeout: float = 5.0) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.stdin is not None:
            with contextlib.suppress(OSError):
                proc.stdin.close()
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                log.warning("relay pid %s ignored SIGTERM; killing it", proc.pid)
                proc.kill()
                proc.wait()
        if self._reader is not None:
            self._reader.join(timeout=2)
            self._reader = None
        if proc.stdout is not None:
            proc.stdout.close()


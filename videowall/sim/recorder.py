"""Start and stop the simulated recorders (``recorder_server.py`` under Debian's system python).

``SimRecorders(specs)`` runs one process serving every recorder in ``specs`` on loopback (RTSP replay
and the SOAP services, ports picked free), and ends it, and any child, on exit. ``demo_recorders``
is the set the demo and tests use: one with a gap, one with a wrong clock, one that refuses replay,
and one whose search answers garbage.
"""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from videowall.sim.processes import end_process
from videowall.tools import stopped_with_parent

SYSTEM_PYTHON = "/usr/bin/python3"
SERVER_SCRIPT = Path(__file__).with_name("recorder_server.py")
HOST = "127.0.0.1"


@dataclass(frozen=True, slots=True)
class RecordingSpec:
    token: str
    camera: str
    label: str
    ranges: tuple[tuple[float, float | None], ...]  # true epoch seconds; None: still recording


@dataclass(frozen=True, slots=True)
class RecorderSpec:
    name: str
    recordings: tuple[RecordingSpec, ...]
    clock_offset_s: float = 0.0
    replay: bool = True
    misbehave: dict[str, str] = field(default_factory=dict)

    def config(self) -> dict[str, Any]:
        return {"name": self.name, "clock_offset_s": self.clock_offset_s, "replay": self.replay,
                "misbehave": dict(self.misbehave), "rtsp_port": 0, "http_port": 0,
                "recordings": [{"token": r.token, "camera": r.camera, "label": r.label,
                                "ranges": [list(span) for span in r.ranges]} for r in self.recordings]}


@dataclass(frozen=True, slots=True)
class RunningRecorder:
    spec: RecorderSpec
    rtsp_port: int
    http_port: int

    @property
    def onvif_address(self) -> str:
        return f"{HOST}:{self.http_port}"


def demo_recorders(now: float | None = None, hours: float = 6.0) -> tuple[RecorderSpec, ...]:
    """The fleet's recorders: the last ``hours`` of two cameras each, with the faults #22 asks for."""
    t = time.time() if now is None else now
    start = t - hours * 3600

    def rec(token: str, camera: str, *ranges: tuple[float, float | None]) -> RecordingSpec:
        return RecordingSpec(token, camera, f"{camera} REKAMAN", tuple(ranges) or ((start, None),))

    gap = (start, t - 2 * 3600), (t - 2 * 3600 + 600, None)  # ten minutes missing, two hours ago
    return (
        RecorderSpec("NVR-GAP", (rec("REC-CAM01", "CAM01", *gap), rec("REC-CAM02", "CAM02"))),
        RecorderSpec("NVR-SKEW", (rec("REC-CAM03", "CAM03"),), clock_offset_s=90.0),
        RecorderSpec("NVR-NOREPLAY", (rec("REC-CAM04", "CAM04"),), replay=False),
        RecorderSpec("NVR-GARBAGE", (rec("REC-CAM05", "CAM05"),),
                     misbehave={"GetRecordingSearchResults": "garbage", "GetEventSearchResults": "garbage"}),
    )


class SimRecorders:
    """The recorder process; ``with SimRecorders(specs) as recs: recs.running["NVR-GAP"].rtsp_port``."""

    def __init__(self, specs: tuple[RecorderSpec, ...], fps: int = 25, startup_timeout: float = 15.0) -> None:
        self.specs = specs
        self.fps = fps
        self.startup_timeout = startup_timeout
        self.running: dict[str, RunningRecorder] = {}
        self._proc: subprocess.Popen[bytes] | None = None
        self._dir: tempfile.TemporaryDirectory[str] | None = None

    def start(self) -> SimRecorders:
        self._dir = tempfile.TemporaryDirectory(prefix="vw-recorder-")
        config = Path(self._dir.name) / "recorders.json"
        config.write_text(json.dumps({"host": HOST, "fps": self.fps,
                                      "recorders": [s.config() for s in self.specs]}), encoding="utf-8")
        os.chmod(config, 0o600)
        self._proc = subprocess.Popen(
            stopped_with_parent([SYSTEM_PYTHON, str(SERVER_SCRIPT), "--config", str(config)]),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True)
        ready = self._read_ready()
        by_name = {s.name: s for s in self.specs}
        for item in ready["recorders"]:
            spec = by_name[item["name"]]
            self.running[spec.name] = RunningRecorder(spec, int(item["rtsp_port"]), int(item["http_port"]))
        return self

    def _read_ready(self) -> dict[str, Any]:
        proc = self._proc
        assert proc is not None and proc.stdout is not None
        selector = selectors.DefaultSelector()
        selector.register(proc.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if selector.select(timeout=0.2):
                line = proc.stdout.readline()
                if not line:
                    break
                try:
                    data: dict[str, Any] = json.loads(line)
                except ValueError:
                    continue
                if data.get("ready"):
                    return data
            if proc.poll() is not None:
                break
        self.stop()
        raise RuntimeError("the simulated recorder did not start (is gir1.2-gst-rtsp-server-1.0 installed?)")

    def stop(self) -> None:
        end_process(self._proc)
        self._proc = None
        if self._dir is not None:
            self._dir.cleanup()
            self._dir = None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def __enter__(self) -> SimRecorders:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

"""Replay from a recorder through the live path: the ONVIF replay ingest (GStreamer) into libVLC.

:class:`ReplayIngest` runs ``replay_client.py`` under Debian's system python (``rtspsrc
onvif-mode=true`` sends ``Require: onvif-replay``, ``Range: clock=...``, ``Scale``, ``Rate-Control``;
ffmpeg cannot), under ``setpriv --pdeathsig`` (no ``preexec_fn``, see ``tools.stopped_with_parent``).
The request, which may hold the recorder's password, goes to the child on its stdin, never on its
command line or in its environment. Its stdout is MPEG-TS, which :class:`ReplayPlayer` hands to a
libVLC player (``:demux=ts``) painting into a :class:`FrameBuffer`, exactly as a live tile's feed is.
"""

from __future__ import annotations

import json
import logging
import signal
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import vlc

from videowall.domain.privacy import MaskLookup, MaskPolygon
from videowall.domain.stream_state import OfflineReason
from videowall.domain.urls import redact
from videowall.media.frames import CallbackVideoOutput, FrameBuffer
from videowall.media.runtime import MediaRuntime
from videowall.tools import stopped_with_parent

log = logging.getLogger(__name__)

SYSTEM_PYTHON = "/usr/bin/python3"
CLIENT_SCRIPT = Path(__file__).with_name("replay_client.py")
OPTIONS = (":demux=ts",)  # the live path's: libVLC reads MPEG-TS from the pipe
_REASONS = {"not_found": OfflineReason.NOT_FOUND, "auth": OfflineReason.AUTH, "refused": OfflineReason.REFUSED,
            "timeout": OfflineReason.TIMEOUT, "unsupported": OfflineReason.UNSUPPORTED,
            "ended": OfflineReason.ENDED}


@dataclass(frozen=True, slots=True)
class ReplayRequest:
    """Play ``url`` (from GetReplayUri) from ``start`` (epoch seconds, recorder clock) at ``rate``."""

    url: str
    start: float
    rate: float = 1.0
    username: str | None = None
    password: str | None = None
    timeout_s: float = 5.0

    def __repr__(self) -> str:  # never the password
        return f"ReplayRequest({redact(self.url)}, start={self.start}, rate={self.rate})"

    def line(self) -> bytes:
        return (json.dumps({"url": self.url, "start": self.start, "rate": self.rate, "user": self.username,
                            "password": self.password, "timeout_s": self.timeout_s}) + "\n").encode()


@dataclass(frozen=True, slots=True)
class ReplayEnd:
    reason: OfflineReason
    detail: str
    stopped: bool  # we stopped it: not a failure
    code: str = "ended"  # the ingest's own word: "unsupported" is a recorder that refuses replay

    @property
    def refused(self) -> bool:
        return self.code == "unsupported"


def parse_error(lines: list[str]) -> tuple[str, str]:
    """(code, detail) from the ingest's ``error: <code>: <detail>`` line; ("ended", ...) without one."""
    for line in reversed(lines):
        if line.startswith("error: "):
            code, _, detail = line[len("error: "):].partition(": ")
            return (code if code in _REASONS else "ended"), detail.strip()
    return "ended", "the replay ended"


class ReplayIngest:
    """One replay child: ONVIF replay in, MPEG-TS on a pipe out. ``on_exit`` runs on its reader thread."""

    def __init__(self, request: ReplayRequest, on_exit: Callable[[ReplayEnd], None] | None = None) -> None:
        self.request = request
        self._on_exit = on_exit
        self._proc: subprocess.Popen[bytes] | None = None
        self._thread: threading.Thread | None = None
        self._stopping = False

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def argv(self) -> list[str]:
        return stopped_with_parent([SYSTEM_PYTHON, str(CLIENT_SCRIPT)])

    def start(self) -> int:
        """Start the child; returns the read end of its MPEG-TS output (owned by this object)."""
        log.info("replay start %r", self.request)
        proc = subprocess.Popen(self.argv(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, start_new_session=True)
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(self.request.line())
        proc.stdin.close()
        self._proc = proc
        self._thread = threading.Thread(target=self._read_stderr, name="replay-stderr", daemon=True)
        self._thread.start()
        return proc.stdout.fileno()

    def stop(self, grace: float = 1.0) -> None:
        self._stopping = True
        proc = self._proc
        if proc is None:
            return
        if proc.poll() is None:
            try:
                proc.send_signal(signal.SIGTERM)
                proc.wait(grace)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(2.0)

    def close_output(self) -> None:
        if self._proc is not None and self._proc.stdout is not None:
            self._proc.stdout.close()

    def _read_stderr(self) -> None:
        proc = self._proc
        assert proc is not None and proc.stderr is not None
        lines: list[str] = []
        for raw in proc.stderr:
            line = raw.decode("utf-8", "replace").rstrip()
            if self.request.password:
                line = line.replace(self.request.password, "***")
            if line:
                lines = [*lines[-7:], line]
        proc.wait()
        code, detail = parse_error(lines)
        if self._on_exit is not None:
            self._on_exit(ReplayEnd(_REASONS[code], detail, self._stopping, code))


class ReplayPlayer:
    """Plays one replay into ``buffer`` with libVLC, on the media control thread (like a live session)."""

    def __init__(self, runtime: MediaRuntime, masks: MaskLookup | None = None, width: int = 960,
                 height: int = 540) -> None:
        self._runtime = runtime
        self._masks = masks  # the camera's privacy masks, burned into every replayed picture (as ClipPlayer does)
        self.buffer = FrameBuffer(width, height)
        self._output = CallbackVideoOutput(self.buffer)
        self._player: vlc.MediaPlayer | None = None
        self._ingest: ReplayIngest | None = None
        self.request: ReplayRequest | None = None

    def open(self, request: ReplayRequest, on_end: Callable[[ReplayEnd], None], camera_id: str = "") -> None:
        """Replace what plays with ``request`` (a recording of ``camera_id``, whose masks are burned in);
        ``on_end`` runs on a worker thread when it ends by itself."""
        self.request = request
        masks = self._masks(camera_id) if self._masks is not None and camera_id else ()  # asked on the caller's thread
        self._runtime.submit(lambda: self._open(request, on_end, masks))

    def _open(self, request: ReplayRequest, on_end: Callable[[ReplayEnd], None],
              masks: tuple[MaskPolygon, ...]) -> None:
        self._release()
        self.buffer.set_masks(masks)  # the previous replay's pictures have stopped; masked from the first picture
        ingest = ReplayIngest(request, lambda end: None if end.stopped else on_end(end))
        try:
            fd = ingest.start()
        except OSError as exc:
            on_end(ReplayEnd(OfflineReason.ERROR, f"cannot start the replay ingest: {exc.strerror}", False))
            return
        inst = self._runtime.instance
        player = inst.media_player_new()
        self._runtime.count(players=+1)
        self._output.attach(player)
        media = inst.media_new_fd(fd)
        for option in OPTIONS:
            media.add_option(option)
        player.set_media(media)
        media.release()
        self._player, self._ingest = player, ingest
        player.play()

    @property
    def ingest_pid(self) -> int | None:
        return self._ingest.pid if self._ingest else None

    def close(self) -> None:
        self._runtime.submit(self._release)

    def _release(self) -> None:
        player, ingest = self._player, self._ingest
        self._player = self._ingest = None
        if ingest is not None:
            ingest.stop()  # its pipe's write end closes: libVLC's reader sees end of file
        if player is not None:
            player.stop()
            player.release()
            self._runtime.count(players=-1)
        if ingest is not None:
            ingest.close_output()  # only now: no reader is left on this fd

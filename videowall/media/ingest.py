"""RTSP ingest: one supervised ffmpeg per shown stream, remuxing (no re-encoding) to MPEG-TS on a pipe.

Debian's libVLC has no RTSP (no live555), so ffmpeg speaks RTSP over TCP and libVLC decodes what
comes down the pipe. The process is also where the stream is watched from outside the decoder:
``-progress`` reports bytes and packets every half second, and its error lines tell *why* a stream
failed (404, 401, refused, timeout), which an operator needs more than "error".

The camera's credentials never go on ffmpeg's command line (``ps`` shows it to every user): a URL
with a password reaches ffmpeg on an inherited pipe (see ``videowall.ffmpeg_input``), and every
line ffmpeg prints is scrubbed of it before it is kept, logged or shown on a tile.
"""

from __future__ import annotations

import logging
import re
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path

from videowall.domain.stream_state import OfflineReason
from videowall.domain.urls import redact
from videowall.ffmpeg_input import FfmpegInput
from videowall.tools import ffmpeg_path, stopped_with_parent

log = logging.getLogger(__name__)

_REASONS: tuple[tuple[re.Pattern[str], OfflineReason], ...] = (
    (re.compile(r"404|not found", re.I), OfflineReason.NOT_FOUND),
    (re.compile(r"401|403|unauthori[sz]ed|forbidden", re.I), OfflineReason.AUTH),
    (re.compile(r"connection refused", re.I), OfflineReason.REFUSED),
    (re.compile(r"timed out|timeout", re.I), OfflineReason.TIMEOUT),
    (re.compile(r"codec not currently supported|unsupported codec|could not find codec", re.I),
     OfflineReason.UNSUPPORTED),
    (re.compile(r"connection reset|broken pipe|end of file|eof", re.I), OfflineReason.ENDED),
)


_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+", re.I)


def classify_error(lines: list[str]) -> tuple[OfflineReason, str]:
    """Turn ffmpeg's last error lines into a reason and a short human detail.

    The URL ffmpeg puts in front of its message is left out of the match: a camera on port 44013 is
    not a 401, nor one on a path ``/eof-gate`` a stream that ended.
    """
    for line in reversed(lines):
        text = _URL.sub("", line)
        for pattern, reason in _REASONS:
            if pattern.search(text):
                return reason, line.strip()[-160:]
    last = lines[-1].strip()[-160:] if lines else "stream ended"
    return OfflineReason.ENDED, last


@dataclass(frozen=True, slots=True)
class IngestProgress:
    total_bytes: int
    at: float


@dataclass(frozen=True, slots=True)
class IngestExit:
    returncode: int | None
    reason: OfflineReason
    detail: str
    stopped: bool  # True when we stopped it: not a failure


@dataclass(frozen=True, slots=True)
class IngestOptions:
    ffmpeg: str = field(default_factory=ffmpeg_path)  # the bundle's own, else PATH's
    timeout_s: float = 5.0  # socket timeout: a silent server is noticed in this time
    transport: str = "tcp"
    buffer_dir: Path | None = None  # when set: also write 1-GOP segments there (the pre-event buffer)
    segment_s: float = 1.0


class FfmpegIngest:
    """One ffmpeg process: RTSP in, MPEG-TS out on a pipe whose read end libVLC plays.

    ``on_progress`` and ``on_exit`` are called on the ingest's reader thread: callers marshal them
    to their own loop.
    """

    def __init__(
        self,
        url: str,
        options: IngestOptions | None = None,
        on_progress: Callable[[IngestProgress], None] | None = None,
        on_exit: Callable[[IngestExit], None] | None = None,
    ) -> None:
        self._url = url
        self._opts = options or IngestOptions()
        self._input = self._source(url, self._opts)
        self._on_progress = on_progress
        self._on_exit = on_exit
        self._proc: subprocess.Popen[bytes] | None = None
        self._stopping = False
        self._thread: threading.Thread | None = None
        self.total_bytes = 0
        self.last_progress_at = 0.0
        self._started_at = 0.0

    @staticmethod
    def _source(url: str, o: IngestOptions) -> FfmpegInput:
        # Start as soon as the stream's parameters are known (an RTSP camera's SDP carries them): no
        # frame-rate probe, and packets read while probing are kept (``-fflags nobuffer`` threw them
        # away, and with them the keyframe seen there: a full GOP more to wait).
        probe = (("probesize", "32768"), ("analyzeduration", "500000"), ("fpsprobesize", "0"))
        rtsp: tuple[tuple[str, str], ...] = ()
        if url.startswith(("rtsp://", "rtsps://")):
            rtsp = (("rtsp_transport", o.transport), ("timeout", str(int(o.timeout_s * 1_000_000))))
        return FfmpegInput(url, rtsp, probe)

    def argv(self, input_fd: int | None = None) -> list[str]:
        """The command; a URL with credentials needs ``input_fd``, the pipe holding it (see :meth:`start`)."""
        o = self._opts
        args = [o.ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-stats_period", "2",
                "-progress", "pipe:2"]
        if not self._remote:
            args += ["-re", "-stream_loop", "-1"]  # a recorded clip plays as if it were live
        args += [*self._input.args(input_fd), "-map", "0:v:0", "-c", "copy", "-f", "mpegts", "-flush_packets", "1",
                 "-muxdelay", "0", "-muxpreload", "0", "pipe:1"]  # not the muxer's default 0.7 s head start
        if o.buffer_dir is not None:
            args += segment_output_args(o.buffer_dir, o.segment_s)
        return args

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def start(self) -> int:
        """Start ffmpeg; returns the read end of its output pipe (owned by this object)."""
        log.info("ingest start %s", redact(self._url))
        self._started_at = time.monotonic()
        with self._input.handed_over() as fd:
            self._proc = subprocess.Popen(
                stopped_with_parent(self.argv(fd)),  # no Python between fork and exec: see tools.stopped_with_parent
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                pass_fds=self._input.fds(fd),  # the credentials' pipe, if any; nothing else of ours
                start_new_session=True,  # Ctrl+C in a terminal reaches us, and we stop it in order
            )
        self._thread = threading.Thread(target=self._read_stderr, name="ingest-stderr", daemon=True)
        self._thread.start()
        assert self._proc.stdout is not None
        return self._proc.stdout.fileno()

    def stop(self, grace: float = 1.0) -> None:
        """Stop ffmpeg and reap it; safe to call twice and from any thread but libVLC's.

        The read end of the pipe stays open: the player reading it must stop first, then
        :meth:`close_output` (closing it earlier could let the fd number be reused under libVLC).
        """
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
        proc = self._proc
        if proc is not None and proc.stdout is not None:
            proc.stdout.close()

    @property
    def _remote(self) -> bool:
        """A stream from a server (a camera), not a recorded clip on disk."""
        return "://" in self._url and not self._url.startswith("file:")

    def _silent(self, now: float) -> bool:
        """Nothing ever came, and ffmpeg waited out its socket timeout for it (not stopped by us)."""
        return (self._remote and not self._stopping and self.total_bytes == 0
                and now - self._started_at >= 0.9 * self._opts.timeout_s)

    def _read_stderr(self) -> None:
        proc = self._proc
        assert proc is not None and proc.stderr is not None
        errors: list[str] = []
        for raw in proc.stderr:
            line = self._input.scrub(raw.decode("utf-8", "replace").rstrip())
            if line.startswith("total_size="):
                try:
                    self.total_bytes = int(line.split("=", 1)[1])
                except ValueError:
                    continue
                self.last_progress_at = time.monotonic()
                if self._on_progress is not None:
                    self._on_progress(IngestProgress(self.total_bytes, self.last_progress_at))
            elif "=" in line and " " not in line.split("=", 1)[0]:
                continue  # other -progress keys
            elif line:
                errors = [*errors[-7:], line]
        code = proc.wait()
        reason, detail = classify_error(errors)
        if reason is OfflineReason.ENDED and self._silent(time.monotonic()):
            # A server that accepts and never answers: ffmpeg gives up after the socket timeout with
            # "Invalid data found when processing input", which says nothing to an operator.
            reason, detail = OfflineReason.TIMEOUT, f"no answer in {self._opts.timeout_s:g} s"
        if errors:
            log.info("ingest %s ended (%s): %s", redact(self._url), code, detail)
        if self._on_exit is not None:
            self._on_exit(IngestExit(code, reason, detail, self._stopping))


_RUNS = count()


def segment_output_args(ring_dir: Path, segment_s: float) -> list[str]:
    """A second output of the same ffmpeg: the stream copied into short segments (no re-encoding).

    Each run gets its own name prefix and CSV list (name, start, end in stream seconds): durations
    come from the list, wall-clock ends from the files' mtimes (see ``media.ring``).
    """
    ring_dir.mkdir(parents=True, exist_ok=True)
    for folder in (ring_dir.parent.parent, ring_dir.parent, ring_dir):  # buffer root / camera / stream
        folder.chmod(0o700)  # unmasked video of every camera shown, private ones too: this account only
    run = f"{time.time_ns() // 1_000_000:x}{next(_RUNS) % 4096:03x}"  # unique even for two tiles of one camera
    return ["-map", "0:v:0", "-c", "copy", "-f", "segment", "-segment_time", f"{segment_s:g}",
            "-segment_format", "mpegts", "-reset_timestamps", "0",
            "-segment_list", str(ring_dir / f"{run}.csv"), "-segment_list_type", "csv",
            str(ring_dir / f"{run}-%06d.ts")]



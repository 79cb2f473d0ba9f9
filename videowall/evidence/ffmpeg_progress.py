"""Running the export's ffmpeg re-encodes so that they report how far they are and can be stopped.

ffmpeg writes ``key=value`` lines to ``-progress pipe:1`` about twice a second; ``out_time_us`` (the
output's position) against the clip's duration (read from ffmpeg's own ``Duration:`` line when the
clip is first opened, so no ffprobe is needed) is the running step's part. A reader thread takes the
lines off the pipe; the export's thread waits on the cancel token between them, so a Cancel stops
the ffmpeg within a fraction of a second (SIGTERM, SIGKILL after a grace period). ffmpeg runs in its
own session under ``setpriv --pdeathsig``: a Ctrl+C in the terminal reaches the command (which cancels
in order), not ffmpeg directly, and an app that dies takes its ffmpeg with it.
"""

from __future__ import annotations

import io
import logging
import re
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from PIL import Image

from videowall.evidence.progress import ExportCancelled, ExportControl
from videowall.tools import stopped_with_parent

log = logging.getLogger(__name__)
PROGRESS_ARGS = ["-progress", "pipe:1", "-nostats"]
_DURATION = re.compile(r"Duration:\s*(\d+):(\d\d):(\d\d(?:\.\d+)?)")
STOP_GRACE_S = 3.0


@dataclass(frozen=True, slots=True)
class ClipInfo:
    width: int
    height: int
    duration: float | None  # seconds, when the container says


class ProbeError(Exception):
    pass


def parse_duration(stderr: str) -> float | None:
    """The first ``Duration: HH:MM:SS.ss`` of ffmpeg's input description, in seconds."""
    m = _DURATION.search(stderr)
    if m is None:
        return None
    return int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3))


def parse_out_time(line: str) -> float | None:
    """Seconds of output written, from one ``-progress`` line (``out_time_us=`` or ``out_time=``)."""
    key, _, value = line.strip().partition("=")
    value = value.strip()
    try:
        if key == "out_time_us":
            return max(0.0, int(value) / 1e6)
        if key == "out_time":
            h, m, s = value.split(":")
            return max(0.0, int(h) * 3600 + int(m) * 60 + float(s))
    except ValueError:  # "N/A" before the first picture
        return None
    return None


def part_done(out_time: float | None, duration: float | None) -> float | None:
    """How far a re-encode is, 0..1, or None when either number is unknown."""
    if out_time is None or duration is None or duration <= 0:
        return None
    return min(1.0, max(0.0, out_time / duration))


def probe(clip: Path, ffmpeg: str = "ffmpeg") -> ClipInfo:
    """Size (from the first decoded picture) and duration (from the container) of ``clip``."""
    argv = [ffmpeg, "-nostdin", "-hide_banner", "-i", str(clip), "-frames:v", "1",
            "-f", "image2pipe", "-c:v", "png", "-"]
    done = subprocess.run(argv, capture_output=True, timeout=120, check=False)
    stderr = done.stderr.decode(errors="replace")
    if done.returncode != 0 or not done.stdout:
        tail = "\n".join(line for line in stderr.splitlines()[-3:])
        raise ProbeError(f"cannot read a picture of {clip.name}: {tail.strip()[-300:] or 'no video'}")
    with Image.open(io.BytesIO(done.stdout)) as first:
        width, height = first.size
    return ClipInfo(width, height, parse_duration(stderr))


class _Reader(threading.Thread):
    """Takes ffmpeg's progress lines off its pipe; ``out_time`` is the newest position."""

    def __init__(self, pipe: IO[str]) -> None:
        super().__init__(name="ffmpeg-progress", daemon=True)
        self._pipe = pipe
        self.out_time: float | None = None

    def run(self) -> None:
        for line in self._pipe:
            seconds = parse_out_time(line)
            if seconds is not None:
                self.out_time = seconds


def run_ffmpeg(argv: list[str], control: ExportControl | None, duration: float | None,
               timeout: float) -> tuple[int, str]:
    """Run ``argv`` (ffmpeg, without ``-progress``); its exit code and the end of its stderr.

    Raises ``ExportCancelled`` (after stopping ffmpeg) when the control's token is cancelled.
    """
    full = [argv[0], *PROGRESS_ARGS, *argv[1:]]
    token = control.token if control is not None else None
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(stopped_with_parent(full, "KILL"), stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=err, text=True, start_new_session=True)
        assert proc.stdout is not None
        reader = _Reader(proc.stdout)
        reader.start()
        deadline = time.monotonic() + timeout
        try:
            while proc.poll() is None:
                if token is not None and token.wait(0.2):
                    break
                if token is None:
                    time.sleep(0.2)
                if time.monotonic() > deadline:
                    break
                part = part_done(reader.out_time, duration)
                if control is not None and part is not None:
                    control.part(part)
        finally:
            if proc.poll() is None:
                _stop(proc)
            reader.join(timeout=5)
            proc.stdout.close()
        if token is not None and token.cancelled:
            log.info("ffmpeg stopped: export cancelled")
            raise ExportCancelled("export cancelled")
        err.seek(0)
        stderr = err.read().decode(errors="replace").strip()
    if proc.returncode is None or time.monotonic() > deadline:
        return -1, f"timed out after {timeout:.0f} s"
    return proc.returncode, stderr[-300:]


def _stop(proc: subprocess.Popen[str]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=STOP_GRACE_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)

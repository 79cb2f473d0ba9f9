"""Picture check: grab one small grey frame with ffmpeg, twice a few seconds apart, and judge it.

A probe proves the camera answers; only a picture shows it is not black (lens cap, dead sensor) or
frozen (an encoder stuck on one frame). It costs a decoder start per grab, so it runs on a slower
schedule or on demand, for cameras the probe found live, a few at a time.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from videowall.domain.health import HealthRecord, HealthState, classify_picture
from videowall.domain.urls import redact
from videowall.ffmpeg_input import FfmpegInput
from videowall.tools import ffmpeg_path

log = logging.getLogger(__name__)

WIDTH, HEIGHT = 160, 90
FRAME_BYTES = WIDTH * HEIGHT


class GrabError(Exception):
    """No frame came out: ffmpeg failed, timed out or is missing."""


@dataclass(frozen=True, slots=True)
class PictureSettings:
    ffmpeg: str = field(default_factory=ffmpeg_path)
    grab_timeout: float = 10.0
    gap: float = 3.0  # seconds between the two grabs compared for "frozen"
    concurrency: int = 8


def grab_input(url: str) -> FfmpegInput:
    return FfmpegInput(url, (("rtsp_transport", "tcp"),) if url.startswith(("rtsp://", "rtsps://")) else ())


def grab_command(ffmpeg: str, source: FfmpegInput, fd: int | None = None) -> list[str]:
    return [ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", *source.args(fd),
            "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", "-s", f"{WIDTH}x{HEIGHT}", "pipe:1"]  # fmt: skip


async def grab_frame(url: str, settings: PictureSettings | None = None) -> bytes:
    """One 160x90 8-bit grey frame from ``url``; raises ``GrabError``. The process is killed on timeout.

    ``url`` may carry credentials (ffmpeg needs them): they reach ffmpeg on a pipe, never on its
    command line (see ``videowall.ffmpeg_input``); only the redacted URL is ever logged or raised.
    """
    s = settings or PictureSettings()
    source = grab_input(url)
    try:
        with source.handed_over() as fd:
            proc = await asyncio.create_subprocess_exec(
                *grab_command(s.ffmpeg, source, fd), pass_fds=source.fds(fd),
                stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
            )  # fmt: skip
    except OSError as exc:
        raise GrabError(f"cannot run {s.ffmpeg}: {exc.strerror or exc}") from None
    try:
        out, err = await asyncio.wait_for(proc.communicate(), s.grab_timeout)
    except TimeoutError:
        raise GrabError(f"no frame within {s.grab_timeout:.0f} s") from None
    finally:
        if proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
            with contextlib.suppress(Exception):
                await proc.wait()
    if len(out) < FRAME_BYTES:
        message = source.scrub(err.decode("utf-8", "replace")).strip().splitlines()
        detail = message[-1] if message else f"exit {proc.returncode}"
        log.debug("grab %s failed: %s", redact(url), detail)
        raise GrabError(detail[:200])
    return out[:FRAME_BYTES]


class PictureChecker:
    """Black/frozen/live for one camera: grab, and if not black, grab again after ``gap`` and compare."""

    def __init__(self, settings: PictureSettings | None = None, *, clock: Callable[[], float] = time.time,
                 grab: Callable[[str, PictureSettings], Awaitable[bytes]] | None = None) -> None:  # fmt: skip
        self.settings = settings or PictureSettings()
        self._clock = clock
        self._grab = grab

    async def _frame(self, url: str) -> bytes:
        if self._grab is not None:
            return await self._grab(url, self.settings)
        return await grab_frame(url, self.settings)

    async def check(self, camera_id: str, url: str) -> HealthRecord | None:
        """The picture verdict, or ``None`` when no frame could be had (the probe's verdict then stands)."""
        started = time.perf_counter()
        try:
            first = await self._frame(url)
            state, reason = classify_picture(first)
            if state is not HealthState.BLACK:
                await asyncio.sleep(self.settings.gap)
                second = await self._frame(url)
                state, reason = classify_picture(first, second)
        except GrabError as exc:
            log.info("picture check %s: %s", camera_id, exc)
            return None
        latency = round((time.perf_counter() - started) * 1000.0, 2)
        return HealthRecord(camera_id, state, reason, self._clock(), latency)

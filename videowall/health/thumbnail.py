"""The first picture of a stream as a small colour image: the camera dialog's "Test stream".

Like the picture check's grab (health/picture.py), one ffmpeg process per picture, credentials handed
over on a pipe (never on its command line), killed when it takes too long; only redacted text leaves.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from videowall.domain.urls import redact
from videowall.health.picture import GrabError, grab_input
from videowall.tools import ffmpeg_path

log = logging.getLogger(__name__)

WIDTH, HEIGHT = 320, 180


async def grab_thumbnail(url: str, *, timeout: float = 10.0, ffmpeg: str | None = None) -> bytes:
    """One ``WIDTH`` x ``HEIGHT`` RGB24 picture (letterboxed) from ``url``; raises ``GrabError``."""
    exe = ffmpeg or ffmpeg_path()
    source = grab_input(url)
    scale = (f"scale={WIDTH}:{HEIGHT}:force_original_aspect_ratio=decrease,"
             f"pad={WIDTH}:{HEIGHT}:(ow-iw)/2:(oh-ih)/2")
    try:
        with source.handed_over() as fd:
            proc = await asyncio.create_subprocess_exec(
                exe, "-nostdin", "-hide_banner", "-loglevel", "error", *source.args(fd), "-frames:v", "1",
                "-vf", scale, "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1", pass_fds=source.fds(fd),
                stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    except OSError as exc:
        raise GrabError(f"cannot run {exe}: {exc.strerror or exc}") from None
    try:
        out, err = await asyncio.wait_for(proc.communicate(), timeout)
    except TimeoutError:
        raise GrabError(f"no picture within {timeout:.0f} s") from None
    finally:
        if proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
            with contextlib.suppress(Exception):
                await proc.wait()
    size = WIDTH * HEIGHT * 3
    if len(out) < size:
        lines = source.scrub(err.decode("utf-8", "replace")).strip().splitlines()
        detail = lines[-1] if lines else f"ffmpeg exit {proc.returncode}"
        log.debug("thumbnail %s failed: %s", redact(url), detail)
        raise GrabError(detail[:200])
    return out[:size]

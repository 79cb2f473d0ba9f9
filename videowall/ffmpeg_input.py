"""A camera URL handed to ffmpeg without its password ever being on a command line or in an environment.

``ps`` and ``/proc/PID/cmdline`` show every process's arguments to every user of the machine, so
``-i rtsp://user:PASSWORD@host/...`` would publish the camera's password. ffmpeg (Debian 12's 5.1)
has no option that reads a URL or credentials from a file descriptor, but its concat demuxer reads
a playlist from any input, an inherited pipe included, and a playlist of one entry is the stream
itself: packets pass through as they arrive (measured: every keyframe of the stream came out of the
concat ingest within the same millisecond as out of a direct one, and the first one as early).

So a URL with credentials becomes ``-f concat -safe 0 -protocol_whitelist ... -i pipe:N``, where N
is the read end of a pipe holding::

    ffconcat version 1.0
    file 'rtsp://user:pass@host/path'
    option rtsp_transport tcp
    ...

written whole by the parent before the child starts (a few hundred bytes, far below a pipe's
buffer), the write end closed; the child inherits only the read end, and after ffmpeg has read it
the password is in ffmpeg's memory alone. The ``option`` lines apply to the camera's input (the
RTSP demuxer); probe options apply to both. A URL without credentials goes on the command line as
before. ffmpeg's own error lines name the URL, so whatever it prints goes through :func:`scrub`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
from collections.abc import Iterator, Sequence
from urllib.parse import quote

from videowall.domain.urls import redact, split_credentials

# What the playlist's one entry may open: the pipe itself, then the stream protocols the register allows
# (never ``file``: the playlist can read nothing from this machine).
PROTOCOLS = "pipe,rtsp,rtsps,rtp,srtp,tcp,udp,tls,http,https,httpproxy,crypto,rtmp,rtmps,srt"
_PIPE_BUFFER = 65536  # Linux's default pipe capacity
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

Options = Sequence[tuple[str, str]]


def _token(value: str) -> str:
    """One ffconcat token: single-quoted (a quote inside as ``'\\''``), nothing that could end the line."""
    value = _CONTROL.sub(lambda m: f"%{ord(m.group()):02X}", value)
    return "'" + value.replace("'", "'\\''") + "'"


class FfmpegInput:
    """The ``-i`` part of an ffmpeg command for ``url``, with ``options`` for that input.

    ``probe`` options (``fflags``, ``probesize``, ``analyzeduration``) also apply to the concat
    wrapper when there is one; ``options`` only to the camera's input. Start the process inside
    :meth:`handed_over`, with ``args(fd)`` and ``pass_fds=fds(fd)``.
    """

    def __init__(self, url: str, options: Options = (), probe: Options = ()) -> None:
        self.url = url
        self._options = tuple(options)
        self._probe = tuple(probe)
        _, creds = split_credentials(url)
        self.hidden = creds is not None and bool(creds.username or creds.password)
        self._secrets = [s for s in ((creds.password, quote(creds.password, safe="")) if creds else ()) if s]
        self._pipe: re.Pattern[str] | None = None  # how ffmpeg names the input in its messages, once handed over

    def args(self, fd: int | None = None) -> list[str]:
        """ffmpeg arguments; with credentials, ``fd`` is the pipe :meth:`script` was written to."""
        probe = [x for key, value in self._probe for x in (f"-{key}", value)]
        if not self.hidden:
            return [*probe, *(x for key, value in self._options for x in (f"-{key}", value)), "-i", self.url]
        if fd is None:
            raise ValueError("a URL with credentials goes to ffmpeg on a pipe: pass its fd")
        return [*probe, "-f", "concat", "-safe", "0", "-protocol_whitelist", PROTOCOLS, "-i", f"pipe:{fd}"]

    @staticmethod
    def fds(fd: int | None) -> tuple[int, ...]:
        """``pass_fds`` for the child: the credentials' pipe, if any, and nothing else."""
        return () if fd is None else (fd,)

    def script(self) -> bytes:
        lines = ["ffconcat version 1.0", f"file {_token(self.url)}",
                 *(f"option {key} {_token(value)}" for key, value in (*self._probe, *self._options))]
        return ("\n".join(lines) + "\n").encode()

    @contextlib.contextmanager
    def handed_over(self) -> Iterator[int | None]:
        """Around one process start: the fd to pass to :meth:`args` and to let the child inherit
        (``None`` without credentials); the parent's end of the pipe is closed afterwards."""
        if not self.hidden:
            yield None
            return
        script = self.script()
        if len(script) >= _PIPE_BUFFER:  # the write must never wait for a reader that is not started yet
            raise OSError(errno.E2BIG, f"stream URL too long ({len(script)} bytes)")  # callers report OSErrors
        read_end, write_end = os.pipe()  # both close-on-exec: only pass_fds hands the read end on
        try:
            try:
                if os.write(write_end, script) != len(script):  # it fits the empty pipe: written at once
                    raise OSError("the stream URL could not be handed to ffmpeg")
            finally:
                os.close(write_end)
            self._pipe = re.compile(rf"\bpipe:{read_end}\b")
            yield read_end
        finally:
            os.close(read_end)

    def scrub(self, text: str) -> str:
        """``text`` (an ffmpeg message, an exception) with the URL redacted and no form of the password left."""
        text = text.replace(self.url, redact(self.url))
        if self._pipe is not None:  # "pipe:7: Server returned 401" says more as "rtsp://user:***@host/x: ..."
            text = self._pipe.sub(lambda _: redact(self.url), text)
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return text

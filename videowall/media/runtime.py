"""The one libVLC instance of the app and the thread that starts and stops streams.

One ``vlc.Instance`` for everything (an instance per tile multiplies threads and memory). Starting
and stopping players and ffmpeg processes can block for tens of milliseconds each, so it happens on
one long-lived control thread, never on the UI thread and never inside a libVLC callback.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

import vlc

log = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_VLC_ARGS: tuple[str, ...] = (
    "--quiet",
    "--no-video-title-show",
    "--no-osd",
    "--no-spu",
    "--no-audio",  # a wall is silent; audio outputs only cost CPU here
    "--stats",  # statistics feed the watchdog and the benchmarks
    "--no-snapshot-preview",
    "--no-xlib",
    "--file-caching=300",
    "--swscale-mode=0",  # fast bilinear: tiles are small, and scaling was 14 % of the wall's CPU
    "--drop-late-frames",
    "--skip-frames",
)


class MediaRuntime:
    """Owns the shared ``vlc.Instance`` and the media control thread."""

    def __init__(self, vlc_args: tuple[str, ...] = DEFAULT_VLC_ARGS, native_rtsp: bool | None = None) -> None:
        self._args = vlc_args
        # Debian's libVLC has no RTSP (no live555): streams go through the ffmpeg relay. Windows'
        # libVLC (VideoLAN's build) has it, and a pipe's fd cannot be handed to libVLC there.
        self.native_rtsp = sys.platform == "win32" if native_rtsp is None else native_rtsp
        self._instance: vlc.Instance | None = None
        self._control = ThreadPoolExecutor(max_workers=1, thread_name_prefix="media-control")
        self._lock = threading.Lock()
        self.players = 0  # alive libVLC players: a layout that no longer shows them must release them
        self.ingests = 0  # alive ffmpeg ingest processes

    def count(self, players: int = 0, ingests: int = 0) -> None:
        with self._lock:
            self.players += players
            self.ingests += ingests

    @property
    def instance(self) -> vlc.Instance:
        if self._instance is None:
            inst = vlc.Instance(list(self._args))
            if inst is None:
                raise RuntimeError("libVLC could not start: is libvlc5 with vlc-plugin-base installed?")
            self._instance = inst
            log.info("libVLC %s", vlc.libvlc_get_version().decode())
        return self._instance

    def submit(self, fn: Callable[[], T]) -> Future[T]:
        """Run ``fn`` on the media control thread (ordered: what is submitted first runs first)."""
        return self._control.submit(fn)

    def shutdown(self) -> None:
        """Wait for pending starts/stops, then release libVLC."""
        self._control.shutdown(wait=True)
        if self._instance is not None:
            self._instance.release()
            self._instance = None

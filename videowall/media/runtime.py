"""The one libVLC instance of the app and the thread that starts and stops streams.

One ``vlc.Instance`` for everything (an instance per tile multiplies threads and memory). Starting
and stopping players and ffmpeg processes can block for tens of milliseconds each, so it happens on
one long-lived control thread, never on the UI thread and never inside a libVLC callback.
"""

from __future__ import annotations

import logging
import queue
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import TypeVar

import vlc

from videowall.allocator import Trimmer
from videowall.media.feeds import FeedHub

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
    # What libVLC buffers before it starts a picture, and the latency it keeps: a tile's pipe is fed by
    # its feed as packets arrive (a joining tile gets its GOP at once, squeezed into 20 ms, see
    # media/ts.py), so the 300 ms this was only delayed every first picture by that much.
    "--file-caching=150",
    "--avcodec-threads=1",  # not cores+1 per decoder: 16 tiles on 2 cores had 48 decoder threads
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
        self._control = _ControlThread("media-control")
        # Stopping a player joins its decoder and output threads (tens of ms each): on a thread of its
        # own, so that a 16-tile switch starts its new players without waiting for 16 old ones to stop.
        self._reaper = _ControlThread("media-reaper")
        self._lock = threading.Lock()
        self._reduced: dict[int, vlc.Instance] = {}  # shown rate -> its instance (see instance_for)
        self.players = 0  # alive libVLC players: a layout that no longer shows them must release them
        self.ingests = 0  # alive ffmpeg ingest processes: one per camera stream shown (or warm)
        self.feeds = FeedHub(lambda n: self.count(ingests=n))
        self._trimmer = Trimmer()

    def count(self, players: int = 0, ingests: int = 0) -> None:
        with self._lock:
            self.players += players
            self.ingests += ingests
        if players < 0:  # a player's decoder and picture buffers were just freed (on the control thread)
            self._trimmer.released(time.monotonic())

    @property
    def instance(self) -> vlc.Instance:
        if self._instance is None:
            inst = vlc.Instance(list(self._args))
            if inst is None:
                raise RuntimeError("libVLC could not start: is libvlc5 with vlc-plugin-base installed?")
            self._instance = inst
            log.info("libVLC %s", vlc.libvlc_get_version().decode())
        return self._instance

    def instance_for(self, shown_fps: int | None) -> vlc.Instance:
        """The instance whose players show every picture (None), or at most ``shown_fps`` a second.

        libVLC's ``fps`` video filter drops pictures after decoding and before the scaling, conversion and
        callbacks that cost a tile most (a filter given as a media option does not reach the video
        output: it has to be the instance's). One more instance per rate, made when first wanted.
        """
        if shown_fps is None:
            return self.instance
        with self._lock:
            inst = self._reduced.get(shown_fps)
            if inst is None:
                inst = vlc.Instance([*self._args, f"--video-filter=fps{{fps={int(shown_fps)}}}"])
                if inst is None:
                    raise RuntimeError("libVLC could not start an instance with its fps filter")
                self._reduced[shown_fps] = inst
            return inst

    def submit(self, fn: Callable[[], T]) -> Future[T]:
        """Run ``fn`` on the media control thread (ordered: what is submitted first runs first)."""
        return self._control.submit(fn)

    def reap(self, fn: Callable[[], T]) -> Future[T]:
        """Run ``fn`` (a stop: it must not start anything) on the reaper thread, in submission order."""
        return self._reaper.submit(fn)

    def shutdown(self, timeout: float = 20.0) -> bool:
        """Wait for pending starts/stops, then release libVLC; False if the control thread is stuck.

        A stuck thread (a call into libVLC or the kernel that never returns) must not keep the app
        from exiting: the thread is a daemon, and libVLC is then left alone rather than released
        under a call still using it.
        """
        if not self._control.stop(timeout) or not self._reaper.stop(timeout):
            log.error("the media thread is still busy after %.0f s (%s); exiting without releasing libVLC",
                      timeout, self._control.current or "?")
            self.feeds.shutdown()
            return False
        self.feeds.shutdown()  # the warm ones too: no ffmpeg outlives the app
        for inst in [*self._reduced.values(), *([self._instance] if self._instance is not None else [])]:
            inst.release()
        self._reduced.clear()
        self._instance = None
        return True


class _ControlThread:
    """One ordered worker thread (a daemon, unlike ThreadPoolExecutor's, which exit would wait for)."""

    def __init__(self, name: str) -> None:
        self._queue: queue.SimpleQueue[tuple[Callable[[], object], Future[object]] | None] = queue.SimpleQueue()
        self._closed = False
        self.current = ""  # what runs now, for the message if it never ends
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def submit(self, fn: Callable[[], T]) -> Future[T]:
        if self._closed:
            raise RuntimeError("the media runtime is shut down")
        future: Future[T] = Future()
        self._queue.put((fn, future))  # type: ignore[arg-type]
        return future

    def stop(self, timeout: float) -> bool:
        if not self._closed:
            self._closed = True
            self._queue.put(None)
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            fn, future = item
            if not future.set_running_or_notify_cancel():
                continue
            self.current = getattr(fn, "__qualname__", repr(fn))
            try:
                future.set_result(fn())
            except BaseException as exc:  # the caller sees it through the future, as with an executor
                future.set_exception(exc)
            finally:
                self.current = ""

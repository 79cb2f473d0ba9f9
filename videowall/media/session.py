"""One shown stream: a libVLC player, fed by the camera's shared feed, painting into a FrameBuffer.

The upstream connection belongs to the feed (``media.feeds``): two tiles of one camera stream are one
connection, and a feed left is kept warm for a while, so coming back to it is instant.

Start and stop run on the media control thread; what the session learns (the ingest ended, libVLC
reported an error) is handed to ``post`` (the app's loop, e.g. ``loop.call_soon_threadsafe``) and
never acted on inside a libVLC or reader thread.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass

import vlc

from videowall.domain.stream_state import OfflineReason
from videowall.media.feeds import Subscription
from videowall.media.frames import CallbackVideoOutput, FrameBuffer
from videowall.media.ingest import IngestExit, IngestOptions
from videowall.media.runtime import MediaRuntime

log = logging.getLogger(__name__)

Post = Callable[[Callable[[], None]], object]


@dataclass(frozen=True, slots=True)
class PlaybackStats:
    decoded: int
    displayed: int
    lost: int
    read_bytes: int


class StreamSession:
    """Plays one URL into ``buffer`` until stopped; reports its end through ``on_failure``.

    ``url`` is a callable run on the control thread: resolving it may read stored credentials from
    disk, which the UI thread must not wait for.
    """

    def __init__(
        self,
        runtime: MediaRuntime,
        url: Callable[[], str],
        buffer: FrameBuffer,
        post: Post,
        on_failure: Callable[[OfflineReason, str], None],
        ingest_options: IngestOptions | None = None,
        shown_fps: int | None = None,
    ) -> None:
        self._runtime = runtime
        self._url = url
        self.buffer = buffer
        self._post = post
        self._on_failure = on_failure
        self._ingest_options = ingest_options
        self._shown_fps = shown_fps  # a cap on the pictures shown (scaled, converted, painted); None: all
        self._sub: Subscription | None = None
        self._player: vlc.MediaPlayer | None = None
        self._media: vlc.Media | None = None
        self._output = CallbackVideoOutput(buffer)
        self._closed = False
        self._started: Future[None] | None = None
        self._media_lock = threading.Lock()

    @property
    def shown_fps(self) -> int | None:
        return self._shown_fps

    @property
    def ingest_pid(self) -> int | None:
        return self._sub.feed.pid if self._sub else None

    @property
    def ingest_bytes(self) -> int:
        return self._sub.feed.total_bytes if self._sub else 0

    def start(self) -> None:
        self._started = self._runtime.submit(self._start)

    def stop(self) -> None:
        """Stop and release everything; returns at once. The work happens on the reaper thread, once
        this session's start (on the control thread) is done, so new sessions start meanwhile."""
        self._closed = True
        started = self._started
        self._runtime.reap(lambda: self._stop_after(started))

    def _stop_after(self, started: Future[None] | None) -> None:
        if started is not None:
            try:
                started.result()
            except Exception:  # a failed start left only what _stop checks for
                log.debug("stopping a session whose start failed", exc_info=True)
        self._stop()

    def stats(self) -> PlaybackStats:
        """libVLC's counters; safe from any thread (the media is never released while being read)."""
        with self._media_lock:
            media = self._media
            if media is None:
                return PlaybackStats(0, 0, 0, 0)
            st = vlc.MediaStats()
            media.get_stats(st)
        return PlaybackStats(st.decoded_video, st.displayed_pictures, st.lost_pictures, st.demux_read_bytes)

    # --- control thread ------------------------------------------------------------------------
    def _start(self) -> None:
        if self._closed:
            return
        try:
            url = self._url()
        except Exception as exc:  # a missing key file or credential: say so on the tile
            self._report(OfflineReason.AUTH, f"credentials unavailable: {exc}")
            return
        inst = self._runtime.instance_for(self._shown_fps)
        if self._runtime.native_rtsp and url.startswith(("rtsp://", "rtsps://")):
            # A libVLC with RTSP (Windows builds have live555) opens the stream itself; no relay, so
            # no pre-event buffer either.
            media = inst.media_new_location(url)
            media.add_option(":rtsp-tcp")
        else:
            try:
                sub = self._runtime.feeds.subscribe(url, self._ingest_options, self._ingest_ended)
            except OSError as exc:
                self._report(OfflineReason.ERROR, f"cannot start ffmpeg: {exc.strerror}")
                return
            self._sub = sub
            media = inst.media_new_fd(sub.read_fd)
            media.add_option(":demux=ts")
        player = inst.media_player_new()
        self._runtime.count(players=+1)
        self._output.attach(player)
        player.set_media(media)
        events = player.event_manager()
        events.event_attach(vlc.EventType.MediaPlayerEncounteredError, self._vlc_error)
        with self._media_lock:
            self._media, self._player = media, player
        player.play()

    def _stop(self) -> None:
        with self._media_lock:  # stats() readers see None from here on, never a released media
            sub, player, media = self._sub, self._player, self._media
            self._sub = self._player = self._media = None
        if sub is not None:
            sub.detach()  # the pipe's write end closes: libVLC's reader sees end of file and stops quickly
        if player is not None:
            player.event_manager().event_detach(vlc.EventType.MediaPlayerEncounteredError)
            player.stop()
            player.release()
            self._runtime.count(players=-1)
        if media is not None:
            media.release()
        if sub is not None:
            sub.close_read()  # only now: no reader is left on this fd

    # --- other threads: hand over, never act here -----------------------------------------------
    def _ingest_ended(self, result: IngestExit) -> None:
        if not result.stopped:
            self._report(result.reason, result.detail)

    def _vlc_error(self, _event: vlc.Event) -> None:
        # libVLC also errors when the pipe closes because ffmpeg failed; ffmpeg knows the real reason
        # (404, refused...). Only if ffmpeg is still running a second later is it the decoder's fault.
        sub = self._sub
        timer = threading.Timer(1.0, self._decoder_failed, args=(sub,))
        timer.daemon = True
        timer.start()

    def _decoder_failed(self, sub: Subscription | None) -> None:
        if sub is not None and sub is self._sub and sub.feed.running:
            self._report(OfflineReason.UNSUPPORTED, "libVLC cannot decode this stream")

    def _report(self, reason: OfflineReason, detail: str) -> None:
        if self._closed:
            return
        self._post(lambda: None if self._closed else self._on_failure(reason, detail))


def count_children(pid: int | None = None) -> list[int]:
    """PIDs of our live child processes: used by tests to prove no ffmpeg is left behind."""
    parent = pid or os.getpid()
    out: list[int] = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent and fields[0] != b"Z":
            out.append(int(entry))
    return out

"""The main stream kept for evidence while tiles show the sub stream (setting ``evidence.keep_main``).

A 4x4 wall plays sub streams, whose 640x360 does not read a plate in court. For every camera a
console tile shows LIVE on its sub stream (and that has a main stream of its own), the camera's main
stream feed (``media.feeds``) is held open, writing the same pre-event ring the tiles write, so a
bookmark's clip is cut from the main stream where it covers the window (``domain.evidence.best_plan``
prefers main). A camera that leaves the wall is recorded ``linger_s`` longer, so a bookmark made just
before a layout switch still gets its post-event seconds. A recorder that dies is restarted with
growing delays. Starts and stops run on the media control thread, never on the UI thread. Being a
feed, it is the same connection a tile maximised onto the main stream joins, and that tile's first
picture comes from the feed's keyframe cache at once.

The cost is the main stream's bandwidth for each camera on the wall: on thin uplinks turn it off.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from videowall.domain.camera import Camera, StreamKind
from videowall.domain.stream_state import StreamState
from videowall.media.feeds import Subscription
from videowall.media.ingest import IngestExit, IngestOptions
from videowall.media.ring import ring_dir
from videowall.media.runtime import MediaRuntime
from videowall.services.live import TileReport

log = logging.getLogger(__name__)
RETRY_S = (2.0, 4.0, 8.0, 15.0, 30.0)


@dataclass
class _Feed:
    camera: Camera
    tiles: set[int] = field(default_factory=set)
    recorder: Subscription | None = None
    stop_at: asyncio.TimerHandle | None = None
    failures: int = 0
    starting: bool = False  # a start is queued on the media thread


class MainStreamRecorders:
    def __init__(self, runtime: MediaRuntime, loop: asyncio.AbstractEventLoop, buffer_root: Path,
                 url_for: Callable[[Camera, StreamKind], str], enabled: Callable[[], bool],
                 linger_s: Callable[[], float]) -> None:
        self._runtime, self._loop, self._root = runtime, loop, buffer_root
        self._url_for, self._enabled, self._linger_s = url_for, enabled, linger_s
        self._feeds: dict[str, _Feed] = {}
        self._tile_camera: dict[int, str] = {}
        self._closed = False

    @property
    def recording(self) -> list[str]:
        """Camera ids whose main stream is being recorded now (status file, tests)."""
        return sorted(cid for cid, f in self._feeds.items() if f.recorder is not None and f.recorder.feed.running)

    def on_tile_report(self, report: TileReport) -> None:
        """A console tile's state changed (UI thread): does its camera's main stream need recording?"""
        cam = report.camera
        wants = (cam is not None and self._enabled() and report.stream is StreamKind.SUB
                 and report.status.state is StreamState.LIVE and bool(cam.main_url) and cam.main_url != cam.sub_url)
        before = self._tile_camera.get(report.index)
        if before is not None and (not wants or cam is None or cam.id != before):
            self._leave(report.index, before)
        if wants and cam is not None:
            self._join(report.index, cam)

    def _join(self, index: int, camera: Camera) -> None:
        if self._closed:
            return
        self._tile_camera[index] = camera.id
        feed = self._feeds.setdefault(camera.id, _Feed(camera))
        feed.tiles.add(index)
        if feed.stop_at is not None:
            feed.stop_at.cancel()
            feed.stop_at = None
        if feed.recorder is None and not feed.starting:
            self._start(feed)

    def _leave(self, index: int, camera_id: str) -> None:
        self._tile_camera.pop(index, None)
        feed = self._feeds.get(camera_id)
        if feed is None:
            return
        feed.tiles.discard(index)
        if not feed.tiles and feed.stop_at is None:
            feed.stop_at = self._loop.call_later(self._linger_s(), self._retire, camera_id)

    def _retire(self, camera_id: str) -> None:
        feed = self._feeds.get(camera_id)
        if feed is not None and not feed.tiles:
            del self._feeds[camera_id]
            self._stop(feed)

    def _start(self, feed: _Feed) -> None:
        camera = feed.camera
        options = IngestOptions(buffer_dir=ring_dir(self._root, camera.id, StreamKind.MAIN.value))
        feed.starting = True
        log.info("recording %s's main stream for evidence (tiles show its sub stream)", camera.id)

        def start() -> None:  # the media control thread: the URL's credentials are read here, not on the UI's
            recorder: Subscription | None = None

            def on_exit(done: IngestExit) -> None:  # the recorder's reader thread
                self._loop.call_soon_threadsafe(self._ended, camera.id, recorder, done)

            try:
                recorder = self._runtime.feeds.hold(self._url_for(camera, StreamKind.MAIN), options, on_exit)
            except (OSError, ValueError, KeyError) as exc:
                log.warning("main-stream recorder for %s did not start: %s", camera.id, exc)
                self._loop.call_soon_threadsafe(self._started, camera.id, None)
                return
            self._loop.call_soon_threadsafe(self._started, camera.id, recorder)

        self._runtime.submit(start)

    def _started(self, camera_id: str, recorder: Subscription | None) -> None:
        feed = self._feeds.get(camera_id)
        if feed is None or self._closed:  # retired meanwhile: it is not wanted any more
            if recorder is not None:
                self._runtime.submit(recorder.detach)
            return
        feed.starting, feed.recorder = False, recorder
        if recorder is None:
            self._ended(camera_id, None, None)

    def _ended(self, camera_id: str, recorder: Subscription | None, done: IngestExit | None) -> None:
        feed = self._feeds.get(camera_id)
        if feed is None or feed.starting or feed.recorder is not recorder or (done is not None and done.stopped):
            return
        feed.recorder = None
        delay = RETRY_S[min(feed.failures, len(RETRY_S) - 1)]
        feed.failures += 1
        log.info("main-stream recorder for %s ended (%s); again in %.0f s", camera_id,
                 done.detail if done is not None else "not started", delay)
        self._loop.call_later(delay, self._restart, camera_id)

    def _restart(self, camera_id: str) -> None:
        feed = self._feeds.get(camera_id)
        if feed is not None and feed.recorder is None and not feed.starting and feed.tiles and not self._closed:
            self._start(feed)

    def _stop(self, feed: _Feed) -> None:
        recorder, feed.recorder = feed.recorder, None
        if recorder is not None:
            self._runtime.submit(recorder.detach)

    def close(self) -> None:
        """At exit, before the media runtime stops: every recorder ends."""
        self._closed = True
        for feed in self._feeds.values():
            if feed.stop_at is not None:
                feed.stop_at.cancel()
            self._stop(feed)
        self._feeds.clear()

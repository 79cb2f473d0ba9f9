"""Live tiles: which camera each tile plays, and the watchdog that keeps its state honest.

No Qt here. The UI asks for cameras on tiles and listens to :class:`TileReport` changes; the wall
ticks every half second on the app's asyncio loop, looks at each tile's pictures (arriving? changing?
black?) and restarts streams on their back-off schedule. A dead RTSP stream often raises no error
at all, so the pixels, not the connection, decide "live".
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from videowall.domain.camera import Camera, StreamKind
from videowall.domain.stream_state import OfflineReason, StreamState, StreamStateMachine, TileStatus
from videowall.media.frames import FrameBuffer
from videowall.media.runtime import MediaRuntime
from videowall.media.session import StreamSession

log = logging.getLogger(__name__)

# A picture is "no video" when a sparse grid of its pixels is dark on average AND has no bright spot:
# a dark street at night still shows lamps and headlights, a dead encoder shows nothing.
BLACK_LUMA = 12.0
BLACK_PEAK = 40.0
UrlResolver = Callable[[Camera, StreamKind], str]


@dataclass(frozen=True, slots=True)
class TileReport:
    """What the UI shows for a tile and what ``--status-json`` writes."""

    index: int
    camera: Camera | None
    stream: StreamKind
    status: TileStatus
    fps: float


class TileController:
    """One tile: its camera, its stream session and its state machine."""

    def __init__(
        self,
        index: int,
        runtime: MediaRuntime,
        resolve_url: UrlResolver,
        post: Callable[[Callable[[], None]], object],
        on_change: Callable[[TileReport], None],
    ) -> None:
        self.index = index
        self._runtime = runtime
        self._resolve = resolve_url
        self._post = post
        self._on_change = on_change
        self.buffer = FrameBuffer()
        self.camera: Camera | None = None
        self.stream = StreamKind.SUB
        self._machine = StreamStateMachine()
        self._session: StreamSession | None = None
        self._last_frames = 0
        self._last_signature = b""
        self._fps = 0.0
        self._fps_mark = (0.0, 0)

    @property
    def session(self) -> StreamSession | None:
        return self._session

    def report(self) -> TileReport:
        return TileReport(self.index, self.camera, self.stream, self._machine.status, self._fps)

    def show(self, camera: Camera | None, stream: StreamKind = StreamKind.SUB) -> None:
        """Put ``camera`` on this tile (``None`` empties it), replacing whatever played before."""
        self._end_session()
        self.camera, self.stream = camera, stream
        self._machine = StreamStateMachine()
        self._fps = 0.0
        now = time.monotonic()
        if camera is None:
            self._machine.status = TileStatus(StreamState.OFFLINE, detail="empty", since=now)
        elif not camera.enabled:
            self._machine.disable(now)
        elif not camera.url_for(stream):
            self._machine.failed(now, OfflineReason.NOT_FOUND, "no stream URL in the register")
        else:
            self._connect(now)
        self._emit()

    def set_target_size(self, width: int, height: int) -> None:
        """Decode at about the tile's size: takes effect at the next (re)connect."""
        self.buffer.target = (max(16, width), max(16, height))

    def tick(self, now: float) -> None:
        """Watchdog: feed the state machine with what the pictures say, retry when due."""
        if self.camera is None or self._machine.status.state is StreamState.DISABLED:
            return
        before = self._machine.status
        if self._machine.retry_due(now):
            self._connect(now)
        elif self._session is not None:
            sample = self.buffer.sample()
            if sample is not None and sample.frames != self._last_frames:
                changed = sample.signature != self._last_signature
                self._last_frames, self._last_signature = sample.frames, sample.signature
                self._machine.frame(now, changed=changed, black=sample.luma < BLACK_LUMA and sample.peak < BLACK_PEAK)
            else:
                self._machine.tick(now)
            if self._machine.status.retry_at is not None:  # the watchdog gave up on this stream
                self._end_session()
            self._measure_fps(now)
        if self._machine.status != before:
            self._emit()

    def close(self) -> None:
        self._end_session()
        self.camera = None

    # --- internals -------------------------------------------------------------------------------
    def _connect(self, now: float) -> None:
        assert self.camera is not None
        self._end_session()
        camera, stream, resolve = self.camera, self.stream, self._resolve
        self.buffer = FrameBuffer(*self.buffer.target)
        self._last_frames, self._last_signature = 0, b""
        self._fps_mark = (now, 0)
        session = StreamSession(self._runtime, lambda: resolve(camera, stream), self.buffer, self._post, self._failed)
        self._session = session
        self._machine.connecting(now)
        session.start()

    def _failed(self, reason: OfflineReason, detail: str) -> None:
        if self._session is None:
            return
        log.info("tile %d %s: %s (%s)", self.index, self.camera.id if self.camera else "-", reason, detail)
        self._end_session()
        self._machine.failed(time.monotonic(), reason, detail)
        self._emit()

    def _end_session(self) -> None:
        if self._session is not None:
            self._session.stop()
            self._session = None

    def _measure_fps(self, now: float) -> None:
        t0, f0 = self._fps_mark
        if now - t0 >= 2.0:
            self._fps = (self.buffer.frames - f0) / (now - t0)
            self._fps_mark = (now, self.buffer.frames)

    def _emit(self) -> None:
        self._on_change(self.report())


class LiveWall:
    """The tiles of one wall and the half-second watchdog tick that serves them all."""

    TICK_S = 0.5

    def __init__(
        self,
        runtime: MediaRuntime,
        resolve_url: UrlResolver,
        loop: asyncio.AbstractEventLoop,
        on_change: Callable[[TileReport], None],
    ) -> None:
        self._runtime = runtime
        self._resolve = resolve_url
        self._loop = loop
        self._on_change = on_change
        self.tiles: list[TileController] = []
        self._task: asyncio.Task[None] | None = None

    def resize(self, count: int) -> None:
        """Have exactly ``count`` tiles; tiles that go away stop their streams at once."""
        while len(self.tiles) > count:
            self.tiles.pop().close()
        while len(self.tiles) < count:
            self.tiles.append(
                TileController(len(self.tiles), self._runtime, self._resolve, self._loop.call_soon_threadsafe,
                               self._on_change)
            )

    def start(self) -> None:
        if self._task is None:
            self._task = self._loop.create_task(self._run())

    async def _run(self) -> None:
        while True:
            now = time.monotonic()
            for tile in list(self.tiles):
                try:
                    tile.tick(now)
                except Exception:  # one broken tile must not stop the watchdog of the others
                    log.exception("watchdog tick failed for tile %d", tile.index)
            await asyncio.sleep(self.TICK_S)

    def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self.resize(0)

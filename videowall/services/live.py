"""Live tiles: which camera each tile plays, and the watchdog that keeps its state honest.

No Qt here. The UI asks for cameras on tiles and listens to :class:`TileReport` changes; the wall
ticks every half second on the app's asyncio loop, looks at each tile's pictures (arriving? changing?
black?) and restarts streams on their back-off schedule. A dead RTSP stream often raises no error
at all, so the pixels, not the connection, decide "live".
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from videowall.domain.access import Visibility
from videowall.domain.camera import Camera, StreamKind
from videowall.domain.stream_state import (
    Backoff,
    OfflineReason,
    StreamState,
    StreamStateMachine,
    TileStatus,
    WatchdogLimits,
)
from videowall.media.frames import FrameBuffer, Still
from videowall.media.ingest import IngestOptions
from videowall.media.ring import ring_dir
from videowall.media.runtime import MediaRuntime
from videowall.media.session import StreamSession
from videowall.services.last_picture import LastPicture
from videowall.services.stream_policy import DualStreamPolicy, ShownRatePolicy, StreamMode
from videowall.services.stream_return import ReturnWatch
from videowall.services.tile_guard import TileGuard

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
    first_live_s: float | None = None  # seconds from being shown to the first live picture
    history: tuple[tuple[float, str, str], ...] = ()  # (seconds since shown, state, reason) of recent changes
    last_picture_at: float | None = None  # wall-clock time of the kept last picture the tile shows dimmed
    reduced_fps: int | None = None  # pictures shown per second on a tile too small for all (None: all)


@dataclass
class _Pending:
    """A stream being switched to; the tile keeps painting the old one until this has a picture."""

    stream: StreamKind
    session: StreamSession
    buffer: FrameBuffer
    started: float
    rate: int | None = None


_BLOCKED = {Visibility.NOT_PERMITTED: (StreamState.NOT_PERMITTED, "not permitted"),
            Visibility.LOCKED: (StreamState.LOCKED, "console locked: sign in to see the cameras")}
# Held: the tile keeps decoding (no pre-event ring) so the guard gets first pictures and current stills,
# but reports this state and hands no picture to the painter or to snapshots.
_NO_PICTURE = frozenset({StreamState.OFFLINE, StreamState.DISABLED})  # nothing decoded: nothing to hold back
_HELD = {Visibility.QUARANTINED: (StreamState.QUARANTINED, "scene changed"),
         Visibility.NEEDS_REFERENCE: (StreamState.NEEDS_REFERENCE, "waiting for a supervisor to approve its view")}


class TileController:
    """One tile: its camera, its stream session and its state machine."""

    SWITCH_GIVE_UP_S = 8.0

    def __init__(
        self,
        index: int,
        runtime: MediaRuntime,
        resolve_url: UrlResolver,
        post: Callable[[Callable[[], None]], object],
        on_change: Callable[[TileReport], None],
        policy: DualStreamPolicy | None = None,
        buffer_root: Path | None = None,
        return_watch: ReturnWatch | None = None,
        backoff: Backoff | None = None,
        limits: WatchdogLimits | None = None,
    ) -> None:
        self.index = index
        self._backoff = backoff or Backoff()
        self._limits = limits or WatchdogLimits()  # when a picture is frozen, black or stalled (settings)
        self._watch = return_watch  # reconnects early when a probe sees the stream's endpoint back
        self.buffer_root = buffer_root  # when set, the ingest also keeps a pre-event segment ring
        self._runtime = runtime
        self._policy = policy or DualStreamPolicy()
        self._rates = ShownRatePolicy()
        self.rate: int | None = None  # the playing session's shown-rate cap
        self.mode = StreamMode.AUTO
        self._pending: _Pending | None = None
        self._resolve = resolve_url
        self._post = post
        self._on_change = on_change
        self.buffer = FrameBuffer()
        self.camera: Camera | None = None
        self.stream = StreamKind.SUB
        self._machine = StreamStateMachine(backoff=self._backoff, limits=self._limits)
        self._session: StreamSession | None = None
        self._last_frames = 0
        self._last_signature = b""
        self._fps = 0.0
        self._fps_mark = (0.0, 0)
        self._target = (640, 360)
        self._shown_at = 0.0
        self._first_live: float | None = None
        self._history: list[tuple[float, str, str]] = []
        self._held: TileStatus | None = None  # what a held tile reports instead of its stream's state
        self.guard: TileGuard | None = None
        self._viewing_since: float | None = None  # monotonic time guard.shown() was told; None: not viewing
        self._last_picture = LastPicture()  # kept while not live, see services/last_picture.py

    @property
    def session(self) -> StreamSession | None:
        return self._session

    def report(self) -> TileReport:
        status = self._status()
        still = self._last_picture.shown(status.state, self._held is not None)
        return TileReport(self.index, self.camera, self.stream, status, self._fps, self._first_live,
                          tuple(self._history), still.taken_at if still is not None else None, self.rate)

    @property
    def last_picture(self) -> Still | None:
        """The last picture, while the tile is not live and may show it (the tile paints it dimmed)."""
        return self._last_picture.shown(self._status().state, self._held is not None)

    def _status(self) -> TileStatus:
        """What the tile reports: a held tile's hold, except that a camera not sending any picture says why.

        "Needs reference" on a camera that cannot even be reached would hide the fault from the operator;
        only states in which no picture exists fall through (a held picture is never painted).
        """
        held, stream = self._held, self._machine.status
        if held is not None and held.state is StreamState.NEEDS_REFERENCE and stream.state in _NO_PICTURE:
            return replace(stream, detail=f"{stream.detail} (then needs an approved reference)".strip())
        return held or stream

    def show(self, camera: Camera | None, mode: StreamMode | StreamKind = StreamMode.AUTO) -> None:
        """Put ``camera`` on this tile (``None`` empties it), replacing whatever played before."""
        self._end_view()
        self._end_session()
        if self._watch is not None:
            self._watch.close()
        self.mode = StreamMode(mode.value)
        self.camera, self.stream = camera, self._wanted_stream(initial=True)
        self._machine = StreamStateMachine(backoff=self._backoff, limits=self._limits)
        self._held = None
        self._fps = 0.0
        now = time.monotonic()
        self._shown_at, self._first_live, self._history = now, None, []
        if camera is None:
            self._machine.status = TileStatus(StreamState.OFFLINE, detail="empty", since=now)
        elif self._block_if_needed(now):
            pass
        elif not camera.enabled:
            self._machine.disable(now)
        elif not camera.url_for(self.stream):
            self._machine.failed(now, OfflineReason.NOT_FOUND, "no stream URL in the register")
        else:
            self._hold(now)  # before the first picture: a held camera never paints
            self._connect(now)
            if self.guard is not None and self._held is None:
                self.guard.shown(camera)
                self._viewing_since = time.monotonic()
        self._emit()

    def set_target_size(self, width: int, height: int) -> None:
        """Decode at about the tile's size; the stream choice follows at the next tick."""
        self._target = (max(16, width), max(16, height))
        self.buffer.target = self._target

    def set_mode(self, mode: StreamMode) -> None:
        self.mode = mode  # the next tick switches stream if needed, without a black gap

    def _wanted_stream(self, initial: bool = False) -> StreamKind:
        if self.mode is StreamMode.MAIN:
            return StreamKind.MAIN
        if self.mode is StreamMode.SUB:
            return StreamKind.SUB
        width = self._target[0]
        return self._policy.initial(width) if initial else self._policy.choose(self.stream, width)

    def _wanted_rate(self, initial: bool = False) -> int | None:
        width, height = self._target
        return self._rates.initial(width, height) if initial else self._rates.choose(self.rate, width, height)

    def first_picture_pending(self) -> bool:
        """A stream's first picture has arrived and the watchdog has not seen it yet (the wall's paint
        poll then ticks at once: the tile turns live with its picture, not up to half a second later)."""
        return (self._session is not None and self._last_frames == 0 and self.buffer.frames > 0
                and self._machine.status.state.connecting)

    def tick(self, now: float) -> None:
        """Watchdog: feed the state machine with what the pictures say, retry when due."""
        if self.camera is None or self._machine.status.state is StreamState.DISABLED:
            return
        if self._guard_tick(now):
            return
        before = self._machine.status
        self._advance_switch(now)
        self._watch_for_return(now)
        if self._machine.retry_due(now):
            self.stream = self._wanted_stream()
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
            self._inspect(now)
            if self._held is None:
                self._hold(now)  # quarantined just now: blank at once, not at the next tick
        if self._machine.status != before:
            self._emit()

    def close(self) -> None:
        self._end_view()
        self._end_session()
        if self._watch is not None:
            self._watch.close()
        self.camera = None

    def _watch_for_return(self, now: float) -> None:
        """During a back-off wait, let the return watch end it early when the endpoint answers again."""
        watch, status, camera = self._watch, self._machine.status, self.camera
        if watch is None or camera is None:
            return
        if status.state is StreamState.LIVE:
            watch.live()
            return
        if status.retry_at is None or self._session is not None:
            return
        stream, resolve = self.stream, self._resolve
        if watch.due(now, status.retry_at, status.reason, lambda: resolve(camera, stream)):
            log.info("tile %d %s: the stream answers again; reconnecting before the back-off ends",
                     self.index, camera.id)
            self._machine.retry_now(now)

    def snapshot(self) -> tuple[bytes, int, int] | None:
        """A copy of the newest picture as BGRA bytes with its size (for snapshots and bookmarks)."""
        if self._held is not None:
            return None
        with self.buffer.reading() as buf:
            if buf is None:
                return None
            return buf.tobytes(), buf.shape[1], buf.shape[0]

    # --- dual streams ----------------------------------------------------------------------------
    def _advance_switch(self, now: float) -> None:
        """Start a switch when the tile's size (or mode) wants the other stream; finish it on a picture."""
        pending = self._pending
        if pending is None:
            wanted, rate = self._wanted_stream(), self._wanted_rate()
            if ((wanted is not self.stream or rate != self.rate) and self._session is not None
                    and self.camera is not None and self._machine.status.state is StreamState.LIVE):
                self._start_switch(wanted, rate, now)
            return
        if pending.buffer.frames > 0:  # the new stream shows a picture: swap without a black gap
            old = self._session
            self._session, self.buffer, self.stream = pending.session, pending.buffer, pending.stream
            self.rate = pending.rate
            self._pending = None
            self._last_frames, self._last_signature = 0, b""
            self._fps_mark = (now, 0)
            if old is not None:
                old.stop()
            self._emit()
        elif now - pending.started > self.SWITCH_GIVE_UP_S:
            log.info("tile %d: %s stream gave no picture; staying on %s", self.index, pending.stream, self.stream)
            pending.session.stop()
            self._pending = None

    def _start_switch(self, stream: StreamKind, rate: int | None, now: float) -> None:
        assert self.camera is not None
        camera, resolve = self.camera, self._resolve
        buffer = self._new_buffer()
        pending = _Pending(stream, None, buffer, now, rate)  # type: ignore[arg-type]

        def failed(_reason: OfflineReason, _detail: str) -> None:
            if self._pending is pending:
                pending.session.stop()
                self._pending = None

        pending.session = StreamSession(self._runtime, lambda: resolve(camera, stream), buffer, self._post, failed,
                                        self._ingest_options(camera, stream), shown_fps=rate)
        self._pending = pending
        pending.session.start()

    def prewarm(self, camera: Camera, hold_s: float) -> None:
        """Connect ``camera``'s feed ahead of showing it here (a tour's next step), for ``hold_s``."""
        stream, resolve, options = self.stream, self._resolve, self._ingest_options(camera, self.stream)
        self._runtime.submit(lambda: self._runtime.feeds.prewarm(lambda: resolve(camera, stream), options, hold_s))

    # --- internals -------------------------------------------------------------------------------
    def _connect(self, now: float) -> None:
        assert self.camera is not None
        self._end_session()
        camera, stream, resolve = self.camera, self.stream, self._resolve
        self.buffer = self._new_buffer()
        self._last_frames, self._last_signature = 0, b""
        self._fps_mark = (now, 0)
        self.rate = self._wanted_rate(initial=True)
        session = StreamSession(self._runtime, lambda: resolve(camera, stream), self.buffer, self._post, self._failed,
                                self._ingest_options(camera, stream), shown_fps=self.rate)
        self._session = session
        self._machine.connecting(now)
        session.start()

    # --- privacy and access --------------------------------------------------------------------------
    def _new_buffer(self) -> FrameBuffer:
        """A buffer with the camera's masks set before its first picture: no unmasked frame ever."""
        buffer = FrameBuffer(*self._target)
        if self.guard is not None and self.camera is not None:
            buffer.set_masks(self.guard.masks_for(self.camera.id))
        return buffer

    def _block_if_needed(self, now: float) -> bool:
        """Quarantined or not permitted: no stream, no picture, just the state. True when blocked."""
        if self.guard is None or self.camera is None:
            return False
        blocked = _BLOCKED.get(self.guard.visibility(self.camera))
        if blocked is None:
            return False
        self._end_view()
        self._end_session()
        self.buffer = FrameBuffer(*self._target)  # forget the last picture too
        self._held = None
        self._machine.status = TileStatus(blocked[0], detail=blocked[1], since=now)
        return True

    def _hold(self, now: float) -> bool:
        """Hold the tile when the guard says so: no painting from now on; a shown stream restarts without
        its ring. True when held."""
        held = _HELD.get(self.guard.visibility(self.camera)) if self.guard and self.camera else None
        if held is None or (self._held is not None and self._held.state is held[0]):
            return held is not None
        was_shown, self._held = self._held is None, TileStatus(held[0], detail=held[1], since=now)
        log.info("tile %d %s: held (%s)", self.index, self.camera.id if self.camera else "-", held[1])
        self._end_view()
        if was_shown and self._session is not None and self.buffer_root is not None:
            self._connect(now)
        self._emit()
        return True

    def _guard_tick(self, now: float) -> bool:
        """Apply quarantine / permission / mask changes; True when the tile is blocked."""
        guard, camera = self.guard, self.camera
        if guard is None or camera is None:
            return False
        state = self._machine.status.state
        blocked = _BLOCKED.get(guard.visibility(camera))
        if blocked is not None:
            if state is not blocked[0]:
                log.info("tile %d %s: %s", self.index, camera.id, blocked[1])
                self._block_if_needed(now)
                self._emit()
            return True
        released = not self._hold(now) and self._held is not None
        if released or state in (StreamState.NOT_PERMITTED, StreamState.LOCKED):  # released: play again
            self.show(camera, self.mode)
            return True
        masks = guard.masks_for(camera.id)
        if self.buffer.masks != masks:
            self.buffer.set_masks(masks)
        if self._pending is not None and self._pending.buffer.masks != masks:
            self._pending.buffer.set_masks(masks)
        return False

    def _inspect(self, now: float) -> None:
        if self.guard is None or self.camera is None:
            return
        if self._machine.status.state is StreamState.LIVE:
            buffer = self.buffer  # bound now: a later camera on this tile is never this camera's picture
            self.guard.inspect(self.camera.id, lambda: _copy_of(buffer), now)
        else:
            self.guard.not_live(self.camera.id)

    def _ingest_options(self, camera: Camera, stream: StreamKind) -> IngestOptions | None:
        if self.buffer_root is None or self._held is not None:
            return None
        return IngestOptions(buffer_dir=ring_dir(self.buffer_root, camera.id, stream.value))

    def _failed(self, reason: OfflineReason, detail: str) -> None:
        if self._session is None:
            return
        log.info("tile %d %s: %s (%s)", self.index, self.camera.id if self.camera else "-", reason, detail)
        self._end_session()
        self._machine.failed(time.monotonic(), reason, detail)
        self._emit()

    def _end_view(self) -> None:
        """The tile stops showing its camera (another camera, closed, blocked): the guard audits the end."""
        since, self._viewing_since = self._viewing_since, None
        if since is not None and self.guard is not None and self.camera is not None:
            self.guard.hidden(self.camera, time.monotonic() - since)

    def _end_session(self) -> None:
        if self._pending is not None:
            self._pending.session.stop()
            self._pending = None
        if self._session is not None:
            self._session.stop()
            self._session = None

    def _measure_fps(self, now: float) -> None:
        t0, f0 = self._fps_mark
        if now - t0 >= 2.0:
            self._fps = (self.buffer.frames - f0) / (now - t0)
            self._fps_mark = (now, self.buffer.frames)

    def _emit(self) -> None:
        status = self._status()
        last = self._history[-1] if self._history else None
        reason = status.reason.value if status.reason else ""
        if last is None or (last[1], last[2]) != (status.state.value, reason):
            self._last_picture.follow(last[1] if last else None, status.state, self.buffer, self._held is not None)
            elapsed = round(time.monotonic() - self._shown_at, 2)
            self._history = [*self._history[-31:], (elapsed, status.state.value, reason)]
            if status.state is StreamState.LIVE and self._first_live is None:
                self._first_live = elapsed
        self._on_change(self.report())


def _copy_of(buffer: FrameBuffer) -> np.ndarray | None:
    with buffer.reading() as buf:
        return None if buf is None else buf.copy()

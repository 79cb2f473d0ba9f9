"""``PtzController``: one camera's PTZ state and the pacing of its commands.

A joystick produces dozens of velocity changes a second; a camera wants a few commands, in order,
and above all a Stop when the operator lets go. So ``move()`` only records the wish and a single
sender task sends at most one ContinuousMove per ``min_interval`` with the latest velocity;
``release()`` jumps the queue (after the command in flight) and is always sent, retried once.

Dead-man safety: every ContinuousMove carries an ONVIF ``Timeout`` (``move_timeout``, 1 s), and while
the operator holds the control the sender re-sends the same velocity every ``move_timeout / 2``. So a
console (or ``videowall ptz``) that dies, hangs or loses the network leaves a camera that stops by
itself within ``move_timeout`` of the last command. A camera that refuses the Timeout element gets
moves without it (noted once: then only our Stop stops it).

All camera traffic goes through one lock so commands never overtake each other. ``move`` and
``release`` never block and never raise: their failures land in ``last_error``, which the UI shows.
The backend is a protocol (``OnvifClient`` in production, a small fake in unit tests); local presets
come through a store protocol so this layer stays free of SQLite.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Protocol, TypeVar

from videowall.domain.ptz import (
    UNKNOWN_POSITION,
    FieldOfView,
    KnownPosition,
    MoveRateLimit,
    Position,
    PositionSource,
    Preset,
    PresetSource,
    PtzCapabilities,
    Velocity,
    box_zoom_delta,
    centre_delta,
)
from videowall.domain.ptz_lock import PtzLock
from videowall.ptz.errors import OnvifBadReply, OnvifFault, PositionUnknown, PtzError, PtzUnsupported

log = logging.getLogger(__name__)
T = TypeVar("T")

#: Seconds a camera keeps moving after our last ContinuousMove (its ONVIF Timeout); re-sent at half of it.
DEFAULT_MOVE_TIMEOUT = 1.0


class PtzBackend(Protocol):
    """The camera side: ``OnvifClient`` implements it. Commands return a note or None."""

    async def capabilities(self) -> PtzCapabilities: ...
    async def continuous_move(self, velocity: Velocity, timeout: float | None = None) -> str | None: ...
    async def stop(self) -> str | None: ...
    async def absolute_move(self, position: Position) -> str | None: ...
    async def relative_move(self, delta: Position) -> str | None: ...
    async def goto_home(self) -> str | None: ...
    async def get_status(self) -> Position: ...
    async def get_presets(self) -> list[Preset]: ...
    async def goto_preset(self, token: str) -> str | None: ...
    async def set_preset(self, name: str) -> str: ...
    async def remove_preset(self, token: str) -> str | None: ...
    async def close(self) -> None: ...


class LocalPresetStore(Protocol):
    """Presets we keep ourselves for one camera (for cameras that cannot list or store them)."""

    async def list(self) -> list[Preset]: ...
    async def save(self, name: str, position: Position, source: PositionSource) -> None: ...
    async def remove(self, name: str) -> None: ...


class _Stop:
    """Marker for a pending Stop in the velocity slot."""


_STOP = _Stop()


class _NotSent(Exception):
    """A queued call was dropped before it went out (see ``PtzController._send``)."""


class PtzController:
    """Stateful PTZ for one camera; create inside a running asyncio loop."""

    def __init__(self, backend: PtzBackend, *, local_presets: LocalPresetStore | None = None,
                 min_interval: float = 0.12, on_change: Callable[[], None] | None = None,
                 move_timeout: float | None = DEFAULT_MOVE_TIMEOUT) -> None:
        self.backend = backend
        self.move_timeout = move_timeout  # ONVIF Timeout of each ContinuousMove; None: none sent
        self.timeout_refused: PtzError | None = None  # the camera faulted on the Timeout element
        self.local_presets = local_presets
        self.capabilities = PtzCapabilities()
        self.last_error: PtzError | None = None
        self.successes = 0  # camera calls that went through; one after ``last_error`` means it recovered
        self._successes_at_error = 0
        self.notes: deque[str] = deque(maxlen=20)
        self.known: KnownPosition = UNKNOWN_POSITION
        self.status_error: PtzError | None = None  # set once GetStatus proved unusable
        self.presets_error: PtzError | None = None  # set once GetPresets proved unusable
        self.relative_error: PtzError | None = None  # set once RelativeMove proved unusable
        self.fov = FieldOfView()  # the picture's span in pan/tilt units, for click-to-centre
        self._on_change = on_change
        self._limit = MoveRateLimit(min_interval)
        self._wire = asyncio.Lock()
        self._pending: Velocity | _Stop | None = None
        self._sent: Velocity | None = None  # velocity the camera is moving at, as far as we know
        self._wake = asyncio.Event()
        self._idle = asyncio.Event()  # set while nothing asked for is still unsent (holding counts as idle)
        self._idle.set()
        self._sender: asyncio.Task[None] | None = None
        self.sent_log: deque[tuple[float, str]] = deque(maxlen=200)  # (loop time, operation), for the UI/tests
        # Set at the operator's first movement request, before anything is sent: the privacy guard blanks a
        # masked PTZ camera from then on until it is back home (services/ptz_views.py).
        self.has_moved = False

    # -- state --------------------------------------------------------------------------------------

    @property
    def moving(self) -> bool:
        return self._sent is not None

    @property
    def in_motion(self) -> bool:
        """Moving, or a movement asked for and not yet sent."""
        return self._sent is not None or isinstance(self._pending, Velocity)

    def _moving_on(self) -> None:
        if not self.has_moved:
            self.has_moved = True
            self._changed()

    @property
    def current_error(self) -> PtzError | None:
        """``last_error`` while it is news: None once a later camera call went through (it recovered)."""
        if self.last_error is not None and self.successes == self._successes_at_error:
            return self.last_error
        return None

    @property
    def busy(self) -> bool:
        return self._sender is not None and not self._sender.done()

    def _changed(self) -> None:
        if self._on_change is not None:
            try:
                self._on_change()
            except Exception:  # a listener bug must not break PTZ
                log.exception("PTZ change listener failed")

    async def _send(self, operation: str, factory: Callable[[], Awaitable[T]], *,
                    still: Callable[[], bool] | None = None, tolerated: tuple[type[PtzError], ...] = (),
                    note: bool = True) -> T:
        """One camera call under the wire lock; records the outcome for the status line.

        ``still``: checked once the wire is ours; False drops the call (``_NotSent``), as when a held
        move's refresh finds that a positioned move or a Stop went out while it waited. ``tolerated``:
        failures the caller works around (a GetPresets that does not parse: local presets); raised, but
        not the operator's ``last_error``. ``note``: a text result is a note for the operator (False: it is
        data, such as SetPreset's token).
        """
        async with self._wire:
            if still is not None and not still():
                raise _NotSent(operation)
            self.sent_log.append((asyncio.get_running_loop().time(), operation))
            try:
                result = await factory()
            except PtzError as exc:
                if isinstance(exc, tolerated):
                    raise
                self.last_error = exc
                self._successes_at_error = self.successes
                self._changed()
                raise
            self.successes += 1
        if note and isinstance(result, str) and result:
            self.notes.append(result)
        self._changed()
        return result

    # -- probing ------------------------------------------------------------------------------------

    async def probe(self) -> PtzCapabilities:
        self.capabilities = await self._send("capabilities", self.backend.capabilities)
        return self.capabilities

    # -- continuous movement (non-blocking) -------------------------------------------------------------

    def move(self, velocity: Velocity) -> None:
        """Ask for this velocity; sent within ``min_interval``, superseded by any later wish."""
        velocity = velocity.clamped()
        if velocity.is_zero:
            self.release()
            return
        self._pending = velocity
        self._idle.clear()
        self._moving_on()
        self._wake.set()
        self._kick()

    def release(self) -> None:
        """The operator let go: a Stop goes out after the command in flight, whatever came before."""
        self._pending = _STOP
        self._idle.clear()
        self._wake.set()
        self._kick()

    def _kick(self) -> None:
        if self._sender is None or self._sender.done():
            self._sender = asyncio.get_running_loop().create_task(self._run_sender(), name="ptz-sender")

    async def settle(self) -> None:
        """Wait until every pending movement command has gone out (tests, CLI, shutdown).

        A held move counts as settled once sent: its refreshes go on until ``release``.
        """
        while self.busy and not self._idle.is_set():
            await self._idle.wait()

    @property
    def refresh_interval(self) -> float | None:
        """While held, the same ContinuousMove is re-sent this often (before the camera's Timeout runs out)."""
        if self.move_timeout is None or self.timeout_refused is not None:
            return None
        return max(self._limit.interval, self.move_timeout / 2)

    async def _wait_wake(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; True if ``move``/``release`` woke us first."""
        self._wake.clear()
        try:
            await asyncio.wait_for(self._wake.wait(), seconds)
        except TimeoutError:
            return False
        return True

    async def _run_sender(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            await self._sender_loop(loop)
        finally:
            self._idle.set()

    async def _sender_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        while True:
            want = self._pending
            if want is None:
                self._idle.set()
                refresh = self.refresh_interval
                if self._sent is None or refresh is None:
                    return
                # Held: nothing new asked for. Re-send before the camera's own Timeout stops it.
                last = self._limit.last_sent or 0.0
                quiet = refresh - (loop.time() - last)
                if quiet > 0 and await self._wait_wake(quiet):
                    continue
                if self._pending is not None or self._sent is None:
                    continue
                want, force = self._sent, True
            else:
                force = False
            if isinstance(want, _Stop):
                self._pending = None
                await self._send_stop()
                continue
            delay = self._limit.wait_for(loop.time())
            if delay > 0:
                await self._wait_wake(delay)  # a later wish or a release replaces this one
                continue
            if not force:
                self._pending = None
                if self._sent is not None and want.close_to(self._sent):
                    continue
            self._limit.mark_sent(loop.time())
            try:
                if not await self._send_move(want, refresh=force):
                    continue  # a positioned move or a Stop took over while this refresh waited
                self._sent = want
                self.known = KnownPosition(None, PositionSource.UNKNOWN)
            except PtzError as exc:
                log.warning("PTZ move failed: %s", exc)
                if force:  # a failed refresh: the camera stops by its Timeout; do not hammer it
                    self._sent = None

    async def _send_move(self, velocity: Velocity, *, refresh: bool = False) -> bool:
        """One ContinuousMove; a refresh goes out only if the camera should still move that way (False: not sent)."""
        timeout = self.move_timeout if self.timeout_refused is None else None
        still = (lambda: self._sent == velocity and self._pending is None) if refresh else None
        try:
            await self._send("ContinuousMove", lambda: self.backend.continuous_move(velocity, timeout), still=still)
        except _NotSent:
            return False
        except (OnvifFault, PtzUnsupported) as exc:
            if timeout is None:
                raise
            # Some cameras reject the optional Timeout element: move without it, and say so once.
            self.timeout_refused = exc
            self.notes.append(f"the camera refused a ContinuousMove Timeout ({exc}); it stops only on our Stop")
            await self._send("ContinuousMove", lambda: self.backend.continuous_move(velocity, None))
        return True

    async def _send_stop(self) -> None:
        for attempt in (1, 2):
            try:
                await self._send("Stop", self.backend.stop)
                self._sent = None
                self._limit.mark_sent(asyncio.get_running_loop().time())
                return
            except PtzError as exc:
                log.warning("PTZ stop failed (attempt %d): %s", attempt, exc)
                if isinstance(exc, PtzUnsupported):
                    return
                await asyncio.sleep(0.2)

    async def stop(self) -> None:
        """Stop now and wait until the Stop has been sent."""
        self.release()
        await self.settle()

    # -- positioned movement ----------------------------------------------------------------------------

    def _drop_pending_moves(self) -> None:
        """A positioned move replaces any continuous one: nothing pending, and no refresh of the held one."""
        if isinstance(self._pending, Velocity):
            self._pending = None
        self._sent = None

    async def absolute_move(self, position: Position) -> None:
        self._drop_pending_moves()
        self._moving_on()
        target = position.clamped()
        await self._send("AbsoluteMove", lambda: self.backend.absolute_move(target))
        self._sent = None
        self.known = KnownPosition(target, PositionSource.COMMANDED)
        self._changed()

    async def relative_move(self, delta: Position) -> None:
        self._drop_pending_moves()
        self._moving_on()
        await self._send("RelativeMove", lambda: self.backend.relative_move(delta))
        base = self.known.position
        if base is not None and self.known.source is PositionSource.COMMANDED:
            moved = Position(base.pan + delta.pan, base.tilt + delta.tilt, base.zoom + delta.zoom).clamped()
            self.known = KnownPosition(moved, PositionSource.COMMANDED)
        else:
            self.known = UNKNOWN_POSITION
        self._changed()

    async def centre_on(self, fx: float, fy: float) -> Position:
        """Bring picture point (fx, fy) (-1..1, right and up positive) to the middle; returns the pan/tilt step.

        RelativeMove by the step the field of view gives; a camera that refuses RelativeMove gets an
        AbsoluteMove from its known position instead (GetStatus, else the last absolute target).
        """
        base = self.known.position
        delta = centre_delta(fx, fy, base.zoom if base is not None else 0.0, self.fov)
        return await self._step_view(delta, "centre", "click-to-centre")

    async def zoom_to_box(self, fx: float, fy: float, box_w: float, box_h: float) -> Position:
        """Show the box drawn on the picture (centre fx, fy; size as fractions of the picture): one RelativeMove
        to its centre with the zoom that fills the picture with it, else an AbsoluteMove from the known
        position (as ``centre_on``). Returns the step."""
        base = self.known.position
        delta = box_zoom_delta(fx, fy, box_w, box_h, base.zoom if base is not None else 0.0, self.fov)
        return await self._step_view(delta, "zoom to box", "zoom to a box")

    async def _step_view(self, delta: Position, operation: str, gesture: str) -> Position:
        """Move the view by ``delta``: RelativeMove while the camera takes it, else AbsoluteMove from the known
        position (once refused, RelativeMove is not tried again and the operator is told once)."""
        if self.capabilities.relative and self.relative_error is None:
            try:
                await self.relative_move(delta)
                return delta
            except (PtzUnsupported, OnvifFault) as exc:
                self.relative_error = exc
                self.notes.append(f"{exc}; {gesture} uses AbsoluteMove from the known position")
        known = await self.refresh_position()
        if known.position is None:
            raise PositionUnknown(operation, "the camera takes no RelativeMove and does not report its position")
        here = known.position
        await self.absolute_move(Position(here.pan + delta.pan, here.tilt + delta.tilt, here.zoom + delta.zoom))
        return delta

    async def goto_home(self) -> None:
        self._drop_pending_moves()
        self._moving_on()
        await self._send("GotoHomePosition", self.backend.goto_home)
        self._sent = None
        self.known = KnownPosition(None, PositionSource.HOME)
        self._changed()

    async def refresh_position(self) -> KnownPosition:
        """Ask the camera (GetStatus) unless it proved unable; else keep what we commanded."""
        if self.status_error is None:
            try:
                position = await self._send("GetStatus", self.backend.get_status,
                                            tolerated=(OnvifBadReply, PtzUnsupported))
            except (OnvifBadReply, PtzUnsupported) as exc:
                self.status_error = exc
            else:
                self.known = KnownPosition(position, PositionSource.STATUS)
                self._changed()
        return self.known

    # -- presets ------------------------------------------------------------------------------------------

    async def presets(self) -> list[Preset]:
        """Camera presets (if it can list them) followed by the local ones."""
        out: list[Preset] = []
        if self.capabilities.presets and self.presets_error is None:
            try:
                out.extend(await self._send("GetPresets", self.backend.get_presets,
                                            tolerated=(OnvifBadReply, PtzUnsupported)))
            except (OnvifBadReply, PtzUnsupported) as exc:
                self.presets_error = exc
                self.notes.append(f"{exc}; using local presets")
        if self.local_presets is not None:
            out.extend(await self.local_presets.list())
        return out

    async def goto_preset(self, preset: Preset) -> None:
        if preset.source is PresetSource.LOCAL:
            if preset.position is None:
                raise PositionUnknown("goto preset", f"local preset {preset.name!r} has no position")
            await self.absolute_move(preset.position)
            return
        if not preset.token:
            raise PtzUnsupported("GotoPreset", f"camera preset {preset.name!r} has no token")
        self._drop_pending_moves()
        self._moving_on()
        token = preset.token
        await self._send("GotoPreset", lambda: self.backend.goto_preset(token))
        self._sent = None
        self.known = KnownPosition(preset.position, PositionSource.COMMANDED) if preset.position else UNKNOWN_POSITION
        self._changed()

    @property
    def lost_to(self) -> PtzLock | None:
        """The lock of the console that took this camera over (a controller without a lock never loses it)."""
        return None

    @property
    def camera_presets(self) -> bool:
        """Presets are kept on the camera (it lists them and nothing proved that broken)."""
        return self.capabilities.presets and self.presets_error is None

    async def save_preset(self, name: str) -> Preset:
        """SetPreset on the camera where it keeps presets (no position needed); else a local preset."""
        if not self.camera_presets:
            return await self.save_local_preset(name)
        await self.settle()
        token = await self._send("SetPreset", lambda: self.backend.set_preset(name), note=False)
        if not token:
            raise OnvifBadReply("SetPreset", "no PresetToken in the reply")
        self.notes.append(f"preset {name!r} saved on the camera (token {token})")
        self._changed()
        return Preset(name, PresetSource.CAMERA, token, self.known.position)

    async def save_local_preset(self, name: str) -> Preset:
        """Store the current position locally; refuses (PositionUnknown) rather than guess one."""
        if self.local_presets is None:
            raise PtzUnsupported("save local preset", "no local preset store")
        await self.settle()
        known = await self.refresh_position()
        if known.position is None:
            why = f"{self.status_error}" if self.status_error else "GetStatus gave no position"
            error = PositionUnknown("save preset", f"{why}; and the camera moved since the last absolute move")
            self.last_error = error
            self._successes_at_error = self.successes
            self._changed()
            raise error
        await self.local_presets.save(name, known.position, known.source)
        self.notes.append(f"preset {name!r} saved locally; position {known.source.value}")
        self._changed()
        return Preset(name, PresetSource.LOCAL, None, known.position)

    async def remove_preset(self, preset: Preset) -> None:
        if preset.source is PresetSource.LOCAL:
            if self.local_presets is not None:
                await self.local_presets.remove(preset.name)
        elif preset.token:
            token = preset.token
            await self._send("RemovePreset", lambda: self.backend.remove_preset(token))
        self._changed()

    async def close(self) -> None:
        """Stop the camera if we set it moving, then close the connection."""
        if self.moving or self.busy:
            self.release()
            with contextlib.suppress(TimeoutError, PtzError):
                await asyncio.wait_for(self.settle(), 3.0)
        await self.backend.close()

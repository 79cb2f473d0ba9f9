"""What a tile tells the operator about its stream, and the rules that move it between states.

The rules are pure: the media layer reports facts (connected, a frame arrived, the process died
with a reason, the picture is black) with a timestamp, and :class:`StreamStateMachine` decides what
the operator sees and when to retry. Keeping time explicit makes every rule testable without sleeping.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from enum import StrEnum


class StreamState(StrEnum):
    CONNECTING = "connecting"
    LIVE = "live"
    RECONNECTING = "reconnecting"
    OFFLINE = "offline"
    NO_VIDEO = "no_video"  # connected, frames arrive, but the picture is all black
    FROZEN = "frozen"  # connected, but no new picture for a while
    DISABLED = "disabled"  # service status off in the register: never connected
    QUARANTINED = "quarantined"  # the view changed (moved, covered): blocked until a supervisor decides
    NEEDS_REFERENCE = "needs_reference"  # no approved scene reference yet: decoded, never shown, until approved
    NOT_PERMITTED = "not_permitted"  # the signed-in role may not see this camera
    LOCKED = "locked"  # the console is locked: nothing is shown until someone signs in

    # What a state means for the people watching; every part (tile, alerts, tours, presentation,
    # the camera tree) asks these instead of keeping its own set.
    @property
    def dark(self) -> bool:
        """A fault: the camera's current scene does not reach the wall (no stream, a black or frozen
        picture, a view that moved). Alerts raise on it and tours skip it."""
        return self in _DARK

    @property
    def blocked(self) -> bool:
        """Withheld by rule, not by a fault: nothing of this camera is shown (and none is fetched, but for
        a view decoded to be checked against its reference); the watchdog leaves such a tile alone."""
        return self in _BLOCKED

    @property
    def shows_nothing(self) -> bool:
        """The tile shows nothing of the scene, by fault or by rule: a tour skips the camera."""
        return self.dark or self.blocked

    @property
    def withheld_from_audience(self) -> bool:
        """Covered at once on a presentation (made private or quarantined mid-briefing)."""
        return self in (StreamState.NOT_PERMITTED, StreamState.QUARANTINED)

    @property
    def paints_picture(self) -> bool:
        """The tile paints its stream's newest picture (possibly dimmed, black or stale)."""
        return self in _PAINTS

    @property
    def shows_last_picture(self) -> bool:
        """Not live, but the tile may keep showing its last picture, dimmed ("last picture 14:02")."""
        return self in _LAST_PICTURE

    @property
    def connecting(self) -> bool:
        return self in (StreamState.CONNECTING, StreamState.RECONNECTING)

    @property
    def has_headline(self) -> bool:
        """The tile says its state in large letters (not while live or first connecting)."""
        return self not in (StreamState.LIVE, StreamState.CONNECTING)


_DARK = frozenset({StreamState.OFFLINE, StreamState.NO_VIDEO, StreamState.FROZEN, StreamState.QUARANTINED})
_BLOCKED = frozenset({StreamState.DISABLED, StreamState.QUARANTINED, StreamState.NOT_PERMITTED, StreamState.LOCKED,
                      StreamState.NEEDS_REFERENCE})
_PAINTS = frozenset({StreamState.LIVE, StreamState.FROZEN, StreamState.NO_VIDEO, StreamState.RECONNECTING,
                     StreamState.CONNECTING})
# Held and blocked states never show a picture; "no video" has a black one of its own.
_LAST_PICTURE = frozenset({StreamState.RECONNECTING, StreamState.OFFLINE, StreamState.FROZEN, StreamState.CONNECTING,
                           StreamState.NO_VIDEO})


class OfflineReason(StrEnum):
    REFUSED = "refused"
    NOT_FOUND = "not_found"
    TIMEOUT = "timeout"
    AUTH = "authentication"
    UNSUPPORTED = "unsupported_codec"
    ENDED = "stream_ended"
    NO_DATA = "no_data"
    ERROR = "error"

    @property
    def permanent(self) -> bool:
        """Errors that a retry will not cure soon; they are retried at the cap, not quickly."""
        return self in (OfflineReason.NOT_FOUND, OfflineReason.AUTH, OfflineReason.UNSUPPORTED)


RECONNECT_CAP_KEY = "reconnect_max_s"  # the setting for Backoff.cap
DEFAULT_RECONNECT_CAP_S = 30.0


@dataclass(frozen=True, slots=True)
class Backoff:
    """Exponential back-off with full jitter, capped, so a city of cameras does not retry in lockstep."""

    initial: float = 1.0
    factor: float = 2.0
    cap: float = DEFAULT_RECONNECT_CAP_S
    jitter: float = 0.3  # +- fraction of the delay

    def delay(self, attempt: int, rng: random.Random | None = None) -> float:
        base = min(self.cap, self.initial * self.factor ** max(0, attempt - 1))
        r = (rng or random).uniform(-self.jitter, self.jitter)
        return max(0.2, min(self.cap, base * (1.0 + r)))


@dataclass(frozen=True, slots=True)
class WatchdogLimits:
    first_frame_timeout: float = 12.0  # connecting this long with no picture: give up and retry
    stall_after: float = 5.0  # no new (or no different) picture this long while connected: frozen
    stall_reconnect_after: float = 10.0  # no data at all this long: reconnect (dead streams often say nothing)
    black_after: float = 3.0  # picture black this long: no video


@dataclass(frozen=True, slots=True)
class TileStatus:
    """Everything a tile shows about its stream; immutable so it can cross threads."""

    state: StreamState
    reason: OfflineReason | None = None
    detail: str = ""
    retry_at: float | None = None  # monotonic time of the next attempt, for the countdown
    attempt: int = 0
    since: float = 0.0


@dataclass
class StreamStateMachine:
    """Turns stream facts into :class:`TileStatus` values; one per shown stream."""

    backoff: Backoff = field(default_factory=Backoff)
    limits: WatchdogLimits = field(default_factory=WatchdogLimits)
    rng: random.Random = field(default_factory=random.Random)
    status: TileStatus = field(default_factory=lambda: TileStatus(StreamState.CONNECTING))
    _connected_at: float = 0.0
    _last_frame: float | None = None
    _last_change: float | None = None
    _black_since: float | None = None
    _ever_live: bool = False

    def disable(self, now: float) -> TileStatus:
        return self._set(TileStatus(StreamState.DISABLED, detail="service status off", since=now))

    def connecting(self, now: float) -> TileStatus:
        self._connected_at = now
        self._last_frame = self._last_change = self._black_since = None
        last = self.status
        if last.attempt == 0:
            return self._set(TileStatus(StreamState.CONNECTING, since=now))
        # A stream failing for a lasting reason still says so while the retry runs: a briefing's "why" is
        # "not found", not "reconnecting". Any other attempt says only that it is under way.
        if last.reason is not None and self._lasting(last.reason):
            return self._set(replace(last, state=StreamState.RECONNECTING, retry_at=None, since=now))
        return self._set(TileStatus(StreamState.RECONNECTING, attempt=last.attempt, since=now))

    def _lasting(self, reason: OfflineReason) -> bool:
        """A 404 or 401 on a stream that played here before is a camera or server restarting, not a wrong
        URL: only a stream that never played fails for a lasting ("permanent") reason."""
        return reason.permanent and not self._ever_live

    def frame(self, now: float, *, changed: bool, black: bool) -> TileStatus:
        """A picture arrived; ``changed`` says it differs from the one before, ``black`` that it is dark."""
        self._last_frame = now
        if changed or self._last_change is None:
            self._last_change = now
        if black:
            self._black_since = self._black_since if self._black_since is not None else now
        else:
            self._black_since = None
        return self.tick(now)

    def failed(self, now: float, reason: OfflineReason, detail: str = "") -> TileStatus:
        """The stream ended or could not start: schedule the next attempt."""
        attempt = self.status.attempt + 1
        permanent = self._lasting(reason)  # else retried on the normal schedule
        delay = self.backoff.delay(attempt, self.rng)
        if permanent:  # not worth hammering, but a path that comes back should not wait a whole cap
            delay = min(self.backoff.cap, max(self.backoff.cap / 3, delay))
        state = StreamState.OFFLINE if permanent or attempt > 2 else StreamState.RECONNECTING
        return self._set(TileStatus(state, reason, detail, retry_at=now + delay, attempt=attempt, since=now))

    def tick(self, now: float) -> TileStatus:
        """Re-evaluate with the clock: stalls, black pictures and the first-frame timeout."""
        s = self.status
        if s.state.blocked or s.retry_at is not None:
            return s
        if self._last_frame is None:
            if now - self._connected_at > self.limits.first_frame_timeout:
                return self.failed(now, OfflineReason.NO_DATA, "no picture received")
            return s
        if now - self._last_frame > self.limits.stall_reconnect_after:
            return self.failed(now, OfflineReason.NO_DATA, "stream stalled; reconnecting")
        if now - self._last_frame > self.limits.stall_after:
            return self._set(replace(s, state=StreamState.FROZEN, reason=None, detail="stream stalled"))
        # A black picture never changes either: report it as what it is, before "frozen".
        if self._black_since is not None and now - self._black_since > self.limits.black_after:
            return self._set(replace(s, state=StreamState.NO_VIDEO, reason=None, detail="picture all black"))
        last_change = self._last_change if self._last_change is not None else self._last_frame
        if now - last_change > self.limits.stall_after:
            # Pictures keep arriving but never change: an encoder stuck on one frame. Reconnecting
            # rarely helps, so stay connected and say so.
            return self._set(replace(s, state=StreamState.FROZEN, reason=None, detail="picture frozen"))
        self._ever_live = True
        return self._set(TileStatus(StreamState.LIVE, since=s.since if s.state is StreamState.LIVE else now))

    def retry_now(self, now: float) -> TileStatus:
        """End a back-off wait early: a probe saw the stream's endpoint answer again."""
        if self.status.retry_at is None:
            return self.status
        return self._set(replace(self.status, retry_at=now))

    def retry_due(self, now: float) -> bool:
        return self.status.retry_at is not None and now >= self.status.retry_at

    def _set(self, status: TileStatus) -> TileStatus:
        self.status = status
        return status

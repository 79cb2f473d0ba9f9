"""Camera health: the states a sweep reports, the rules that pick one, and uptime over state changes.

Pure on purpose: the prober reports facts (an error, a status code, the SDP's tracks), these rules
decide the state, and history is a list of state changes from which uptime is plain interval maths.
Times are Unix seconds (UTC) as floats: cheap to store, compare and chart.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urlsplit


class HealthState(StrEnum):
    LIVE = "live"
    NOT_FOUND = "not_found"  # the server is there, the stream path is not (404)
    AUTH_FAILURE = "auth_failure"  # 401/403, with or after our credentials
    UNREACHABLE = "unreachable"  # refused, timed out, reset, or not speaking RTSP
    DISABLED = "disabled"  # service status off in the register: never probed
    BAD_URL = "bad_url"  # the register's URL cannot be probed as it stands
    UNSUPPORTED = "unsupported"  # answers, but no H.264/H.265 video we can show
    BLACK = "black"  # picture check: the stream plays but the picture is dark
    FROZEN = "frozen"  # picture check: the picture does not change
    UNKNOWN = "unknown"  # no verdict (never checked, or the sweeper was not running)


class Reason(StrEnum):
    """Sub-reasons, mostly for ``UNREACHABLE``: what an operator or a field technician acts on."""

    REFUSED = "refused"
    CONNECT_TIMEOUT = "connect_timeout"
    NO_REPLY = "no_reply"  # connected, but no answer in time
    RESET = "reset"
    CLOSED = "closed"  # the server hung up without answering
    HOST_UNREACHABLE = "host_unreachable"
    NETWORK_UNREACHABLE = "network_unreachable"
    DNS = "dns_failure"
    BAD_REPLY = "bad_reply"  # something answered, but not RTSP
    SERVER_ERROR = "server_error"  # RTSP 5xx or another unexpected status
    NO_CREDENTIALS = "no_credentials"
    REJECTED = "credentials_rejected"
    FORBIDDEN = "forbidden"
    NO_VIDEO = "no_video_track"
    CODEC = "unsupported_codec"
    SCHEME = "unsupported_scheme"
    SERVICE_OFF = "service_off"
    PICTURE_BLACK = "picture_black"
    PICTURE_FROZEN = "picture_frozen"
    ERROR = "error"


SHOWABLE_CODECS = frozenset({"H264", "H265", "HEVC"})
UP_STATES = frozenset({HealthState.LIVE})
# Time in these states is neither up nor down: it is left out of the uptime ratio.
NEUTRAL_STATES = frozenset({HealthState.DISABLED, HealthState.UNKNOWN})
PROBED_SCHEMES = frozenset({"rtsp"})


@dataclass(frozen=True, slots=True)
class Track:
    """One ``m=`` section of an SDP: media type and the codec its ``a=rtpmap`` names."""

    media: str
    codec: str = ""


@dataclass(frozen=True, slots=True)
class ProbeFacts:
    """What one probe saw; ``classify`` turns it into a state. ``error`` is a ``Reason`` for network failures."""

    error: Reason | None = None
    status: int | None = None
    auth_sent: bool = False
    tracks: tuple[Track, ...] = ()
    detail: str = ""


@dataclass(frozen=True, slots=True)
class HealthRecord:
    """One verdict on one camera: what the dashboard shows and what history stores when it changes."""

    camera_id: str
    state: HealthState
    reason: str = ""
    at: float = 0.0  # Unix seconds, UTC
    latency_ms: float | None = None
    detail: str = ""

    @property
    def up(self) -> bool:
        return self.state in UP_STATES

    def same_verdict(self, other: HealthRecord | None) -> bool:
        """History keeps changes only: a change is a new state or a new reason."""
        return other is not None and other.state == self.state and other.reason == self.reason


def check_url(url: str) -> tuple[HealthState, Reason | str] | None:
    """Why a URL cannot be probed (``BAD_URL``/``UNSUPPORTED``), or ``None`` when it can."""
    if not url.strip():
        return HealthState.BAD_URL, "empty URL"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        return HealthState.BAD_URL, f"malformed URL: {exc}"
    if not parts.scheme:
        return HealthState.BAD_URL, "no scheme"
    if parts.scheme.lower() not in PROBED_SCHEMES:
        return HealthState.UNSUPPORTED, Reason.SCHEME
    if not parts.hostname:
        return HealthState.BAD_URL, "no host"
    if port == 0:
        return HealthState.BAD_URL, "port 0"
    return None


def classify(facts: ProbeFacts) -> tuple[HealthState, str]:
    """The state and reason a probe's facts mean. Order matters: network errors, then status, then SDP."""
    if facts.error is not None:
        return HealthState.UNREACHABLE, facts.error.value
    status = facts.status
    if status is None:
        return HealthState.UNREACHABLE, Reason.BAD_REPLY.value
    if status == 404:
        return HealthState.NOT_FOUND, "404"
    if status == 401:
        return HealthState.AUTH_FAILURE, (Reason.REJECTED if facts.auth_sent else Reason.NO_CREDENTIALS).value
    if status == 403:
        return HealthState.AUTH_FAILURE, Reason.FORBIDDEN.value
    if status != 200:
        return HealthState.UNREACHABLE, f"{Reason.SERVER_ERROR.value}_{status}"
    video = [t for t in facts.tracks if t.media == "video"]
    if not video:
        return HealthState.UNSUPPORTED, Reason.NO_VIDEO.value
    codecs = [t.codec.upper() for t in video]
    if any(codec in SHOWABLE_CODECS for codec in codecs):
        return HealthState.LIVE, ""  # the codec goes in the detail: a live camera's reason never changes
    return HealthState.UNSUPPORTED, f"{Reason.CODEC.value}_{codecs[0] or 'unknown'}"


# -- picture check ----------------------------------------------------------------------------------

BLACK_MEAN = 16.0  # mean luma below this, and
BLACK_PEAK = 40  # no pixel brighter than this: a black picture (a lens cap, a dead sensor, night, no IR)
# Two grabs are the same picture when fewer than FROZEN_MIN_CHANGED pixels differ by more than
# FROZEN_PIXEL_DELTA levels. Counting changed pixels, not the mean difference, keeps a static scene
# with a ticking on-screen clock live (a few dozen pixels change a lot) while sensor and coding noise
# (many pixels, a few levels each) does not make a stuck picture look alive.
FROZEN_PIXEL_DELTA = 12
FROZEN_MIN_CHANGED = 3


def classify_picture(first: bytes, second: bytes | None = None) -> tuple[HealthState, str]:
    """Black, frozen or live from one or two grey frames (8-bit luma, same size) taken seconds apart.

    Black is decided on the first frame alone, so the second grab can be skipped for a dark picture.
    """
    if not first:
        return HealthState.UNKNOWN, "no picture"
    mean = sum(first) / len(first)
    if mean < BLACK_MEAN and max(first) < BLACK_PEAK:
        return HealthState.BLACK, Reason.PICTURE_BLACK.value
    if second is not None and len(second) == len(first):
        if second == first:
            return HealthState.FROZEN, Reason.PICTURE_FROZEN.value
        changed = sum(1 for a, b in zip(first, second, strict=True) if abs(a - b) > FROZEN_PIXEL_DELTA)
        if changed < FROZEN_MIN_CHANGED:
            return HealthState.FROZEN, Reason.PICTURE_FROZEN.value
    return HealthState.LIVE, ""


def merge_picture(current: HealthRecord | None, picture: HealthRecord) -> HealthRecord:
    """A picture verdict keeps the probe's detail (codec) and latency: the picture adds, it does not replace."""
    if current is None:
        return picture
    return HealthRecord(
        picture.camera_id, picture.state, picture.reason, picture.at, current.latency_ms, current.detail
    )


def merge_probe(current: HealthRecord | None, probe: HealthRecord) -> HealthRecord:
    """A probe that finds the stream up does not clear a picture verdict: only the next picture check does.

    Otherwise a black camera would flap black/live with every probe between two picture checks.
    """
    if (
        current is not None
        and probe.state is HealthState.LIVE
        and current.state in (HealthState.BLACK, HealthState.FROZEN)
    ):
        return HealthRecord(probe.camera_id, current.state, current.reason, probe.at, probe.latency_ms, current.detail)
    return probe


class AlertKind(StrEnum):
    WENT_DARK = "went_dark"
    CAME_BACK = "came_back"


@dataclass(frozen=True, slots=True)
class HealthAlert:
    """Told to the UI when a camera that was up goes down, or comes back."""

    kind: AlertKind
    camera_id: str
    previous: HealthState
    record: HealthRecord


def alert_for(previous: HealthRecord | None, current: HealthRecord) -> HealthAlert | None:
    """Only real transitions alert: a first verdict, or moves to or from disabled/unknown, do not."""
    if previous is None or previous.state in NEUTRAL_STATES or current.state in NEUTRAL_STATES:
        return None
    if previous.up and not current.up:
        return HealthAlert(AlertKind.WENT_DARK, current.camera_id, previous.state, current)
    if not previous.up and current.up:
        return HealthAlert(AlertKind.CAME_BACK, current.camera_id, previous.state, current)
    return None


# -- uptime -------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Uptime:
    """Seconds spent in each state over a window; ``ratio`` leaves out disabled and unknown time."""

    seconds: dict[HealthState, float] = field(default_factory=dict)

    @property
    def up(self) -> float:
        return sum(v for s, v in self.seconds.items() if s in UP_STATES)

    @property
    def counted(self) -> float:
        return sum(v for s, v in self.seconds.items() if s not in NEUTRAL_STATES)

    @property
    def unknown(self) -> float:
        return self.seconds.get(HealthState.UNKNOWN, 0.0)

    @property
    def ratio(self) -> float | None:
        """Up time over up-plus-down time; ``None`` when nothing is known."""
        counted = self.counted
        return self.up / counted if counted > 0 else None

    def add(self, other: Uptime) -> Uptime:
        for state, secs in other.seconds.items():
            self.seconds[state] = self.seconds.get(state, 0.0) + secs
        return self


Change = tuple[float, HealthState]  # (time, new state), as history stores it


def uptime(changes: Sequence[Change], start: float, end: float) -> Uptime:
    """Time per state in [start, end) from state changes sorted by time.

    The change in force at ``start`` must be included (the last one before it); before the first
    change the state is unknown. Changes after ``end`` are ignored; callers clip ``end`` to now.
    """
    out = Uptime()
    if end <= start:
        return out
    state = HealthState.UNKNOWN
    t = start
    for at, new_state in changes:
        if at <= start:
            state = new_state
            continue
        if at >= end:
            break
        out.seconds[state] = out.seconds.get(state, 0.0) + (at - t)
        state, t = new_state, at
    out.seconds[state] = out.seconds.get(state, 0.0) + (end - t)
    return out


def uptime_series(changes: Sequence[Change], start: float, end: float, step: float) -> list[tuple[float, Uptime]]:
    """Uptime per bucket (hour for a day, day for a month): what a chart draws, one pass over changes."""
    if step <= 0:
        raise ValueError("step must be positive")
    out: list[tuple[float, Uptime]] = []
    i = 0
    state = HealthState.UNKNOWN
    b = start
    while b < end:
        b_end = min(end, b + step)
        while i < len(changes) and changes[i][0] <= b:
            state = changes[i][1]
            i += 1
        j = i
        inner: list[Change] = [(b, state)]
        while j < len(changes) and changes[j][0] < b_end:
            inner.append(changes[j])
            j += 1
        out.append((b, uptime(inner, b, b_end)))
        b = b_end
    return out


def total_uptime(per_camera: Iterable[Uptime]) -> Uptime:
    """An area's uptime: the cameras' seconds added up, so a big area weighs by camera-time."""
    out = Uptime()
    for u in per_camera:
        out.add(u)
    return out


def retention_keep(changes: Sequence[Change], cutoff: float) -> list[Change]:
    """The changes retention keeps: those at or after ``cutoff``, plus the last one before it.

    Keeping that one means uptime for any window starting at or after the cutoff stays right.
    """
    before = [c for c in changes if c[0] < cutoff]
    after = [c for c in changes if c[0] >= cutoff]
    return ([before[-1]] if before else []) + after

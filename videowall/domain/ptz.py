"""PTZ values and the pure maths behind the controls: velocities, positions, dead zone, rate limit.

Everything here is plain data and arithmetic so the joystick feel and the command pacing can be
tested without a camera, a network or Qt. ONVIF generic spaces are used throughout: pan, tilt and
velocities in [-1, 1], zoom position in [0, 1].
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum


def clamp(value: float, low: float = -1.0, high: float = 1.0) -> float:
    """Clamp to [low, high]; NaN becomes 0 so a bad input can never send a wild command."""
    if math.isnan(value):
        return 0.0
    return max(low, min(high, value))


@dataclass(frozen=True, slots=True)
class Velocity:
    """Continuous-move speeds in the generic velocity space, each in [-1, 1]."""

    pan: float = 0.0
    tilt: float = 0.0
    zoom: float = 0.0

    def clamped(self) -> Velocity:
        return Velocity(clamp(self.pan), clamp(self.tilt), clamp(self.zoom))

    @property
    def is_zero(self) -> bool:
        return self.pan == 0.0 and self.tilt == 0.0 and self.zoom == 0.0

    def close_to(self, other: Velocity, eps: float = 0.02) -> bool:
        """Close enough that re-sending would change nothing the operator can see."""
        return (abs(self.pan - other.pan) <= eps and abs(self.tilt - other.tilt) <= eps
                and abs(self.zoom - other.zoom) <= eps)


STOPPED = Velocity()


@dataclass(frozen=True, slots=True)
class Position:
    """An absolute position: pan and tilt in [-1, 1], zoom in [0, 1]."""

    pan: float = 0.0
    tilt: float = 0.0
    zoom: float = 0.0

    def clamped(self) -> Position:
        return Position(clamp(self.pan), clamp(self.tilt), clamp(self.zoom, 0.0, 1.0))

    def distance(self, other: Position) -> float:
        return max(abs(self.pan - other.pan), abs(self.tilt - other.tilt), abs(self.zoom - other.zoom))


class PositionSource(StrEnum):
    """Where a known position came from; shown to the operator, never blurred."""

    STATUS = "reported by the camera (GetStatus)"
    COMMANDED = "last absolute target sent (the camera does not report its position)"
    HOME = "sent to its home position (GotoHomePosition)"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class KnownPosition:
    position: Position | None
    source: PositionSource = PositionSource.UNKNOWN


UNKNOWN_POSITION = KnownPosition(None, PositionSource.UNKNOWN)


class PresetSource(StrEnum):
    CAMERA = "camera"  # listed by the camera, recalled with GotoPreset
    LOCAL = "local"  # kept in our database, recalled with AbsoluteMove


@dataclass(frozen=True, slots=True)
class Preset:
    name: str
    source: PresetSource
    token: str | None = None  # camera presets only
    position: Position | None = None  # local presets always; camera presets when listed


@dataclass(frozen=True, slots=True)
class PtzCapabilities:
    """What a camera's PTZ can do, as far as probing could tell."""

    ptz: bool = False
    pan_tilt: bool = False
    zoom: bool = False
    continuous: bool = False
    absolute: bool = False
    relative: bool = False
    presets: bool = False
    home: bool = False
    status: bool = False

    def summary(self) -> str:
        if not self.ptz:
            return "no PTZ"
        names = ("pan_tilt", "zoom", "continuous", "absolute", "relative", "presets", "home", "status")
        return ", ".join(n.replace("_", "/") for n in names if getattr(self, n))


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    manufacturer: str = ""
    model: str = ""
    firmware: str = ""
    serial: str = ""


@dataclass(frozen=True, slots=True)
class MediaProfile:
    """One ONVIF media profile; ``stream_uri`` never carries credentials."""

    token: str
    name: str = ""
    encoding: str = ""
    width: int = 0
    height: int = 0
    ptz: bool = False
    stream_uri: str = ""


def pick_main_sub(profiles: list[MediaProfile]) -> tuple[MediaProfile | None, MediaProfile | None]:
    """Main = the largest picture with a URI, sub = the smallest other one (None if only one)."""
    usable = sorted((p for p in profiles if p.stream_uri), key=lambda p: p.width * p.height, reverse=True)
    if not usable:
        return None, None
    main = usable[0]
    others = [p for p in usable[1:] if p.stream_uri != main.stream_uri]
    return main, (others[-1] if others else None)


@dataclass(frozen=True, slots=True)
class FieldOfView:
    """How much of the pan and tilt range the picture spans, for click-to-centre.

    In ONVIF generic units the whole range is -1..1 (2 units); ``width``/``height`` are the picture's
    span at the widest zoom, narrowing by up to ``max_zoom`` at full zoom. Cameras do not report it:
    these are a dome's typical figures (about 90 of 360 degrees across, 45 of 180 up and down).
    """

    width: float = 0.5
    height: float = 0.5
    max_zoom: float = 4.0

    def factor(self, zoom: float) -> float:
        """How many times the picture is magnified at ``zoom`` (0..1): 1 at the widest, ``max_zoom`` at full."""
        return 1.0 + clamp(zoom, 0.0, 1.0) * (max(1.0, self.max_zoom) - 1.0)

    def zoom_for(self, factor: float) -> float:
        """The zoom position (0..1) that magnifies ``factor`` times."""
        span = max(1.0, self.max_zoom) - 1.0
        return clamp((factor - 1.0) / span, 0.0, 1.0) if span > 0 else 0.0

    def at(self, zoom: float) -> tuple[float, float]:
        factor = self.factor(zoom)
        return self.width / factor, self.height / factor


def centre_delta(fx: float, fy: float, zoom: float, fov: FieldOfView) -> Position:
    """The pan/tilt translation that brings picture point (fx, fy) to the middle of the picture.

    ``fx``: -1 at the left edge, 1 at the right; ``fy``: -1 at the bottom, 1 at the top; ``zoom``: the
    camera's zoom position (0 when unknown: the widest view, so the move is never too short).
    """
    width, height = fov.at(zoom)
    return Position(clamp(fx) * width / 2, clamp(fy) * height / 2, 0.0)


def box_zoom_delta(fx: float, fy: float, box_w: float, box_h: float, zoom: float, fov: FieldOfView) -> Position:
    """The relative move that makes the picture show a box drawn on it: pan/tilt to its centre (fx, fy, as
    for ``centre_delta``) and zoom in until its longer side (``box_w``, ``box_h``: fractions 0..1 of the
    picture's width and height) fills the picture, as far as the camera's zoom goes.
    """
    centre = centre_delta(fx, fy, zoom, fov)
    here = clamp(zoom, 0.0, 1.0)
    wanted = fov.factor(here) / max(box_w, box_h, 0.01)
    return Position(centre.pan, centre.tilt, fov.zoom_for(wanted) - here)


def drag_to_velocity(dx: float, dy: float, radius: float, *, dead_zone: float = 0.12, speed: float = 1.0,
                     curve: float = 1.5) -> Velocity:
    """Joystick drag (screen pixels from the centre, y down) to a pan/tilt velocity.

    Inside the dead zone nothing moves (a shaky hand must not creep the camera); beyond it the speed
    rises with a power curve so small drags give fine control, and ``speed`` scales the maximum.
    """
    if radius <= 0:
        return STOPPED
    distance = math.hypot(dx, dy) / radius
    if distance <= dead_zone:
        return STOPPED
    magnitude = ((min(distance, 1.0) - dead_zone) / (1.0 - dead_zone)) ** curve * clamp(speed, 0.0, 1.0)
    length = math.hypot(dx, dy)
    return Velocity(clamp(dx / length * magnitude), clamp(-dy / length * magnitude), 0.0)


@dataclass(slots=True)
class MoveRateLimit:
    """At most one movement command per ``interval`` seconds; the latest wish wins (coalescing).

    Pure bookkeeping: the caller supplies the clock, so tests need no sleeping.
    """

    interval: float = 0.12
    last_sent: float | None = None

    def wait_for(self, now: float) -> float:
        """Seconds to wait before the next command may go out (0 = now)."""
        if self.last_sent is None:
            return 0.0
        return max(0.0, self.last_sent + self.interval - now)

    def mark_sent(self, now: float) -> None:
        self.last_sent = now

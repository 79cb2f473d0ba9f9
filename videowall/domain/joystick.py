"""A USB joystick (PTZ keyboard, game controller) as PTZ input: the pure mapping from stick to camera.

An axis value (SDL's -32768..32767) becomes a velocity through a dead zone (a stick at rest never
creeps the camera), a power curve (small deflections give fine control) and a maximum speed; each
steered axis (pan, tilt, zoom) may be inverted. Buttons are mapped to actions: zoom in/out while
held, preset 1..9, stop, home, next PTZ camera. The settings keep the maps as short texts
(``pan=0 tilt=1``, ``0=zoom_in 1=zoom_out``), parsed here with messages fit to show.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

from videowall.domain.ptz import STOPPED, Velocity, clamp

T = TypeVar("T")
AXIS_MAX = 32767.0
STEERED = ("pan", "tilt", "zoom")

ENABLED_KEY = "joystick_enabled"
DEAD_ZONE_KEY = "joystick_dead_zone_pct"
CURVE_KEY = "joystick_curve"
SPEED_KEY = "joystick_speed_pct"
AXES_KEY = "joystick_axes"
BUTTONS_KEY = "joystick_buttons"
INVERT_KEY = "joystick_invert"

DEFAULT_DEAD_ZONE_PCT = 10
DEFAULT_CURVE = 2.0
DEFAULT_SPEED_PCT = 100
DEFAULT_AXES = "pan=0 tilt=1"
DEFAULT_BUTTONS = "0=zoom_in 1=zoom_out 2=stop 3=next_camera 4=preset_1 5=preset_2 6=home"
DEFAULT_INVERT = ""


class StickAction(StrEnum):
    ZOOM_IN = "zoom_in"  # held: zoom in; let go: stop
    ZOOM_OUT = "zoom_out"
    STOP = "stop"
    HOME = "home"
    NEXT_CAMERA = "next_camera"  # steer the wall's next PTZ tile
    PRESET_1 = "preset_1"
    PRESET_2 = "preset_2"
    PRESET_3 = "preset_3"
    PRESET_4 = "preset_4"
    PRESET_5 = "preset_5"
    PRESET_6 = "preset_6"
    PRESET_7 = "preset_7"
    PRESET_8 = "preset_8"
    PRESET_9 = "preset_9"

    @property
    def preset(self) -> int | None:
        """The preset number (1..9) of a preset action, else None."""
        return int(self.value[-1]) if self.value.startswith("preset_") else None


ZOOM_BUTTONS = {StickAction.ZOOM_IN: 1.0, StickAction.ZOOM_OUT: -1.0}


def axis_speed(raw: float, *, dead_zone: float = 0.1, curve: float = 2.0, speed: float = 1.0) -> float:
    """One axis reading (-32768..32767) to a speed in [-speed, speed].

    Within ``dead_zone`` (a fraction of the travel) nothing moves; beyond it the speed rises from 0 as
    ``((deflection - dead_zone) / (1 - dead_zone)) ** curve``, so the edge of the dead zone is not a jump.
    """
    value = clamp(raw / AXIS_MAX)
    magnitude = abs(value)
    dead_zone = clamp(dead_zone, 0.0, 0.95)
    if magnitude <= dead_zone:
        return 0.0
    shaped = ((magnitude - dead_zone) / (1.0 - dead_zone)) ** max(0.1, curve) * clamp(speed, 0.0, 1.0)
    return shaped if value > 0 else -shaped


def _pairs(text: str, what: str) -> list[tuple[str, str]]:
    out = []
    for item in text.replace(",", " ").split():
        name, sep, value = item.partition("=")
        if not sep or not name or not value:
            raise ValueError(f"{what}: {item!r} is not NAME=VALUE")
        out.append((name.strip().lower(), value.strip().lower()))
    return out


def parse_axes(text: str) -> dict[str, int]:
    """``pan=0 tilt=1 zoom=3``: which stick axis steers what (an axis left out steers nothing)."""
    axes: dict[str, int] = {}
    for name, value in _pairs(text, "axes"):
        if name not in STEERED:
            raise ValueError(f"axes: {name!r} is not pan, tilt or zoom")
        if not value.isdigit():
            raise ValueError(f"axes: {name}={value} is not an axis number (0, 1, 2 ...)")
        axes[name] = int(value)
    return axes


def parse_buttons(text: str) -> dict[int, StickAction]:
    """``0=zoom_in 1=zoom_out 4=preset_1``: what each button does."""
    known = ", ".join(a.value for a in StickAction)
    buttons: dict[int, StickAction] = {}
    for number, action in _pairs(text, "buttons"):
        if not number.isdigit():
            raise ValueError(f"buttons: {number!r} is not a button number (0, 1, 2 ...)")
        try:
            buttons[int(number)] = StickAction(action)
        except ValueError:
            raise ValueError(f"buttons: {action!r} is not one of {known}") from None
    return buttons


def parse_invert(text: str) -> frozenset[str]:
    """``tilt`` or ``pan tilt``: the steered axes that run the other way."""
    names = frozenset(text.replace(",", " ").lower().split())
    unknown = sorted(names - set(STEERED))
    if unknown:
        raise ValueError(f"invert: {', '.join(unknown)} is not pan, tilt or zoom")
    return names


@dataclass(frozen=True, slots=True)
class StickConfig:
    enabled: bool = True
    dead_zone: float = DEFAULT_DEAD_ZONE_PCT / 100
    curve: float = DEFAULT_CURVE
    speed: float = DEFAULT_SPEED_PCT / 100
    axes: Mapping[str, int] = field(default_factory=lambda: parse_axes(DEFAULT_AXES))
    buttons: Mapping[int, StickAction] = field(default_factory=lambda: parse_buttons(DEFAULT_BUTTONS))
    invert: frozenset[str] = frozenset()
    zoom_speed: float = 0.5  # a held zoom button

    @classmethod
    def from_settings(cls, values: Mapping[str, object]) -> StickConfig:
        """From the settings table's current values; a map that does not parse falls back to its default."""
        return cls(enabled=bool(values.get(ENABLED_KEY, True)),
                   dead_zone=float(str(values.get(DEAD_ZONE_KEY, DEFAULT_DEAD_ZONE_PCT))) / 100,
                   curve=float(str(values.get(CURVE_KEY, DEFAULT_CURVE))),
                   speed=float(str(values.get(SPEED_KEY, DEFAULT_SPEED_PCT))) / 100,
                   axes=_or_default(parse_axes, values.get(AXES_KEY), DEFAULT_AXES),
                   buttons=_or_default(parse_buttons, values.get(BUTTONS_KEY), DEFAULT_BUTTONS),
                   invert=_or_default(parse_invert, values.get(INVERT_KEY), DEFAULT_INVERT))


def _or_default(parse: Callable[[str], T], value: object, default: str) -> T:
    try:
        return parse(default if value is None else str(value))
    except ValueError:
        return parse(default)


class StickMapper:
    """The state of the stick(s) and what it asks of the camera. Feed it SDL's axis and button events.

    ``axis`` and ``button`` return the new velocity when it changed enough to matter (else None), and
    ``button`` also the action a press asks for. Tilt follows the aviation habit: pushing the stick
    forward (SDL reads negative) tilts up; ``invert`` turns any steered axis round. With several sticks
    plugged in, the one pushed furthest on an axis wins.
    """

    def __init__(self, config: StickConfig) -> None:
        self.config = config
        self._axes: dict[tuple[int, int], float] = {}  # (device, axis) -> raw reading
        self._held: dict[tuple[int, int], StickAction] = {}  # zoom buttons held down
        self.velocity = STOPPED

    def _steer(self, name: str) -> float:
        number = self.config.axes.get(name)
        if number is None:
            return 0.0
        readings = [raw for (_device, axis), raw in self._axes.items() if axis == number]
        raw = max(readings, key=abs, default=0.0)
        cfg = self.config
        value = axis_speed(raw, dead_zone=cfg.dead_zone, curve=cfg.curve, speed=cfg.speed)
        if name == "tilt":
            value = -value
        return -value if name in cfg.invert else value

    def _compute(self) -> Velocity:
        zoom = self._steer("zoom")
        for action in self._held.values():
            zoom += ZOOM_BUTTONS[action] * self.config.zoom_speed
        return Velocity(self._steer("pan"), self._steer("tilt"), zoom).clamped()

    def _update(self) -> Velocity | None:
        new = self._compute()
        old = self.velocity
        if new.close_to(old) and new.is_zero == old.is_zero:
            return None
        self.velocity = new
        return new

    def axis(self, device: int, axis: int, raw: float) -> Velocity | None:
        self._axes[(device, axis)] = float(raw)
        return self._update()

    def button(self, device: int, button: int, pressed: bool) -> tuple[Velocity | None, StickAction | None]:
        action = self.config.buttons.get(button)
        if action is None:
            return None, None
        if action in ZOOM_BUTTONS:
            if pressed:
                self._held[(device, button)] = action
            else:
                self._held.pop((device, button), None)
            return self._update(), None
        return None, (action if pressed else None)

    def forget(self, device: int) -> Velocity | None:
        """A stick was unplugged: what it held is let go."""
        self._axes = {k: v for k, v in self._axes.items() if k[0] != device}
        self._held = {k: v for k, v in self._held.items() if k[0] != device}
        return self._update()

    def reset(self) -> None:
        """Forget the last velocity sent (a new camera is steered): the next reading is sent afresh."""
        self.velocity = STOPPED

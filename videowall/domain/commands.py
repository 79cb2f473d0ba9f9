"""Wall commands as data: what an operator, a script or (later) a broker asks a wall to do.

Parsing is strict and says what is wrong, so a bad command from outside is refused with a reason
instead of half-applied. Commands name walls ("console" or a monitor index) and tiles by number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from videowall.domain.tour import MIN_DWELL_S


class CommandError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class ShowLayout:
    layout: str  # a saved layout name or a preset ("4x4", "1+7")
    wall: str = "console"


@dataclass(frozen=True, slots=True)
class AssignCameras:
    tile: int
    cameras: tuple[str, ...]
    wall: str = "console"


@dataclass(frozen=True, slots=True)
class ClearTile:
    tile: int
    wall: str = "console"


@dataclass(frozen=True, slots=True)
class Maximise:
    tile: int
    wall: str = "console"


@dataclass(frozen=True, slots=True)
class OpenWall:
    monitor: int  # index in the current screen list
    layout: str | None = None


@dataclass(frozen=True, slots=True)
class CloseWall:
    monitor: int


@dataclass(frozen=True, slots=True)
class StartTour:
    """Run a tour on a tile of a wall (a remote monitor too): a saved one by ``name``, or these ``cameras``.

    A saved layout tour runs on the whole wall (``tile`` is then ignored).
    """

    tile: int
    cameras: tuple[str, ...] = ()
    dwell_s: float = 8.0
    name: str = ""
    wall: str = "console"


@dataclass(frozen=True, slots=True)
class StopTour:
    """Stop the tour of a tile, or with no tile the wall's layout tour (and its tiles' tours)."""

    tile: int | None = None
    wall: str = "console"


@dataclass(frozen=True, slots=True)
class PtzMode:
    """Put a console tile in PTZ mode (its camera must have PTZ), as the tile menu does."""

    tile: int


@dataclass(frozen=True, slots=True)
class VirtualJoystick:
    """Move and press SDL's virtual joystick in the console (a script's stick; it reaches the PTZ as a USB one).

    ``axes``: (axis, reading -32768..32767) pairs; ``buttons``: (button, pressed); ``detach``: unplug it.
    """

    axes: tuple[tuple[int, int], ...] = ()
    buttons: tuple[tuple[int, bool], ...] = ()
    detach: bool = False


@dataclass(frozen=True, slots=True)
class Quit:
    pass


WallCommand = (ShowLayout | AssignCameras | ClearTile | Maximise | OpenWall | CloseWall | StartTour | StopTour | PtzMode
    | VirtualJoystick | Quit)


def _int(data: Mapping[str, object], key: str) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise CommandError(f"'{key}' must be a non-negative whole number, got {value!r}")
    return value


def _ids(data: Mapping[str, object], key: str) -> tuple[str, ...]:
    value = data.get(key)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise CommandError(f"'{key}' must be a camera id or a list of them")
    return tuple(value)


def parse_command(data: object) -> WallCommand:
    if not isinstance(data, Mapping):
        raise CommandError("a command is a JSON object with a 'cmd' field")
    cmd = data.get("cmd")
    wall = str(data.get("wall", "console"))
    if cmd == "layout":
        layout = data.get("layout")
        if not isinstance(layout, str) or not layout.strip():
            raise CommandError("'layout' must name a saved layout or a preset")
        return ShowLayout(layout.strip(), wall)
    if cmd == "assign":
        return AssignCameras(_int(data, "tile"), _ids(data, "cameras"), wall)
    if cmd == "clear":
        return ClearTile(_int(data, "tile"), wall)
    if cmd == "maximise":
        return Maximise(_int(data, "tile"), wall)
    if cmd == "open_wall":
        layout = data.get("layout")
        return OpenWall(_int(data, "monitor"), layout if isinstance(layout, str) else None)
    if cmd == "close_wall":
        return CloseWall(_int(data, "monitor"))
    if cmd == "tour":
        name = data.get("name")
        tile = _int(data, "tile") if "tile" in data or not isinstance(name, str) else 0
        if isinstance(name, str) and name.strip():
            return StartTour(tile, name=name.strip(), wall=wall)
        dwell = data.get("dwell_s", 8.0)
        if not isinstance(dwell, int | float) or isinstance(dwell, bool) or dwell < MIN_DWELL_S:
            raise CommandError(f"'dwell_s' must be at least {MIN_DWELL_S:g} seconds")
        return StartTour(tile, _ids(data, "cameras"), float(dwell), wall=wall)
    if cmd == "stop_tour":
        return StopTour(_int(data, "tile") if "tile" in data else None, wall)
    if cmd == "ptz_mode":
        return PtzMode(_int(data, "tile"))
    if cmd == "joystick":
        return _joystick(data)
    if cmd == "quit":
        return Quit()
    raise CommandError(f"unknown command {cmd!r}")


def _numbered(data: Mapping[str, object], key: str) -> list[tuple[int, object]]:
    value = data.get(key, {})
    if not isinstance(value, Mapping) or not all(str(k).isdigit() for k in value):
        raise CommandError(f"'{key}' must map numbers to values, e.g. {{\"0\": 20000}}")
    return [(int(str(k)), v) for k, v in value.items()]


def _joystick(data: Mapping[str, object]) -> VirtualJoystick:
    axes = _numbered(data, "axes")
    if not all(isinstance(v, int) and not isinstance(v, bool) and -32768 <= v <= 32767 for _k, v in axes):
        raise CommandError("'axes' readings must be whole numbers from -32768 to 32767")
    buttons = _numbered(data, "buttons")
    if not all(isinstance(v, bool) for _k, v in buttons):
        raise CommandError("'buttons' must map button numbers to true (pressed) or false")
    return VirtualJoystick(tuple((k, int(str(v))) for k, v in axes), tuple((k, bool(v)) for k, v in buttons),
                           bool(data.get("detach", False)))

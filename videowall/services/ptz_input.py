"""Tile gestures to PTZ calls: drag, wheel, keys. Light on purpose (no ONVIF import): the wall imports it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Protocol

from videowall.domain.ptz import Velocity, drag_to_velocity


class MoveTarget(Protocol):
    def move(self, velocity: Velocity) -> None: ...
    def release(self) -> None: ...


_KEY_DIRECTIONS = {"left": (-1, 0, 0), "right": (1, 0, 0), "up": (0, 1, 0), "down": (0, -1, 0),
                   "+": (0, 0, 1), "-": (0, 0, -1)}


class PtzInputMapper:
    """Tile gestures -> controller calls. Qt-free: the widget translates its events into these calls.

    Drag from where the press happened = pan/tilt velocity by distance (dead zone, curve, clamp);
    held arrow keys and +/- combine; each wheel notch zooms for ``wheel_burst`` seconds then stops.
    Every path ends in ``release()``, so letting go always stops the camera. A click (a press let go
    within ``click_s`` that never left the dead zone, so nothing was sent) asks ``centre`` to bring
    that point of the picture to the middle; a box drawn with Shift held asks ``zoom_box`` to show it.
    """

    def __init__(self, controller: MoveTarget, *, radius: float = 120.0, speed: float = 0.6,
                 dead_zone: float = 0.12, key_speed: float = 0.5, zoom_speed: float = 0.5,
                 wheel_burst: float = 0.25, call_later: Callable[[float, Callable[[], None]], object] | None = None,
                 centre: Callable[[float, float], None] | None = None, click_s: float = 0.4,
                 preset: Callable[[int], None] | None = None,
                 zoom_box: Callable[[float, float, float, float], None] | None = None) -> None:
        self.controller = controller
        self.radius = radius
        self.speed = speed
        self.dead_zone = dead_zone
        self.key_speed = key_speed
        self.zoom_speed = zoom_speed
        self.wheel_burst = wheel_burst
        self._call_later = call_later
        self._origin: tuple[float, float] | None = None
        self._pressed_at = 0.0
        self._moved = False  # this drag left the dead zone (a move was asked for)
        self.centre = centre
        self.preset = preset  # Ctrl+number on the tile: go to the panel's preset of that number
        self.zoom_box = zoom_box  # Shift+drag on the tile: show that box (centre it, zoom to fill)
        self.click_s = click_s
        self._keys: set[str] = set()
        self._wheel_handle: object | None = None
        self._wheel_generation = 0

    def preset_key(self, number: int) -> bool:
        """A preset hot-key; False if nobody listens (the key is then the window's)."""
        if self.preset is None:
            return False
        self.preset(number)
        return True

    def steer(self, velocity: Velocity) -> None:
        """A joystick's velocity (services/ptz_joystick.py): move, or stop at zero."""
        if velocity.is_zero:
            self.controller.release()
        else:
            self.controller.move(velocity)

    @property
    def dragging(self) -> bool:
        return self._origin is not None

    def set_speed(self, speed: float) -> None:
        self.speed = max(0.0, min(1.0, speed))

    # drag
    def drag_start(self, x: float, y: float) -> None:
        self._origin = (x, y)
        self._pressed_at = time.monotonic()
        self._moved = False

    def drag_to(self, x: float, y: float) -> Velocity:
        if self._origin is None:
            return Velocity()
        velocity = drag_to_velocity(x - self._origin[0], y - self._origin[1], self.radius,
                                    dead_zone=self.dead_zone, speed=self.speed)
        if velocity.is_zero:
            self.controller.release()
        else:
            self._moved = True
            self.controller.move(velocity)
        return velocity

    def drag_release(self) -> bool:
        """The button came up: True if the press was a click (short, never out of the dead zone).

        A drag ends as ``drag_end`` does (a Stop); a click sent nothing, so it sends no Stop either (a Stop
        could overtake the centring move that follows).
        """
        clicked = (self._origin is not None and not self._moved
                   and time.monotonic() - self._pressed_at <= self.click_s)
        if clicked:
            self._origin = None
        else:
            self.drag_end()
        return clicked

    def click(self, fx: float, fy: float) -> None:
        """Centre picture point (fx, fy): -1..1 from the middle, right and up positive."""
        if self.centre is not None:
            self.centre(fx, fy)

    def box(self, x0: float, y0: float, x1: float, y1: float) -> bool:
        """A box drawn on the picture between two corners (-1..1 as for ``click``): centre it and zoom until it
        fills the picture. False (nothing sent) for a box too small to mean one (under 2 % of the picture)."""
        width, height = abs(x1 - x0) / 2, abs(y1 - y0) / 2
        if self.zoom_box is None or max(width, height) < 0.02:
            return False
        self.zoom_box((x0 + x1) / 2, (y0 + y1) / 2, width, height)
        return True

    def drag_end(self) -> None:
        if self._origin is not None:
            self._origin = None
            self.controller.release()

    # keys
    def key_press(self, key: str) -> bool:
        """True if the key is a PTZ key (the widget then accepts the event)."""
        if key not in _KEY_DIRECTIONS:
            return False
        self._keys.add(key)
        self._apply_keys()
        return True

    def key_release(self, key: str) -> bool:
        if key not in _KEY_DIRECTIONS:
            return False
        self._keys.discard(key)
        self._apply_keys()
        return True

    def _apply_keys(self) -> None:
        pan = sum(_KEY_DIRECTIONS[k][0] for k in self._keys) * self.key_speed
        tilt = sum(_KEY_DIRECTIONS[k][1] for k in self._keys) * self.key_speed
        zoom = sum(_KEY_DIRECTIONS[k][2] for k in self._keys) * self.zoom_speed
        velocity = Velocity(pan, tilt, zoom)
        if velocity.is_zero:
            self.controller.release()
        else:
            self.controller.move(velocity)

    # wheel
    def wheel(self, notches: float) -> None:
        """Positive = zoom in. A new notch extends the burst; the stop comes after the last one."""
        if notches == 0:
            return
        self.controller.move(Velocity(0.0, 0.0, self.zoom_speed if notches > 0 else -self.zoom_speed))
        self._wheel_generation += 1
        generation = self._wheel_generation
        call_later = self._call_later or (lambda delay, fn: asyncio.get_running_loop().call_later(delay, fn))

        def end_burst() -> None:
            if generation == self._wheel_generation:
                self.controller.release()

        self._wheel_handle = call_later(self.wheel_burst * min(4.0, abs(notches)), end_burst)

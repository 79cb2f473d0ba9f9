"""A joystick steers the camera the console is steering, through the same path as the tile's gestures.

Stick events (ptz/joystick.py, handed to the UI loop) go through the pure mapping (domain/joystick.py)
into the steered camera's ``PtzInputMapper``: the controller it drives paces the commands, re-sends
each ContinuousMove before its ONVIF Timeout (dead-man), holds the PTZ lock and feeds the audit, so
a joystick is never a second way round any of them. Which camera: the PTZ dock's (the selected PTZ
tile); with none, the stick does nothing. Letting go of the stick, pulling it out or switching
camera stops the camera.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from videowall.domain.joystick import StickAction, StickConfig, StickMapper
from videowall.domain.ptz import Velocity
from videowall.ptz.joystick import StickEvent, StickEventKind

log = logging.getLogger(__name__)


class Steered(Protocol):
    """What the joystick drives: the steered tile's input mapper (services/ptz_input.py)."""

    def steer(self, velocity: Velocity) -> None: ...
    def preset_key(self, number: int) -> bool: ...


class StickState(StrEnum):
    STARTING = "starting"
    OFF = "off"  # switched off in the settings
    UNAVAILABLE = "unavailable"  # no SDL2 for Python, or it would not start
    NONE = "none"  # SDL is up, no stick plugged in
    READY = "ready"  # at least one stick


@dataclass(slots=True)
class ConsoleHooks:
    """The console's side: who is steered now, and the actions that are the window's."""

    steered: Callable[[], Steered | None]
    home: Callable[[], None]
    next_camera: Callable[[], None]
    changed: Callable[[], None] = lambda: None  # the status changed (the status line redraws)


class JoystickSteering:
    """Joystick events -> the steered camera. Runs on the UI loop."""

    def __init__(self, config: StickConfig, hooks: ConsoleHooks) -> None:
        self.config = config
        self.mapper = StickMapper(config)
        self._hooks = hooks
        self.state = StickState.STARTING if config.enabled else StickState.OFF
        self.why = ""  # UNAVAILABLE: the reason
        self.devices: dict[int, str] = {}
        self._target: Steered | None = None
        self.last_velocity: Velocity | None = None  # the last velocity handed on (status JSON, tests)
        self.last_action: StickAction | None = None

    def on_event(self, event: StickEvent) -> None:
        if self.state is StickState.OFF:
            return
        kind = event.kind
        if kind in (StickEventKind.AXIS, StickEventKind.BUTTON):
            self._current()  # first: a newly steered camera has been sent nothing yet
        if kind is StickEventKind.AXIS:
            self._send(self.mapper.axis(event.device, event.index, event.value))
        elif kind is StickEventKind.BUTTON:
            velocity, action = self.mapper.button(event.device, event.index, bool(event.value))
            self._send(velocity)
            if action is not None:
                self._act(action)
        elif kind is StickEventKind.ADDED:
            self.devices[event.device] = event.name
            self._set_state(StickState.READY)
        elif kind is StickEventKind.REMOVED:
            self.devices.pop(event.device, None)
            self._send(self.mapper.forget(event.device))
            self._set_state(StickState.READY if self.devices else StickState.NONE)
        elif kind is StickEventKind.READY:
            self._set_state(StickState.READY if self.devices else StickState.NONE)
        elif kind is StickEventKind.UNAVAILABLE:
            self.why = event.name
            self._set_state(StickState.UNAVAILABLE)

    def _set_state(self, state: StickState) -> None:
        self.state = state
        self._hooks.changed()

    def _current(self) -> Steered | None:
        target = self._hooks.steered()
        if target is not self._target:  # another camera (or none): its first command is sent afresh
            self._target = target
            self.mapper.reset()
        return target

    def _send(self, velocity: Velocity | None) -> None:
        target = self._target
        if velocity is None or target is None:
            return
        self.last_velocity = velocity
        target.steer(velocity)

    def _act(self, action: StickAction) -> None:
        self.last_action = action
        log.info("joystick: %s", action.value)
        if action is StickAction.NEXT_CAMERA:
            self._release()
            self._hooks.next_camera()
            return
        if action is StickAction.HOME:
            self._hooks.home()
            return
        target = self._current()
        if target is None:
            return
        if action is StickAction.STOP:
            self._release()
        elif action.preset is not None:
            target.preset_key(action.preset)

    def _release(self) -> None:
        self.mapper.reset()
        target = self._current()
        if target is not None:
            target.steer(Velocity())
            self.last_velocity = Velocity()

    def status_json(self) -> dict[str, object]:
        v = self.last_velocity
        return {"state": self.state.value, "why": self.why, "devices": sorted(self.devices.values()),
                "last_velocity": [round(v.pan, 3), round(v.tilt, 3), round(v.zoom, 3)] if v is not None else None,
                "last_action": self.last_action.value if self.last_action is not None else None}

"""The joystick through real SDL2 (PySDL2 + pysdl2-dll): SDL's virtual joystick, moved and pressed on the
reader's thread, goes through SDL's own joystick event path into the steering, the PTZ input mapper and a
real PtzController over a recording camera: the mapped velocity goes out as ContinuousMove (with its ONVIF
Timeout, re-sent while the stick is held), letting go sends Stop, buttons zoom and ask for presets, a
stick plugged in after the start is picked up and one pulled out while pushed stops the camera.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable

import pytest

from tests.unit.test_ptz_controller import FakeCamera
from videowall.domain.joystick import StickConfig, parse_buttons
from videowall.domain.ptz import Velocity
from videowall.ptz.controller import PtzController
from videowall.ptz.joystick import SdlJoysticks, StickEvent, StickEventKind
from videowall.services.ptz_input import PtzInputMapper
from videowall.services.ptz_joystick import ConsoleHooks, JoystickSteering, StickState

BUTTONS = "0=zoom_in 1=zoom_out 2=stop 3=next_camera 4=preset_1 6=home"


async def _until(check: Callable[[], bool], what: str, timeout: float = 5.0) -> float:
    start = time.monotonic()
    while not check():
        assert time.monotonic() - start < timeout, what
        await asyncio.sleep(0.01)
    return time.monotonic() - start


def _moves(camera: FakeCamera) -> list[Velocity]:
    return [arg for op, arg in camera.calls if op == "ContinuousMove"]


def _last(camera: FakeCamera) -> str:
    return camera.calls[-1][0] if camera.calls else ""


async def _steer_with_the_virtual_stick() -> dict[str, float]:
    loop = asyncio.get_running_loop()
    camera = FakeCamera()
    controller = PtzController(camera)  # the console's: 1 s ONVIF Timeout, re-sent every 0.5 s while held
    presets: list[int] = []
    actions: list[str] = []
    mapper = PtzInputMapper(controller, preset=lambda n: presets.append(n))
    steering = JoystickSteering(StickConfig(dead_zone=0.1, curve=1.0, buttons=parse_buttons(BUTTONS)),
                                ConsoleHooks(steered=lambda: mapper, home=lambda: actions.append("home"),
                                             next_camera=lambda: actions.append("next")))
    reader = SdlJoysticks(lambda event: loop.call_soon_threadsafe(steering.on_event, event))
    reader.start()
    measured: dict[str, float] = {}
    try:
        measured["sdl_start_s"] = await _until(lambda: steering.state is not StickState.STARTING, "SDL up")
        assert steering.state is StickState.NONE, (steering.state, steering.why)  # up, and no stick yet

        sent_at = time.monotonic()
        reader.drive_virtual(axes={0: 32767})  # plugged in now (hot-plug), pushed full right
        await _until(lambda: bool(_moves(camera)), "a ContinuousMove from the pushed stick")
        measured["stick_to_command_s"] = time.monotonic() - sent_at
        assert steering.state is StickState.READY and list(steering.devices.values()) == ["Virtual Controller"]
        assert _moves(camera)[0] == Velocity(1.0, 0.0, 0.0) and camera.timeouts[0] == 1.0

        await asyncio.sleep(1.3)  # held past the camera's 1 s Timeout: re-sent, so it keeps moving
        held = _moves(camera)
        assert len(held) >= 3 and all(v == Velocity(1.0, 0.0, 0.0) for v in held), held

        reader.drive_virtual(axes={0: 0})  # let go: Stop
        await _until(lambda: _last(camera) == "Stop", "Stop when the stick is let go")
        stopped = len(camera.calls)
        await asyncio.sleep(0.8)
        assert len(camera.calls) == stopped, camera.calls[stopped:]  # nothing after the Stop

        reader.drive_virtual(axes={1: -16384})  # half forward: tilt up at (0.5 - 0.1) / 0.9 of full speed
        await _until(lambda: _last(camera) == "ContinuousMove", "tilt")
        tilt = _moves(camera)[-1]
        assert tilt.pan == 0 and tilt.tilt == pytest.approx(0.444, abs=0.01) and tilt.zoom == 0
        reader.drive_virtual(axes={1: 0})
        await _until(lambda: _last(camera) == "Stop", "Stop after the tilt")

        reader.drive_virtual(buttons={0: True})  # zoom in while held
        await _until(lambda: _last(camera) == "ContinuousMove", "zoom in")
        assert _moves(camera)[-1] == Velocity(0.0, 0.0, 0.5)
        reader.drive_virtual(buttons={0: False})
        await _until(lambda: _last(camera) == "Stop", "Stop when the zoom button comes up")

        reader.drive_virtual(buttons={4: True, 6: True, 3: True})
        await _until(lambda: len(actions) == 2 and presets == [1], f"preset, home, next: {presets} {actions}")
        assert sorted(actions) == ["home", "next"]
        reader.drive_virtual(buttons={4: False, 6: False, 3: False})

        reader.drive_virtual(axes={0: -32767})  # pushed left, then pulled out while pushed: Stop
        await _until(lambda: _last(camera) == "ContinuousMove" and _moves(camera)[-1].pan == -1.0, "pan left")
        reader.detach_virtual()
        await _until(lambda: steering.state is StickState.NONE, "the stick gone")
        await _until(lambda: _last(camera) == "Stop", "Stop when the pushed stick is pulled out")
    finally:
        reader.stop()
        await controller.close()
    return measured


def test_the_virtual_stick_steers_through_sdl_and_the_ptz_controller() -> None:
    measured = asyncio.run(_steer_with_the_virtual_stick())
    print(f"SDL up in {measured['sdl_start_s']:.3f} s; stick to ContinuousMove {measured['stick_to_command_s']:.3f} s")
    assert measured["stick_to_command_s"] < 0.5


def test_without_the_sdl2_module_the_reader_says_so_quietly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sdl2", None)  # `import sdl2` now fails as on a machine without PySDL2
    events: list[StickEvent] = []
    reader = SdlJoysticks(events.append)
    reader.start()
    reader.stop()
    assert [e.kind for e in events] == [StickEventKind.UNAVAILABLE] and "PySDL2" in events[0].name
    steering = JoystickSteering(StickConfig(), ConsoleHooks(steered=lambda: None, home=lambda: None,
                                                            next_camera=lambda: None))
    steering.on_event(events[0])
    assert steering.state is StickState.UNAVAILABLE
    steering.on_event(StickEvent(StickEventKind.AXIS, 0, 0, 32767))  # nothing steered: nothing happens
    assert steering.last_velocity is None


def test_a_stick_switched_off_in_the_settings_steers_nothing() -> None:
    sent: list[Velocity] = []

    class Target:
        def steer(self, velocity: Velocity) -> None:
            sent.append(velocity)

        def preset_key(self, number: int) -> bool:
            return True

    steering = JoystickSteering(StickConfig(enabled=False), ConsoleHooks(steered=Target, home=lambda: None,
                                                                         next_camera=lambda: None))
    steering.on_event(StickEvent(StickEventKind.ADDED, 0, name="pad"))
    steering.on_event(StickEvent(StickEventKind.AXIS, 0, 0, 32767))
    assert steering.state is StickState.OFF and sent == []

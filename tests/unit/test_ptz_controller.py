"""PtzController against a small hand-written fake camera: pacing, stop-on-release, errors, presets."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Coroutine
from typing import Any

import pytest

from videowall.domain.ptz import Position, PositionSource, Preset, PresetSource, PtzCapabilities, Velocity
from videowall.ptz.controller import PtzController
from videowall.ptz.errors import OnvifBadReply, OnvifTimeout, PositionUnknown, PtzError, PtzUnsupported

FULL = PtzCapabilities(ptz=True, pan_tilt=True, zoom=True, continuous=True, absolute=True, presets=True, home=True)


class FakeCamera:
    """Records every command; ``fail`` maps an operation to the error it raises (once or always)."""

    def __init__(self, caps: PtzCapabilities = FULL, *, delay: float = 0.0) -> None:
        self.caps = caps
        self.delay = delay
        self.calls: list[tuple[str, Any]] = []
        self.fail: dict[str, list[PtzError]] = {}
        self.position = Position()
        self.status_broken = False
        self.timeouts: list[float | None] = []

    async def _do(self, op: str, arg: Any = None) -> None:
        self.calls.append((op, arg))
        if self.delay:
            await asyncio.sleep(self.delay)
        errors = self.fail.get(op)
        if errors:
            raise errors.pop(0) if len(errors) > 1 else errors[0]

    async def capabilities(self) -> PtzCapabilities:
        await self._do("capabilities")
        return self.caps

    async def continuous_move(self, velocity: Velocity, timeout: float | None = None) -> str | None:
        self.timeouts.append(timeout)
        await self._do("ContinuousMove", velocity)
        return None

    async def stop(self) -> str | None:
        await self._do("Stop")
        return None

    async def absolute_move(self, position: Position) -> str | None:
        await self._do("AbsoluteMove", position)
        self.position = position
        return "AbsoluteMove: sent; the camera's reply does not parse (test)"

    async def relative_move(self, delta: Position) -> str | None:
        await self._do("RelativeMove", delta)
        return None

    async def goto_home(self) -> str | None:
        await self._do("GotoHomePosition")
        return None

    async def get_status(self) -> Position:
        await self._do("GetStatus")
        if self.status_broken:
            raise OnvifBadReply("GetStatus", "Invalid tag name 'ptz:PTZStatus'", accepted=True)
        return self.position

    async def get_presets(self) -> list[Preset]:
        await self._do("GetPresets")
        return [Preset("Gate", PresetSource.CAMERA, "t1", None)]

    async def goto_preset(self, token: str) -> str | None:
        await self._do("GotoPreset", token)
        return None

    async def remove_preset(self, token: str) -> str | None:
        await self._do("RemovePreset", token)
        return None

    async def set_preset(self, name: str) -> str:
        await self._do("SetPreset", name)
        return f"tok-{name}"

    async def close(self) -> None:
        self.calls.append(("close", None))


class MemoryPresets:
    def __init__(self) -> None:
        self.rows: dict[str, tuple[Position, PositionSource]] = {}

    async def list(self) -> list[Preset]:
        return [Preset(n, PresetSource.LOCAL, None, p) for n, (p, _s) in sorted(self.rows.items())]

    async def save(self, name: str, position: Position, source: PositionSource) -> None:
        self.rows[name] = (position, source)

    async def remove(self, name: str) -> None:
        self.rows.pop(name, None)


def run(coro: Coroutine[Any, Any, Any]) -> Any:
    return asyncio.run(asyncio.wait_for(coro, 10))


def ops(camera: FakeCamera) -> list[str]:
    return [op for op, _ in camera.calls]


def test_moves_are_rate_limited_and_coalesced_to_the_latest_velocity() -> None:
    async def scenario() -> tuple[FakeCamera, list[float]]:
        camera = FakeCamera()
        ctl = PtzController(camera, min_interval=0.1)
        loop = asyncio.get_running_loop()
        start = loop.time()
        while loop.time() - start < 0.55:  # a joystick: a new velocity every 10 ms
            ctl.move(Velocity(round(loop.time() - start, 2) + 0.05, 0.0))
            await asyncio.sleep(0.01)
        ctl.move(Velocity(0.9, 0.0))
        ctl.release()
        await ctl.settle()
        times = [t for t, op in ctl.sent_log if op == "ContinuousMove"]
        return camera, times

    camera, times = run(scenario())
    moves = [arg for op, arg in camera.calls if op == "ContinuousMove"]
    assert 4 <= len(moves) <= 7, moves  # ~55 wishes became one command per 100 ms
    assert all(b - a >= 0.095 for a, b in itertools.pairwise(times)), times
    assert ops(camera)[-1] == "Stop"
    assert Velocity(0.9, 0.0) not in moves  # superseded by the release before it could go out


def test_release_always_sends_stop_even_after_failed_moves() -> None:
    async def scenario() -> tuple[FakeCamera, PtzController]:
        camera = FakeCamera()
        camera.fail["ContinuousMove"] = [OnvifTimeout("ContinuousMove", "5 s")]
        ctl = PtzController(camera, min_interval=0.05)
        ctl.move(Velocity(0.5, 0))
        await asyncio.sleep(0.01)
        ctl.release()
        await ctl.settle()
        return camera, ctl

    camera, ctl = run(scenario())
    assert ops(camera) == ["ContinuousMove", "Stop"]
    assert isinstance(ctl.last_error, OnvifTimeout)
    assert "no answer within 5 s" in str(ctl.last_error)
    assert not ctl.moving


def test_stop_is_retried_once_when_it_times_out() -> None:
    async def scenario() -> FakeCamera:
        camera = FakeCamera()
        camera.fail["Stop"] = [OnvifTimeout("Stop", "5 s"), OnvifTimeout("Stop", "5 s")]
        ctl = PtzController(camera, min_interval=0.05)
        ctl.move(Velocity(0.5, 0))
        await asyncio.sleep(0.02)
        await ctl.stop()
        return camera

    camera = run(scenario())
    assert ops(camera) == ["ContinuousMove", "Stop", "Stop"]


def test_zero_velocity_means_stop_and_release_jumps_the_rate_limit() -> None:
    async def scenario() -> tuple[FakeCamera, float]:
        camera = FakeCamera()
        ctl = PtzController(camera, min_interval=1.0)
        loop = asyncio.get_running_loop()
        ctl.move(Velocity(0.3, 0))
        await asyncio.sleep(0.02)
        ctl.move(Velocity(0.6, 0))  # must wait for the 1 s interval...
        start = loop.time()
        ctl.move(Velocity(0, 0, 0))  # ...but a stop does not
        await ctl.settle()
        return camera, loop.time() - start

    camera, waited = run(scenario())
    assert ops(camera) == ["ContinuousMove", "Stop"]
    assert waited < 0.3


def test_auth_and_unsupported_errors_propagate_from_probe() -> None:
    async def scenario() -> PtzController:
        camera = FakeCamera()
        camera.fail["capabilities"] = [PtzUnsupported("ptz service", "not advertised by the camera")]
        ctl = PtzController(camera)
        with pytest.raises(PtzUnsupported, match="ptz service is not supported"):
            await ctl.probe()
        return ctl

    ctl = run(scenario())
    assert isinstance(ctl.last_error, PtzUnsupported)


def test_local_preset_uses_commanded_position_when_status_does_not_parse() -> None:
    async def scenario() -> tuple[FakeCamera, PtzController, MemoryPresets]:
        camera = FakeCamera()
        camera.status_broken = True
        store = MemoryPresets()
        ctl = PtzController(camera, local_presets=store)
        await ctl.probe()
        with pytest.raises(PositionUnknown, match="GetStatus"):  # nothing known yet: refuse, don't guess
            await ctl.save_local_preset("nothing")
        await ctl.absolute_move(Position(0.4, -0.3, 0.2))
        preset = await ctl.save_local_preset("Market")
        await ctl.absolute_move(Position(-1, 1, 0))
        await ctl.goto_preset(preset)
        return camera, ctl, store

    camera, ctl, store = run(scenario())
    assert store.rows["Market"] == (Position(0.4, -0.3, 0.2), PositionSource.COMMANDED)
    assert camera.calls[-1] == ("AbsoluteMove", Position(0.4, -0.3, 0.2))
    assert ops(camera).count("GetStatus") == 1  # a broken GetStatus is not asked again
    assert isinstance(ctl.status_error, OnvifBadReply)
    assert any("does not parse" in note for note in ctl.notes)


def test_presets_fall_back_to_local_when_the_camera_cannot_list_them() -> None:
    async def scenario() -> tuple[list[Preset], list[Preset], PtzController]:
        camera = FakeCamera()
        store = MemoryPresets()
        await store.save("Local", Position(0.1, 0.1, 0.1), PositionSource.COMMANDED)
        ctl = PtzController(camera, local_presets=store)
        await ctl.probe()
        both = await ctl.presets()
        camera.fail["GetPresets"] = [OnvifBadReply("GetPresets", "Invalid tag name 'tptz:Preset'")]
        ctl.presets_error = None
        only_local = await ctl.presets()
        return both, only_local, ctl

    both, only_local, ctl = run(scenario())
    assert [p.source for p in both] == [PresetSource.CAMERA, PresetSource.LOCAL]
    assert [p.name for p in only_local] == ["Local"]
    assert "GetPresets: the camera's reply does not parse" in str(ctl.presets_error)
    assert ctl.last_error is None and ctl.current_error is None  # worked around: not the operator's error


def test_close_stops_a_moving_camera() -> None:
    async def scenario() -> FakeCamera:
        camera = FakeCamera()
        ctl = PtzController(camera, min_interval=0.05)
        ctl.move(Velocity(0, 0.5))
        await asyncio.sleep(0.02)
        await ctl.close()
        return camera

    assert ops(run(scenario()))[-2:] == ["Stop", "close"]


def test_a_held_move_is_re_sent_with_its_timeout_until_released() -> None:
    """Dead-man: each ContinuousMove carries the ONVIF Timeout; held, it goes out again every Timeout/2."""
    async def scenario() -> tuple[FakeCamera, PtzController, list[float]]:
        camera = FakeCamera()
        ctl = PtzController(camera, min_interval=0.05, move_timeout=0.4)
        ctl.move(Velocity(0.5, 0.0))
        await ctl.settle()  # a held move is settled once sent: settle() does not wait for the release
        await asyncio.sleep(1.05)
        held = [t for t, op in ctl.sent_log if op == "ContinuousMove"]
        ctl.release()
        await ctl.settle()
        await asyncio.sleep(0.5)  # nothing more after the Stop
        return camera, ctl, held

    camera, ctl, held = run(scenario())
    gaps = [b - a for a, b in itertools.pairwise(held)]
    assert len(held) in (5, 6) and all(0.18 < g < 0.3 for g in gaps), gaps
    assert set(camera.timeouts) == {0.4}
    assert ops(camera)[-1] == "Stop" and ops(camera).count("Stop") == 1
    assert not ctl.moving and not ctl.busy


def test_a_positioned_move_ends_the_refreshes_of_a_held_one() -> None:
    async def scenario() -> FakeCamera:
        camera = FakeCamera(delay=0.05)
        ctl = PtzController(camera, min_interval=0.05, move_timeout=0.3)
        ctl.move(Velocity(0.5, 0.0))
        await asyncio.sleep(0.2)
        await ctl.absolute_move(Position(0.1, 0.2, 0.0))
        await asyncio.sleep(0.6)
        return camera

    camera = run(scenario())
    assert ops(camera)[-1] == "AbsoluteMove", ops(camera)


def test_a_camera_that_refuses_the_timeout_still_moves_and_says_so() -> None:
    from videowall.ptz.errors import OnvifFault

    async def scenario() -> tuple[FakeCamera, PtzController]:
        camera = FakeCamera()
        camera.fail["ContinuousMove"] = [OnvifFault("ContinuousMove", "Timeout not allowed")]
        ctl = PtzController(camera, min_interval=0.05, move_timeout=0.3)
        original = camera.continuous_move

        async def once_then_fine(velocity: Velocity, timeout: float | None = None) -> str | None:
            if timeout is None:
                camera.fail.pop("ContinuousMove", None)
            return await original(velocity, timeout)

        camera.continuous_move = once_then_fine  # type: ignore[method-assign]
        ctl.move(Velocity(0.5, 0.0))
        await ctl.settle()
        await asyncio.sleep(0.5)
        await ctl.stop()
        return camera, ctl

    camera, ctl = run(scenario())
    assert camera.timeouts == [0.3, None], camera.timeouts  # no refreshes without a Timeout to beat
    assert ctl.timeout_refused is not None and any("refused a ContinuousMove Timeout" in n for n in ctl.notes)


def test_a_camera_error_is_news_until_the_camera_answers_again() -> None:
    async def scenario() -> tuple[PtzController, list[object]]:
        camera = FakeCamera()
        camera.fail["ContinuousMove"] = [OnvifTimeout("ContinuousMove", "5 s")]
        ctl = PtzController(camera, min_interval=0.05)
        ctl.move(Velocity(0.5, 0))
        await asyncio.sleep(0.01)
        seen: list[object] = [ctl.current_error]
        ctl.release()
        await ctl.settle()  # the Stop goes through: the camera answers again
        seen.append(ctl.current_error)
        return ctl, seen

    ctl, seen = run(scenario())
    assert isinstance(seen[0], OnvifTimeout) and seen[1] is None
    assert isinstance(ctl.last_error, OnvifTimeout)  # still on record (the command line warns with it)


def test_click_to_centre_steps_toward_the_point_and_falls_back_to_absolute() -> None:
    from videowall.domain.ptz import FieldOfView, centre_delta
    from videowall.ptz.errors import OnvifFault

    right_up = centre_delta(1.0, 0.5, 0.0, FieldOfView(width=0.5, height=0.4, max_zoom=4.0))
    assert right_up == Position(0.25, 0.1, 0.0)  # half the picture's span to the edge
    zoomed = centre_delta(1.0, 0.5, 1.0, FieldOfView(width=0.5, height=0.4, max_zoom=4.0))
    assert zoomed == Position(0.0625, 0.025, 0.0)  # 4x zoom: a quarter of the step

    async def scenario(refuse: bool) -> FakeCamera:
        camera = FakeCamera(PtzCapabilities(ptz=True, pan_tilt=True, absolute=True, relative=True))
        if refuse:
            camera.fail["RelativeMove"] = [OnvifFault("RelativeMove", "Action not allowed")]
            camera.position = Position(0.2, -0.1, 0.5)
        ctl = PtzController(camera)
        await ctl.probe()
        await ctl.centre_on(-1.0, 0.0)  # the left edge
        if refuse:
            await ctl.centre_on(-1.0, 0.0)  # once refused, RelativeMove is not tried again
        return camera

    relative = run(scenario(False))
    assert [c for c in relative.calls if c[0] != "capabilities"] == [("RelativeMove", Position(-0.25, 0.0, 0.0))]
    absolute = run(scenario(True))
    moves = [(op, arg) for op, arg in absolute.calls if op in ("RelativeMove", "AbsoluteMove")]
    step = 0.25 / (1 + 0.5 * 3)  # zoom 0.5 of 4x: the picture spans 1/2.5 of the widest view
    assert moves[0][0] == "RelativeMove" and [op for op, _ in moves[1:]] == ["AbsoluteMove", "AbsoluteMove"]
    assert moves[1][1].pan == pytest.approx(0.2 - 0.25)  # zoom unknown before the first GetStatus: the wide step
    assert moves[2][1].pan == pytest.approx(0.2 - 0.25 - step)


def test_save_preset_goes_to_the_camera_without_a_position_else_local() -> None:
    async def scenario() -> tuple[Preset, Preset, FakeCamera, MemoryPresets]:
        camera = FakeCamera()
        camera.status_broken = True  # the position is unknown: a camera preset needs none
        store = MemoryPresets()
        ctl = PtzController(camera, local_presets=store)
        await ctl.probe()
        ctl.move(Velocity(0.5, 0, 0))
        await ctl.stop()
        on_camera = await ctl.save_preset("Gate")
        ctl.presets_error = OnvifBadReply("GetPresets", "does not parse")  # a camera that cannot keep them
        await ctl.absolute_move(Position(0.1, 0.2, 0.3))
        local = await ctl.save_preset("Market")
        return on_camera, local, camera, store

    on_camera, local, camera, store = run(scenario())
    assert (on_camera.source, on_camera.token) == (PresetSource.CAMERA, "tok-Gate")
    assert ("SetPreset", "Gate") in camera.calls
    assert local.source is PresetSource.LOCAL and store.rows["Market"][0] == Position(0.1, 0.2, 0.3)
    assert ("SetPreset", "Market") not in camera.calls

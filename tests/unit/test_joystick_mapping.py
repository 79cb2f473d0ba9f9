"""The joystick's pure mapping (domain/joystick.py): dead zone, curve, top speed, inversion, buttons, settings."""

from __future__ import annotations

import pytest

from videowall.domain import joystick as stick
from videowall.domain.joystick import StickAction, StickConfig, StickMapper, axis_speed
from videowall.domain.ptz import Velocity
from videowall.domain.settings_catalogue import BY_KEY, current


def test_dead_zone_curve_and_top_speed() -> None:
    assert axis_speed(0) == 0.0
    assert axis_speed(3000, dead_zone=0.1) == 0.0  # 9 % of the travel: inside the dead zone
    assert axis_speed(-3000, dead_zone=0.1) == 0.0
    assert axis_speed(32767, dead_zone=0.1) == pytest.approx(1.0)
    assert axis_speed(-32768, dead_zone=0.1) == pytest.approx(-1.0)  # clamped, not -1.00003
    half = 0.1 + 0.5 * 0.9  # half-way between the dead zone's edge and full travel
    assert axis_speed(half * 32767, dead_zone=0.1, curve=1.0) == pytest.approx(0.5, abs=1e-3)
    assert axis_speed(half * 32767, dead_zone=0.1, curve=2.0) == pytest.approx(0.25, abs=1e-3)  # finer near the centre
    assert axis_speed(32767, speed=0.4) == pytest.approx(0.4)
    just_out = axis_speed(0.11 * 32767, dead_zone=0.1, curve=1.0)
    assert 0 < just_out < 0.02  # no jump at the dead zone's edge


def test_the_mapper_steers_pan_tilt_zoom_with_inversion() -> None:
    config = StickConfig(dead_zone=0.1, curve=1.0, axes=stick.parse_axes("pan=0 tilt=1 zoom=3"))
    m = StickMapper(config)
    assert m.axis(0, 0, 32767) == Velocity(1.0, 0.0, 0.0)
    assert m.axis(0, 1, -32767) == Velocity(1.0, 1.0, 0.0)  # stick forward (SDL: negative) = tilt up
    assert m.axis(0, 1, -32700) is None  # a change no one could see: nothing re-sent
    assert m.axis(0, 1, -32767) is None
    assert m.axis(0, 3, 32767) == Velocity(1.0, 1.0, 1.0)
    assert m.axis(0, 0, 0) == Velocity(0.0, 1.0, 1.0)
    assert m.axis(0, 1, 1000) == Velocity(0.0, 0.0, 1.0)  # back in the dead zone
    assert m.axis(0, 3, 0) == Velocity()
    assert m.axis(0, 5, 30000) is None  # an axis that steers nothing

    flipped = StickMapper(StickConfig(axes={"pan": 0, "tilt": 1}, invert=stick.parse_invert("pan, tilt")))
    v = flipped.axis(0, 0, 32767)
    assert v is not None and v.pan == pytest.approx(-1.0)
    v = flipped.axis(0, 1, -32767)
    assert v is not None and v.tilt == pytest.approx(-1.0)  # inverted: forward tilts down


def test_buttons_zoom_while_held_and_ask_for_actions() -> None:
    m = StickMapper(StickConfig(buttons=stick.parse_buttons("0=zoom_in 1=zoom_out 2=stop 7=preset_3 8=next_camera")))
    assert m.button(0, 0, True) == (Velocity(0, 0, 0.5), None)
    assert m.button(0, 1, True) == (Velocity(), None)  # both held: they cancel
    assert m.button(0, 0, False) == (Velocity(0, 0, -0.5), None)
    assert m.button(0, 1, False) == (Velocity(), None)
    assert m.button(0, 7, True) == (None, StickAction.PRESET_3)
    assert StickAction.PRESET_3.preset == 3 and StickAction.STOP.preset is None
    assert m.button(0, 7, False) == (None, None)  # an action is asked for on the press only
    assert m.button(0, 8, True) == (None, StickAction.NEXT_CAMERA)
    assert m.button(0, 9, True) == (None, None)  # unmapped


def test_two_sticks_the_one_pushed_furthest_wins_and_pulling_one_out_lets_go() -> None:
    m = StickMapper(StickConfig(dead_zone=0.0, curve=1.0))
    m.axis(1, 0, 16384)
    v = m.axis(2, 0, -32767)
    assert v is not None and v.pan == pytest.approx(-1.0)
    v = m.forget(2)
    assert v is not None and v.pan == pytest.approx(0.5, abs=1e-3)
    m.button(1, 0, True)  # zoom_in held on stick 1
    assert m.forget(1) == Velocity()


def test_maps_parse_with_reasons() -> None:
    assert stick.parse_axes(" pan=2, tilt=3 ") == {"pan": 2, "tilt": 3}
    assert stick.parse_buttons("0=ZOOM_IN 11=preset_9") == {0: StickAction.ZOOM_IN, 11: StickAction.PRESET_9}
    assert stick.parse_invert("") == frozenset()
    for parse, text, why in ((stick.parse_axes, "roll=0", "not pan, tilt or zoom"),
                             (stick.parse_axes, "pan=x", "not an axis number"),
                             (stick.parse_axes, "pan", "not NAME=VALUE"),
                             (stick.parse_buttons, "0=fire", "not one of zoom_in"),
                             (stick.parse_buttons, "a=stop", "not a button number"),
                             (stick.parse_invert, "yaw", "not pan, tilt or zoom")):
        with pytest.raises(ValueError, match=why):
            parse(text)


def test_the_settings_catalogue_checks_the_maps_and_the_config_reads_them() -> None:
    with pytest.raises(ValueError, match="not one of"):
        BY_KEY[stick.BUTTONS_KEY].parse("0=launch")
    with pytest.raises(ValueError, match="outside"):
        BY_KEY[stick.DEAD_ZONE_KEY].parse(80)
    assert BY_KEY[stick.AXES_KEY].parse(" pan=1 tilt=0 ") == "pan=1 tilt=0"
    config = StickConfig.from_settings(current({stick.DEAD_ZONE_KEY: 20, stick.CURVE_KEY: 1.5,
                                                stick.SPEED_KEY: 50, stick.AXES_KEY: "pan=1 tilt=0",
                                                stick.INVERT_KEY: "tilt", stick.ENABLED_KEY: False}))
    assert (config.enabled, config.dead_zone, config.curve, config.speed) == (False, 0.2, 1.5, 0.5)
    assert config.axes == {"pan": 1, "tilt": 0} and config.invert == {"tilt"}
    defaults = StickConfig.from_settings(current({stick.BUTTONS_KEY: "0=launch"}))  # a bad stored map
    assert defaults.enabled and defaults.buttons == stick.parse_buttons(stick.DEFAULT_BUTTONS)


def test_the_joystick_wall_command_parses_strictly() -> None:
    from videowall.domain.commands import CommandError, VirtualJoystick, parse_command

    assert parse_command({"cmd": "joystick", "axes": {"0": 16384, "1": -32768}, "buttons": {"3": True}}) == \
        VirtualJoystick(((0, 16384), (1, -32768)), ((3, True),))
    assert parse_command({"cmd": "joystick", "detach": True}) == VirtualJoystick(detach=True)
    for bad, why in (({"axes": {"0": 40000}}, "-32768 to 32767"), ({"axes": {"x": 1}}, "map numbers"),
                     ({"axes": {"0": 1.5}}, "whole numbers"), ({"buttons": {"0": 1}}, "true")):
        with pytest.raises(CommandError, match=why):
            parse_command({"cmd": "joystick", **bad})

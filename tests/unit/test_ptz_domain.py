"""Pure PTZ maths: joystick mapping, clamping, the rate limit's bookkeeping, main/sub choice."""

import math

from videowall.domain.ptz import (
    MediaProfile,
    MoveRateLimit,
    Position,
    Velocity,
    clamp,
    drag_to_velocity,
    pick_main_sub,
)


def test_clamp_limits_and_nan() -> None:
    assert clamp(2.0) == 1.0
    assert clamp(-3.0) == -1.0
    assert clamp(math.nan) == 0.0
    assert Position(0.5, 2, 1.5).clamped() == Position(0.5, 1.0, 1.0)
    assert Velocity(3, -3, 0.2).clamped() == Velocity(1.0, -1.0, 0.2)


def test_drag_inside_dead_zone_does_not_move() -> None:
    assert drag_to_velocity(5, 5, 100, dead_zone=0.12).is_zero
    assert drag_to_velocity(0, 0, 0).is_zero


def test_drag_direction_and_screen_y_is_inverted_for_tilt() -> None:
    right = drag_to_velocity(100, 0, 100)
    assert right.pan == 1.0 and right.tilt == 0.0
    up = drag_to_velocity(0, -100, 100)  # screen y grows downwards; dragging up tilts up
    assert up.tilt == 1.0 and up.pan == 0.0


def test_drag_speed_grows_with_distance_and_is_capped() -> None:
    slow = drag_to_velocity(30, 0, 100).pan
    fast = drag_to_velocity(80, 0, 100).pan
    assert 0 < slow < fast <= 1.0
    assert drag_to_velocity(500, 0, 100, speed=0.5).pan == 0.5


def test_rate_limit_waits_out_the_interval() -> None:
    limit = MoveRateLimit(0.12)
    assert limit.wait_for(10.0) == 0.0
    limit.mark_sent(10.0)
    assert math.isclose(limit.wait_for(10.05), 0.07)
    assert limit.wait_for(10.2) == 0.0


def test_pick_main_sub_by_picture_size() -> None:
    big = MediaProfile("a", width=1920, height=1080, stream_uri="rtsp://x/main")
    small = MediaProfile("b", width=640, height=360, stream_uri="rtsp://x/sub")
    none = MediaProfile("c", width=4000, height=3000)
    assert pick_main_sub([small, none, big]) == (big, small)
    assert pick_main_sub([big]) == (big, None)
    assert pick_main_sub([none]) == (None, None)

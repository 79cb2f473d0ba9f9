"""Tiles too small to show every picture show fewer (issue 18): the policy, and a tile's sessions over a
fake media runtime (no ffmpeg, no libVLC: see test_wall_controllers)."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from tests.unit.test_wall_controllers import FakeRuntime, cam, picture
from videowall.domain.stream_state import StreamState
from videowall.services.live import TileController, TileReport
from videowall.services.stream_policy import ShownRatePolicy


@pytest.fixture
def loop() -> Any:
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


def test_the_rate_falls_on_an_8x8_tile_and_comes_back_with_a_band() -> None:
    policy = ShownRatePolicy()
    assert policy.initial(1920 // 8, 1080 // 8) == 12  # 64 tiles on a full-HD monitor
    assert policy.initial(1920 // 7, 1080 // 7) is None  # 49 tiles: every picture
    assert policy.initial(1600 // 6, 900 // 6) is None  # the bench's 36 tiles on its 1600x900 screen
    assert policy.choose(12, 260, 146) == 12  # inside the band: stays reduced
    assert policy.choose(None, 260, 146) is None  # inside the band: stays full
    assert policy.choose(12, 274, 154) is None
    assert policy.choose(None, 240, 135) == 12


def test_a_small_tile_plays_reduced_says_so_and_a_larger_one_switches_to_every_picture(loop: Any) -> None:
    runtime, reports = FakeRuntime(), list[TileReport]()
    tile = TileController(0, runtime, lambda c, s: c.url_for(s), loop.call_soon_threadsafe,  # type: ignore[arg-type]
                          reports.append)
    tile.set_target_size(240, 135)
    tile.show(cam(1))
    assert tile.session is not None and tile.session.shown_fps == 12
    t0 = time.monotonic()
    for i in range(4):
        picture(tile, (40 * i + 20, 90, 160))
        tile.tick(t0 + 0.2 * i)
    assert tile.report().status.state is StreamState.LIVE and tile.report().reduced_fps == 12
    old = tile.session
    tile.set_target_size(480, 270)  # the layout went to 4x4: a new session, shown once it has a picture
    tile.tick(t0 + 1.0)
    assert len(runtime.starts) == 2 and tile.session is old and tile.report().reduced_fps == 12
    pending = tile._pending
    assert pending is not None and pending.session.shown_fps is None
    shown = tile.buffer
    tile.buffer = pending.buffer  # the new session's picture arrives in its own buffer
    picture(tile, (200, 90, 160))
    tile.buffer = shown
    tile.tick(t0 + 1.2)
    assert tile.session is pending.session and tile.report().reduced_fps is None
    assert len(runtime.stops) == 1  # the reduced session was stopped after the swap

"""TileController, LiveWall and WallController over a fake media runtime: no ffmpeg, no libVLC.

The fake runtime records each session's start and stop instead of running them; pictures are written
into the tile's FrameBuffer the way libVLC's callbacks do (setup, lock, write at the address, display),
so the state machine sees real buffers: live, black, frozen, stalled.
"""

from __future__ import annotations

import asyncio
import ctypes
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

import numpy as np
import pytest

from videowall.domain.camera import Camera, ServiceStatus, StreamKind
from videowall.domain.grid import preset
from videowall.domain.layout import Layout, TileAssignment
from videowall.domain.stream_state import StreamState
from videowall.services.live import TileController, TileReport
from videowall.services.live_wall import LiveWall
from videowall.services.wall_control import CameraDirectory, WallController


class FakeRuntime:
    """The media runtime's contract as TileController uses it; sessions are counted, never played."""

    native_rtsp = False

    def __init__(self) -> None:
        self.starts: list[Callable[[], Any]] = []
        self.stops: list[Callable[[], Any]] = []

    def submit(self, fn: Callable[[], Any]) -> Future[Any]:
        self.starts.append(fn)
        return Future()  # never run: the session's ffmpeg and libVLC player never start

    def reap(self, fn: Callable[[], Any]) -> Future[Any]:
        self.stops.append(fn)
        done: Future[Any] = Future()
        done.set_result(None)
        return done

    def count(self, players: int = 0, ingests: int = 0) -> None:
        pass


def cam(i: int, **kw: Any) -> Camera:
    return Camera(f"C{i}", f"Camera {i}", main_url=f"rtsp://127.0.0.1:1/c{i}/main",
                  sub_url=f"rtsp://127.0.0.1:1/c{i}/sub", **kw)


def picture(tile: TileController, bgr: tuple[int, int, int]) -> None:
    """One decoded picture, written as libVLC's vmem callbacks write it."""
    buf = tile.buffer
    if buf.width == 0:
        buf.setup(64, 36)
    idx, address = buf.lock()
    n = buf.width * buf.height * 4
    pixels = np.ctypeslib.as_array((ctypes.c_uint8 * n).from_address(address)).reshape(buf.height, buf.width, 4)
    pixels[:] = (*bgr, 255)
    pixels[0, : int(bgr[0]) % buf.width] = 255  # a picture that changes with its colour
    buf.display(idx)


@pytest.fixture
def loop() -> Any:
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


def wall(loop: asyncio.AbstractEventLoop, runtime: FakeRuntime, reports: list[TileReport],
         cameras: list[Camera]) -> WallController:
    live = LiveWall(runtime, lambda c, s: c.url_for(s), loop, reports.append)  # type: ignore[arg-type]
    directory = CameraDirectory()
    directory.replace(cameras)
    return WallController(live, directory)


def test_a_tile_goes_live_then_frozen_then_reconnects(loop: Any) -> None:
    runtime, reports = FakeRuntime(), []
    tile = TileController(0, runtime, lambda c, s: c.url_for(s), loop.call_soon_threadsafe,  # type: ignore[arg-type]
                          reports.append)
    tile.show(cam(1))
    assert tile.report().status.state is StreamState.CONNECTING and len(runtime.starts) == 1
    t0 = time.monotonic()
    for i in range(5):
        picture(tile, (40 * i + 20, 90, 160))
        tile.tick(t0 + 0.2 * i)
    assert tile.report().status.state is StreamState.LIVE
    assert tile.snapshot() is not None and reports[-1].status.state is StreamState.LIVE
    tile.tick(t0 + 7.0)  # no new picture for 6 s (limit 5): frozen, still connected
    assert tile.report().status.state is StreamState.FROZEN and len(runtime.stops) == 0
    tile.tick(t0 + 60.0)  # still nothing: the watchdog gives up on this session and schedules a retry
    status = tile.report().status
    assert status.state is StreamState.RECONNECTING and status.retry_at is not None and len(runtime.stops) == 1
    tile.tick(status.retry_at + 0.1)
    assert len(runtime.starts) == 2 and tile.report().status.state is StreamState.RECONNECTING


def test_a_black_picture_is_no_video_and_an_unchanging_one_frozen(loop: Any) -> None:
    runtime, reports = FakeRuntime(), []
    black = TileController(0, runtime, lambda c, s: c.url_for(s), loop.call_soon_threadsafe,  # type: ignore[arg-type]
                           reports.append)
    black.show(cam(1))
    t0 = time.monotonic()
    for i in range(30):
        picture(black, (0, 0, 0))
        black.tick(t0 + 0.2 * i)
    assert black.report().status.state is StreamState.NO_VIDEO
    still = TileController(1, runtime, lambda c, s: c.url_for(s), loop.call_soon_threadsafe,  # type: ignore[arg-type]
                           reports.append)
    still.show(cam(2))
    for i in range(30):
        picture(still, (120, 120, 120))  # pictures keep coming, all the same
        still.tick(t0 + 0.2 * i)
    assert still.report().status.state is StreamState.FROZEN and still.report().status.detail == "picture frozen"


def test_disabled_missing_url_and_empty_tiles_start_no_session(loop: Any) -> None:
    runtime, reports = FakeRuntime(), []
    tile = TileController(0, runtime, lambda c, s: c.url_for(s), loop.call_soon_threadsafe,  # type: ignore[arg-type]
                          reports.append)
    tile.show(cam(1, status=ServiceStatus.INACTIVE))
    assert tile.report().status.state is StreamState.DISABLED
    tile.show(Camera("C9", "No URL"))
    assert tile.report().status.state is StreamState.OFFLINE and "no stream URL" in tile.report().status.detail
    tile.show(None)
    assert tile.report().camera is None and tile.report().status.detail == "empty"
    assert runtime.starts == []


def test_the_wall_controller_reads_and_rearranges_its_tiles(loop: Any) -> None:
    runtime, reports = FakeRuntime(), []
    cameras = [cam(i) for i in range(1, 6)]
    controller = wall(loop, runtime, reports, cameras)
    controller.apply_shape(preset("2x2"), list[Camera | None](cameras[:4]))
    assert [c.id if c else None for c in controller.cameras()] == ["C1", "C2", "C3", "C4"]
    assert controller.camera_at(2) == cameras[2] and controller.camera_at(9) is None and controller.tile(9) is None
    assert controller.shows("C4") and not controller.shows("C5") and len(runtime.starts) == 4
    tile = controller.tile(0)
    assert tile is not None and tile.index == 0 and tile.report().camera == cameras[0]

    controller.swap(0, 3)  # the streams move with their tiles: nothing reconnects
    assert [c.id if c else None for c in controller.cameras()] == ["C4", "C2", "C3", "C1"]
    assert len(runtime.starts) == 4 and len(runtime.stops) == 0

    controller.apply_shape(preset("1x1"))  # three tiles go, their streams stop at once
    assert [c.id if c else None for c in controller.cameras()] == ["C4"] and len(runtime.stops) == 3
    controller.apply_shape(preset("2x2"))  # growing again brings the dropped cameras back
    assert [c.id if c else None for c in controller.cameras()] == ["C4", "C2", "C3", "C1"]

    layout = controller.to_layout("saved")
    assert [(t.index, t.camera_id) for t in layout.tiles] == [(0, "C4"), (1, "C2"), (2, "C3"), (3, "C1")]
    gone = Layout.from_shape("old", preset("2x2"), (TileAssignment(0, "C5", StreamKind.SUB),  # type: ignore[arg-type]
                                                    TileAssignment(1, "GONE", StreamKind.SUB)))
    assert controller.apply_layout(gone) == ["GONE"]
    assert [c.id if c else None for c in controller.cameras()] == ["C5", None, None, None]
    assert controller.layout_name == "old"


def test_the_live_wall_watchdog_ticks_tiles_and_tickers(loop: Any) -> None:
    runtime, reports = FakeRuntime(), []
    controller = wall(loop, runtime, reports, [cam(1)])
    controller.apply_shape(preset("1x1"), [cam(1)])
    ticks: list[float] = []
    controller.add_ticker(ticks.append)
    tile = controller.live.tiles[0]

    async def pictures() -> None:
        for i in range(12):
            picture(tile, (20 * i + 10, 60, 90))
            await asyncio.sleep(0.1)

    controller.live.start()
    loop.run_until_complete(pictures())
    assert len(ticks) >= 2 and ticks == sorted(ticks)  # the tickers run at each half-second tick
    assert controller.tile(0) is not None and controller.tile(0).report().status.state is StreamState.LIVE  # type: ignore[union-attr]
    controller.close()
    assert len(runtime.stops) == 1

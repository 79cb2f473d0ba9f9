"""Issue 22, replay: a recording played from the simulated recorder at a chosen instant and speed, through the
ONVIF replay ingest (rtspsrc onvif-mode) and libVLC, in the real ReplayWindow driven with QTest; the burned-in
clock is read off X-server screenshots (the code band under the picture, not OCR)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from tests.screens import grab
from tests.side.replay_screen import replay_clients
from videowall.media.session import count_children
from videowall.recording.search import RecorderClient
from videowall.sim import recorder_picture
from videowall.sim.processes import end_process
from videowall.sim.recorder import SimRecorders, demo_recorders

NOW = time.time()
GAP = (NOW - 2 * 3600, NOW - 2 * 3600 + 600)  # demo_recorders: NVR-GAP's ten minutes without a recording
SPAN = (GAP[0] - 1500, GAP[1] + 1500)  # the timeline's hour around it
DRIVER = Path(__file__).with_name("replay_driver.py")
ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Window:
    proc: subprocess.Popen[bytes]
    status: Path
    display: str
    shots: Path
    gap_ranges: list[tuple[float, float]]  # NVR-GAP's REC-CAM01 over the hour around its gap, searched

    def send(self, command: object) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write((json.dumps(command) + "\n").encode())
        self.proc.stdin.flush()

    def state(self) -> dict[str, object]:
        try:
            return dict(json.loads(self.status.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return {}

    def wait(self, what: str, check: object, timeout: float = 15.0) -> dict[str, object]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            state = self.state()
            if callable(check) and check(state):
                return state
            time.sleep(0.05)
        raise AssertionError(f"{what}: not within {timeout} s; last status {self.state()}")

    def clock_on_screen(self, name: str) -> float:
        """The instant the picture on the X server shows, from its code band."""
        rect = self.state().get("rect")
        assert rect, "no picture painted"
        x, y, w, h = rect  # type: ignore[misc]
        row = int(y + recorder_picture.band_fraction() * h)
        for attempt in range(3):  # a grab can catch the tile while Qt repaints it
            img = grab(self.display, self.shots / f"{name}-{attempt}.png")
            value = recorder_picture.read_code(list(img[row, x:x + w].mean(axis=1).astype(np.int32)))
            if value is not None:
                return value
            time.sleep(0.05)
        raise AssertionError(f"{name}: no recorder code on screen at row {row} (see {name}-2.png)")


async def _ranges_around_the_gap(recs: SimRecorders) -> list[tuple[float, float]]:
    client = RecorderClient("127.0.0.1", recs.running["NVR-GAP"].http_port, timeout=3.0)
    await client.connect()
    try:
        found = await client.ranges("REC-CAM01", datetime.fromtimestamp(SPAN[0], UTC),
                                    datetime.fromtimestamp(SPAN[1], UTC))
    finally:
        await client.close()
    return [(r.start.timestamp(), r.end.timestamp()) for r in found.ranges]


async def _replay_uris(recs: SimRecorders) -> list[tuple[str, str]]:
    out = []
    for name, token in (("NVR-GAP", "REC-CAM01"), ("NVR-NOREPLAY", "REC-CAM04"), ("NVR-SKEW", "REC-CAM03")):
        client = RecorderClient("127.0.0.1", recs.running[name].http_port, timeout=3.0)
        await client.connect()
        try:
            out.append((f"{name} {token}", await client.replay_uri(token)))
        finally:
            await client.close()
    return out


@pytest.fixture(scope="module")
def window(xdisplay: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Window]:
    shots = tmp_path_factory.mktemp("replay")
    with SimRecorders(demo_recorders(NOW)) as recs:
        recordings = asyncio.run(_replay_uris(recs))
        gap_ranges = asyncio.run(_ranges_around_the_gap(recs))
        env = dict(os.environ, DISPLAY=xdisplay, PYTHONPATH=str(ROOT))
        env.pop("WAYLAND_DISPLAY", None)
        status = shots / "status.json"
        proc = subprocess.Popen([sys.executable, str(DRIVER), str(status)], stdin=subprocess.PIPE, env=env,
                                cwd=ROOT, start_new_session=True)
        run = Window(proc, status, xdisplay, shots, gap_ranges)
        try:
            run.send(recordings)  # the driver's first line: what the recorder search found
            run.wait("the window is up", lambda s: "status" in s)
            yield run
        finally:
            if proc.poll() is None:
                run.send({"quit": True})
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(10)
            end_process(proc)


def _play(window: Window, index: int, at: float, speed: float) -> tuple[float, dict[str, object]]:
    before = int(window.state().get("frames") or 0)
    window.send({"play": [index, at, speed]})
    state = window.wait("a replayed picture", lambda s: int(s.get("frames") or 0) > before + 1 and s.get("rect"))
    return time.monotonic(), state


def test_replay_at_an_instant_shows_that_instant_and_speeds_move_the_clock(window: Window) -> None:
    asked = float(int(NOW - 3 * 3600))  # three hours ago: inside the recording, before its gap
    shown_at, _ = _play(window, 0, asked, 1.0)
    first = window.clock_on_screen("first")
    lag = time.monotonic() - shown_at  # the picture went on playing while the screenshot was taken
    assert -0.25 <= first - asked <= 1.0 + lag + 0.3, (first - asked, lag)  # within one GOP (1 s) of the asked instant

    _play(window, 0, asked, 4.0)
    time.sleep(1.0)  # libVLC settles on the new stream's clock
    t0, a = time.monotonic(), window.clock_on_screen("fast-a")
    time.sleep(1.5)
    t1, b = time.monotonic(), window.clock_on_screen("fast-b")
    assert 2.0 * (t1 - t0) <= b - a <= 6.0 * (t1 - t0), (b - a, t1 - t0)  # 4x: four seconds a second

    _play(window, 0, asked, -1.0)
    deadline = time.monotonic() + 5.0  # the 4x picture stays until the reverse one comes
    while (a := window.clock_on_screen("reverse-a")) > asked + 0.25 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert asked - 2.0 <= a <= asked + 0.25, a - asked  # reverse starts at the asked instant (grabs take ~0.2 s)
    t0 = time.monotonic()
    time.sleep(1.5)
    t1, b = time.monotonic(), window.clock_on_screen("reverse-b")
    assert -2.0 * (t1 - t0) <= b - a <= -0.4 * (t1 - t0), (b - a, t1 - t0)  # backwards, about real time


def test_a_replay_that_meets_the_gap_goes_on_after_it(window: Window) -> None:
    gap_start = NOW - 2 * 3600  # demo_recorders: NVR-GAP has nothing for the ten minutes from here
    _play(window, 0, gap_start - 1.0, 1.0)
    deadline = time.monotonic() + 6.0
    while (shown := window.clock_on_screen("gap")) < gap_start + 600 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert gap_start + 600 <= shown <= gap_start + 603, shown - gap_start  # jumped over the gap, no wait


def test_a_recorder_with_a_wrong_clock_plays_what_it_labels_that_instant(window: Window) -> None:
    label = float(int(NOW - 3600))  # in NVR-SKEW's clock, which runs 90 s fast
    shown_at, _ = _play(window, 2, label, 1.0)
    deadline = time.monotonic() + 5.0  # the gap test's picture stays until this one comes
    while abs((shown := window.clock_on_screen("skew")) - (label - 90.0)) > 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    lag = time.monotonic() - shown_at
    assert -0.25 <= shown - (label - 90.0) <= 1.3 + lag, shown - label  # the true instant is 90 s earlier


def test_a_recorder_that_refuses_replay_says_so(window: Window) -> None:
    window.send({"play": [1, NOW - 600, 1.0]})
    state = window.wait("the refusal", lambda s: "refuses replay" in str(s.get("status")))
    assert str(state["status"]) == "The recorder refuses replay: the recorder answered 551 Option not supported"
    window.send({"stop": True})
    window.wait("stopped", lambda s: s.get("ingest_pid") is None)
    deadline = time.monotonic() + 3.0
    while _replay_children(window.proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _replay_children(window.proc.pid)  # no replay ingest left behind


def _replay_children(pid: int) -> list[int]:
    return replay_clients(count_children(pid))


def _screen_x(bar: list[int], at: float) -> int:
    """The timeline's pixel column for ``at`` on the X server (ReplayTimeline.x_for, in screen coordinates)."""
    x, _y, w, _h = bar
    return x + round((at - SPAN[0]) / (SPAN[1] - SPAN[0]) * (w - 1))


def test_the_timeline_draws_the_gap_as_a_gap_and_a_drag_plays_the_dropped_instant(window: Window) -> None:
    from videowall.ui.replay_timeline import MARK, NOT_RECORDED, RECORDED

    mark = float(int(GAP[0] - 700))  # a bookmark's instant, before the gap
    _play(window, 0, SPAN[0] + 60, 1.0)
    window.send({"timeline": [SPAN[0], SPAN[1], window.gap_ranges, [[mark, "tabrakan"]]]})
    assert len(window.gap_ranges) == 2 and abs(window.gap_ranges[0][1] - GAP[0]) < 1.0  # the search saw the gap
    time.sleep(0.3)
    bar = window.state()["bar"]
    shot = grab(window.display, window.shots / "timeline.png")
    row = bar[1] + bar[3] // 2  # type: ignore[index]

    def colour(at: float) -> tuple[int, int, int]:
        return tuple(int(v) for v in shot[row, _screen_x(bar, at)])  # type: ignore[arg-type,return-value]

    rgb = lambda c: (c.red(), c.green(), c.blue())  # noqa: E731
    assert colour((GAP[0] + GAP[1]) / 2) == rgb(NOT_RECORDED)  # the gap is not drawn as recorded
    assert colour(GAP[0] + 30) == rgb(NOT_RECORDED) and colour(GAP[1] - 30) == rgb(NOT_RECORDED)
    assert colour(GAP[0] - 120) == rgb(RECORDED) and colour(GAP[1] + 120) == rgb(RECORDED)
    assert colour(mark) == rgb(MARK)  # the bookmark's mark

    # drag from the start to after the gap: the dropped instant plays (its code band read off the screen)
    target = GAP[1] + 300
    before = int(window.state().get("frames") or 0)
    window.send({"drag": [SPAN[0] + 60, target]})
    state = window.wait("the drop", lambda s: s.get("dropped") and int(s.get("frames") or 0) > before + 1)
    dropped = float(state["dropped"][0])  # type: ignore[index]
    assert abs(dropped - target) <= (SPAN[1] - SPAN[0]) / bar[2] + 0.5  # type: ignore[index]  # one pixel
    shown_at = time.monotonic()
    deadline = shown_at + 5.0
    while abs((shown := window.clock_on_screen("scrub")) - dropped) > 5 and time.monotonic() < deadline:
        time.sleep(0.05)  # the earlier replay's picture stays until the new one comes
    assert -0.25 <= shown - dropped <= 1.0 + (time.monotonic() - shown_at) + 0.3, shown - dropped

    # a drop a few pixels off the bookmark's mark jumps to the bookmark's own instant
    window.send({"drag": [target, mark + 2 * (SPAN[1] - SPAN[0]) / bar[2]]})  # type: ignore[index]
    state = window.wait("the jump", lambda s: s.get("dropped") and float(s["dropped"][0]) == mark)
    deadline = time.monotonic() + 5.0
    while abs((shown := window.clock_on_screen("mark")) - mark) > 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert -0.25 <= shown - mark <= 2.5, shown - mark

    # back to live in one click: the replay stops and the window goes
    window.send({"live": True})
    window.wait("back to live", lambda s: s.get("visible") is False and s.get("ingest_pid") is None)

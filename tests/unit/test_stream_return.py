"""Early reconnect after back-off: fires on a change (down, then answering), once per outage."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Iterator

import pytest

from videowall.domain.stream_state import OfflineReason, StreamStateMachine
from videowall.services.stream_return import ReturnWatch


@pytest.fixture
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


class FakeEndpoint:
    """Answers DESCRIBE or not, as the test says; counts the probes."""

    def __init__(self, up: bool) -> None:
        self.up = up
        self.probes = 0

    async def __call__(self, url: str) -> bool:
        assert url == "rtsp://127.0.0.1:1/cam"
        self.probes += 1
        return self.up


def _url() -> str:
    return "rtsp://127.0.0.1:1/cam"


def _drive(watch: ReturnWatch, loop: asyncio.AbstractEventLoop, retry_at: float, reason: OfflineReason,
           start: float, steps: int) -> float | None:
    """Tick every half second of fake time; the time an early reconnect was asked for, if any."""
    for i in range(steps):
        now = start + i * 0.5
        if watch.due(now, retry_at, reason, _url):
            return now
        loop.run_until_complete(asyncio.sleep(0))  # let a started probe finish
    return None


def test_a_refused_stream_reconnects_as_soon_as_its_endpoint_answers(loop: asyncio.AbstractEventLoop) -> None:
    endpoint = FakeEndpoint(up=False)
    watch = ReturnWatch(loop, endpoint, interval_s=2.0, rng=random.Random(1))
    assert _drive(watch, loop, 30.0, OfflineReason.REFUSED, 0.0, 12) is None  # still down: wait on
    assert endpoint.probes >= 2
    endpoint.up = True
    fired = _drive(watch, loop, 30.0, OfflineReason.REFUSED, 6.0, 12)
    assert fired is not None and fired < 10.0  # seconds after coming back, not at the 30 s retry
    assert not watch.armed
    # Once per outage: the next wait is plain back-off until the tile has been live again.
    assert _drive(watch, loop, 60.0, OfflineReason.REFUSED, 31.0, 12) is None
    watch.live()
    assert _drive(watch, loop, 90.0, OfflineReason.ENDED, 62.0, 12) is not None


def test_an_endpoint_that_answered_all_along_tells_nothing(loop: asyncio.AbstractEventLoop) -> None:
    endpoint = FakeEndpoint(up=True)
    watch = ReturnWatch(loop, endpoint, interval_s=2.0, rng=random.Random(2))
    # No pictures although the server answers: a probe cannot tell that it is fixed.
    assert _drive(watch, loop, 30.0, OfflineReason.NO_DATA, 0.0, 20) is None
    assert endpoint.probes >= 3
    endpoint.up = False
    assert _drive(watch, loop, 30.0, OfflineReason.NO_DATA, 10.0, 8) is None
    endpoint.up = True  # it was seen down and answers again: that is news
    assert _drive(watch, loop, 30.0, OfflineReason.NO_DATA, 14.0, 10) is not None


def test_no_probe_when_the_retry_is_close_anyway(loop: asyncio.AbstractEventLoop) -> None:
    endpoint = FakeEndpoint(up=True)
    watch = ReturnWatch(loop, endpoint, interval_s=1.0, min_wait_s=3.0, rng=random.Random(3))
    assert _drive(watch, loop, 2.5, OfflineReason.REFUSED, 0.0, 5) is None
    assert endpoint.probes == 0


def test_retry_now_ends_the_wait_of_the_state_machine() -> None:
    machine = StreamStateMachine(rng=random.Random(4))
    machine.connecting(0.0)
    status = machine.failed(1.0, OfflineReason.REFUSED)
    assert status.retry_at is not None and not machine.retry_due(1.1)
    machine.retry_now(1.1)
    assert machine.retry_due(1.1)
    assert machine.status.reason is OfflineReason.REFUSED  # the tile still says why until it reconnects

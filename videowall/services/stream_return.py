"""Early reconnect: while a tile waits out its back-off, a cheap RTSP DESCRIBE asks if its stream is back.

Back-off protects cameras and servers from reconnect storms, but sleeping out a 30 s cap after the
server has come back leaves an operator looking at "reconnecting" for half a minute. A DESCRIBE costs
one TCP connection and two small requests (no ffmpeg, no decoder), so a waiting tile may ask every few
seconds and reconnect as soon as the endpoint that was down answers with a playable stream.

Two rules keep it from becoming a storm of its own: it fires only on a *change* (the endpoint was seen
down during this outage, then answers), and at most once per outage until the tile has been live again;
after that the tile is back on its plain back-off schedule.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable

from videowall.domain.health import HealthState
from videowall.domain.stream_state import OfflineReason
from videowall.health.prober import ProbeSettings, ProbeTarget, RtspProber

log = logging.getLogger(__name__)

ProbeFn = Callable[[str], Awaitable[bool]]
# Failures that do not by themselves show the endpoint down: the server may still answer DESCRIBE.
_NOT_A_DOWN_SIGN = (OfflineReason.NO_DATA, OfflineReason.UNSUPPORTED, OfflineReason.AUTH)


def rtsp_probe(settings: ProbeSettings | None = None) -> ProbeFn:
    """A probe that says whether an RTSP URL (credentials inline) answers DESCRIBE with showable video."""
    prober = RtspProber(settings or ProbeSettings(connect_timeout=1.5, total_timeout=2.5, concurrency=1))

    async def answers(url: str) -> bool:
        record = await prober.probe(ProbeTarget("", url))
        return record.state is HealthState.LIVE

    return answers


class ReturnWatch:
    """One tile's watch on its stream's endpoint during back-off waits; ticked from the wall's loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop, probe: ProbeFn, *, interval_s: float = 3.0,
                 min_wait_s: float = 3.0, rng: random.Random | None = None) -> None:  # fmt: skip
        self._loop = loop
        self._probe = probe
        self.interval_s = interval_s
        self.min_wait_s = min_wait_s  # a retry closer than this is not worth a probe
        self._rng = rng or random.Random()
        self._task: asyncio.Future[bool] | None = None
        self._wait: float | None = None  # the retry time of the wait being watched
        self._down_seen = False
        self._next_at = 0.0
        self.armed = True  # cleared by an early reconnect, set again when the tile is live

    def live(self) -> None:
        self.armed = True
        self._stop()

    def due(self, now: float, retry_at: float, reason: OfflineReason | None, url: Callable[[], str]) -> bool:
        """True when the tile should reconnect now instead of at ``retry_at``; starts probes as needed."""
        if not self.armed:
            return False
        if retry_at != self._wait:  # a new wait (a new failure): judge the endpoint afresh
            self._stop()
            self._wait = retry_at
            self._down_seen = reason is not None and reason not in _NOT_A_DOWN_SIGN
            self._next_at = now + self.interval_s * self._rng.uniform(0.5, 1.0)  # not all tiles at once
        task = self._task
        if task is not None and task.done():
            self._task = None
            answered = not task.cancelled() and task.exception() is None and task.result()
            if answered and self._down_seen:
                self.armed = False
                return True
            self._down_seen = self._down_seen or not answered
        if self._task is None and now >= self._next_at and retry_at - now > self.min_wait_s:
            try:
                target = url()
            except Exception:  # no credentials or URL now: the normal retry will say why
                return False
            self._next_at = now + self.interval_s * self._rng.uniform(0.8, 1.2)
            self._task = asyncio.ensure_future(self._probe(target), loop=self._loop)
        return False

    def close(self) -> None:
        self._stop()
        self._wait = None

    def _stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

"""How late the UI loop runs what it was asked to run: the operator feels this lag as a frozen console.

A ticker asks to wake every ``interval_s`` and records how much later it actually woke. Painting,
watchdog ticks and Python callbacks all delay it, so its tail (p99, max) is the honest measure of a
busy loop. No Qt here: the app drives it from a QTimer.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LoopLag:
    """Lateness of the loop over the recent window, in milliseconds."""

    samples: int
    p50_ms: float
    p99_ms: float
    max_ms: float
    max_ever_ms: float


def _quantile(ordered: list[float], q: float) -> float:
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class LoopLagProbe:
    """Fed by a repeating timer on the UI loop (``tick`` every ``interval_s``); keeps the last ``window`` lags.

    The timer is the app's (a QTimer): scheduling an asyncio task here would add the very loop
    machinery being measured.
    """

    def __init__(self, interval_s: float = 0.1, window: int = 600) -> None:
        self.interval_s = interval_s
        self._lags: deque[float] = deque(maxlen=window)
        self._max_ever = 0.0
        self._last: float | None = None
        self.count = 0  # lags measured since the start (numbers the samples ``recent`` returns)

    def tick(self, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        if self._last is not None:
            late = max(0.0, now - self._last - self.interval_s)
            self._lags.append(late)
            self.count += 1
            self._max_ever = max(self._max_ever, late)
        self._last = now

    def lag(self) -> LoopLag:
        ordered = sorted(self._lags)
        return LoopLag(
            samples=len(ordered),
            p50_ms=round(_quantile(ordered, 0.5) * 1000, 1),
            p99_ms=round(_quantile(ordered, 0.99) * 1000, 1),
            max_ms=round((ordered[-1] if ordered else 0.0) * 1000, 1),
            max_ever_ms=round(self._max_ever * 1000, 1),
        )

    def recent(self, n: int = 30) -> dict[str, object]:
        """The last ``n`` lags (ms) and the number of the newest: readers that poll join them into one series."""
        lags = list(self._lags)[-n:] if n > 0 else []
        return {"last": self.count, "lags_ms": [round(x * 1000, 1) for x in lags]}

"""One wall's tiles and the half-second watchdog tick that serves them all (see services/live.py)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from pathlib import Path

from videowall.domain.stream_state import Backoff, WatchdogLimits
from videowall.media.runtime import MediaRuntime
from videowall.services.live import TileController, TileReport, UrlResolver
from videowall.services.stream_return import ProbeFn, ReturnWatch
from videowall.services.tile_guard import TileGuard

log = logging.getLogger(__name__)


class LiveWall:
    """The tiles of one wall and the half-second watchdog tick that serves them all."""

    TICK_S = 0.5

    def __init__(
        self,
        runtime: MediaRuntime,
        resolve_url: UrlResolver,
        loop: asyncio.AbstractEventLoop,
        on_change: Callable[[TileReport], None],
        buffer_root: Path | None = None,
        return_probe: ProbeFn | None = None,
        backoff: Backoff | None = None,
        limits: WatchdogLimits | None = None,
    ) -> None:
        self._backoff = backoff or Backoff()  # each tile's reconnect waits (setting reconnect_max_s)
        self._limits = limits  # when a tile's picture counts as frozen, black or stalled (settings)
        self._runtime = runtime
        self._return_probe = return_probe  # see services/stream_return.py
        self._buffer_root = buffer_root
        self._resolve = resolve_url
        self._loop = loop
        self._on_change = on_change
        self.tiles: list[TileController] = []
        self.tickers: list[Callable[[float], None]] = []  # tours and other per-tick work
        self.guard: TileGuard | None = None  # privacy and access; set by the app before tiles show cameras
        self._task: asyncio.Task[None] | None = None

    def resize(self, count: int) -> None:
        """Have exactly ``count`` tiles; tiles that go away stop their streams at once."""
        while len(self.tiles) > count:
            self.tiles.pop().close()
        while len(self.tiles) < count:
            watch = ReturnWatch(self._loop, self._return_probe) if self._return_probe is not None else None
            self.tiles.append(
                TileController(len(self.tiles), self._runtime, self._resolve, self._loop.call_soon_threadsafe,
                               self._on_change, buffer_root=self._buffer_root, return_watch=watch,
                               backoff=self._backoff, limits=self._limits)
            )
            self.tiles[-1].guard = self.guard

    def swap(self, a: int, b: int) -> None:
        """Swap two tiles' controllers: the streams move with them, nothing reconnects."""
        tiles = self.tiles
        tiles[a], tiles[b] = tiles[b], tiles[a]
        tiles[a].index, tiles[b].index = a, b
        tiles[a]._emit()
        tiles[b]._emit()

    def start(self) -> None:
        if self._task is None:
            self._task = self._loop.create_task(self._run())

    async def _run(self) -> None:
        while True:
            now = time.monotonic()
            for tile in list(self.tiles):
                try:
                    tile.tick(now)
                except Exception:  # one broken tile must not stop the watchdog of the others
                    log.exception("watchdog tick failed for tile %d", tile.index)
            for ticker in list(self.tickers):
                try:
                    ticker(now)
                except Exception:
                    log.exception("wall ticker failed")
            await asyncio.sleep(self.TICK_S)

    def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self.resize(0)

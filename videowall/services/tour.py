"""Tours: a tile cycles through cameras, or a wall through layouts, each step shown for a dwell time.

A tour skips cameras known to be dark, and pauses while the operator works on its tile or a bookmark
is being made: an operator must never lose the picture they are looking at to a timer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from videowall.services.wall_control import StateBook, WallController

MIN_DWELL_S = 3.0


@dataclass(frozen=True, slots=True)
class TourPlan:
    """What to cycle: camera ids for a tile tour, layout names for a wall tour."""

    name: str
    items: tuple[str, ...]
    dwell_s: float = 10.0
    tile: int | None = None  # None: a wall tour of layouts

    def __post_init__(self) -> None:
        if self.dwell_s < MIN_DWELL_S:
            raise ValueError(f"tour {self.name!r}: dwell must be at least {MIN_DWELL_S:.0f} s")
        if not self.items:
            raise ValueError(f"tour {self.name!r} has nothing to show")


class Tour:
    def __init__(self, plan: TourPlan, wall: WallController, book: StateBook,
                 load_layout: Callable[[str], bool] | None = None) -> None:
        self.plan = plan
        self._wall = wall
        self._book = book
        self._load_layout = load_layout
        self.position = -1
        self._next_at = 0.0
        self._paused_until = 0.0
        self.running = True

    def pause(self, now: float, seconds: float = 20.0) -> None:
        """The operator is busy with this tile (or a bookmark): hold the current step."""
        self._paused_until = max(self._paused_until, now + seconds)
        self._next_at = max(self._next_at, self._paused_until)

    def resume(self, now: float) -> None:
        self._paused_until = now

    @property
    def paused(self) -> bool:
        return self._paused_until > 0 and self._next_at == self._paused_until

    def tick(self, now: float) -> None:
        if self.running and now >= self._next_at and now >= self._paused_until:
            self.step(+1, now)

    def step(self, direction: int, now: float) -> None:
        """Show the next (or previous) step that can be shown; skips dark cameras."""
        items = self.plan.items
        for _ in range(len(items)):
            self.position = (self.position + direction) % len(items)
            if self._show(items[self.position]):
                break
        self._next_at = now + self.plan.dwell_s

    def _show(self, item: str) -> bool:
        if self.plan.tile is None:
            return self._load_layout(item) if self._load_layout is not None else False
        cam = self._wall.directory.get(item)
        if cam is None or self._book.dark(cam):
            return False
        tiles = self._wall.live.tiles
        if self.plan.tile >= len(tiles):
            self.running = False  # the layout changed under the tour: it ends
            return True
        tile = tiles[self.plan.tile]
        if tile.camera is None or tile.camera.id != cam.id:
            tile.show(cam)
        return True

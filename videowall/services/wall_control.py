"""One wall's use cases: its shape, which camera is on which tile, layouts in and out.

The console and every monitor wall each have one ``WallController`` over their own ``LiveWall``.
Widgets call these methods (commands as data: index, camera id, shape) and never reach into tiles.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from videowall.domain.camera import Camera, StreamKind
from videowall.domain.grid import GridShape, merge, split, uniform
from videowall.domain.layout import Layout, TileAssignment
from videowall.domain.stream_state import StreamState
from videowall.domain.tour import DARK_FOR_S
from videowall.media.frames import FrameBuffer, Still
from videowall.media.session import StreamSession
from videowall.services.live import StreamMode, TileReport
from videowall.services.live_wall import LiveWall
from videowall.services.tile_guard import TileGuard

log = logging.getLogger(__name__)


@dataclass
class CameraDirectory:
    """The register as the UI knows it: by id. Replaced whole when an import finishes."""

    by_id: dict[str, Camera] = field(default_factory=dict)

    def replace(self, cameras: Iterable[Camera]) -> None:
        self.by_id = {c.id: c for c in cameras}

    def get(self, camera_id: str) -> Camera | None:
        return self.by_id.get(camera_id)


@dataclass
class StateBook:
    """Last state seen for each camera on any wall, and the last sweep's dark cameras: tours skip the dark.

    What a wall saw in the last ``DARK_FOR_S`` decides; after that (or for a camera no wall showed yet) the
    health sweep's verdict does, so a tour over an area skips the cameras the sweep found dark.
    """

    states: dict[str, StreamState] = field(default_factory=dict)
    seen_at: dict[str, float] = field(default_factory=dict)  # monotonic time of the last report
    swept_dark: set[str] = field(default_factory=set)

    def record(self, report: TileReport, now: float | None = None) -> None:
        if report.camera is not None:
            self.states[report.camera.id] = report.status.state
            self.seen_at[report.camera.id] = time.monotonic() if now is None else now

    def dark(self, camera: Camera, now: float | None = None) -> bool:
        if not camera.enabled:
            return True
        state = self.states.get(camera.id)
        at = self.seen_at.get(camera.id)
        now = time.monotonic() if now is None else now
        if state is not None and (at is None or now - at < DARK_FOR_S):
            return state.shows_nothing
        return camera.id in self.swept_dark


class WallTile(Protocol):
    """What the UI may read of one tile of a wall (``WallController.tile``): its camera, its picture, its
    report. Widgets change a wall only through the controller's commands."""

    @property
    def index(self) -> int: ...
    @property
    def camera(self) -> Camera | None: ...
    @property
    def mode(self) -> StreamMode: ...
    @property
    def stream(self) -> StreamKind: ...
    @property
    def buffer(self) -> FrameBuffer: ...
    @property
    def session(self) -> StreamSession | None: ...
    @property
    def last_picture(self) -> Still | None: ...

    def report(self) -> TileReport: ...
    def snapshot(self) -> tuple[bytes, int, int] | None: ...
    def set_target_size(self, width: int, height: int) -> None: ...
    def first_picture_pending(self) -> bool: ...
    def tick(self, now: float) -> None: ...


class WallController:
    def __init__(self, live: LiveWall, directory: CameraDirectory,
                 on_shape: Callable[[GridShape], None] | None = None) -> None:
        self.live = live
        self.directory = directory
        self.shape = uniform(2, 2)
        self.layout_name: str | None = None
        self._on_shape = on_shape
        # Cameras of tiles that a smaller layout dropped: growing the layout again brings them back.
        self._memory: list[Camera | None] = []
        # Told after every new shape or layout, once the tiles show their cameras (tours keep their place).
        self.shape_listeners: list[Callable[[], None]] = []

    # --- reading the wall (the UI's view of it) ----------------------------------------------------
    def tiles(self) -> Sequence[WallTile]:
        """The wall's tiles in index order."""
        return self.live.tiles

    def tile(self, index: int) -> WallTile | None:
        tiles = self.live.tiles
        return tiles[index] if 0 <= index < len(tiles) else None

    def camera_at(self, index: int) -> Camera | None:
        tile = self.tile(index)
        return tile.camera if tile is not None else None

    def cameras(self) -> list[Camera | None]:
        """Which camera each tile shows (None: an empty tile)."""
        return [t.camera for t in self.live.tiles]

    def shows(self, camera_id: str) -> bool:
        return any(t.camera is not None and t.camera.id == camera_id for t in self.live.tiles)

    @property
    def guard(self) -> TileGuard | None:
        """Who decides what this wall's tiles may show (the signed-in role's privacy rules)."""
        return self.live.guard

    def close(self) -> None:
        """Stop every stream of this wall (its window is going away)."""
        self.live.close()

    def add_ticker(self, ticker: Callable[[float], None]) -> None:
        """Called with the monotonic time at each of the wall's watchdog ticks (tours step on it)."""
        self.live.tickers.append(ticker)

    # --- shape -----------------------------------------------------------------------------------
    def apply_shape(self, shape: GridShape, cameras: list[Camera | None] | None = None, keep: bool = True) -> None:
        """Show ``shape``; fill it with ``cameras``, else keep what was shown (in tile order) where it fits."""
        current = [t.camera for t in self.live.tiles] if keep else []
        modes = [t.mode for t in self.live.tiles] if keep else []
        if keep:
            current += self._memory[len(current):]
        wanted = list(cameras) if cameras is not None else current
        self._memory = wanted
        self.shape = shape
        self.live.resize(shape.tile_count)
        if self._on_shape is not None:
            self._on_shape(shape)  # the view sizes its tiles before the streams are chosen
        for i, tile in enumerate(self.live.tiles):
            cam = wanted[i] if i < len(wanted) else None
            mode = modes[i] if cameras is None and i < len(modes) else StreamMode.AUTO
            same = tile.camera is not None and cam is not None and tile.camera.id == cam.id
            if not same or tile.session is None:
                tile.show(cam, mode)
        for listener in list(self.shape_listeners):
            listener()

    def apply_layout(self, layout: Layout) -> list[str]:
        """Show a saved layout; returns the camera ids it names that are no longer in the register."""
        cams: list[Camera | None] = [None] * layout.shape.tile_count
        missing = []
        for t in layout.tiles:
            cam = self.directory.get(t.camera_id)
            if cam is None:
                missing.append(t.camera_id)
            cams[t.index] = cam  # streams follow tile size again (AUTO); the saved one was a result
        self.layout_name = layout.name
        self.apply_shape(layout.shape, cams, keep=False)
        return missing

    def to_layout(self, name: str) -> Layout:
        tiles = tuple(
            TileAssignment(i, t.camera.id, t.stream) for i, t in enumerate(self.live.tiles) if t.camera is not None
        )
        return Layout.from_shape(name, self.shape, tiles)

    def merge(self, indexes: set[int]) -> None:
        cams = [t.camera for t in self.live.tiles]
        shape, merged_at = merge(self.shape, indexes)
        first = min(indexes)
        keep = [c for i, c in enumerate(cams) if i not in indexes]
        keep.insert(merged_at, cams[first])
        self.apply_shape(shape, keep, keep=False)

    def split(self, index: int) -> None:
        cell = self.shape.cells[index]
        if cell.row_span == 1 and cell.col_span == 1:
            return
        cams = [t.camera for t in self.live.tiles]
        shape = split(self.shape, index)
        # the split cell's camera stays in its top-left piece; the other pieces start empty
        out: list[Camera | None] = []
        old = {c: cams[i] for i, c in enumerate(self.shape.cells)}
        for c in shape.cells:
            out.append(old.get(c, cams[index] if (c.row, c.col) == (cell.row, cell.col) else None))
        self.apply_shape(shape, out, keep=False)

    # --- tiles ------------------------------------------------------------------------------------
    def assign(self, index: int, camera_ids: list[str]) -> None:
        """Drop cameras from ``index`` onwards (an area fills several tiles)."""
        tiles = self.live.tiles
        cams = [c for c in (self.directory.get(i) for i in camera_ids) if c is not None]
        for offset, cam in enumerate(cams[: max(0, len(tiles) - index)]):
            tiles[index + offset].show(cam)

    def open_camera(self, camera_id: str) -> int | None:
        """Show a camera in the first empty tile (else the first tile); returns the tile index."""
        cam = self.directory.get(camera_id)
        if cam is None or not self.live.tiles:
            return None
        for t in self.live.tiles:
            if t.camera is not None and t.camera.id == camera_id:
                return t.index
        target = next((t for t in self.live.tiles if t.camera is None), self.live.tiles[0])
        target.show(cam)
        return target.index

    def remove(self, index: int) -> None:
        self.live.tiles[index].show(None)

    def swap(self, a: int, b: int) -> None:
        if a != b and 0 <= a < len(self.live.tiles) and 0 <= b < len(self.live.tiles):
            self.live.swap(a, b)

    def set_mode(self, index: int, mode: StreamMode) -> None:
        self.live.tiles[index].set_mode(mode)

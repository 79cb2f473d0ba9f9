"""Kecamatan territories and label places for the health map, from the register's coordinates alone.

Pure (numpy, no Qt): the map draws what these rules decide.

* **Strays left out.** A camera far from the rest of its kecamatan (more than ``STRAY_FACTOR`` times the
  area's median distance from its median point) is a coordinate typo, not a bigger area: it is left out
  of the outline (and counted), though the map still draws its marker.
* **One owner per place.** Convex hulls of neighbouring areas overlap; instead the ground is cut into
  cells and each cell goes to the kecamatan whose cameras are densest there (a Gaussian kernel density per
  area), only where some camera is near. So outlines hug their cameras (concave where the cameras are)
  and never overlap: where two areas meet the line runs where their densities are equal.
* **Only outlines that mean something.** A register can give coordinates that do not separate its areas
  at all (the shared test register spreads every kecamatan over the whole city). An area is outlined
  only when most of its own cameras lie in its own territory (``MIN_PURITY``), clearly more than mixing
  alone would give it; the others get no outline and no label on the map, and the map says how many.
* **Labels.** ``place_labels`` puts each outlined area's label on the deepest cells of its own territory
  where the whole label box fits and touches no other label; when none fits (a thin area, a big label)
  it takes the nearest free place. No two label boxes ever intersect.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

Point = tuple[float, float]  # (longitude, latitude)

STRAY_FACTOR = 4.0
MIN_PURITY = 0.5
DEFAULT_CELLS = 160  # cells along the longer side of the map
LABEL_GAP = 0.25  # cells kept free between two labels
SMOOTHING = 2  # passes of the 3 x 3 majority filter over the owners

IntGrid = npt.NDArray[np.int32]


@dataclass(frozen=True, slots=True)
class Cell:
    col: int
    row: int


@dataclass(frozen=True, slots=True)
class Box:
    """A label box in cell units: ``x``, ``y`` its top-left (column, row), ``w``, ``h`` its size."""

    x: float
    y: float
    w: float
    h: float

    def intersects(self, other: Box, gap: float = 0.0) -> bool:
        return (self.x < other.x + other.w + gap and other.x < self.x + self.w + gap
                and self.y < other.y + other.h + gap and other.y < self.y + self.h + gap)  # fmt: skip

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.w / 2, self.y + self.h / 2


@dataclass(frozen=True, slots=True)
class PlacedLabel:
    name: str
    box: Box
    inside: bool  # the whole box lies in the area's own territory


@dataclass(frozen=True, slots=True, eq=False)
class Territories:
    """The map's ground cut into ``rows`` x ``cols`` cells, row 0 the north; ``owner`` indexes ``names`` (-1: none).

    A cell's centre is at longitude ``west + (col + 0.5) * cell_lon``, latitude ``north - (row + 0.5) * cell_lat``.
    """

    west: float
    north: float
    cell_lon: float
    cell_lat: float
    owner: IntGrid
    names: tuple[str, ...]
    purity: dict[str, float]  # share of an area's cameras (strays excluded) that lie in its own territory
    strays: dict[str, int]  # cameras left out of each area's outline
    outlined: tuple[str, ...] = field(default=())

    @property
    def rows(self) -> int:
        return int(self.owner.shape[0])

    @property
    def cols(self) -> int:
        return int(self.owner.shape[1])

    @property
    def not_outlined(self) -> tuple[str, ...]:
        return tuple(n for n in self.names if n not in self.outlined)

    def cell_of(self, lon: float, lat: float) -> Cell:
        return Cell(int((lon - self.west) / self.cell_lon), int((self.north - lat) / self.cell_lat))

    def owner_at(self, lon: float, lat: float) -> str | None:
        c = self.cell_of(lon, lat)
        if not (0 <= c.row < self.rows and 0 <= c.col < self.cols):
            return None
        i = int(self.owner[c.row, c.col])
        return self.names[i] if i >= 0 else None

    def mask(self, name: str) -> npt.NDArray[np.bool_]:
        return np.asarray(self.owner == self.names.index(name))

    def runs(self, name: str) -> list[tuple[int, int, int]]:
        """The area's cells as horizontal runs (row, first column, columns): the outline is their union."""
        m = self.mask(name)
        out: list[tuple[int, int, int]] = []
        for row in range(self.rows):
            line = np.flatnonzero(np.diff(np.concatenate(([0], m[row].astype(np.int8), [0]))))
            out.extend((row, int(a), int(b - a)) for a, b in zip(line[::2], line[1::2], strict=True))
        return out


def split_strays(points: Sequence[Point], factor: float = STRAY_FACTOR) -> tuple[list[Point], list[Point]]:
    """(kept, strays): strays lie more than ``factor`` x the median distance from the median point."""
    if len(points) < 4:
        return list(points), []
    arr = np.asarray(points, dtype=float)
    k = math.cos(math.radians(float(np.median(arr[:, 1]))))
    centre = np.median(arr, axis=0)
    d = np.hypot((arr[:, 0] - centre[0]) * k, arr[:, 1] - centre[1])
    limit = max(factor * float(np.median(d)), 1e-6)
    kept = [p for p, di in zip(points, d, strict=True) if di <= limit]
    strays = [p for p, di in zip(points, d, strict=True) if di > limit]
    return kept, strays


def territories(points_by_area: Mapping[str, Sequence[Point]], cells: int = DEFAULT_CELLS,
                min_purity: float = MIN_PURITY) -> Territories | None:  # fmt: skip
    """Each area's ground (see the module text); None when no area has three cameras with coordinates."""
    kept: dict[str, list[Point]] = {}
    strays: dict[str, int] = {}
    for name, pts in sorted(points_by_area.items()):
        if len(pts) < 3:
            continue
        kept[name], out = split_strays(pts)
        strays[name] = len(out)
    allpts = [p for pts in kept.values() for p in pts]
    if not allpts:
        return None
    arr = np.asarray(allpts, dtype=float)
    k = math.cos(math.radians(float(np.median(arr[:, 1]))))
    w, e = float(arr[:, 0].min()), float(arr[:, 0].max())
    s, n = float(arr[:, 1].min()), float(arr[:, 1].max())
    span = max((e - w) * k, n - s, 1e-4)
    size = span / cells  # a cell's side in "metric" degrees (latitude degrees)
    # bandwidth: 1.5 x the mean spacing of the cameras, at least two cells
    h = max(2 * size, 1.5 * math.sqrt(max((e - w) * k * (n - s), size * size) / len(allpts)))
    pad = 3 * h
    west, north = w - pad / k, n + pad
    cols = math.ceil(((e - w) * k + 2 * pad) / size)
    rows = math.ceil((n - s + 2 * pad) / size)
    names = tuple(kept)
    radius = math.ceil(3 * h / size)
    kernel = np.exp(-0.5 * (np.arange(-radius, radius + 1) * size / h) ** 2)
    density = np.zeros((len(names), rows, cols))
    cells_of: dict[str, tuple[IntGrid, IntGrid]] = {}
    for i, name in enumerate(names):
        xy = np.asarray(kept[name], dtype=float)
        r = np.clip(((north - xy[:, 1]) / size).astype(np.int32), 0, rows - 1)
        c = np.clip(((xy[:, 0] - west) * k / size).astype(np.int32), 0, cols - 1)
        cells_of[name] = (r, c)
        grid = np.zeros((rows, cols))
        np.add.at(grid, (r, c), 1.0)
        grid = np.apply_along_axis(lambda v: np.convolve(v, kernel, mode="same"), 0, grid)
        density[i] = np.apply_along_axis(lambda v: np.convolve(v, kernel, mode="same"), 1, grid)
    covered = density.sum(axis=0) >= math.exp(-2.0)  # some camera within about two bandwidths
    owner = np.where(covered, density.argmax(axis=0), -1).astype(np.int32)
    purity: dict[str, float] = {}
    for i, name in enumerate(names):  # leave-one-out: would the camera's cell be its area's without it?
        r, c = cells_of[name]
        own = density[i, r, c] - 1.0  # the camera's own kernel peaks at 1 on its cell
        others = np.delete(density[:, r, c], i, axis=0).max(axis=0) if len(names) > 1 else np.zeros(len(r))
        purity[name] = float(np.mean(own > others))
    # Outlined when clearly better than chance: at least ``min_purity`` and halfway from the area's share of
    # all cameras (what mixing alone gives it) to 1. Two areas mixed 50/50 need 75 %, sixteen need about 53 %.
    outlined = tuple(nm for nm in names if purity[nm] >= max(min_purity, (1 + len(kept[nm]) / len(allpts)) / 2))
    keep_idx = [names.index(nm) for nm in outlined]
    owner = np.where(np.isin(owner, keep_idx), owner, -1).astype(np.int32)
    for _ in range(SMOOTHING):
        owner = majority(owner, len(names))
    return Territories(west, north, size / k, size, owner, names, purity, strays, outlined)


def majority(owner: IntGrid, areas: int) -> IntGrid:
    """Each cell takes the owner most of its 3 x 3 neighbourhood has (ties: it keeps its own): specks of one
    area inside another go, edges lose their single-cell teeth. Empty ground (-1) counts as an owner too."""
    rows, cols = owner.shape
    counts = np.zeros((areas + 1, rows, cols), dtype=np.int16)
    padded = np.pad(owner + 1, 1, constant_values=0)  # 0: empty ground, i + 1: area i
    for value in np.unique(padded):
        hit = (padded == value).astype(np.int16)
        counts[value] = sum(hit[dr:dr + rows, dc:dc + cols] for dr in range(3) for dc in range(3))
    own = np.take_along_axis(counts, (owner + 1)[None], axis=0)[0]
    best = counts.argmax(axis=0)
    better = counts.max(axis=0) > own
    return np.where(better, best - 1, owner).astype(np.int32)


def depth(mask: npt.NDArray[np.bool_]) -> IntGrid:
    """Per cell, how many steps (4-neighbour) to the nearest cell outside ``mask`` (0 outside)."""
    out = np.zeros(mask.shape, dtype=np.int32)
    current = mask.copy()
    level = 0
    while current.any():
        level += 1
        out[current] = level
        padded = np.pad(current, 1, constant_values=False)
        current = (padded[1:-1, 1:-1] & padded[:-2, 1:-1] & padded[2:, 1:-1]
                   & padded[1:-1, :-2] & padded[1:-1, 2:])  # fmt: skip
    return out


def _fits(sat: npt.NDArray[np.int64], box: Box, rows: int, cols: int) -> bool:
    """The whole box lies on cells of the mask whose summed-area table is ``sat``."""
    c0, r0 = math.floor(box.x), math.floor(box.y)
    c1, r1 = math.ceil(box.x + box.w), math.ceil(box.y + box.h)
    if c0 < 0 or r0 < 0 or c1 > cols or r1 > rows:
        return False
    total = sat[r1, c1] - sat[r0, c1] - sat[r1, c0] + sat[r0, c0]
    return bool(total == (r1 - r0) * (c1 - c0))


def _free(box: Box, placed: Sequence[PlacedLabel]) -> bool:
    return not any(box.intersects(p.box, LABEL_GAP) for p in placed)


def place_labels(ground: Territories, sizes: Mapping[str, tuple[float, float]],
                 blocked: Sequence[Box] = ()) -> list[PlacedLabel]:  # fmt: skip
    """A box per outlined area (``sizes``: width, height in cells), inside its ground if it fits; never overlapping
    each other or a ``blocked`` box (the map's legend and caption).

    Areas with the least ground choose first. Candidates are the area's cells, deepest first (ties: nearest
    its cameras' middle); a label that fits nowhere inside goes to the nearest free place around its
    deepest cell (``inside`` False).
    """
    order = sorted((n for n in ground.outlined if n in sizes), key=lambda n: (int(ground.mask(n).sum()), n))
    placed: list[PlacedLabel] = [PlacedLabel("", box, False) for box in blocked]
    for name in order:
        w, h = sizes[name]
        mask = ground.mask(name)
        sat = np.zeros((ground.rows + 1, ground.cols + 1), dtype=np.int64)
        sat[1:, 1:] = mask.astype(np.int64).cumsum(0).cumsum(1)
        d = depth(mask)
        rows_i, cols_i = np.nonzero(mask)
        if len(rows_i) == 0:
            continue
        mid_r, mid_c = float(rows_i.mean()), float(cols_i.mean())
        rank = np.lexsort((np.hypot(rows_i - mid_r, cols_i - mid_c), -d[rows_i, cols_i]))
        found: PlacedLabel | None = None
        for j in rank:
            box = Box(cols_i[j] + 0.5 - w / 2, rows_i[j] + 0.5 - h / 2, w, h)
            if _fits(sat, box, ground.rows, ground.cols) and _free(box, placed):
                found = PlacedLabel(name, box, True)
                break
        if found is None:
            best = rank[0]
            found = PlacedLabel(name, _nearest_free(cols_i[best] + 0.5, rows_i[best] + 0.5, w, h, placed), False)
        placed.append(found)
    return placed[len(blocked):]


def _nearest_free(cx: float, cy: float, w: float, h: float, placed: Sequence[PlacedLabel]) -> Box:
    """The free box of size w x h whose centre is nearest (cx, cy): rings of candidates, half a cell apart."""
    step = 0.5
    ring = 0
    while True:
        candidates = [(dx, dy) for dx in range(-ring, ring + 1) for dy in range(-ring, ring + 1)
                      if max(abs(dx), abs(dy)) == ring]  # fmt: skip
        candidates.sort(key=lambda v: v[0] ** 2 + v[1] ** 2)
        for dx, dy in candidates:
            box = Box(cx + dx * step - w / 2, cy + dy * step - h / 2, w, h)
            if _free(box, placed):
                return box
        ring += 1

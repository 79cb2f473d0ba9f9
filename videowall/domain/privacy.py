"""Privacy masks as data and the maths that burns them into pictures.

Polygons use normalised coordinates (0..1 of width and height), so one mask fits the main stream,
the sub stream, a snapshot and an export alike. Rasterising is plain numpy (no I/O), which is why it
lives here: the media layer (live pictures), services (stills, exports) and evidence (bookmark
thumbnails) all burn masks with the same function and cannot disagree about where a mask is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

Point = tuple[float, float]
#: What a masked pixel becomes (BGRA): a flat dark grey, distinct from "no video" black.
MASK_BGRA = (48, 48, 48, 255)
DEFAULT_LIFT_MINUTES = 30


@dataclass(frozen=True, slots=True)
class MaskPolygon:
    """One masked area: three or more points, each (x, y) in 0..1 of the picture."""

    points: tuple[Point, ...]

    def __post_init__(self) -> None:
        if len(self.points) < 3:
            raise ValueError("a mask polygon needs at least three points")
        for x, y in self.points:
            if not (0.0 <= x <= 1.0 and 0.0 <= y <= 1.0):
                raise ValueError(f"mask point ({x}, {y}) is outside 0..1")


#: A camera id's masks for recorded pictures (review playback, exports): the full set, whatever a live
#: lift says, since a lift is for the live wall only. The composition root supplies it.
MaskLookup = Callable[[str], tuple[MaskPolygon, ...]]


@dataclass(frozen=True, slots=True)
class MaskSet:
    """All masks of one camera, and an optional time-limited lift (wall-clock seconds, UTC)."""

    camera_id: str
    polygons: tuple[MaskPolygon, ...] = ()
    lifted_until: float | None = None
    lifted_by: str = ""

    def active(self, now: float) -> tuple[MaskPolygon, ...]:
        """The polygons to burn in at ``now``: none while a lift runs, all of them once it ends."""
        if self.lifted_until is not None and now < self.lifted_until:
            return ()
        return self.polygons


@dataclass(frozen=True, slots=True)
class QuarantineRecord:
    """A camera held off every wall until a supervisor decides."""

    camera_id: str
    since: float  # wall-clock seconds
    score: str  # the comparison's numbers, for the reviewer and the audit trail
    still_path: str = ""  # the picture that triggered it


class ReferenceOrigin(StrEnum):
    """How a camera's scene reference came to be; only APPROVED and TRUSTED let the camera be shown."""

    CANDIDATE = "candidate"  # its first stable picture, held until a supervisor approves it
    APPROVED = "approved"  # a supervisor looked at the picture and approved it
    TRUSTED = "trusted"  # taken without review while the setting trust_first_pictures was on (a migration)

    @property
    def in_force(self) -> bool:
        return self is not ReferenceOrigin.CANDIDATE


@dataclass(frozen=True, slots=True)
class SceneReference:
    """One camera's reference picture (or candidate): the file, its hash, who approved it and when."""

    camera_id: str
    path: str
    sha256: str
    origin: ReferenceOrigin
    taken_at: float  # wall-clock seconds the picture was taken
    approved_by: str = ""  # a supervisor's name (APPROVED), "system" (TRUSTED), "" (CANDIDATE)
    approved_at: float = 0.0


@dataclass
class RasterCache:
    """Rasterised masks by (polygons, size): a buffer re-rasterises only when either changes.

    Rasterising costs ~10 ms at 640x360 and ~80 ms at 1280x720: paid once per size, not per picture.
    """

    _key: tuple[tuple[MaskPolygon, ...], int, int] | None = None
    _value: np.ndarray | None = field(default=None)

    def get(self, polygons: tuple[MaskPolygon, ...], width: int, height: int) -> np.ndarray | None:
        key = (polygons, width, height)
        if key != self._key:
            self._key, self._value = key, (rasterize(polygons, width, height) if polygons else None)
        return self._value


def rasterize(polygons: tuple[MaskPolygon, ...] | list[MaskPolygon], width: int, height: int) -> np.ndarray:
    """A (height, width) boolean array, True inside any polygon (pixel centres, even-odd rule)."""
    out = np.zeros((height, width), dtype=bool)
    if not polygons or width <= 0 or height <= 0:
        return out
    ys = (np.arange(height, dtype=np.float64) + 0.5) / height
    xs = (np.arange(width, dtype=np.float64) + 0.5) / width
    for poly in polygons:
        pts = np.asarray(poly.points, dtype=np.float64)
        x0, y0 = pts[:, 0], pts[:, 1]
        x1, y1 = np.roll(x0, -1), np.roll(y0, -1)
        inside = np.zeros((height, width), dtype=bool)
        for ax, ay, bx, by in zip(x0, y0, x1, y1, strict=True):
            if ay == by:
                continue
            # rows whose centre lies between the edge's ends; where the edge crosses those rows
            crosses = (ys >= min(ay, by)) & (ys < max(ay, by))
            if not crosses.any():
                continue
            x_at = ax + (ys[crosses] - ay) * (bx - ax) / (by - ay)
            inside[crosses] ^= xs[None, :] < x_at[:, None]
        out |= inside
    return out


MASK_WORD = np.array(MASK_BGRA, dtype=np.uint8).view(np.uint32)[0]


def burn(bgra: np.ndarray, inside: np.ndarray | None) -> None:
    """Overwrite masked pixels of an (h, w, 4) uint8 picture in place.

    One 32-bit store per pixel through ``np.copyto(where=)``: measured 0.2 ms for 640x360 (fancy
    indexing of 4-byte rows took 17 ms), so it can run on libVLC's thread for every picture.
    """
    if inside is None:
        return
    h, w = inside.shape
    np.copyto(bgra.view(np.uint32).reshape(h, w), MASK_WORD, where=inside)


def apply_masks(bgra: np.ndarray, polygons: tuple[MaskPolygon, ...] | list[MaskPolygon]) -> np.ndarray:
    """Burn ``polygons`` into an (h, w, 4) BGRA (or (h, w, 3)) picture in place and return it.

    For stills and thumbnails; live pictures use :class:`RasterCache` + :func:`burn` per frame.
    """
    h, w = bgra.shape[:2]
    inside = rasterize(tuple(polygons), w, h)
    bgra[inside] = MASK_BGRA[: bgra.shape[2]]
    return bgra


def ffmpeg_mask_filter(video: str = "0:v", mask: str = "1:v", out: str = "masked") -> str:
    """An ffmpeg filter graph burning a mask image (input ``mask``, RGBA, opaque where masked) into ``video``.

    The mask is scaled to the video's size by scale2ref, so one PNG fits any clip resolution.
    """
    return f"[{mask}][{video}]scale2ref[m][v];[v][m]overlay=0:0:format=auto,format=yuv420p[{out}]"


def mask_rgba(polygons: tuple[MaskPolygon, ...], width: int, height: int) -> np.ndarray:
    """An (h, w, 4) RGBA image for exports: mask colour, opaque inside the masks, transparent outside."""
    img = np.zeros((height, width, 4), dtype=np.uint8)
    inside = rasterize(polygons, width, height)
    b, g, r, _a = MASK_BGRA
    img[inside] = (r, g, b, 255)
    return img

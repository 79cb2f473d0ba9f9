"""Reading X-server screenshots in tests: is a tile's picture moving, and are tiles different?"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from videowall.display.xserver import grab_screen


def grab(display: str, path: Path) -> np.ndarray:
    grab_screen(path, display)
    return np.asarray(Image.open(path).convert("RGB"), dtype=np.int16)


def crop(img: np.ndarray, geometry: list[int], inset: int = 30) -> np.ndarray:
    """The tile's picture area, leaving out the overlay bars (name/clock on top, state at the bottom)."""
    x, y, w, h = geometry
    return img[y + inset : y + h - inset, x + 8 : x + w - 8]


def motion(a: np.ndarray, b: np.ndarray, geometry: list[int]) -> float:
    """Share of the tile's pixels that clearly changed between two screenshots (0..1).

    A moving object or a running clock changes a few percent of a tile; a frozen or black picture
    (or a still overlay) changes none. Mean difference would drown a small moving box in a still scene.
    """
    diff = np.abs(crop(a, geometry) - crop(b, geometry)).max(axis=2)
    return float((diff > 40).mean())


def background_share(img: np.ndarray, geometry: list[int], rgb: tuple[int, int, int] = (11, 15, 20)) -> float:
    """Share of a tile (overlay bars left out) in the tile's background colour: near 1 when it paints no
    picture (a held tile's state text covers a few percent), near 0 under live video."""
    return float((np.abs(crop(img, geometry) - np.array(rgb)).max(axis=2) <= 8).mean())


def colourfulness(img: np.ndarray, geometry: list[int]) -> float:
    """Standard deviation of the tile's pixels: a flat (black, grey) tile is near 0."""
    return float(crop(img, geometry).std())


def thumbnail(img: np.ndarray, geometry: list[int]) -> np.ndarray:
    tile = crop(img, geometry).astype(np.uint8)
    return np.asarray(Image.fromarray(tile).resize((32, 18)), dtype=np.int16)


def moving(shots: list[np.ndarray], geometry: list[int], threshold: float = 0.0004) -> float:
    """Largest change between any two of several grabs taken at uneven intervals.

    Periodic test content can sit in the same place at two instants; the burned-in clock alone
    changes ~0.09 % of a small tile, which a frozen or black picture never does.
    """
    best = max(motion(a, b, geometry) for i, a in enumerate(shots) for b in shots[i + 1 :])
    return best if best > threshold else 0.0


def picture_rect(geometry: list[int], aspect: float = 16 / 9) -> tuple[int, int, int, int]:
    """Where a tile's picture sits inside the tile, letterboxed to ``aspect``: (x, y, w, h)."""
    x, y, w, h = geometry
    pw, ph = (w, int(w / aspect)) if w / aspect <= h else (int(h * aspect), h)
    return x + (w - pw) // 2, y + (h - ph) // 2, pw, ph


def mask_share(img: np.ndarray, geometry: list[int], rgb: tuple[int, int, int], inset: int = 30) -> float:
    """Share of a tile's picture (overlay bars left out) painted in the mask colour ``rgb`` (0..1)."""
    px, py, pw, ph = picture_rect(geometry)
    area = img[py + inset : py + ph - inset, px + 8 : px + pw - 8]
    return float((np.abs(area - np.array(rgb)).max(axis=2) <= 6).mean())

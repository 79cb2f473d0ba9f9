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
    """Mean absolute difference of a tile between two screenshots: > ~1 means a moving picture."""
    return float(np.abs(crop(a, geometry) - crop(b, geometry)).mean())


def colourfulness(img: np.ndarray, geometry: list[int]) -> float:
    """Standard deviation of the tile's pixels: a flat (black, grey) tile is near 0."""
    return float(crop(img, geometry).std())


def thumbnail(img: np.ndarray, geometry: list[int]) -> np.ndarray:
    tile = crop(img, geometry).astype(np.uint8)
    return np.asarray(Image.fromarray(tile).resize((32, 18)), dtype=np.int16)

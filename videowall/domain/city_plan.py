"""The health map's optional city plan image: which file, and where its corners lie on the ground.

Two shared settings (``domain/settings_catalogue.py``): ``map_image`` (a PNG/JPEG; relative paths are
read beside the database) and ``map_image_corners``, the latitude,longitude of the image's top-left and
bottom-right corners written ``"-6.93,110.30 -7.12,110.50"``. Pure: text in, numbers out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

IMAGE_KEY = "map_image"
CORNERS_KEY = "map_image_corners"


@dataclass(frozen=True, slots=True)
class CityPlan:
    """``top_left`` and ``bottom_right`` as (latitude, longitude)."""

    image: Path
    top_left: tuple[float, float]
    bottom_right: tuple[float, float]


def parse_corners(text: str) -> tuple[tuple[float, float], tuple[float, float]]:
    """``"lat,lon lat,lon"`` (top-left, bottom-right) -> two (lat, lon); ValueError with a reason otherwise."""
    pairs = text.split()
    if len(pairs) != 2:
        raise ValueError("write the corners as: lat,lon lat,lon (top-left, bottom-right)")
    out: list[tuple[float, float]] = []
    for pair in pairs:
        parts = pair.split(",")
        if len(parts) != 2:
            raise ValueError(f"{pair!r} is not lat,lon")
        lat, lon = float(parts[0]), float(parts[1])
        if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError(f"{pair!r} is not a place on Earth")
        out.append((lat, lon))
    (lat0, lon0), (lat1, lon1) = out
    if not (lat0 > lat1 and lon1 > lon0):
        raise ValueError("the first corner must be the top-left (north-west), the second the bottom-right")
    return out[0], out[1]


def city_plan(image: object, corners: object, base: Path) -> CityPlan | None:
    """The plan the settings describe, or None (not set, or corners unreadable); ``base``: the database folder."""
    if not isinstance(image, str) or not image.strip() or not isinstance(corners, str):
        return None
    try:
        top_left, bottom_right = parse_corners(corners)
    except ValueError:
        return None
    path = Path(image.strip()).expanduser()
    return CityPlan(path if path.is_absolute() else base / path, top_left, bottom_right)

"""Grid maths for wall layouts: presets by name, and how many tiles a layout holds."""

from __future__ import annotations

import math
import re

_GRID = re.compile(r"^\s*(\d{1,2})\s*[x×]\s*(\d{1,2})\s*$", re.I)


def parse_grid(text: str) -> tuple[int, int] | None:
    """``"4x4"`` -> (4, 4); ``"9"`` -> (3, 3) (a square count); anything else -> None."""
    m = _GRID.match(text)
    if m:
        rows, cols = int(m.group(1)), int(m.group(2))
        return (rows, cols) if 1 <= rows <= 16 and 1 <= cols <= 16 else None
    if text.strip().isdigit():
        n = int(text)
        side = math.isqrt(n)
        if side * side == n and 1 <= side <= 16:
            return side, side
    return None

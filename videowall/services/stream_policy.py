"""Which stream a tile plays: the sub stream on small tiles, the main stream on large ones (services/live.py)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from videowall.domain.camera import StreamKind


class StreamMode(StrEnum):
    AUTO = "auto"  # sub stream on small tiles, main stream on large or maximised ones
    MAIN = "main"
    SUB = "sub"


@dataclass(frozen=True, slots=True)
class DualStreamPolicy:
    """When a tile is large enough for the main stream. Hysteresis stops flapping at the edge."""

    main_from_width: int = 640
    back_to_sub_below: int = 560

    def choose(self, current: StreamKind, width: int) -> StreamKind:
        if current is StreamKind.SUB and width >= self.main_from_width:
            return StreamKind.MAIN
        if current is StreamKind.MAIN and width < self.back_to_sub_below:
            return StreamKind.SUB
        return current

    def initial(self, width: int) -> StreamKind:
        return StreamKind.MAIN if width >= self.main_from_width else StreamKind.SUB


@dataclass(frozen=True, slots=True)
class ShownRatePolicy:
    """Pictures a small tile shows per second (issue 18): every decoded picture up to a 7x7 grid on a
    full-HD monitor; fewer on the tiny tiles of an 8x8 (64 tiles), where the scaling, conversion and
    painting of each picture, not its decoding, is what a PC runs out of. The tile says so ("12 fps").
    None: every picture. Hysteresis (an area band) stops flapping at the edge."""

    reduced_fps: int = 12
    reduced_below_px: int = 256 * 144  # 1920/8 x 1080/8 = 240x135 is below, 1920/7 x 1080/7 = 274x154 is not
    full_from_px: int = 270 * 152

    def choose(self, current: int | None, width: int, height: int) -> int | None:
        area = width * height
        if current is None and area < self.reduced_below_px:
            return self.reduced_fps
        if current is not None and area >= self.full_from_px:
            return None
        return current

    def initial(self, width: int, height: int) -> int | None:
        return self.reduced_fps if width * height < self.reduced_below_px else None

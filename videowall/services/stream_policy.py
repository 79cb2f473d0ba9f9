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

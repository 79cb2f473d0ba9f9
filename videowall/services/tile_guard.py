"""What every live tile asks each watchdog tick about privacy and access (services/privacy.py answers)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import numpy as np

from videowall.domain.access import Visibility
from videowall.domain.camera import Camera
from videowall.domain.privacy import MaskPolygon


class TileGuard(Protocol):
    """Privacy and access, asked by every tile each tick (services/privacy.py implements it)."""

    def visibility(self, camera: Camera) -> Visibility: ...

    def masks_for(self, camera_id: str) -> tuple[MaskPolygon, ...]: ...

    def inspect(self, camera_id: str, picture: Callable[[], np.ndarray | None], now: float) -> None: ...

    def not_live(self, camera_id: str) -> None: ...

    def shown(self, camera: Camera) -> None: ...

    def hidden(self, camera: Camera, seconds: float) -> None: ...

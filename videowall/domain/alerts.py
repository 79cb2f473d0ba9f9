"""When to tell the operator: a watched camera went dark or came back, from a wall tile or from a sweep.

Pure bookkeeping so the rules are tested without Qt: a tile alerts on the move from live to a dark
state (not on connecting/reconnecting, which recover on their own), and once per dark spell.
"""

from __future__ import annotations

from dataclasses import dataclass

from videowall.domain.health import AlertKind
from videowall.domain.stream_state import StreamState

DARK_TILE_STATES = frozenset({StreamState.OFFLINE, StreamState.NO_VIDEO, StreamState.FROZEN,
                              StreamState.QUARANTINED})  # fmt: skip


@dataclass(frozen=True, slots=True)
class Notice:
    kind: AlertKind
    camera_id: str
    camera_name: str
    state: str  # the new state's value (a StreamState or HealthState)
    source: str  # "wall" or "sweep"
    at: float


class TileAlerts:
    """Remembers each tile's camera and whether it was last seen live or dark."""

    def __init__(self) -> None:
        self._seen: dict[int, tuple[str, bool]] = {}  # tile -> (camera id, dark)

    def update(self, index: int, camera_id: str | None, state: StreamState) -> AlertKind | None:
        if camera_id is None:
            self._seen.pop(index, None)
            return None
        before = self._seen.get(index)
        if state is StreamState.LIVE:
            self._seen[index] = (camera_id, False)
            return AlertKind.CAME_BACK if before == (camera_id, True) else None
        if state in DARK_TILE_STATES:
            self._seen[index] = (camera_id, True)
            return AlertKind.WENT_DARK if before == (camera_id, False) else None
        return None  # connecting/reconnecting/disabled: no verdict yet

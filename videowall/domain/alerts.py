"""When to tell the operator: a watched camera went dark or came back, from a wall tile or from a sweep.

Pure bookkeeping so the rules are tested with a fake clock and without Qt:

* ``TileAlerts`` turns a tile's states into edges: live -> dark (not connecting/reconnecting, which
  recover on their own), dark -> live, once per dark spell.
* ``AlertBook`` turns edges into what the operator sees. A camera must stay dark ``debounce_s`` before
  it alerts; cameras going dark within ``group_window_s`` of each other whose streams share a server
  (host:port) and a reason join one alert ("server 127.0.0.1:8554 unreachable: 11 cameras"); a camera
  with ``flap_changes`` edges within ``flap_window_s`` is shown once as flapping and not alerted again
  until it has been steady for a whole window. An alert can be acknowledged (who, when).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urlsplit

from videowall.domain.health import AlertKind
from videowall.domain.stream_state import StreamState

#: reasons that mean "nobody answers at that address": worded "server ... unreachable"
UNREACHABLE_REASONS = frozenset({"refused", "timeout", "no_data", "stream_ended", "unreachable", "error"})
DEFAULT_DEBOUNCE_S = 5.0
DEBOUNCE_KEY = "alerts.dark_debounce_s"


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
        if state.dark:
            self._seen[index] = (camera_id, True)
            return AlertKind.WENT_DARK if before == (camera_id, False) else None
        return None  # connecting/reconnecting/disabled: no verdict yet


def server_of(url: str) -> str:
    """``host:port`` of a stream URL (RTSP's default port when none is given); "" when there is no host."""
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError:
        return ""
    if not host:
        return ""
    default = {"rtsp": 554, "rtsps": 322, "http": 80, "https": 443, "rtmp": 1935}.get(parts.scheme, 0)
    return f"{host}:{port or default}" if (port or default) else host


@dataclass(frozen=True, slots=True)
class Cause:
    """Why a camera is dark: where its stream comes from and what went wrong there."""

    server: str  # "host:port", "" when unknown (then the camera is never grouped)
    reason: str  # "refused", "timeout", "no_video", "frozen", ...

    @property
    def unreachable(self) -> bool:
        return self.reason in UNREACHABLE_REASONS


@dataclass(frozen=True, slots=True)
class Edge:
    """A camera went dark (``dark``) or came back, as a tile or a sweep saw it."""

    camera_id: str
    camera_name: str
    dark: bool
    cause: Cause
    state: str  # the new state's value (a StreamState or HealthState)
    source: str  # "wall" or "sweep"
    at: float


class AlertType(StrEnum):
    DARK = "dark"
    FLAPPING = "flapping"


@dataclass(slots=True)
class Alert:
    """One line in the alert list: one camera, or a group sharing a cause, or one flapping camera."""

    id: int
    type: AlertType
    cause: Cause
    opened_at: float
    source: str
    state: str  # the first camera's state value
    cameras: dict[str, str] = field(default_factory=dict)  # id -> name, in the order they went dark
    dark: set[str] = field(default_factory=set)  # of those, the ones still dark (flapping: still flapping)
    last_dark_at: float = 0.0  # when the latest member went dark: the grouping window counts from it
    ended_at: float | None = None
    acknowledged_by: str | None = None
    acknowledged_at: float | None = None

    @property
    def active(self) -> bool:
        return self.ended_at is None

    @property
    def grouped(self) -> bool:
        return len(self.cameras) > 1

    @property
    def subject(self) -> str:
        """What the alert is about, for the audit trail's target: the server of a group, else the camera."""
        return self.cause.server if self.grouped else next(iter(self.cameras), "")

    def as_json(self) -> dict[str, object]:
        return {"id": self.id, "type": self.type.value, "server": self.cause.server, "reason": self.cause.reason,
                "cameras": list(self.cameras), "dark": sorted(self.dark), "count": len(self.cameras),
                "active": self.active, "source": self.source, "opened_at": self.opened_at,
                "ended_at": self.ended_at, "acknowledged_by": self.acknowledged_by,
                "acknowledged_at": self.acknowledged_at}


class Change(StrEnum):
    OPENED = "opened"  # a new line: the toast says it
    GREW = "grew"  # another camera joined a group: the line (and a toast showing it) is reworded
    CAMERA_BACK = "camera_back"  # a member came back, others are still dark
    ENDED = "ended"  # every member is back, or a flapping camera is steady again


@dataclass(frozen=True, slots=True)
class AlertChange:
    change: Change
    alert: Alert


@dataclass(frozen=True, slots=True)
class AlertRules:
    debounce_s: float = DEFAULT_DEBOUNCE_S  # a camera must stay dark this long before it alerts
    group_window_s: float = 15.0  # cameras going dark this close together with the same cause: one alert
    flap_changes: int = 3  # this many dark/live changes ...
    flap_window_s: float = 120.0  # ... within this long: flapping


class AlertBook:
    """The alert list's state; ``edge`` and ``tick`` return what changed, for the list and the toast."""

    def __init__(self, rules: AlertRules | None = None, keep: int = 300) -> None:
        self.rules = rules or AlertRules()
        self.alerts: list[Alert] = []  # oldest first
        self.keep = keep
        self._next_id = 1
        self._pending: dict[str, Edge] = {}  # dark, not yet for debounce_s
        self._dark: dict[str, Edge] = {}  # the latest dark edge of each camera now dark
        self._edges: dict[str, deque[float]] = {}  # recent edge times per camera
        self._flapping: dict[str, Alert] = {}

    def get(self, alert_id: int) -> Alert | None:
        return next((a for a in self.alerts if a.id == alert_id), None)

    def flapping(self, camera_id: str) -> bool:
        return camera_id in self._flapping

    def edge(self, e: Edge) -> list[AlertChange]:
        times = self._edges.setdefault(e.camera_id, deque())
        times.append(e.at)
        while times and e.at - times[0] > self.rules.flap_window_s:
            times.popleft()
        if e.dark:
            self._dark[e.camera_id] = e
        else:
            self._dark.pop(e.camera_id, None)
        self._pending.pop(e.camera_id, None)
        out = [] if e.dark else self._back(e.camera_id, e.at)
        flap = self._flapping.get(e.camera_id)
        if flap is not None:
            flap.state = e.state
            return out
        if len(times) >= self.rules.flap_changes:
            return [*out, self._start_flapping(e)]
        if e.dark:
            self._pending[e.camera_id] = e
        return out

    def tick(self, now: float) -> list[AlertChange]:
        out: list[AlertChange] = []
        for cid, flap in list(self._flapping.items()):
            times = self._edges.get(cid)
            if not times or now - times[-1] >= self.rules.flap_window_s:
                del self._flapping[cid]
                if times:
                    times.clear()
                flap.dark.discard(cid)
                if not flap.dark:
                    flap.ended_at = now
                out.append(AlertChange(Change.CAMERA_BACK if flap.dark else Change.ENDED, flap))
                still = self._dark.get(cid)
                if still is not None:  # steady now, but steadily dark: alert it at once
                    self._pending[cid] = Edge(still.camera_id, still.camera_name, True, still.cause, still.state,
                                              still.source, now - self.rules.debounce_s)
        due = sorted((e for e in self._pending.values() if now - e.at >= self.rules.debounce_s), key=lambda e: e.at)
        for e in due:
            del self._pending[e.camera_id]
            out.append(self._confirm(e))
        return out

    def acknowledge(self, alert_id: int, by: str, at: float) -> Alert | None:
        alert = self.get(alert_id)
        if alert is not None and alert.acknowledged_by is None:
            alert.acknowledged_by, alert.acknowledged_at = by, at
        return alert

    def _confirm(self, e: Edge) -> AlertChange:
        for alert in reversed(self.alerts):
            if (alert.type is AlertType.DARK and alert.active and e.cause.server and alert.cause == e.cause
                    and e.at - alert.last_dark_at <= self.rules.group_window_s):
                alert.cameras[e.camera_id] = e.camera_name
                alert.dark.add(e.camera_id)
                alert.last_dark_at = max(alert.last_dark_at, e.at)
                return AlertChange(Change.GREW, alert)
        return AlertChange(Change.OPENED, self._open(AlertType.DARK, e))

    def _start_flapping(self, e: Edge) -> AlertChange:
        """One flapping line per camera, or per server when its cameras start flapping together."""
        cause = Cause(e.cause.server, "flapping")  # the reason changes with every drop: the server alone
        for alert in reversed(self.alerts):
            if (alert.type is AlertType.FLAPPING and alert.active and cause.server and alert.cause == cause
                    and e.at - alert.last_dark_at <= self.rules.group_window_s):
                alert.cameras[e.camera_id] = e.camera_name
                alert.dark.add(e.camera_id)
                alert.last_dark_at = max(alert.last_dark_at, e.at)
                self._flapping[e.camera_id] = alert
                return AlertChange(Change.GREW, alert)
        flap = self._open(AlertType.FLAPPING, Edge(e.camera_id, e.camera_name, e.dark, cause, e.state, e.source, e.at))
        self._flapping[e.camera_id] = flap
        return AlertChange(Change.OPENED, flap)

    def _open(self, kind: AlertType, e: Edge) -> Alert:
        alert = Alert(self._next_id, kind, e.cause, e.at, e.source, e.state, {e.camera_id: e.camera_name},
                      {e.camera_id}, e.at)
        self._next_id += 1
        self.alerts.append(alert)
        del self.alerts[:-self.keep]
        return alert

    def _back(self, camera_id: str, at: float) -> list[AlertChange]:
        out = []
        for alert in self.alerts:
            if alert.type is AlertType.DARK and alert.active and camera_id in alert.dark:
                alert.dark.discard(camera_id)
                if not alert.dark:
                    alert.ended_at = at
                out.append(AlertChange(Change.CAMERA_BACK if alert.dark else Change.ENDED, alert))
        return out


def describe(alert: Alert) -> str:
    """The alert in English, for the audit trail (the console words it itself, translated)."""
    names = ", ".join(alert.cameras)
    if alert.type is AlertType.FLAPPING and alert.grouped:
        return f"server {alert.cause.server}: {len(alert.cameras)} cameras flapping ({names})"
    if alert.type is AlertType.FLAPPING:
        return f"{names} flapping (dark and live again and again)"
    if alert.grouped:
        what = "unreachable" if alert.cause.unreachable else alert.cause.reason
        return f"server {alert.cause.server} {what}: {len(alert.cameras)} cameras ({names})"
    return f"{names} went dark: {alert.state} ({alert.cause.reason}) on {alert.cause.server or 'unknown server'}"

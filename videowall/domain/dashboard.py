"""What the dashboard and the availability report show, worked out from plain data: counts, dark lists, hulls.

Pure so the numbers an official reads can be tested without a database or a window.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from videowall.domain.camera import Camera
from videowall.domain.health import NEUTRAL_STATES, UP_STATES, Change, HealthState, Uptime
from videowall.domain.health_words import format_duration, health_text
from videowall.domain.i18n import DEFAULT_TIMEZONE, zone

if TYPE_CHECKING:
    from videowall.domain.figures import Figures

HOUR = 3600.0


@dataclass(frozen=True, slots=True)
class CameraHealth:
    """A camera with its latest verdict; ``since`` is when that verdict began (None: never checked)."""

    camera: Camera
    state: HealthState = HealthState.UNKNOWN
    reason: str = ""
    since: float | None = None
    checked: float | None = None

    @property
    def dark(self) -> bool:
        """Down for a reason someone must act on: not up, not switched off, not merely unchecked."""
        return self.state not in UP_STATES and self.state not in NEUTRAL_STATES


@dataclass(slots=True)
class StateCounts:
    by_state: Counter[HealthState] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.by_state.values())

    @property
    def live(self) -> int:
        return sum(n for s, n in self.by_state.items() if s in UP_STATES)

    @property
    def dark(self) -> int:
        return sum(n for s, n in self.by_state.items() if s not in UP_STATES and s not in NEUTRAL_STATES)

    @property
    def live_ratio(self) -> float | None:
        """Live over live-plus-dark right now; None when nothing in the group has a verdict."""
        counted = self.live + self.dark
        return self.live / counted if counted else None


@dataclass(slots=True)
class Summary:
    city: StateCounts
    kecamatan: dict[str, StateCounts]
    kelurahan: dict[tuple[str, str], StateCounts]


def summarise(items: Iterable[CameraHealth]) -> Summary:
    city = StateCounts()
    kec: dict[str, StateCounts] = defaultdict(StateCounts)
    kel: dict[tuple[str, str], StateCounts] = defaultdict(StateCounts)
    for item in items:
        area = item.camera.area
        city.by_state[item.state] += 1
        kec[area.kecamatan].by_state[item.state] += 1
        kel[(area.kecamatan, area.kelurahan)].by_state[item.state] += 1
    return Summary(city, dict(sorted(kec.items())), dict(sorted(kel.items())))


@dataclass(frozen=True, slots=True)
class DarkCamera:
    camera: Camera
    state: HealthState
    reason: str
    since: float
    hours: float


def dark_for(items: Iterable[CameraHealth], now: float, min_hours: float = 0.0) -> list[DarkCamera]:
    """Cameras dark for at least ``min_hours``, longest first: the maintenance list."""
    out = [
        DarkCamera(i.camera, i.state, i.reason, i.since, (now - i.since) / HOUR)
        for i in items
        if i.dark and i.since is not None and now - i.since >= min_hours * HOUR
    ]
    out.sort(key=lambda d: (-d.hours, d.camera.id))
    return out


MAINTENANCE_HEADER = ("id_titik", "nama_titik", "kecamatan", "kelurahan", "rw", "rt", "latitude", "longitude",
                      "state", "reason", "keterangan", "dark_since", "dark_for", "dark_hours")  # fmt: skip


def maintenance_csv(rows: Sequence[DarkCamera], lang: str = "en", tz_name: str = "") -> str:
    """The dark list as CSV for field technicians (no URLs, no credentials).

    ``state`` and ``reason`` are the stored codes (for scripts); ``keterangan`` says the same in words in
    ``lang``; ``dark_since`` is ISO 8601 in the city's zone with its offset (``2026-12-02T10:13:00+07:00``),
    so a scheduled job and a person read the same local time; ``dark_for`` is the duration in words.
    """
    buf = io.StringIO()
    out = csv.writer(buf)
    out.writerow(MAINTENANCE_HEADER)
    tz = zone(tz_name or DEFAULT_TIMEZONE)
    for d in rows:
        c = d.camera
        since = _dt.datetime.fromtimestamp(d.since, tz).replace(microsecond=0).isoformat()
        out.writerow([c.id, c.name, c.area.kecamatan, c.area.kelurahan, c.area.rw, c.area.rt,
                      "" if c.latitude is None else c.latitude, "" if c.longitude is None else c.longitude,
                      d.state.value, d.reason, health_text(d.state, d.reason, lang), since,
                      format_duration(d.hours, lang), f"{d.hours:.1f}"])  # fmt: skip
    return buf.getvalue()


@dataclass(frozen=True, slots=True)
class AreaAvailability:
    area: str
    cameras: int
    ratio: float | None
    down_hours: float


def rank_areas(uptimes: dict[str, Uptime], cameras: dict[str, int]) -> list[AreaAvailability]:
    """Areas worst first (lowest availability; unknown last), with camera-hours lost."""
    rows = [
        AreaAvailability(area, cameras.get(area, 0), u.ratio, (u.counted - u.up) / HOUR)
        for area, u in uptimes.items()
    ]
    rows.sort(key=lambda r: (r.ratio is None, r.ratio if r.ratio is not None else 0.0, r.area))
    return rows


# -- map geometry -------------------------------------------------------------------------------------

Point = tuple[float, float]


def convex_hull(points: Iterable[Point]) -> list[Point]:
    """Andrew's monotone chain; counter-clockwise, no repeated end point. Fewer than 3 points come back as they are."""
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts

    def cross(o: Point, a: Point, b: Point) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[Point] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[Point] = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


@dataclass(frozen=True, slots=True)
class GeoBounds:
    west: float
    south: float
    east: float
    north: float

    @staticmethod
    def around(points: Iterable[Point], margin: float = 0.05) -> GeoBounds | None:
        pts = list(points)
        if not pts:
            return None
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        w, e, s, n = min(xs), max(xs), min(ys), max(ys)
        dx = max(e - w, 1e-4) * margin
        dy = max(n - s, 1e-4) * margin
        return GeoBounds(w - dx, s - dy, e + dx, n + dy)


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything the availability report prints, for one period and area (``area`` "" is the whole city)."""

    area: str
    start: float
    end: float
    generated: float
    overall: float | None  # availability over the period, camera-time weighted
    counts: StateCounts  # right now
    series: list[tuple[float, float | None]]  # bucket start, availability in the bucket
    areas: list[AreaAvailability]  # worst first: kelurahan when an area is chosen, else kecamatan
    dark: list[DarkCamera]  # dark now, longest first
    asked_end: float | None = None  # the end asked for, when it lies after ``end`` (clipped to now)
    history_from: float | None = None  # the first stored verdict of these cameras (None: no history at all)
    last_check: float | None = None  # the newest verdict of these cameras
    figures: Figures | None = None  # domain.figures.city_figures over the same cameras and period

    @property
    def period_end(self) -> float:
        """The end of the period asked for: the chart's axis and the 'of N days asked' run to here."""
        return self.end if self.asked_end is None else max(self.end, self.asked_end)

    @property
    def covered(self) -> float:
        """Seconds of the period that history covers: from its first verdict (or the start) to the end."""
        if self.history_from is None:
            return 0.0
        return max(0.0, self.end - max(self.start, self.history_from))

    @property
    def fully_covered(self) -> bool:
        return self.history_from is not None and self.covered >= self.period_end - self.start - 60


def ratio_series(series: Sequence[tuple[float, Uptime]]) -> list[tuple[float, float | None]]:
    return [(t, u.ratio) for t, u in series]


def pick_step(seconds: float) -> float:
    """Chart bucket for a period: hours up to two days, then 6 h up to two weeks, then days."""
    if seconds <= 2 * 86400:
        return HOUR
    if seconds <= 14 * 86400:
        return 6 * HOUR
    return 86400.0


def fleet_series(changes: dict[str, list[Change]], start: float, end: float,
                 step: float) -> list[tuple[float, float | None]]:  # fmt: skip
    """Availability of many cameras per bucket in one sweep over all their changes, merged by time.

    Same answer as adding each camera's ``uptime_series``, but O(changes log changes + buckets): it
    keeps how many cameras are up and how many are counted (up or down) and integrates between events.
    """
    events: list[tuple[float, int, int]] = []  # time, delta up, delta counted
    for history in changes.values():
        up, counted = 0, 0  # before the first change a camera is unknown: neither
        for at, state in history:
            new_up = 1 if state in UP_STATES else 0
            new_counted = 0 if state in NEUTRAL_STATES else 1
            events.append((max(at, start), new_up - up, new_counted - counted))
            up, counted = new_up, new_counted
    events.sort(key=lambda e: e[0])
    out: list[tuple[float, float | None]] = []
    up_n = counted_n = 0
    i = 0
    t = start
    bucket = start
    while bucket < end:
        b_end = min(end, bucket + step)
        up_s = counted_s = 0.0
        while i < len(events) and events[i][0] < b_end:
            at, du, dc = events[i]
            up_s += up_n * (at - t)
            counted_s += counted_n * (at - t)
            up_n, counted_n, t = up_n + du, counted_n + dc, at
            i += 1
        up_s += up_n * (b_end - t)
        counted_s += counted_n * (b_end - t)
        t = b_end
        out.append((bucket, up_s / counted_s if counted_s > 0 else None))
        bucket = b_end
    return out

"""The one place the city's figures are worked out: every slide, the dashboard and the report read these.

"Online now" is live over live-plus-dark at ``at`` (disabled and never-checked cameras are neither);
"availability" is camera-time live over live-plus-dark over ``[period_start, at)``, from the stored state
changes (``fleet_series`` over one bucket). Each surface shows ``at`` beside the numbers, so two screens
that differ say they are from different moments instead of silently disagreeing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from videowall.domain.dashboard import CameraHealth, dark_for, fleet_series, summarise
from videowall.domain.health import Change

DARK_LONG_HOURS = 24.0  # "offline for more than a day": needs a field visit


@dataclass(frozen=True, slots=True)
class Figures:
    at: float  # the moment the figures hold for (the data was read then)
    cameras: int  # in the register (retired ones are not)
    live: int
    dark: int
    unchecked: int  # disabled or never checked: neither online nor offline
    online_ratio: float | None  # live / (live + dark) at ``at``; None when nothing has a verdict
    dark_long: int  # dark for more than DARK_LONG_HOURS
    availability: float | None  # camera-time live / (live + dark) over [period_start, at)
    period_start: float
    last_check: float | None  # the newest verdict among these cameras


def period_availability(changes: dict[str, list[Change]], start: float, end: float) -> float | None:
    """Camera-time availability over [start, end): the fleet series with one bucket the period's length."""
    if end <= start:
        return None
    return fleet_series(changes, start, end, end - start)[0][1]


def city_figures(items: Iterable[CameraHealth], at: float, *, availability: float | None,
                 period_start: float) -> Figures:  # fmt: skip
    rows = list(items)
    counts = summarise(rows).city
    checks = [i.checked for i in rows if i.checked is not None]
    return Figures(at, counts.total, counts.live, counts.dark, counts.total - counts.live - counts.dark,
                   counts.live_ratio, len(dark_for(rows, at, DARK_LONG_HOURS)), availability, period_start,
                   max(checks) if checks else None)  # fmt: skip

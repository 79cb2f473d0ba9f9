"""Recordings on a recorder (NVR): what exists, from when to when, with which gaps. Pure data.

Times are UTC ``datetime``s in the recorder's own clock, as it reports them; ``clock_offset_s`` (the
recorder's clock minus true time, from the register or measured) turns them into true time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class RecordedRange:
    start: datetime
    end: datetime

    @property
    def seconds(self) -> float:
        return (self.end - self.start).total_seconds()

    def holds(self, at: datetime) -> bool:
        return self.start <= at <= self.end


@dataclass(frozen=True, slots=True)
class RecordingSummary:
    """One recording (usually one camera) as the recorder's search lists it."""

    token: str
    source_id: str
    name: str
    earliest: datetime | None
    latest: datetime | None
    status: str  # Recording, Stopped, ... (ONVIF RecordingStatus)


@dataclass(frozen=True, slots=True)
class RecordingRanges:
    """Where a recording has data between ``asked_from`` and ``asked_to``; what lies between is a gap."""

    token: str
    asked_from: datetime
    asked_to: datetime
    ranges: tuple[RecordedRange, ...]

    @property
    def gaps(self) -> tuple[RecordedRange, ...]:
        out = []
        for before, after in zip(self.ranges, self.ranges[1:], strict=False):
            if after.start > before.end:
                out.append(RecordedRange(before.end, after.start))
        return tuple(out)

    def holds(self, at: datetime) -> bool:
        return any(r.holds(at) for r in self.ranges)


def ranges_from_states(token: str, asked_from: datetime, asked_to: datetime,
                       states: list[tuple[datetime, bool]]) -> RecordingRanges:
    """Build ranges from "data present" state changes (Profile G's ``RecordingHistory/Track/State``).

    ``states`` are (instant, data present) in any order; a range still open at the end runs to ``asked_to``.
    """
    ranges: list[RecordedRange] = []
    open_at: datetime | None = None
    for at, present in sorted(states, key=lambda item: item[0]):
        if present and open_at is None:
            open_at = max(at, asked_from)
        elif not present and open_at is not None:
            if at > open_at:
                ranges.append(RecordedRange(open_at, min(at, asked_to)))
            open_at = None
    if open_at is not None and asked_to > open_at:
        ranges.append(RecordedRange(open_at, asked_to))
    return RecordingRanges(token, asked_from, asked_to, tuple(ranges))


def true_time(recorder_time: datetime, clock_offset_s: float) -> datetime:
    """A recorder's label for an instant, as true time (its clock runs ``clock_offset_s`` ahead)."""
    return recorder_time - timedelta(seconds=clock_offset_s)


def recorder_time(true: datetime, clock_offset_s: float) -> datetime:
    return true + timedelta(seconds=clock_offset_s)

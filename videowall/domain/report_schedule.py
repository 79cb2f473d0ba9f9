"""The scheduled availability report as rules: when one is due, which period it covers, what its file is called.

Pure: settings and aware times in, times and names out. Settings (``domain/settings_catalogue.py``):
``report_schedule`` off / daily / weekly (weekly: Mondays), ``report_hour`` (0-23, in the city's time
zone ``city_timezone``), ``report_dir`` (empty: ``reports`` beside the database) and ``report_language``
(empty: the console's ``ui_language``). A daily report at 06:00 covers the 24 hours up to 06:00; a weekly
one the 7 days up to Monday 06:00. The file is named after that end (city date), so a report already in the
folder is not written again, and one missed while the console was closed is written when it next runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

SCHEDULE_KEY = "report_schedule"
HOUR_KEY = "report_hour"
DIR_KEY = "report_dir"
LANGUAGE_KEY = "report_language"
REPORT_DIR_NAME = "reports"
DEFAULT_HOUR = 6
RETRY_AFTER = timedelta(minutes=10)  # after a failure (folder missing, disk full), try again this soon
START_DELAY = timedelta(minutes=2)  # never while the console is still starting


class Frequency(StrEnum):
    OFF = "off"
    DAILY = "daily"
    WEEKLY = "weekly"


@dataclass(frozen=True, slots=True)
class ReportPolicy:
    frequency: Frequency = Frequency.OFF
    hour: int = DEFAULT_HOUR

    @property
    def enabled(self) -> bool:
        return self.frequency is not Frequency.OFF

    @property
    def length(self) -> timedelta:
        return timedelta(days=7 if self.frequency is Frequency.WEEKLY else 1)


def policy_from_settings(schedule: object, hour: object) -> tuple[ReportPolicy, list[str]]:
    """The policy the settings ask for; a bad value falls back (off, 06:00) and is named in the problems."""
    problems: list[str] = []
    frequency = Frequency.OFF
    if schedule not in (None, ""):
        try:
            frequency = Frequency(str(schedule))
        except ValueError:
            problems.append(f"{SCHEDULE_KEY} = {schedule!r} is not off, daily or weekly; no scheduled report")
    at = DEFAULT_HOUR
    if hour is not None:
        if isinstance(hour, int) and not isinstance(hour, bool) and 0 <= hour <= 23:
            at = hour
        else:
            problems.append(f"{HOUR_KEY} = {hour!r} is not an hour 0-23; using {DEFAULT_HOUR}")
    return ReportPolicy(frequency, at), problems


def latest_slot(policy: ReportPolicy, now: datetime) -> datetime | None:
    """The newest due time at or before ``now`` (an aware time in the city's zone); None when off."""
    if not policy.enabled:
        return None
    slot = now.replace(hour=policy.hour, minute=0, second=0, microsecond=0)
    if slot > now:
        slot -= timedelta(days=1)
    if policy.frequency is Frequency.WEEKLY:
        slot -= timedelta(days=slot.weekday())  # back to Monday (weekday 0)
    return slot


def next_slot(policy: ReportPolicy, slot: datetime) -> datetime:
    """The slot after ``slot`` (aware arithmetic is wall-clock time: 06:00 stays 06:00 across DST)."""
    return slot + policy.length


def period(policy: ReportPolicy, slot: datetime) -> tuple[float, float]:
    """[start, end) as UNIX times: the day or week up to the slot."""
    return (slot - policy.length).timestamp(), slot.timestamp()


def report_name(policy: ReportPolicy, slot: datetime) -> str:
    """``availability-daily-2026-12-02.pdf``: frequency and the city date the period ends."""
    return f"availability-{policy.frequency.value}-{slot:%Y-%m-%d}.pdf"


def csv_name(pdf_name: str) -> str:
    """The dark cameras' appendix beside the PDF (the name ``videowall report`` gives it)."""
    return pdf_name.removesuffix(".pdf") + "-dark.csv"


@dataclass(frozen=True, slots=True)
class Due:
    """What to do now: ``slot`` to write (None: nothing) and when to look again."""

    slot: datetime | None
    next_check: datetime | None


def report_due(policy: ReportPolicy, now: datetime, written: bool, *, started: datetime,
               last_failure: datetime | None = None, start_delay: timedelta = START_DELAY) -> Due:  # fmt: skip
    """Whether the latest slot's report must be written now (``written``: its file is in the folder)."""
    slot = latest_slot(policy, now)
    if slot is None:
        return Due(None, None)
    if written:
        return Due(None, next_slot(policy, slot))
    earliest = started + start_delay
    if last_failure is not None:
        earliest = max(earliest, last_failure + RETRY_AFTER)
    if now < earliest:
        return Due(None, earliest)
    return Due(slot, now)

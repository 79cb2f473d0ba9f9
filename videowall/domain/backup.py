"""Scheduled backups as rules: file names, when the next copy is due, which copies retention deletes.

Pure: names, numbers and times in, names and times out. The service (``services/backup_schedule.py``)
lists the folder, copies the database (``storage/backup.py``) and deletes what these rules name. File
names carry the time in UTC (``videowall-20261125-021500.db``), so they sort by age and need no clock
of the machine that made them to be read.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

DEFAULT_INTERVAL_HOURS = 24.0
DEFAULT_KEEP = 7
BACKUP_DIR_NAME = "backups"  # default folder, beside the database
# Settings keys (settings table, JSON values).
INTERVAL_KEY = "backup_interval_hours"
DIR_KEY = "backup_dir"
KEEP_KEY = "backup_keep"

START_DELAY = timedelta(minutes=2)  # never copy while the console is still starting
RETRY_AFTER = timedelta(hours=1)  # after a failure, at most this long (or the interval) before trying again

_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^videowall-(\d{8}-\d{6})\.db$")
PARTIAL_MARK = ".partial-"  # in-progress copies: ``.<name>.partial-<token>`` (and SQLite's -journal beside)


@dataclass(frozen=True, slots=True)
class BackupPolicy:
    """How often to copy (0 hours: never) and how many scheduled copies to keep."""

    interval_hours: float = DEFAULT_INTERVAL_HOURS
    keep: int = DEFAULT_KEEP

    @property
    def enabled(self) -> bool:
        return self.interval_hours > 0

    @property
    def interval(self) -> timedelta:
        return timedelta(hours=self.interval_hours)


def policy_from_settings(interval_hours: object, keep: object) -> tuple[BackupPolicy, list[str]]:
    """The policy the settings ask for; a bad value falls back to its default and is named in the problems."""
    problems: list[str] = []
    interval = DEFAULT_INTERVAL_HOURS
    if interval_hours is not None:
        hours = _number(interval_hours)
        if hours is not None and math.isfinite(hours) and hours >= 0:
            interval = hours
        else:
            problems.append(f"{INTERVAL_KEY} = {interval_hours!r} is not a number of hours >= 0; "
                            f"using {DEFAULT_INTERVAL_HOURS:g}")
    count = DEFAULT_KEEP
    if keep is not None:
        wanted = _number(keep)
        if wanted is not None and wanted.is_integer() and wanted >= 1:
            count = int(wanted)
        else:
            problems.append(f"{KEEP_KEY} = {keep!r} is not a whole number >= 1; using {DEFAULT_KEEP}")
    return BackupPolicy(interval, count), problems


def _number(value: object) -> float | None:
    """A JSON number as float; ``None`` for anything else (a bool, a string, null)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def backup_file_name(at: datetime) -> str:
    """``videowall-YYYYmmdd-HHMMSS.db`` for ``at`` (an aware time), in UTC."""
    return f"videowall-{at.astimezone(UTC).strftime(_STAMP)}.db"


def backup_time(name: str) -> datetime | None:
    """When a scheduled copy was taken, from its name; ``None`` for any other file."""
    match = _NAME.match(name)
    if match is None:
        return None
    try:
        return datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC)
    except ValueError:  # 20261399-...: looks like ours, is not
        return None


def scheduled_backups(names: Iterable[str]) -> list[tuple[datetime, str]]:
    """The scheduled copies among ``names``, oldest first."""
    found = [(t, n) for n in names if (t := backup_time(n)) is not None]
    return sorted(found)


def latest_backup(names: Iterable[str]) -> datetime | None:
    found = scheduled_backups(names)
    return found[-1][0] if found else None


def next_backup_due(
    policy: BackupPolicy,
    last_backup: datetime | None,
    started: datetime,
    *,
    last_failure: datetime | None = None,
    start_delay: timedelta = START_DELAY,
) -> datetime | None:
    """When the next scheduled copy should be taken; ``None`` when backups are off.

    One interval after the newest copy, never before ``start_delay`` after the console started (the
    first copy of a new installation comes then), and after a failure not before ``RETRY_AFTER`` (or
    the interval, if shorter) has passed.
    """
    if not policy.enabled:
        return None
    earliest = started + start_delay
    due = earliest if last_backup is None else max(last_backup + policy.interval, earliest)
    if last_failure is not None:
        due = max(due, last_failure + min(policy.interval, RETRY_AFTER))
    return due


def to_delete(names: Iterable[str], keep: int) -> list[str]:
    """The scheduled copies beyond the newest ``keep`` (at least one is always kept), oldest first."""
    found = scheduled_backups(names)
    return [n for _, n in found[: max(len(found) - max(keep, 1), 0)]]


def is_partial(name: str) -> bool:
    """A copy still being written, or left by a process that died while writing it."""
    return name.startswith(".") and PARTIAL_MARK in name


def before_restore_name(db_name: str, at: datetime) -> str:
    """Where a restore keeps the database it replaces: ``videowall.db.before-restore-20261125T021500Z``."""
    return f"{db_name}.before-restore-{at.astimezone(UTC).strftime('%Y%m%dT%H%M%SZ')}"

"""Scheduled backups while the console runs: a worker thread, never the UI thread, never in the way of quitting.

Each round reads the settings (``backup_interval_hours``, 0 = off, default 24; ``backup_dir``, default
``backups`` beside the database; ``backup_keep``, default 7), so a change applies within a minute
without a restart. When a copy is due (``domain/backup.py``) it writes ``videowall-YYYYmmdd-HHMMSS.db``
(UTC) with ``storage.backup.backup_database`` and deletes the oldest scheduled copies beyond
``backup_keep``. ``stop()`` only signals the thread: a copy in progress finishes in the background or
dies with the process, and leaves at worst a hidden ``.partial-`` file, cleared an hour later.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlite_utils import Database

from videowall.domain.backup import (
    BACKUP_DIR_NAME,
    DIR_KEY,
    INTERVAL_KEY,
    KEEP_KEY,
    START_DELAY,
    BackupPolicy,
    backup_file_name,
    is_partial,
    latest_backup,
    next_backup_due,
    policy_from_settings,
    to_delete,
)
from videowall.storage.backup import BackupError, BackupResult, backup_database
from videowall.storage.settings import SettingsRepository
from videowall.storage.writer import DatabaseWriter

log = logging.getLogger(__name__)

SETTING_KEYS = (INTERVAL_KEY, DIR_KEY, KEEP_KEY)
POLL_S = 60.0  # settings are re-read at least this often
PARTIAL_MAX_AGE_S = 3600.0  # a partial copy older than this belongs to a process that died


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class BackupPlan:
    """The settings as they apply now."""

    policy: BackupPolicy
    folder: Path


class BackupSchedule:
    """``start()`` a daemon thread taking copies of ``db`` when due; ``run_due()`` is one round, for tests."""

    def __init__(
        self,
        db: Path,
        settings: Callable[[], Mapping[str, object]],
        *,
        clock: Callable[[], datetime] = _utc_now,
        start_delay: timedelta = START_DELAY,
        poll_s: float = POLL_S,
        backup: Callable[[Path, Path], BackupResult] = backup_database,
    ) -> None:
        self.db = Path(db)
        self._settings = settings
        self._clock = clock
        self._started = clock()
        self._start_delay = start_delay
        self._poll_s = poll_s
        self._backup = backup
        self._last_failure: datetime | None = None
        self._last_success: datetime | None = None  # in case the folder listing does not show it (moved folder)
        self._warned: set[str] = set()
        self.next_due: datetime | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @classmethod
    def for_writer(
        cls, writer: DatabaseWriter, *, clock: Callable[[], datetime] = _utc_now, start_delay: timedelta = START_DELAY,
        poll_s: float = POLL_S,
    ) -> BackupSchedule:
        """The console's schedule: settings read on the writer's connection, the copy on a connection of its own."""

        def read() -> dict[str, object]:
            def job(db: Database) -> dict[str, object]:
                repo = SettingsRepository(db)
                return {key: repo.get(key) for key in SETTING_KEYS}

            return writer.submit(job, transaction=False).result(60)

        return cls(writer.path, read, clock=clock, start_delay=start_delay, poll_s=poll_s)

    def plan(self) -> BackupPlan:
        values = self._settings()
        policy, problems = policy_from_settings(values.get(INTERVAL_KEY), values.get(KEEP_KEY))
        folder_setting = values.get(DIR_KEY)
        if folder_setting is not None and not (isinstance(folder_setting, str) and folder_setting.strip()):
            problems.append(f"{DIR_KEY} = {folder_setting!r} is not a folder name; using the default")
            folder_setting = None
        for problem in problems:
            if problem not in self._warned:  # once per value, not every minute
                self._warned.add(problem)
                log.warning("backup setting: %s", problem)
        if isinstance(folder_setting, str):
            folder = Path(folder_setting.strip()).expanduser()
            folder = folder if folder.is_absolute() else self.db.parent / folder
        else:
            folder = self.db.parent / BACKUP_DIR_NAME
        return BackupPlan(policy, folder)

    def run_due(self) -> BackupResult | None:
        """Take a copy if one is due now (then apply retention); the copy made, else ``None``."""
        now = self._clock()
        plan = self.plan()
        found = [t for t in (latest_backup(_names(plan.folder)), self._last_success) if t is not None]
        self.next_due = next_backup_due(plan.policy, max(found, default=None), self._started,
                                        last_failure=self._last_failure, start_delay=self._start_delay)
        if self.next_due is None or now < self.next_due:
            return None
        dest = plan.folder / backup_file_name(now)
        try:
            plan.folder.mkdir(parents=True, exist_ok=True)
            _clear_partials(plan.folder)
            result = self._backup(self.db, dest)
        except (BackupError, OSError) as exc:
            self._last_failure = now
            log.warning("scheduled backup of %s to %s failed: %s", self.db, dest, exc)
            return None
        self._last_failure, self._last_success = None, now
        log.info("scheduled backup %s: %d bytes, %d pages, %.2f s", result.path, result.size_bytes, result.pages,
                 result.seconds)
        for name in to_delete(_names(plan.folder), plan.policy.keep):
            try:
                (plan.folder / name).unlink()
            except OSError as exc:
                log.warning("cannot delete old backup %s: %s", plan.folder / name, exc)
            else:
                log.info("deleted old backup %s (keeping the newest %d)", plan.folder / name, plan.policy.keep)
        return result

    def start(self) -> BackupSchedule:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="videowall-backup", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        """Signal the thread and return at once (a copy in progress is not waited for)."""
        self._stop.set()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_due()
            except RuntimeError as exc:  # the writer has stopped: the console is quitting
                log.debug("backup schedule ends: %s", exc)
                return
            except Exception:
                log.exception("scheduled backup round failed")
            self._stop.wait(self._wait_s())

    def _wait_s(self) -> float:
        if self.next_due is None:
            return self._poll_s
        until = (self.next_due - self._clock()).total_seconds()
        return min(self._poll_s, max(until, min(1.0, self._poll_s)))  # never a tight loop


def _names(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except FileNotFoundError:
        return []


def _clear_partials(folder: Path) -> None:
    """Unlink partial copies that a process dying mid-copy left behind (only old ones: not a copy in progress)."""
    now = time.time()
    for name in _names(folder):
        if not is_partial(name):
            continue
        path = folder / name
        try:
            if now - path.stat().st_mtime > PARTIAL_MAX_AGE_S:
                path.unlink()
                log.info("removed an unfinished backup %s", path)
        except OSError as exc:
            log.debug("cannot remove %s: %s", path, exc)

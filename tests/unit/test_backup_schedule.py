"""The console's scheduled backups (services/backup_schedule.py) on a real database, with a fake clock."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from videowall.services.backup_schedule import BackupSchedule
from videowall.storage.backup import BackupError, BackupResult, backup_database
from videowall.storage.settings import SettingsRepository
from videowall.storage.writer import DatabaseWriter

T0 = datetime(2026, 11, 25, 2, 15, 0, tzinfo=UTC)


class FakeClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[DatabaseWriter]:
    with DatabaseWriter(tmp_path / "data" / "videowall.db") as w:
        w.submit(lambda db: db.execute("INSERT INTO favourites (camera_id, added_at) VALUES ('CAM-1', 1.0)")).result()
        yield w


def _set(writer: DatabaseWriter, **values: object) -> None:
    def job(db: Database) -> None:
        for key, value in values.items():
            SettingsRepository(db).set(key, value)

    writer.submit(job).result()


def _backups(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("videowall-*.db")) if folder.exists() else []


def _rows(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT camera_id FROM favourites").fetchall()
    finally:
        conn.close()


def test_due_after_start_delay_then_every_interval(writer: DatabaseWriter) -> None:
    clock = FakeClock(T0)
    schedule = BackupSchedule.for_writer(writer, clock=clock, start_delay=timedelta(minutes=2))
    folder = writer.path.parent / "backups"  # the default: beside the database
    assert schedule.run_due() is None and _backups(folder) == []
    assert schedule.next_due == T0 + timedelta(minutes=2)
    clock.advance(minutes=2)
    made = schedule.run_due()
    assert made is not None and made.path == folder / "videowall-20261125-021700.db"
    assert _rows(made.path) == [("CAM-1",)]  # a real, readable copy
    clock.advance(hours=23)
    assert schedule.run_due() is None  # default interval: 24 h
    clock.advance(hours=1)
    assert schedule.run_due() is not None
    assert _backups(folder) == ["videowall-20261125-021700.db", "videowall-20261126-021700.db"]


def test_retention_deletes_the_oldest(writer: DatabaseWriter, tmp_path: Path) -> None:
    folder = tmp_path / "elsewhere"
    _set(writer, backup_interval_hours=1, backup_keep=3, backup_dir=str(folder))
    folder.mkdir()
    (folder / "manual-copy.db").write_bytes(b"not ours")  # never touched by retention
    clock = FakeClock(T0)
    schedule = BackupSchedule.for_writer(writer, clock=clock, start_delay=timedelta(0))
    made = []
    for _ in range(5):
        result = schedule.run_due()
        assert result is not None
        made.append(result.path.name)
        clock.advance(hours=1)
    assert _backups(folder) == made[-3:]
    assert (folder / "manual-copy.db").exists()


def test_settings_changes_apply_without_restart(writer: DatabaseWriter, tmp_path: Path) -> None:
    clock = FakeClock(T0)
    schedule = BackupSchedule.for_writer(writer, clock=clock, start_delay=timedelta(0))
    _set(writer, backup_interval_hours=0)
    assert schedule.run_due() is None and schedule.next_due is None  # off
    _set(writer, backup_interval_hours=2, backup_dir="relative")
    assert schedule.run_due() is not None
    assert _backups(writer.path.parent / "relative")  # relative to the database's folder


def test_bad_settings_fall_back_and_are_logged_once(writer: DatabaseWriter, caplog: pytest.LogCaptureFixture) -> None:
    _set(writer, backup_interval_hours="daily", backup_keep=0)
    schedule = BackupSchedule.for_writer(writer, clock=FakeClock(T0), start_delay=timedelta(0))
    with caplog.at_level(logging.WARNING, "videowall.services.backup_schedule"):
        schedule.plan()
        schedule.plan()
    warned = [r.getMessage() for r in caplog.records]
    assert len(warned) == 2 and "backup_interval_hours" in warned[0] and "backup_keep" in warned[1]
    assert schedule.plan().policy.interval_hours == 24 and schedule.plan().policy.keep == 7


def test_failure_is_logged_and_retried_later(writer: DatabaseWriter, caplog: pytest.LogCaptureFixture) -> None:
    calls: list[Path] = []

    def failing(source: Path, dest: Path) -> BackupResult:
        calls.append(dest)
        raise BackupError(f"no space left on {dest.parent}: free space and try again; the database was not changed")

    clock = FakeClock(T0)
    schedule = BackupSchedule(writer.path, lambda: {"backup_interval_hours": 24}, clock=clock,
                              start_delay=timedelta(0), backup=failing)
    with caplog.at_level(logging.WARNING, "videowall.services.backup_schedule"):
        assert schedule.run_due() is None
    assert len(calls) == 1 and "no space left" in caplog.text
    clock.advance(minutes=59)
    schedule.run_due()
    assert len(calls) == 1  # not hammering a full disk
    clock.advance(minutes=1)
    schedule.run_due()
    assert len(calls) == 2


def test_runs_on_its_own_thread_with_a_short_real_interval(writer: DatabaseWriter) -> None:
    threads: list[str] = []

    def recording(source: Path, dest: Path) -> BackupResult:
        threads.append(threading.current_thread().name)
        return backup_database(source, dest)

    schedule = BackupSchedule(writer.path, lambda: {"backup_interval_hours": 1 / 3600, "backup_keep": 2},  # 1 s
                              start_delay=timedelta(0), poll_s=0.05, backup=recording)
    schedule.start()
    try:
        deadline = time.monotonic() + 8
        while len(threads) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        schedule.stop()
    assert len(threads) >= 3, threads
    assert set(threads) == {"videowall-backup"}  # never the caller's (UI) thread
    assert len(_backups(writer.path.parent / "backups")) == 2  # keep = 2


def test_stop_never_waits_for_a_backup_in_progress(writer: DatabaseWriter) -> None:
    entered, release = threading.Event(), threading.Event()

    def slow(source: Path, dest: Path) -> BackupResult:
        entered.set()
        release.wait(10)
        raise BackupError("cancelled")

    schedule = BackupSchedule(writer.path, lambda: {}, start_delay=timedelta(0), poll_s=0.05, backup=slow).start()
    assert entered.wait(5)
    started = time.monotonic()
    schedule.stop()
    assert time.monotonic() - started < 0.1
    assert schedule.running  # still copying, in the background
    release.set()
    deadline = time.monotonic() + 5
    while schedule.running and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not schedule.running  # and it ends once the copy returns


def test_ends_quietly_when_the_writer_stops(tmp_path: Path) -> None:
    w = DatabaseWriter(tmp_path / "v.db")
    w.start()
    schedule = BackupSchedule.for_writer(w, start_delay=timedelta(hours=1), poll_s=0.05).start()
    w.stop()
    deadline = time.monotonic() + 5
    while schedule.running and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not schedule.running

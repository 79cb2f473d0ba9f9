"""Backup rules (domain/backup.py): names, when the next copy is due, what retention deletes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from videowall.domain.backup import (
    DEFAULT_INTERVAL_HOURS,
    DEFAULT_KEEP,
    START_DELAY,
    BackupPolicy,
    backup_file_name,
    backup_time,
    before_restore_name,
    is_partial,
    latest_backup,
    next_backup_due,
    policy_from_settings,
    to_delete,
)

T0 = datetime(2026, 11, 25, 2, 15, 0, tzinfo=UTC)


def test_names_are_utc_and_read_back() -> None:
    wib = timezone(timedelta(hours=7))
    assert backup_file_name(T0) == "videowall-20261125-021500.db"
    assert backup_file_name(T0.astimezone(wib)) == "videowall-20261125-021500.db"  # same instant, same name
    assert backup_time("videowall-20261125-021500.db") == T0


def test_other_files_are_not_backups() -> None:
    for name in ("videowall.db", "videowall-20261125-021500.db-journal", "notes.txt",
                 "videowall-20261399-021500.db", ".videowall-20261125-021500.db.partial-ab12", "my-copy.db"):
        assert backup_time(name) is None, name


def test_latest_backup_ignores_other_files() -> None:
    names = ["videowall-20261123-000000.db", "zzz.db", "videowall-20261125-021500.db", "videowall-20261124-000000.db"]
    assert latest_backup(names) == T0
    assert latest_backup(["a.db"]) is None


def test_first_backup_comes_after_the_start_delay() -> None:
    assert next_backup_due(BackupPolicy(), None, T0) == T0 + START_DELAY


def test_next_backup_one_interval_after_the_newest() -> None:
    policy = BackupPolicy(interval_hours=6)
    last = T0 - timedelta(hours=1)
    assert next_backup_due(policy, last, T0) == last + timedelta(hours=6)


def test_overdue_backup_waits_for_the_start_delay() -> None:
    last = T0 - timedelta(days=3)
    assert next_backup_due(BackupPolicy(), last, T0, start_delay=timedelta(minutes=5)) == T0 + timedelta(minutes=5)


def test_off_means_never() -> None:
    assert next_backup_due(BackupPolicy(interval_hours=0), None, T0) is None
    assert not BackupPolicy(interval_hours=0).enabled


def test_failure_backs_off_an_hour_or_the_interval() -> None:
    failed = T0 + timedelta(hours=2)
    last = T0 - timedelta(days=2)
    assert next_backup_due(BackupPolicy(24), last, T0, last_failure=failed) == failed + timedelta(hours=1)
    assert next_backup_due(BackupPolicy(0.25), T0, T0, last_failure=failed) == failed + timedelta(minutes=15)


def test_retention_deletes_the_oldest_beyond_keep() -> None:
    names = [backup_file_name(T0 + timedelta(days=d)) for d in (3, 0, 4, 1, 2)] + ["manual.db", "notes.txt"]
    assert to_delete(names, 3) == [backup_file_name(T0), backup_file_name(T0 + timedelta(days=1))]
    assert to_delete(names, 7) == []
    assert to_delete(names, 0) == to_delete(names, 1)  # the newest copy is always kept
    assert len(to_delete(names, 1)) == 4


def test_settings_parsed_with_defaults_for_bad_values() -> None:
    assert policy_from_settings(None, None) == (BackupPolicy(DEFAULT_INTERVAL_HOURS, DEFAULT_KEEP), [])
    assert policy_from_settings(0, 3) == (BackupPolicy(0.0, 3), [])
    assert policy_from_settings(0.5, 2.0)[0] == BackupPolicy(0.5, 2)
    policy, problems = policy_from_settings("daily", -1)
    assert policy == BackupPolicy() and len(problems) == 2
    assert "backup_interval_hours" in problems[0] and "backup_keep" in problems[1]
    assert policy_from_settings(True, 2.5)[1]  # a bool is not a number of hours, 2.5 is not a count


def test_partials_and_restore_names() -> None:
    assert is_partial(".videowall-20261125-021500.db.partial-ab12cd34")
    assert is_partial(".videowall-20261125-021500.db.partial-ab12cd34-journal")
    assert not is_partial("videowall-20261125-021500.db")
    assert before_restore_name("videowall.db", T0) == "videowall.db.before-restore-20261125T021500Z"

"""The backup primitives (storage/backup.py) and the console lock (storage/instance_lock.py)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from videowall.storage.backup import BackupError, backup_database, copy_into, inspect_backup, integrity_problems
from videowall.storage.instance_lock import InstanceLock, InstanceLockedError, lock_path
from videowall.storage.writer import DatabaseWriter

HOLDER = "import sys; from videowall.storage.instance_lock import InstanceLock; " \
         "InstanceLock(sys.argv[1], 'console').acquire(); print('locked', flush=True); sys.stdin.read()"


def _videowall_db(path: Path, favourites: int = 3) -> Path:
    with DatabaseWriter(path) as w:
        w.submit(lambda db: db.conn.executemany("INSERT INTO favourites (camera_id, added_at) VALUES (?, 1.0)",
                                           [(f"CAM-{i}",) for i in range(favourites)])).result()
    return path


def _rows(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT camera_id FROM favourites ORDER BY camera_id").fetchall()
    finally:
        conn.close()


def test_backup_is_one_self_contained_file(tmp_path: Path) -> None:
    db = _videowall_db(tmp_path / "v.db")
    result = backup_database(db, tmp_path / "copy.db")
    assert result.pages > 0 and result.size_bytes == (tmp_path / "copy.db").stat().st_size
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("copy")) == ["copy.db"]  # no -wal
    conn = sqlite3.connect(tmp_path / "copy.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert integrity_problems(tmp_path / "copy.db") == []
    assert inspect_backup(tmp_path / "copy.db").pending == ()


def test_backup_refuses_to_overwrite_the_database_or_its_wal(tmp_path: Path) -> None:
    db = _videowall_db(tmp_path / "v.db")
    for target in (db, tmp_path / "v.db-wal", tmp_path / "v.db-shm"):
        with pytest.raises(BackupError, match="is the database itself"):
            backup_database(db, target)
    assert _rows(db) == [("CAM-0",), ("CAM-1",), ("CAM-2",)]


def test_failed_backup_leaves_no_file(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all " * 200)
    with pytest.raises(BackupError, match="is not an SQLite database"):
        backup_database(junk, tmp_path / "out.db")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["junk.db"]  # neither out.db nor a .partial


def test_copy_into_a_wal_database_of_another_page_size(tmp_path: Path) -> None:
    small = tmp_path / "small.db"
    conn = sqlite3.connect(small)
    conn.execute("PRAGMA page_size = 1024")
    conn.execute("CREATE TABLE favourites (camera_id TEXT PRIMARY KEY, added_at REAL)")
    conn.execute("INSERT INTO favourites VALUES ('FROM-BACKUP', 1.0)")
    conn.commit()
    conn.close()
    live = _videowall_db(tmp_path / "live.db")  # WAL, 4096-byte pages
    copy_into(small, live)
    assert _rows(live) == [("FROM-BACKUP",)]
    conn = sqlite3.connect(live)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_lock_refuses_a_second_holder_and_names_it(tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    with InstanceLock(db, "console") as first:
        assert first.held and lock_path(db) == tmp_path / "v.db.console.lock"
        with pytest.raises(InstanceLockedError) as info:
            InstanceLock(db, "restore").acquire()
        assert info.value.holder == f"{os.getpid()} console"
        assert f"is open in a videowall console (process {os.getpid()})" in str(info.value)
    InstanceLock(db, "restore").acquire().release()  # free again


def test_lock_of_a_killed_process_is_free(tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(InstanceLockedError, match=f"process {holder.pid}"):
            InstanceLock(db).acquire()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(10)
    InstanceLock(db).acquire().release()  # the kernel dropped it: no stale lock after a crash


def test_one_lock_whatever_the_spelling_of_the_path(tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    (tmp_path / "link.db").symlink_to(db)
    with InstanceLock(db), pytest.raises(InstanceLockedError):
        InstanceLock(tmp_path / "link.db").acquire()


def test_a_restore_in_progress_is_named_as_such(tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    with InstanceLock(db, "restore"), pytest.raises(InstanceLockedError, match="is being replaced by a restore"):
        InstanceLock(db, "console").acquire()

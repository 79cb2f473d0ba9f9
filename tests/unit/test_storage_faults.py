"""A busy, full or read-only database: clear words, nothing committed lost (issue 13).

The full disk is a real 2 MiB tmpfs and the read-only file system a real remount, in a private mount
namespace (``unshare``) so nothing outside the test sees them.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from videowall.storage.database import open_database
from videowall.storage.errors import DatabaseBusyError, SchemaTooNewError
from videowall.storage.migrations import MIGRATION_SET
from videowall.storage.writer import DatabaseWriter

HERE = Path(__file__).parent

_HOLDER = textwrap.dedent("""
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO settings (key, value) VALUES ('holder', '1')")
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
    conn.execute("COMMIT")
""")


def _hold_write_lock(path: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process (as a `videowall import` in a long transaction) holding SQLite's write lock."""
    proc = subprocess.Popen([sys.executable, "-c", _HOLDER, str(path), str(seconds)], stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
    return proc


def test_busy_database_waits_says_so_once_and_then_writes(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "videowall.db"
    open_database(path).close()
    holder = _hold_write_lock(path, 6.5)  # past SQLite's own 5 s busy timeout
    with DatabaseWriter(path) as writer, caplog.at_level(logging.WARNING, "videowall.storage.database"):
        started = time.monotonic()
        writer.submit(lambda d: d.execute("INSERT INTO settings (key, value) VALUES ('mine', '2')")).result(30)
        waited = time.monotonic() - started
        rows = writer.submit(lambda d: d.execute("SELECT key FROM settings ORDER BY key").fetchall()).result()
    assert holder.wait(10) == 0
    assert 5 < waited < 15
    assert [r.getMessage() for r in caplog.records if "retrying" in r.getMessage()] == [
        f"database {path} busy (another videowall process is writing), retrying"]
    assert [r[0] for r in rows] == ["holder", "mine"]


def test_busy_past_patience_fails_with_nothing_written(tmp_path: Path) -> None:
    path = tmp_path / "videowall.db"
    open_database(path).close()
    holder = _hold_write_lock(path, 8)
    with DatabaseWriter(path, busy_patience=1) as writer, pytest.raises(DatabaseBusyError) as info:
        writer.submit(lambda d: d.execute("INSERT INTO settings (key, value) VALUES ('mine', '2')")).result(30)
    holder.kill()
    holder.wait()
    assert "held its write lock for over 1 s; nothing was written, try again" in str(info.value)
    db = open_database(path, migrate=False)
    assert db.execute("SELECT count(*) FROM settings WHERE key = 'mine'").fetchone()[0] == 0
    db.close()


def test_newer_database_names_the_schema_and_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "v.db"
    db = open_database(path)
    db.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
               [MIGRATION_SET, "0999_future", "2030-01-01"])
    db.conn.commit()
    db.close()
    with pytest.raises(SchemaTooNewError) as info:
        DatabaseWriter(path).start()
    assert str(info.value) == (f"{path}: was written by a newer videowall (schema 0999_future); upgrade videowall "
                               "to open it; it was left untouched")


def test_damage_report_names_no_sqlite_internals(tmp_path: Path) -> None:
    path = tmp_path / "v.db"
    db = open_database(path)
    db.execute("CREATE TABLE t (x)")
    db.execute("INSERT INTO t SELECT randomblob(3000) FROM (SELECT 1 UNION SELECT 2 UNION SELECT 3)")
    db.conn.commit()
    db.execute("PRAGMA journal_mode = delete")
    db.close()
    data = bytearray(path.read_bytes())  # no connection is open here
    data[len(data) - 4096:len(data) - 3000] = b"\x0d" * 1096  # a b-tree page header turned to nonsense
    path.write_bytes(bytes(data))
    with pytest.raises(Exception) as info:
        open_database(path)
    text = str(info.value)
    assert "damaged" in text and "videowall restore" in text
    assert "btree" not in text.lower() and "***" not in text and "Page " not in text, text


def _namespace_command() -> list[str]:
    return ["unshare", "--mount"] if os.geteuid() == 0 else ["unshare", "--mount", "--map-root-user"]


def test_full_disk_then_read_only_file_system(tmp_path: Path) -> None:
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    script = (f"mount -t tmpfs -o size=2m videowall-test {mnt} && "
              f"dd if=/dev/zero of={mnt}/filler bs=1k count=600 status=none && "
              f"exec {sys.executable} {HERE / 'disk_fault_child.py'} {mnt}")
    done = subprocess.run([*_namespace_command(), "sh", "-c", script], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(HERE.parents[1])})
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["full"] == ["DiskFullError", f"no space left on {mnt}: free space and start again; nothing was lost "
                                            "(the last change was not saved)"]
    assert out["committed"] > 10
    assert out["restart_full"] == "opened" or out["restart_full"][0] == "DiskFullError"
    assert out["rows_after_freeing"] == out["committed"] + 1, "every committed row is there, and a new one"
    assert out["integrity"] == "ok"
    assert out["read_only"] == ["ReadOnlyStorageError", f"cannot be written: {mnt} is on a read-only file system; "
                                "nothing was changed (remount it read-write or use another --db)"]
    assert out["rows_read_only"] == out["committed"] + 1, "a read-only disk still shows what is there"
    assert shutil.which("unshare")

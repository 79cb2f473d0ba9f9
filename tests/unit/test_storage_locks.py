"""The database's POSIX locks survive everything the app does beside its writer (issue 13).

Closing any descriptor of a file drops all of the process's POSIX locks on it; the first build read
the header with ``open()`` on every ``open_database`` and so let another process checkpoint and
delete the WAL under the writer. These tests look at the kernel's lock table and at a second real
process, not at the code.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from videowall.services.security_command import _read_only
from videowall.storage.database import open_database, open_read_only
from videowall.storage.readers import ReadConnections
from videowall.storage.writer import DatabaseWriter


def _locks_on(path: Path) -> list[str]:
    """This process's POSIX locks on ``path`` as /proc/locks lists them (device:inode match)."""
    st = os.stat(path)
    dev = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    with open("/proc/locks", encoding="ascii") as fh:  # the kernel's table, not the database file
        return [line for line in fh if f" {os.getpid()} " in line and dev in line and "POSIX" in line]


@pytest.fixture
def writer_db(tmp_path: Path) -> Iterator[tuple[Path, Database]]:
    path = tmp_path / "videowall.db"
    db = open_database(path)
    db.execute("CREATE TABLE ledger (who TEXT, n INTEGER)")
    db.conn.commit()
    yield path, db
    db.close()


def test_every_read_path_keeps_the_writers_lock(writer_db: tuple[Path, Database]) -> None:
    path, _db = writer_db
    before = _locks_on(path)
    assert before, "a WAL connection holds a read lock on the database file"
    open_database(path, migrate=False).close()
    open_read_only(path).close()
    _read_only(path).close()  # `videowall audit verify`
    readers = ReadConnections(path)
    readers.get().execute("SELECT count(*) FROM ledger").fetchone()
    readers.close()
    second = DatabaseWriter(path)  # a second writer in the same process (tests, tools) opens and closes
    second.start()
    second.submit(lambda d: d.execute("INSERT INTO ledger VALUES ('second', 0)")).result(10)
    second.stop()
    assert _locks_on(path) == before


_CHILD = textwrap.dedent("""
    import sys
    from videowall.storage.database import open_database
    for i in range(4):
        sys.stdin.readline()
        db = open_database(sys.argv[1], migrate=False)
        seen = db.execute("SELECT count(*) FROM ledger WHERE who = 'console'").fetchone()[0]
        db.execute("INSERT INTO ledger VALUES ('command', ?)", [i])
        db.conn.commit()
        db.close()
        print(seen, flush=True)
""")


def test_a_command_beside_the_console_sees_its_writes_and_keeps_its_own(writer_db: tuple[Path, Database]) -> None:
    """The reproduction from the issue: writer open, a reader opened and closed, a second process."""
    path, db = writer_db
    open_database(path, migrate=False).close()  # as the dashboard did on every refresh
    child = subprocess.Popen([sys.executable, "-c", _CHILD, str(path)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdin is not None and child.stdout is not None
    seen = []
    for i in range(4):
        db.execute("INSERT INTO ledger VALUES ('console', ?)", [i])
        db.conn.commit()
        child.stdin.write("go\n")
        child.stdin.flush()
        seen.append(int(child.stdout.readline()))
    assert child.wait(30) == 0
    db.close()
    check = open_read_only(path)
    counts = dict(check.execute("SELECT who, count(*) FROM ledger GROUP BY who").fetchall())
    assert seen == [1, 2, 3, 4], "the command saw every commit of the console"
    assert counts == {"console": 4, "command": 4}, "nothing either side committed is lost"
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.close()



def test_consoles_that_share_a_database_exclude_a_lone_console_and_restore(tmp_path: Path) -> None:
    from videowall.storage.instance_lock import InstanceLock, InstanceLockedError

    db = tmp_path / "v.db"
    first = InstanceLock(db, "console", shared=True).acquire()
    second = InstanceLock(db, "console", shared=True).acquire()  # --share-database beside it: fine
    with pytest.raises(InstanceLockedError):
        InstanceLock(db, "console").acquire()  # a console that does not share
    with pytest.raises(InstanceLockedError):
        InstanceLock(db, "restore").acquire()
    first.release()
    second.release()
    alone = InstanceLock(db, "console").acquire()
    with pytest.raises(InstanceLockedError):
        InstanceLock(db, "console", shared=True).acquire()
    alone.release()

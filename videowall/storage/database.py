"""Opening the database file safely: check it is SQLite, never overwrite it, migrate, switch on WAL.

Every way a file can be wrong (not SQLite, truncated, damaged, from a newer version, busy, on a full
or read-only disk) becomes a ``StorageError`` that names the file and the problem; the file itself is
left as it was found.

Nothing here, nor anywhere else in videowall, opens the database, its ``-wal`` or its ``-shm`` file
with ``open()``: closing any descriptor of a file releases every POSIX lock the process holds on it,
SQLite's included, and another process may then write over pages this one still uses (SQLite's "How
To Corrupt An SQLite Database File", 2.2). The header is checked through SQLite itself, which keeps
one descriptor per file and process and never closes it while a lock is held.

Many processes share one database by design (see ``docs/storage.md``): each has at most one writer
connection (``DatabaseWriter``); every write transaction starts with ``BEGIN IMMEDIATE``, so two
processes never both read the chain tail of the audit trail and then write, and a busy database
waits (``busy_timeout``) instead of failing half-way.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import time
from pathlib import Path

from sqlite_utils import Database

from videowall.storage.errors import (
    CorruptDatabaseError,
    DatabaseBusyError,
    DiskFullError,
    ReadOnlyStorageError,
    SchemaTooNewError,
    StorageError,
)
from videowall.storage.migrations import MIGRATION_NAMES, MIGRATION_SET, MIGRATIONS

log = logging.getLogger(__name__)

SQLITE_HEADER_SIZE = 100
BUSY_TIMEOUT_MS = 5000
BUSY_PATIENCE_S = 60.0  # past SQLite's own wait, how long a writer keeps retrying before it gives up
# Below this much free space an I/O error is taken for a full disk (SQLite reports ENOSPC on the WAL
# index as SQLITE_IOERR, not SQLITE_FULL).
LOW_SPACE_BYTES = 4 * 1024 * 1024


def _sqlite_uri(path: Path, mode: str) -> str:
    return f"{path.resolve().as_uri()}?mode={mode}"


def _check_path(path: Path) -> bool:
    """Stat only (no descriptor): is there a file? Raises for a folder or a device."""
    try:
        path.stat()
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise StorageError(path, f"cannot be read: {exc.strerror or exc}") from None
    if not path.is_file():
        raise StorageError(path, "is not a regular file")
    return True


def connect(path: Path, *, mode: str = "rwc", check_same_thread: bool = True) -> sqlite3.Connection:
    """An SQLite connection with the project's busy timeout, its first page checked by SQLite itself.

    ``mode`` is SQLite's URI mode: ``rwc`` (create if absent), ``rw`` or ``ro``. The first read of
    the schema cookie makes SQLite parse the 100-byte header, so a file that is not a database is
    refused here, before anything could be written to it.
    """
    path = Path(path)
    exists = _check_path(path)
    if exists and 0 < path.stat().st_size < SQLITE_HEADER_SIZE:  # empty: SQLite makes it a new database
        raise CorruptDatabaseError(path, "is truncated (shorter than an SQLite header); it was left untouched")
    if not exists and mode != "rwc":
        raise StorageError(path, "does not exist yet: start the database writer (the console) first")
    if not exists:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(path.parent, f"cannot create the data directory: {exc.strerror or exc}") from None
    try:
        conn = sqlite3.connect(_sqlite_uri(path, mode), uri=True, check_same_thread=check_same_thread,
                               timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise classify(path, exc) from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.Error as exc:
        conn.close()
        raise classify(path, exc) from None
    return conn


def open_database(path: Path | str, *, migrate: bool = True, check_same_thread: bool = True) -> Database:
    """Open (creating if absent) and, with ``migrate``, check the file and bring the schema up to date.

    ``migrate=True`` is for the writer's connection (one per process): it runs SQLite's
    ``quick_check`` once, switches on WAL and applies pending migrations under the write lock, so two
    processes starting at once on a new file do not both migrate. Readers open with
    ``migrate=False`` (no check, no write, the file must exist) and get a ``StorageError`` if the
    schema is missing or too new; in the console they share one connection per thread
    (``storage.readers.ReadConnections``).
    """
    path = Path(path)
    if migrate:
        _check_writable(path)
    conn = connect(path, mode="rwc" if migrate else "rw", check_same_thread=check_same_thread)
    try:
        db = Database(conn, execute_plugins=False)
        if migrate:
            _check_integrity(db, path)
            db.enable_wal()
        db.execute("PRAGMA foreign_keys = ON")
        # FULL: in WAL mode every commit is synced, so a write reported done survives a power cut too
        # (NORMAL would keep the file intact but could lose the last commits).
        db.execute("PRAGMA synchronous = FULL")
        if migrate:
            _migrate(db, path)
        else:
            _check_schema(db, path, migrate=False)
    except StorageError:
        conn.close()
        raise
    except sqlite3.Error as exc:
        conn.close()
        raise classify(path, exc) from None
    return db


def open_read_only(path: Path | str) -> Database:
    """A connection that cannot write (no migration, no WAL switch, any schema age): for verifying."""
    return Database(connect(Path(path), mode="ro"), execute_plugins=False)


def begin_immediate(conn: sqlite3.Connection, path: Path, patience: float = BUSY_PATIENCE_S) -> None:
    """Take SQLite's write lock, waiting for other processes; "busy, retrying" is logged once.

    SQLite itself waits ``BUSY_TIMEOUT_MS`` for the lock; past that this keeps trying until
    ``patience`` seconds have gone, then raises ``DatabaseBusyError`` (nothing was written).
    """
    deadline = time.monotonic() + patience
    warned = False
    while True:
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if not isinstance(classify(path, exc), DatabaseBusyError):
                raise
            if time.monotonic() >= deadline:
                raise DatabaseBusyError(
                    path, f"is busy: another program has held its write lock for over {patience:.0f} s; "
                          "nothing was written, try again") from exc
            if not warned:
                log.warning("database %s busy (another videowall process is writing), retrying", path)
                warned = True


def _migrate(db: Database, path: Path) -> None:
    """Check the schema and apply what is pending under the write lock (``BEGIN IMMEDIATE``).

    The common case (nothing pending) takes no lock, so a command started while another process
    writes does not wait; otherwise the check is repeated under the lock, where only one process can
    be, so two processes starting at once on a new file do not both migrate.
    """
    _check_schema(db, path, migrate=True)
    if not MIGRATIONS.pending(db):
        return
    begin_immediate(db.conn, path)
    try:
        _check_schema(db, path, migrate=True)
        pending = MIGRATIONS.pending(db)
        if pending:
            log.info("migrating %s: %s", path, ", ".join(m.name for m in pending))
            MIGRATIONS.apply(db)  # each migration nests as a savepoint in this transaction
        db.conn.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise


_STORAGE_FAULTS = frozenset({
    sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_READONLY,
    sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB,
})


def is_storage_fault(exc: sqlite3.Error) -> bool:
    """Is this the disk, the lock or the file (not the SQL or a constraint)?"""
    return (getattr(exc, "sqlite_errorcode", 0) & 0xFF) in _STORAGE_FAULTS


def classify(path: Path, exc: sqlite3.Error) -> StorageError:
    """What an SQLite error means for the person at the console, with what to do about it."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    text = str(exc)
    folder = path.parent
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in text:
        return DatabaseBusyError(path, "is busy: another program is writing to it and did not finish within "
                                       f"{BUSY_TIMEOUT_MS // 1000} s; nothing was written, try again")
    if code == sqlite3.SQLITE_FULL or (code == sqlite3.SQLITE_IOERR and low_space(folder)):
        return DiskFullError(path, f"no space left on {folder}: free space and start again; nothing was lost "
                                   "(the last change was not saved)")
    if code == sqlite3.SQLITE_READONLY or "readonly" in text or "read-only" in text:
        return ReadOnlyStorageError(path, f"cannot be written: {folder} is read-only or not writable "
                                          f"({text}); nothing was changed")
    if code == sqlite3.SQLITE_CANTOPEN:
        return StorageError(path, f"cannot be opened ({text}): check that {folder} exists and is writable")
    if code == sqlite3.SQLITE_IOERR:
        return StorageError(path, f"could not be read or written (disk I/O error: {text}); check the disk, "
                                  "then start again; the file was left as it was")
    if code == sqlite3.SQLITE_NOTADB:
        return CorruptDatabaseError(path, "is not an SQLite database, or its first page is damaged; "
                                          "it was left untouched")
    if code == sqlite3.SQLITE_CORRUPT:
        log.info("SQLite reports damage in %s: %s", path, text)
        return CorruptDatabaseError(path, "is damaged (SQLite found damaged pages); it was left untouched: "
                                          "restore the last backup with `videowall restore FILE`")
    return StorageError(path, f"cannot be used: {text}")


def _check_writable(path: Path) -> None:
    """The writer needs the folder and file writable; SQLite would quietly open a read-only file."""
    folder = path.parent if path.parent.exists() else next((p for p in path.parents if p.exists()), path.parent)
    try:
        read_only_mount = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)  # statvfs: no descriptor
    except OSError:
        return
    if read_only_mount:
        raise ReadOnlyStorageError(path, f"cannot be written: {folder} is on a read-only file system; "
                                         "nothing was changed (remount it read-write or use another --db)")
    for target in (path, path.parent):
        if target.exists() and not os.access(target, os.W_OK):
            raise ReadOnlyStorageError(path, f"cannot be written: {target} is not writable for this user; "
                                             "nothing was changed")


def low_space(folder: Path) -> bool:
    """Is the disk nearly full? (SQLite reports ENOSPC on the WAL index as an I/O error.)"""
    try:
        return shutil.disk_usage(folder).free < LOW_SPACE_BYTES  # statvfs: no descriptor of the file
    except OSError:
        return False


def _check_integrity(db: Database, path: Path) -> None:
    """SQLite's quick structural check, once per process on the writer's connection."""
    rows = [str(r[0]) for r in db.execute("PRAGMA quick_check(20)").fetchall()]
    if rows != ["ok"]:
        for row in rows:  # SQLite's own words (page numbers, btreeInitPage) go to the log file only
            log.info("quick_check %s: %s", path, row)
        raise CorruptDatabaseError(
            path, f"is damaged ({len(rows)}{'+' if len(rows) >= 20 else ''} problems found by SQLite's check, "
                  "details in the log); it was left untouched: restore the last backup with "
                  "`videowall restore FILE`")


def _check_schema(db: Database, path: Path, *, migrate: bool) -> None:
    applied = {m.name for m in MIGRATIONS.applied(db)}
    unknown = sorted(applied - set(MIGRATION_NAMES))
    if unknown:
        raise SchemaTooNewError(
            path,
            f"was written by a newer videowall (schema {', '.join(unknown)}); upgrade videowall to open it; "
            "it was left untouched",
        )
    if not migrate and applied != set(MIGRATION_NAMES):
        raise StorageError(path, f"was written by an older videowall (set {MIGRATION_SET!r} not up to date): start "
                                 "the console, or any videowall command that writes, once to upgrade it")


def journal_mode(db: Database) -> str:
    return str(db.journal_mode)

"""Opening the database file safely: check it is SQLite, never overwrite it, migrate, switch on WAL.

Every way a file can be wrong (not SQLite, truncated, damaged, from a newer version, locked) becomes
a ``StorageError`` that names the file and the problem; the file itself is left as it was found.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from videowall.storage.errors import CorruptDatabaseError, DatabaseBusyError, SchemaTooNewError, StorageError
from videowall.storage.migrations import MIGRATION_NAMES, MIGRATION_SET, MIGRATIONS

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def check_file(path: Path) -> None:
    """Refuse anything that is not an SQLite file before SQLite gets a chance to write to it."""
    if not path.exists():
        return
    if not path.is_file():
        raise StorageError(path, "is not a regular file")
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise StorageError(path, f"cannot be read: {exc.strerror or exc}") from None
    if not header:
        return  # an empty file is what SQLite itself creates; it becomes a new database
    if not header.startswith(SQLITE_HEADER):
        raise CorruptDatabaseError(path, "is not an SQLite database (wrong file header); it was left untouched")
    if len(header) < 100:
        raise CorruptDatabaseError(path, "is truncated (shorter than an SQLite header); it was left untouched")


def open_database(path: Path | str, *, migrate: bool = True, check_same_thread: bool = True) -> Database:
    """Open (creating if absent) and, with ``migrate``, bring the schema up to date.

    Use ``migrate=True`` only on the writer's connection; readers open with ``migrate=False`` after
    the writer has started, and get a ``StorageError`` if the schema is missing or too new.
    """
    path = Path(path)
    check_file(path)
    existed = path.exists() and path.stat().st_size > 0
    if not existed:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(path.parent, f"cannot create the data directory: {exc.strerror or exc}") from None
    try:
        conn = sqlite3.connect(str(path), check_same_thread=check_same_thread, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise StorageError(path, f"cannot be opened: {exc}") from None
    try:
        db = Database(conn, execute_plugins=False)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if existed:
            _check_integrity(db, path)
        _check_schema(db, path, migrate=migrate)
        if migrate:
            db.enable_wal()
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA synchronous = NORMAL")  # safe with WAL: a crash loses at most the last commit
        if migrate:
            pending = MIGRATIONS.pending(db)
            if pending:
                log.info("migrating %s: %s", path, ", ".join(m.name for m in pending))
                MIGRATIONS.apply(db)
    except StorageError:
        conn.close()
        raise
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise _classify(path, exc) from None
    return db


def _classify(path: Path, exc: sqlite3.Error) -> StorageError:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return DatabaseBusyError(path, f"is in use by another program ({text})")
    if isinstance(exc, sqlite3.OperationalError) and ("unable to open" in text or "readonly" in text):
        return StorageError(path, f"cannot be opened for writing ({text})")
    return CorruptDatabaseError(path, f"is damaged: {text}; it was left untouched")


def _check_integrity(db: Database, path: Path) -> None:
    """A quick structural check on open: cheap at register size, and catches a damaged file early."""
    rows = [r[0] for r in db.execute("PRAGMA quick_check(5)").fetchall()]
    if rows != ["ok"]:
        raise CorruptDatabaseError(path, "is damaged: " + "; ".join(map(str, rows)) + "; it was left untouched")


def _check_schema(db: Database, path: Path, *, migrate: bool) -> None:
    applied = {m.name for m in MIGRATIONS.applied(db)}
    unknown = sorted(applied - set(MIGRATION_NAMES))
    if unknown:
        raise SchemaTooNewError(
            path,
            f"was written by a newer videowall (schema {', '.join(unknown)}); upgrade videowall to open it",
        )
    if not migrate and applied != set(MIGRATION_NAMES):
        raise StorageError(path, f"schema not up to date (set {MIGRATION_SET!r}); start the database writer first")


def journal_mode(db: Database) -> str:
    return str(db.journal_mode)

"""Copies of the database through SQLite's online backup API, and the checks a copy passes before use.

``backup_database`` copies the live database while other processes (the console's writer, an
import) keep writing: the copy is one read transaction on the source, so it holds every transaction
committed before it started and none after, and in WAL mode it never blocks the writers. It writes
a hidden ``.<name>.partial-<token>`` file in the destination folder, switches it to a single
self-contained file (rollback journal, not WAL), checks it with ``PRAGMA integrity_check`` and only
then renames it over the destination, so a failed or interrupted backup never leaves half a file
under the name asked for. SQLite syncs the copy itself (``synchronous = FULL``: ``fdatasync`` on the
file at commit); the folder is synced after the rename.

``copy_into`` is the restore's step: the backup API with the live database as destination, one write
transaction, so every other connection sees either the old database or the new one, never a mix.

The database, its ``-wal`` and ``-shm`` are only ever touched through SQLite (see
``storage/database.py`` on POSIX locks); only the partial copy's names are unlinked after a failure.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import sqlite3
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from videowall.domain.backup import PARTIAL_MARK
from videowall.storage.database import low_space as _low_space
from videowall.storage.migrations import MIGRATION_NAMES, MIGRATIONS

BUSY_WAIT_S = 30.0  # how long a copy waits for a lock another process holds before giving up
CONNECT_TIMEOUT_S = 5.0
UNCHANGED = "the database was not changed"
_BUSY_CODES = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


class BackupError(Exception):
    """Why a backup or restore did not happen, in one line a person can act on."""


@dataclass(frozen=True, slots=True)
class BackupResult:
    path: Path
    size_bytes: int
    pages: int
    seconds: float
    problems: tuple[str, ...] = ()  # the copy's integrity_check, kept only with ``require_intact=False``


@dataclass(frozen=True, slots=True)
class BackupFileInfo:
    """What a candidate for restore holds: intact (else ``inspect_backup`` raised), its schema, its size."""

    path: Path
    pages: int
    page_size: int
    applied: tuple[str, ...]  # migrations in the file
    pending: tuple[str, ...]  # migrations of this version the file lacks (the console applies them)
    credentials: int  # encrypted camera credentials in the file


class _Busy(Exception):
    """Raised from the progress callback to end a copy that waited too long for a lock."""


def backup_database(
    source: Path | str, dest: Path | str, *, require_intact: bool = True, busy_timeout_s: float = BUSY_WAIT_S,
) -> BackupResult:
    """Copy ``source`` to ``dest`` (replaced if present) and check the copy; raises ``BackupError``.

    With ``require_intact=False`` a copy that fails its integrity check is kept anyway and its problems
    returned (a restore keeps the damaged database it replaces, for the record).
    """
    source, dest = Path(source), Path(dest)
    _refuse_same(source, dest)
    if not source.exists():
        raise BackupError(f"no database at {source}: nothing to back up")
    if not source.is_file():
        raise BackupError(f"{source} is not a regular file: nothing to back up")
    folder = dest.parent
    if not folder.is_dir():
        raise BackupError(f"folder {folder} does not exist: create it or choose another place; {UNCHANGED}")
    if dest.is_dir():
        raise BackupError(f"{dest} is a folder: give the backup a file name")
    partial = folder / f".{dest.name}{PARTIAL_MARK}{secrets.token_hex(4)}"
    started = time.monotonic()
    src = _open_for_reading(source, UNCHANGED)
    try:
        pages = _copy_to_new_file(src, partial, busy_timeout_s)
        src.close()
        problems = integrity_problems(partial)
        if problems and require_intact:
            raise BackupError(f"the copy of {source} fails SQLite's integrity check ({_summary(problems)}): "
                              f"{source} itself may be damaged; {dest} was not written")
        os.replace(partial, dest)
        _sync_folder(folder)
    except _Busy:
        raise BackupError(f"{source} stayed locked by another program for {busy_timeout_s:.0f} s: "
                          f"try again; {UNCHANGED}") from None
    except sqlite3.Error as exc:
        raise failure(exc, source, folder, UNCHANGED) from None
    except OSError as exc:
        raise _os_failure(exc, folder, dest) from None
    finally:
        src.close()  # a no-op when closed already
        _remove_partial(partial)
    return BackupResult(dest, dest.stat().st_size, pages, time.monotonic() - started, tuple(problems))


def _copy_to_new_file(src: sqlite3.Connection, partial: Path, busy_timeout_s: float) -> int:
    dst = sqlite3.connect(str(partial), timeout=CONNECT_TIMEOUT_S)
    try:
        dst.execute("PRAGMA synchronous = FULL")
        src.backup(dst, progress=_deadline(busy_timeout_s))
        dst.execute("PRAGMA journal_mode = DELETE")  # the copy arrives in the source's WAL mode: one file instead
        return int(dst.execute("PRAGMA page_count").fetchone()[0])
    finally:
        dst.close()


def inspect_backup(path: Path | str) -> BackupFileInfo:
    """Is ``path`` an intact videowall database this version can use? Raises ``BackupError`` saying why not."""
    path = Path(path)
    if not path.exists():
        raise BackupError(f"{path} does not exist")
    if not path.is_file():
        raise BackupError(f"{path} is not a regular file")
    if path.stat().st_size == 0:
        raise BackupError(f"{path} is empty: not a videowall backup")
    conn = _open_for_reading(path)
    try:
        problems = _integrity(conn)
        if problems:
            raise BackupError(f"{path} is damaged (SQLite's integrity check: {_summary(problems)})")
        db = Database(conn, execute_plugins=False)
        applied = tuple(m.name for m in MIGRATIONS.applied(db))
        if not applied:
            raise BackupError(f"{path} is an SQLite database but not a videowall one (no videowall schema in it)")
        unknown = sorted(set(applied) - set(MIGRATION_NAMES))
        if unknown:
            raise BackupError(f"{path} was written by a newer videowall (schema {', '.join(unknown)}): "
                              "upgrade videowall to restore it")
        credentials = int(conn.execute("SELECT count(*) FROM credentials").fetchone()[0]) \
            if db["credentials"].exists() else 0
        return BackupFileInfo(
            path, int(conn.execute("PRAGMA page_count").fetchone()[0]),
            int(conn.execute("PRAGMA page_size").fetchone()[0]), applied,
            tuple(n for n in MIGRATION_NAMES if n not in applied), credentials,
        )
    except sqlite3.Error as exc:
        raise failure(exc, path, path.parent) from None
    finally:
        conn.close()


def copy_into(source: Path | str, db: Path | str, *, busy_timeout_s: float = BUSY_WAIT_S) -> int:
    """Replace the content of ``db`` (created if absent) with ``source``'s, in one transaction; pages copied.

    The caller has checked ``source`` (``inspect_backup``) and keeps other consoles away (the instance
    lock). A database in WAL mode stays in WAL mode.
    """
    source, db = Path(source), Path(db)
    unchanged = f"{db} was not changed"
    src = _open_for_reading(source, unchanged)
    try:
        dst = sqlite3.connect(str(db), timeout=CONNECT_TIMEOUT_S)
        try:
            dst.execute("PRAGMA synchronous = FULL")
            # SQLite cannot copy into a WAL database across page sizes: such a copy goes through rollback mode
            if _journal_mode(dst) == "wal" and _page_size(src) != _page_size(dst) \
                    and _journal_mode(dst, "DELETE") == "wal":  # still WAL: another connection has it open
                raise BackupError(f"{source} uses pages of {_page_size(src)} bytes and {db} of {_page_size(dst)}: "
                                  f"close every program using {db} and try again; {unchanged}")
            src.backup(dst, progress=_deadline(busy_timeout_s))
            dst.execute("PRAGMA journal_mode = WAL")  # what the console uses; a no-op when it already is
            return int(dst.execute("PRAGMA page_count").fetchone()[0])
        finally:
            dst.close()
    except _Busy:
        raise BackupError(f"{db} stayed locked by another program for {busy_timeout_s:.0f} s: "
                          f"try again; {unchanged}") from None
    except sqlite3.Error as exc:
        raise failure(exc, db, db.parent, unchanged) from None
    finally:
        src.close()


def integrity_problems(path: Path | str) -> list[str]:
    """SQLite's ``integrity_check`` of the file at ``path`` ([] when intact), on a read-only connection."""
    try:
        conn = _connect_ro(Path(path))
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        return _integrity(conn)
    finally:
        conn.close()


def failure(exc: sqlite3.Error, path: Path, folder: Path, unchanged: str = "") -> BackupError:
    """An SQLite error during a copy, as what it means and what to do; ``unchanged`` says what is safe."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    unchanged = f"; {unchanged}" if unchanged else ""
    text = str(exc)
    if code == sqlite3.SQLITE_FULL or (code == sqlite3.SQLITE_IOERR and _low_space(folder)):
        return BackupError(f"no space left on {folder}: free space and try again{unchanged}")
    if code in _BUSY_CODES:
        return BackupError(f"{path} is busy: another program holds its lock; try again{unchanged}")
    if code == sqlite3.SQLITE_NOTADB:
        return BackupError(f"{path} is not an SQLite database (or its first page is damaged){unchanged}")
    if code == sqlite3.SQLITE_CORRUPT:
        return BackupError(f"{path} is damaged ({text}){unchanged}")
    if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM):
        return BackupError(f"cannot write in {folder} ({text}): check it exists and is writable{unchanged}")
    if code == sqlite3.SQLITE_IOERR:
        return BackupError(f"disk I/O error on {folder} ({text}): check the disk{unchanged}")
    return BackupError(f"copy failed ({text}){unchanged}")


def _open_for_reading(path: Path, unchanged: str = "") -> sqlite3.Connection:
    """``_connect_ro`` with its failure said as a problem of the file read (not of a folder written)."""
    try:
        return _connect_ro(path)
    except sqlite3.Error as exc:
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        if code in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_READONLY):
            suffix = f"; {unchanged}" if unchanged else ""
            raise BackupError(f"{path} cannot be opened for reading ({exc}){suffix}") from None
        raise failure(exc, path, path.parent, unchanged) from None


def _connect_ro(path: Path) -> sqlite3.Connection:
    """A read-only connection, its header read at once (a file that is not SQLite fails here)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=CONNECT_TIMEOUT_S)
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def _integrity(conn: sqlite3.Connection) -> list[str]:
    try:
        rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check(20)").fetchall()]
    except sqlite3.DatabaseError as exc:  # too damaged to walk: "database disk image is malformed"
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def _summary(problems: list[str]) -> str:
    more = f" and {len(problems) - 1} more" if len(problems) > 1 else ""
    return f"{problems[0]}{more}"


def _journal_mode(conn: sqlite3.Connection, switch_to: str = "") -> str:
    statement = f"PRAGMA journal_mode = {switch_to}" if switch_to else "PRAGMA journal_mode"
    return str(conn.execute(statement).fetchone()[0]).lower()


def _page_size(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA page_size").fetchone()[0])


def _deadline(seconds: float) -> Callable[[int, int, int], None]:
    """A progress callback that ends the copy once it has waited ``seconds`` for a lock."""
    end = time.monotonic() + seconds

    def progress(status: int, remaining: int, total: int) -> None:
        if status in _BUSY_CODES and time.monotonic() > end:
            raise _Busy()

    return progress


def _refuse_same(source: Path, dest: Path) -> None:
    resolved = dest.resolve()
    own = {Path(f"{source.resolve()}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")}
    same = resolved in own or (dest.exists() and source.exists() and os.path.samefile(source, dest))
    if same:
        raise BackupError(f"{dest} is the database itself (or one of its -wal/-shm files): choose another file")


def _sync_folder(folder: Path) -> None:
    """Make the rename durable: fsync the folder (a directory descriptor, never the database's)."""
    if sys.platform == "win32":  # NTFS journals the rename; a folder cannot be opened like this there
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_partial(partial: Path) -> None:
    """Unlink what a failed copy left (the partial file and SQLite's -journal/-wal/-shm beside it)."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{partial}{suffix}").unlink()


def _os_failure(exc: OSError, folder: Path, dest: Path) -> BackupError:
    if exc.errno == errno.ENOSPC:
        return BackupError(f"no space left on {folder}: free space and try again; {UNCHANGED}")
    return BackupError(f"cannot write {dest}: {exc.strerror or exc}; {UNCHANGED}")

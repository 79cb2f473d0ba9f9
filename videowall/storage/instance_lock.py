"""Who has the database open as its console: an advisory ``flock`` on ``<db>.console.lock``.

The lock is on a separate file, never on the database: SQLite's own locks on the database are POSIX
locks, which any ``close()`` of any descriptor of that file in the process would drop. ``flock``
locks belong to the open file description, and the kernel drops them when the process ends, however
it ends, so a crashed console never leaves a stale lock behind. The file holds the holder's process
id and role ("console", "restore") for the refusal message; its content is only informative.

The console takes it at start (a second console on the same database is refused, unless every one
of them runs with ``--share-database``: a shared flock); ``videowall
restore`` takes it for the whole restore, so it refuses while a console runs and a console cannot
start half-way through a restore. Other commands (import, backup, sweep) do not take it.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from types import TracebackType

from videowall.storage.errors import StorageError

LOCK_SUFFIX = ".console.lock"

if sys.platform == "win32":  # no flock: a byte-range lock far past the note, which stays readable
    import msvcrt

    def _try_lock(fd: int, shared: bool = False) -> bool:
        if shared:  # msvcrt has no shared lock
            raise OSError("consoles sharing one database need flock (Linux)")
        os.lseek(fd, 1 << 30, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(fd: int, shared: bool = False) -> bool:
        try:
            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


class InstanceLockedError(StorageError):
    """Another process holds the lock; ``holder`` says who, as far as its lock file tells."""

    def __init__(self, db: Path, holder: str, problem: str) -> None:
        self.holder = holder
        super().__init__(db, problem)


def lock_path(db: Path | str) -> Path:
    """``<db>.console.lock`` beside the real file: a symlink or another spelling of the path finds the same lock."""
    db = Path(db).resolve()
    return db.with_name(db.name + LOCK_SUFFIX)


class InstanceLock:
    """``acquire()`` without waiting or raise ``InstanceLockedError``; ``release()`` (or process exit) frees it."""

    def __init__(self, db: Path | str, role: str = "console", *, shared: bool = False) -> None:
        """``shared``: several consoles that all ask for it share the database (``--share-database``); a
        console alone, or ``videowall restore``, still excludes them all."""
        self.shared = shared
        self.db = Path(db)
        self.path = lock_path(self.db)
        self.role = role
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> InstanceLock:
        if self._fd is not None:
            return self
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        except OSError as exc:
            raise StorageError(self.path, f"cannot create the console lock file: {exc.strerror or exc}") from None
        try:
            locked = _try_lock(fd, self.shared)
        except OSError as exc:
            os.close(fd)
            raise StorageError(self.path, f"cannot lock the console lock file: {exc.strerror or exc}") from None
        if not locked:
            holder = _read_holder(fd)
            os.close(fd)
            raise InstanceLockedError(self.db, holder, _refusal(self.db, holder))
        with contextlib.suppress(OSError):  # the note is for messages only; the lock is what counts
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f"{os.getpid()} {self.role}{' (shared)' if self.shared else ''}\n".encode())
        self._fd = fd
        return self

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)  # closing the description drops the flock; the file stays (no unlink race)

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


def _read_holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        return os.read(fd, 200).decode("utf-8", "replace").strip()
    except OSError:
        return ""


def _refusal(db: Path, holder: str) -> str:
    pid, _, role = holder.partition(" ")
    who = f" (process {pid})" if pid.isdigit() else ""
    if role == "restore":
        return f"is being replaced by a restore{who} right now; wait for it to finish"
    return f"is open in a videowall console{who}; close that console first (one console per database)"

"""Read connections shared per thread: one per thread and database for the life of the process.

Opening a connection per read costs a schema check each time and, at 10,000 cameras, adds up on the
dashboard's refresh and every stream start. Each thread that reads gets its own connection on first
use (SQLite connections are not to be shared between threads) and keeps it; ``close()`` at shutdown
closes them all. A connection is closed through SQLite, which keeps the process's locks on the file.
"""

from __future__ import annotations

import threading
from pathlib import Path

from sqlite_utils import Database

from videowall.storage.database import open_database


class ReadConnections:
    """``get()`` gives the calling thread's read connection to ``path``; thread-safe."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[Database] = []
        self._closed = False

    def get(self) -> Database:
        db: Database | None = getattr(self._local, "db", None)
        if db is not None:
            return db
        with self._lock:
            if self._closed:
                raise RuntimeError(f"read connections to {self.path} are closed")
        # check_same_thread=False only so that close() may run on the stopping thread; each connection
        # is used by the one thread that opened it.
        db = open_database(self.path, migrate=False, check_same_thread=False)
        with self._lock:
            self._all.append(db)
        self._local.db = db
        return db

    @property
    def open_count(self) -> int:
        with self._lock:
            return len(self._all)

    def close(self) -> None:
        with self._lock:
            dbs, self._all, self._closed = self._all, [], True
        for db in dbs:
            db.close()

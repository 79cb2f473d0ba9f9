"""One writer: a single thread owns the process's only write connection, so the UI never waits on disk.

Callers hand it a callable taking the ``Database``; it runs there, inside a transaction, and the
caller gets a ``concurrent.futures.Future`` (Qt code can poll it or wrap it for asyncio). Reads use
their own connections (``storage.readers.ReadConnections``); WAL lets them run beside the writer.

Other processes (``videowall import``, ``ptz``, ``sweep``, ``users`` ...) have writers of their own on
the same file. Each transaction takes SQLite's write lock first (``BEGIN IMMEDIATE``); while another
process holds it, SQLite waits up to its busy timeout, and the writer then keeps retrying for
``busy_patience`` seconds, logging "busy, retrying" once, before the job fails with a
``DatabaseBusyError``. Nothing of a failed job is written; SQLite errors that mean the disk (full,
read-only, I/O) reach the caller as ``StorageError`` subclasses with a message a person can act on.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from sqlite_utils import Database

from videowall.storage.database import BUSY_PATIENCE_S, begin_immediate, classify, is_storage_fault, open_database
from videowall.storage.readers import ReadConnections

log = logging.getLogger(__name__)

T = TypeVar("T")
_Job = tuple[Callable[[Database], Any], "Future[Any]", bool]


class DatabaseWriter:
    """Owns the write connection on one worker thread. ``start()`` and ``stop()`` are explicit."""

    def __init__(self, path: Path | str, *, name: str = "videowall-db-writer",
                 busy_patience: float = BUSY_PATIENCE_S) -> None:
        self.path = Path(path)
        self._name = name
        self._busy_patience = busy_patience
        self.readers = ReadConnections(self.path)  # this process's read connections, one per thread
        self._queue: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()  # None: stop
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._accepting = False

    @property
    def running(self) -> bool:
        return self._accepting

    @property
    def thread_ident(self) -> int | None:
        return self._thread.ident if self._thread else None

    def start(self) -> None:
        """Open and migrate the database on the worker thread; raises its ``StorageError`` here."""
        with self._lock:
            if self._thread is not None:
                raise RuntimeError("DatabaseWriter already started")
            opened: Future[None] = Future()
            self._thread = threading.Thread(target=self._run, args=(opened,), name=self._name, daemon=True)
            self._thread.start()
        try:
            opened.result()
        except BaseException:
            self._thread.join()
            self._thread = None
            raise
        self._accepting = True

    def submit(self, fn: Callable[[Database], T], *, transaction: bool = True) -> Future[T]:
        """Queue ``fn(db)``; with ``transaction`` it runs in one transaction, rolled back if it raises."""
        future: Future[T] = Future()
        with self._lock:
            if not self._accepting:
                raise RuntimeError("DatabaseWriter is not running")
            self._queue.put((fn, future, transaction))
        return future

    def stop(self, timeout: float | None = None) -> None:
        """Run what is already queued, close the connection and end the thread."""
        with self._lock:
            thread, self._thread = self._thread, None
            if thread is None:
                return
            self._accepting = False
            self._queue.put(None)
        thread.join(timeout)
        self.readers.close()
        if thread.is_alive():
            log.warning("database writer still busy after %.1f s; it will close when its job ends", timeout or 0.0)

    def __enter__(self) -> DatabaseWriter:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def _run(self, opened: Future[None]) -> None:
        try:
            db = open_database(self.path, migrate=True)
        except BaseException as exc:
            opened.set_exception(exc)
            return
        opened.set_result(None)
        log.debug("database writer started on %s", self.path)
        try:
            while True:
                item = self._queue.get()
                if item is None:
                    break
                fn, future, transaction = item
                self._execute(db, fn, future, transaction)
        finally:
            db.close()
            log.debug("database writer stopped")

    def _execute(self, db: Database, fn: Callable[[Database], Any], future: Future[Any], transaction: bool) -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            if transaction:
                self._begin(db)
                try:
                    result = fn(db)
                    db.conn.execute("COMMIT")
                except BaseException:
                    if db.conn.in_transaction:
                        db.conn.execute("ROLLBACK")
                    raise
            else:
                result = fn(db)
        except sqlite3.DatabaseError as exc:
            log.debug("database job %r failed: %s", fn, exc)
            future.set_exception(self._meaning(exc) if is_storage_fault(exc) else exc)
        except BaseException as exc:
            log.debug("database job %r failed: %s", fn, exc)
            future.set_exception(exc)
        else:
            future.set_result(result)

    def _meaning(self, exc: sqlite3.Error) -> BaseException:
        """Disk, lock and damage errors become the storage error a person can act on; the rest stay."""
        meaning = classify(self.path, exc)
        meaning.__cause__ = exc
        return meaning

    def _begin(self, db: Database) -> None:
        begin_immediate(db.conn, self.path, self._busy_patience)

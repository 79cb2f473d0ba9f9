"""One writer: a single thread owns the only write connection, so the UI thread never waits on disk.

Callers hand it a callable taking the ``Database``; it runs there, inside a transaction, and the
caller gets a ``concurrent.futures.Future`` (Qt code can poll it or wrap it for asyncio). Reads use
their own connections (``open_database(path, migrate=False)``); WAL lets them run beside the writer.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from sqlite_utils import Database

from videowall.storage.database import open_database

log = logging.getLogger(__name__)

T = TypeVar("T")
_Job = tuple[Callable[[Database], Any], "Future[Any]", bool]


class DatabaseWriter:
    """Owns the write connection on one worker thread. ``start()`` and ``stop()`` are explicit."""

    def __init__(self, path: Path | str, *, name: str = "videowall-db-writer") -> None:
        self.path = Path(path)
        self._name = name
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

    @staticmethod
    def _execute(db: Database, fn: Callable[[Database], Any], future: Future[Any], transaction: bool) -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            if transaction:
                with db.atomic():
                    result = fn(db)
            else:
                result = fn(db)
        except BaseException as exc:
            log.debug("database job %r failed: %s", fn, exc)
            future.set_exception(exc)
        else:
            future.set_result(result)

"""The one way UI code runs work it waits for: success or failure delivered on the UI loop.

After Anki's ``CollectionOp``/``QueryOp`` (``qt/aqt/operations/__init__.py``): the work runs on the single
database writer (``write``, ``read``) or on a worker thread (``background``: files, reader connections,
slow services); a future a service already returned is followed the same way (``follow``). The outcome
comes back through ``post`` (the asyncio loop's ``call_soon_threadsafe`` or a Qt queued relay), so a
widget never waits on the disk or the network and never touches a widget from another thread. Nothing
here blocks: a ``.result(`` in ``ui/`` or ``app/`` is refused by ``tests/unit/test_architecture.py``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Generic, TypeVar

from sqlite_utils import Database

from videowall.storage.writer import DatabaseWriter

log = logging.getLogger(__name__)
T = TypeVar("T")
Post = Callable[..., object]  # post(fn, *args): run fn(*args) on the UI thread


def on_the_loop(fn: Callable[..., object], *args: object) -> None:
    """The post for an asyncio task's outcome: its done-callbacks already run on the UI loop."""
    fn(*args)


class Outcome(Generic[T]):
    """A finished future read without blocking: its value, its error, or that it was cancelled."""

    def __init__(self, future: Future[T] | asyncio.Future[T]) -> None:
        self.cancelled = future.cancelled()
        self.error: BaseException | None = None if self.cancelled else future.exception()
        self._future = future

    @property
    def value(self) -> T:
        """The value (only when neither cancelled nor failed; the future is done, so this does not wait)."""
        if self.cancelled or self.error is not None:
            raise RuntimeError("the operation has no value") from self.error
        return self._future.result()


def deliver(future: Future[T] | asyncio.Future[T], post: Post, on_success: Callable[[T], object] | None = None,
            on_failure: Callable[[BaseException], object] | None = None,
            on_cancel: Callable[[], object] | None = None) -> None:
    """When ``future`` is done, run ``on_success(value)`` / ``on_failure(error)`` / ``on_cancel()`` through ``post``.

    A failure without ``on_failure`` is logged; a cancellation without ``on_cancel`` is quiet.
    """

    def done(f: Future[T] | asyncio.Future[T]) -> None:
        outcome = Outcome(f)
        if outcome.cancelled:
            if on_cancel is not None:
                post(on_cancel)
        elif outcome.error is not None:
            if on_failure is not None:
                post(on_failure, outcome.error)
            else:
                log.error("background operation failed: %s", outcome.error)
        elif on_success is not None:
            post(on_success, outcome.value)

    future.add_done_callback(done)  # type: ignore[arg-type]  # both kinds of future call it with themselves


class Operations:
    """Database work on the writer, other work on a worker pool, outcomes on the UI thread."""

    def __init__(self, writer: DatabaseWriter | None, post: Post, pool: Executor | None = None) -> None:
        self._writer = writer
        self._post = post
        self._pool = pool
        self._own_pool: ThreadPoolExecutor | None = None

    def run(self, work: Callable[[Database], T], on_success: Callable[[T], object] | None = None,
            on_failure: Callable[[BaseException], object] | None = None, *, transaction: bool = True) -> Future[T]:
        """``work(db)`` on the writer thread (in one transaction unless told otherwise)."""
        if self._writer is None:
            raise RuntimeError("these operations have no database writer")
        future = self._writer.submit(work, transaction=transaction)
        deliver(future, self._post, on_success, on_failure)
        return future

    def write(self, work: Callable[[Database], T], on_success: Callable[[T], object] | None = None,
              on_failure: Callable[[BaseException], object] | None = None) -> Future[T]:
        return self.run(work, on_success, on_failure, transaction=True)

    def read(self, work: Callable[[Database], T], on_success: Callable[[T], object] | None = None,
             on_failure: Callable[[BaseException], object] | None = None) -> Future[T]:
        """A read on the writer's connection (sees every write queued before it), no transaction."""
        return self.run(work, on_success, on_failure, transaction=False)

    def background(self, work: Callable[[], T], on_success: Callable[[T], object] | None = None,
                   on_failure: Callable[[BaseException], object] | None = None) -> Future[T]:
        """``work()`` on a worker thread: files, reader connections, services that wait on the writer."""
        pool = self._pool
        if pool is None:
            if self._own_pool is None:
                self._own_pool = ThreadPoolExecutor(2, thread_name_prefix="ui-op")
            pool = self._own_pool
        future = pool.submit(work)
        deliver(future, self._post, on_success, on_failure)
        return future

    def follow(self, future: Future[T] | asyncio.Future[T], on_success: Callable[[T], object] | None = None,
               on_failure: Callable[[BaseException], object] | None = None,
               on_cancel: Callable[[], object] | None = None) -> None:
        """A future a service returned: its outcome on the UI thread."""
        deliver(future, self._post, on_success, on_failure, on_cancel)

    def close(self) -> None:
        if self._own_pool is not None:
            self._own_pool.shutdown(wait=False, cancel_futures=True)
            self._own_pool = None

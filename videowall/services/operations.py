"""Background work with success and failure callbacks delivered on the UI loop.

After Anki's ``CollectionOp``: the database work runs on the single writer thread, and its result (or
error) comes back through ``post`` (the loop's ``call_soon_threadsafe``), so a widget never waits on
the disk and never touches a widget from another thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import TypeVar

from sqlite_utils import Database

from videowall.storage.writer import DatabaseWriter

log = logging.getLogger(__name__)
T = TypeVar("T")
Post = Callable[..., object]


class Operations:
    def __init__(self, writer: DatabaseWriter, post: Post) -> None:
        self._writer = writer
        self._post = post

    def run(
        self,
        work: Callable[[Database], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        *,
        transaction: bool = True,
    ) -> Future[T]:
        future = self._writer.submit(work, transaction=transaction)

        def done(f: Future[T]) -> None:
            exc = f.exception()
            if exc is not None:
                if on_failure is not None:
                    self._post(on_failure, exc)
                else:
                    log.error("background operation failed: %s", exc)
            elif on_success is not None:
                self._post(on_success, f.result())

        future.add_done_callback(done)
        return future

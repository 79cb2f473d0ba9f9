"""Notice register changes another process made (``videowall import`` while the console runs), cheaply.

Every poll asks SQLite's ``PRAGMA data_version`` on one read connection: it changes only when another
connection committed, and costs no I/O. The console's own writer commits all the time (health states)
without touching the register, and digesting the cameras table (``CameraRepository.fingerprint``) costs
about 0.1 s at 10,000 cameras, so it is digested only when the audit trail grew too (every register
change is audited: imports, syncs, edits) or, for a change nobody audited, at most every
``UNAUDITED_EVERY`` seconds. Everything runs on this watcher's own thread, never the UI's.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import Future, ThreadPoolExecutor

from videowall.security import audit
from videowall.storage.cameras import CameraRepository
from videowall.storage.readers import ReadConnections

log = logging.getLogger(__name__)
UNAUDITED_EVERY = 30.0


class RegisterWatch:
    """``poll()``: a Future that is True when the register differs from the last poll's (never on the first)."""

    def __init__(self, readers: ReadConnections) -> None:
        self._readers = readers
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="register-watch")  # one connection
        self._version: int | None = None
        self._print: str | None = None
        self._audited = -1
        self._digested_at = 0.0
        self._pending: Future[bool] | None = None

    def poll(self) -> Future[bool] | None:
        """Check now, unless a check is still running (then None)."""
        if self._pending is not None and not self._pending.done():
            return None
        self._pending = self._pool.submit(self._check)
        return self._pending

    def _check(self) -> bool:
        db = self._readers.get()  # this watcher thread's own read connection
        version = int(db.execute("PRAGMA data_version").fetchone()[0])
        if version == self._version:
            return False
        self._version = version
        audited, now = audit.last_id(db), time.monotonic()
        if audited == self._audited and now - self._digested_at < UNAUDITED_EVERY:
            self._version = None  # look again at the next poll: the digest is still owed
            return False
        self._audited, self._digested_at = audited, now
        digest = CameraRepository(db).fingerprint()
        first, changed = self._print is None, digest != self._print
        self._print = digest
        if changed and not first:
            log.info("the camera register changed (%s)", digest.split(":", 1)[0] + " cameras")
        return changed and not first

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

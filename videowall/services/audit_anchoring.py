"""The console anchors the audit chain outside the database every minute and when it stops.

Runs on its own thread with that thread's read connection (``writer.readers``): the anchor file is
written with ``fsync`` and must not hold up the UI. See ``security/audit_anchor.py``.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from videowall.security.audit_anchor import anchor_path, write_anchor
from videowall.security.signing import SigningError, SigningKey
from videowall.storage.writer import DatabaseWriter

log = logging.getLogger(__name__)


class AuditAnchoring:
    def __init__(self, writer: DatabaseWriter, key_path: Path, interval_s: float = 60.0) -> None:
        self._writer = writer
        self._key_path = key_path
        self._interval_s = interval_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.anchors_written = 0

    def start(self) -> AuditAnchoring:
        self._thread = threading.Thread(target=self._run, name="videowall-audit-anchor", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """A last anchor of what this run appended, then the thread ends (bounded wait)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(10)

    def _run(self) -> None:
        try:
            key = SigningKey.load_or_create(self._key_path)
        except SigningError as exc:
            log.warning("audit anchors off: %s", exc)
            return
        while True:
            stopping = self._stop.wait(self._interval_s)
            self.anchor_once(key)
            if stopping:
                return

    def anchor_once(self, key: SigningKey) -> None:
        if anchor_now(self._writer, self._key_path, key):
            self.anchors_written += 1


def anchor_now(writer: DatabaseWriter, key_path: Path, key: SigningKey | None = None) -> bool:
    """Sign the chain's head into the anchor file now (on the calling thread's read connection).

    True when a new anchor was written; a failure is logged, never raised: the next anchor covers it.
    """
    try:
        key = key or SigningKey.load_or_create(key_path)
        return write_anchor(writer.readers.get(), writer.path, anchor_path(key_path), key) is not None
    except Exception as exc:
        log.warning("audit anchor not written: %s", exc)
        return False

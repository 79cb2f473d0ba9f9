"""The wall's status file: what tests, benchmarks and the soak read to see the running app."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import threading
from pathlib import Path

log = logging.getLogger(__name__)


class StatusWriter:
    """Writes the wall's state file (every second and at exit) for tests and benchmarks.

    Writes run on a worker thread so the UI never waits on the disk; a lock serialises them and a
    sequence number drops a stale snapshot that arrives after a newer one (the exit status must win).
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._lock = threading.Lock()
        self._issued = 0
        self._written = 0

    def write_soon(self, loop: asyncio.AbstractEventLoop, status: dict[str, object]) -> None:
        loop.run_in_executor(None, self._write_logged, self._issue(), status)

    def write_now(self, status: dict[str, object]) -> None:
        self._write(self._issue(), status)

    def _issue(self) -> int:
        with self._lock:
            self._issued += 1
            return self._issued

    def _write_logged(self, seq: int, status: dict[str, object]) -> None:
        try:
            self._write(seq, status)
        except OSError as exc:
            log.warning("cannot write the status file %s: %s", self._path, exc)

    def _write(self, seq: int, status: dict[str, object]) -> None:
        with self._lock:
            if seq < self._written:
                return
            write_status(self._path, status)
            self._written = seq


def write_status(path: Path, status: dict[str, object]) -> None:
    """Atomically replace the status file (unique temporary name, so writers never collide)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f"{path.suffix}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(json.dumps(status, indent=1), encoding="utf-8")
    tmp.replace(path)

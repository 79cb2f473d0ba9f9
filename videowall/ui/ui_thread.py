"""Getting back onto the UI thread: a queued relay, and the background-work API built on it.

``UiRelay.post(fn, *args)`` runs ``fn(*args)`` on the thread that owns the relay (a queued signal: no
asyncio loop needed, so dialogs work in tests without one). ``ui_operations`` gives a widget the one
background-work API (``services/operations.py``) delivering through such a relay.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot

from videowall.services.operations import Operations
from videowall.storage.writer import DatabaseWriter


class UiRelay(QObject):
    """Runs a callable on the UI thread, posted from any thread."""

    _posted = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._posted.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def post(self, fn: Callable[..., object], *args: object) -> None:
        self._posted.emit(fn, args)

    @Slot(object, object)
    def _run(self, fn: Callable[..., object], args: tuple[object, ...]) -> None:
        fn(*args)


def ui_operations(parent: QObject, writer: DatabaseWriter | None = None) -> Operations:
    """Background work for ``parent``'s widgets; outcomes arrive on the UI thread while ``parent`` lives."""
    return Operations(writer, UiRelay(parent).post)

"""The export's link to the person waiting for it: progress out, cancel in, across threads.

``write_export`` runs on a worker thread. It asks ``ExportControl`` before each file whether it
should go on (``check`` raises ``ExportCancelled``) and tells it what it starts and how far it has got;
the control passes each ``ExportProgress`` to ``on_progress`` on the worker thread (the service marshals
it to its loop). ``CancelToken.cancel`` may be called from any thread and only sets a flag: it never
waits. A running ffmpeg watches the same token (``ffmpeg_progress.run_ffmpeg``) and is stopped.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from videowall.domain.export_progress import ExportPlan, ExportProgress, ProgressTracker, Step


class ExportCancelled(Exception):
    """The person stopped the export; the partial output has been removed."""


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def wait(self, timeout: float) -> bool:
        """Sleep up to ``timeout`` seconds, waking at once on a cancel; whether it was cancelled."""
        return self._event.wait(timeout)


class ExportControl:
    """Used by the one thread that writes the export."""

    def __init__(self, token: CancelToken | None = None,
                 on_progress: Callable[[ExportProgress], None] | None = None) -> None:
        self.token = token if token is not None else CancelToken()
        self._on_progress = on_progress
        self._tracker = ProgressTracker(ExportPlan())
        self.last: ExportProgress | None = None  # the newest progress reported

    def start(self, plan: ExportPlan) -> None:
        self._tracker = ProgressTracker(plan)

    @property
    def cancelled(self) -> bool:
        return self.token.cancelled

    def check(self) -> None:
        if self.token.cancelled:
            raise ExportCancelled("export cancelled")

    def begin(self, step: Step, measured: bool = False) -> None:
        """Before a file: stop here if cancelled, else report that ``step`` starts."""
        self.check()
        self._report(self._tracker.begin(step, measured))

    def part(self, fraction: float) -> None:
        self._report(self._tracker.part(fraction))

    def end(self) -> None:
        self._tracker.end()

    def _report(self, progress: ExportProgress | None) -> None:
        if progress is None:
            return
        self.last = progress
        if self._on_progress is not None:
            self._on_progress(progress)

"""Start-up before the console: named steps on one ExitStack, stopped in reverse.

Read top to bottom, ``Startup.run``'s steps are the sequence: display, database writer, the one-console lock,
backups, audit anchoring, (demo) fleet and city, the register read, the media runtime; then the console
(``videowall/app/console.py``). Every step registers how to stop on the stack, so Ctrl+C, a crash or
``--quit-after`` all unwind the same way and leave no process behind.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import threading
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

from videowall.app.options import AppOptions, options_from
from videowall.app.shutdown import leave_process
from videowall.config import app_paths
from videowall.demo import DemoSetup
from videowall.display.xserver import VirtualDisplay
from videowall.domain.camera import Camera
from videowall.domain.settings_model import StreamSettings
from videowall.media.runtime import MediaRuntime
from videowall.services.audit_anchoring import AuditAnchoring
from videowall.services.backup_schedule import BackupSchedule
from videowall.services.feed_settings import apply_feed_settings
from videowall.storage.cameras import CameraRepository
from videowall.storage.errors import StorageError
from videowall.storage.instance_lock import InstanceLock
from videowall.storage.readers import ReadConnections
from videowall.storage.writer import DatabaseWriter

log = logging.getLogger(__name__)


class StartupFailed(Exception):
    """A step that cannot go on; its message is printed and the app exits 1."""


class RegisterRead:
    """The register read on its own thread and connection: a 10,000-camera read overlaps Qt's start and
    the sign-in. ``wait`` is called once, after sign-in and before the console's loop runs."""

    def __init__(self, readers: ReadConnections) -> None:
        self._cameras: list[Camera] = []
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._work, args=(readers,), name="register-read", daemon=True)
        self._thread.start()

    def _work(self, readers: ReadConnections) -> None:
        try:
            self._cameras = CameraRepository(readers.get()).all()
        except BaseException as exc:  # raised on the caller's thread by wait()
            self._error = exc

    def wait(self) -> list[Camera]:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._cameras


class Startup:
    """The parts below the console, started in the order ``run`` lists them."""

    def __init__(self, opts: AppOptions) -> None:
        self.opts = opts
        self.stack = ExitStack()
        self.writer = DatabaseWriter(opts.db)
        self.demo_setup: DemoSetup | None = None
        self.register_read: RegisterRead | None = None
        self.runtime: MediaRuntime | None = None
        self.streams = StreamSettings()

    def run(self) -> int:
        from videowall.app.console import run_console

        steps = (self.display, self.database, self.one_console, self.backups, self.audit_anchoring, self.demo,
                 self.read_register, self.media)
        with self.stack:
            try:
                for step in steps:
                    log.debug("start-up step: %s", step.__name__)
                    step()
            except StartupFailed as exc:
                print(f"videowall: {exc}", file=sys.stderr)
                return 1
            assert self.register_read is not None and self.runtime is not None
            return run_console(self.opts, self.writer, self.register_read, self.runtime, self.streams,
                               self.demo_setup)

    # --- the steps, in order -------------------------------------------------------------------------------
    def display(self) -> None:
        if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
            return
        display = self.stack.enter_context(VirtualDisplay())
        os.environ["DISPLAY"] = display.name
        print(f"no display: running under Xvfb on {display.name}", file=sys.stderr)
        if self.opts.quit_after is None:  # nobody can see it: take a screenshot and stop
            self.opts = replace(self.opts, quit_after=20.0,
                                screenshot=self.opts.screenshot or Path("videowall-screenshot.png"))

    def database(self) -> None:
        try:
            self.writer.start()
        except StorageError as exc:
            raise StartupFailed(str(exc)) from exc
        self.stack.callback(self.writer.stop)

    def one_console(self) -> None:
        """One console per database (or several that all --share-database); `videowall restore` tests it."""
        try:
            lock = InstanceLock(self.opts.db, "console", shared=self.opts.share_database).acquire()
        except StorageError as exc:
            raise StartupFailed(str(exc)) from exc
        self.stack.callback(lock.release)

    def backups(self) -> None:
        self.stack.callback(BackupSchedule.for_writer(self.writer).start().stop)  # copies on a worker, if due

    def audit_anchoring(self) -> None:
        """The audit chain's head, signed, outside the database: every minute and at exit."""
        self.stack.callback(AuditAnchoring(self.writer, app_paths().signing_key_path).start().stop)

    def demo(self) -> None:
        """The fleet, an emulated PTZ camera, a span layout, a tour, and the city register (videowall/demo.py)."""
        if not self.opts.demo:
            return
        from videowall.demo import start_demo
        from videowall.demo_city import start_city_demo

        self.demo_setup = start_demo(self.stack, self.writer, self.opts.port, self.opts.db, self.opts.key)
        start_city_demo(self.stack, self.writer, self.opts.db, self.opts.key)
        if not self.opts.cameras:
            self.opts = replace(self.opts, cameras=self.demo_setup.wall)

    def read_register(self) -> None:
        self.register_read = RegisterRead(self.writer.readers)  # on a worker thread while Qt and the login start

    def media(self) -> None:
        # After every ingest has stopped (callbacks run last-in first-out): the pre-event rings hold
        # unmasked video of every camera shown, private ones included; nothing of it outlives the console.
        self.stack.callback(shutil.rmtree, self.opts.db.parent / "buffer", ignore_errors=True)
        self.runtime = MediaRuntime()
        self.streams = apply_feed_settings(self.runtime.feeds, self.writer.readers)
        self.stack.callback(self.runtime.shutdown)


def run_app(args: argparse.Namespace) -> int:
    """The console: every start-up step undone in reverse order, then the process ends (``leave_process``)."""
    leave_process(Startup(options_from(args)).run())

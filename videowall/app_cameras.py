"""Composition of "cameras by hand" on the console: the camera dialog, the tree's menu entries, and the
register watch that shows cameras another process imported without a restart.

Part of the composition root (like ``app_city``): ``app.py`` only calls ``attach_cameras``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

from videowall.domain.access import AccessDenied, Permission, User
from videowall.domain.camera import Camera
from videowall.services.camera_edit import CameraEditor, Removal
from videowall.services.register_watch import RegisterWatch
from videowall.storage.writer import DatabaseWriter

log = logging.getLogger(__name__)
WATCH_MS = 2000  # how often the register is checked for changes made by other processes


def attach_cameras(window: object, writer: DatabaseWriter, key: Path, loop: asyncio.AbstractEventLoop,
                   user: Callable[[], User], reload: Callable[[], None]) -> Callable[[], None]:
    """Wire Add/Edit/Remove camera and the register watch into ``window``; returns how to stop them."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QMessageBox

    from videowall.ui.camera_dialog import CameraDialog
    from videowall.ui.main_window import MainWindow
    from videowall.ui.policy_view import gate

    assert isinstance(window, MainWindow)
    editor = CameraEditor(writer, key, user)
    watch = RegisterWatch(writer.readers)
    panel = window.camera_panel

    def message(text: str, ms: int = 8000) -> None:
        window.statusBar().showMessage(text, ms)

    def check_now() -> None:
        future = watch.poll()
        if future is not None:
            future.add_done_callback(lambda f: loop.call_soon_threadsafe(reload) if not f.exception()
                                     and f.result() else None)

    def taken() -> frozenset[str]:
        return frozenset(window.console.directory.by_id)

    def saved(camera: Camera) -> None:
        message(window.tr("Camera saved: %1").replace("%1", camera.name))
        check_now()  # the tree shows it as soon as the watch sees the write

    def open_dialog(camera_id: str | None = None) -> None:
        camera = window.console.directory.get(camera_id) if camera_id else None
        if camera_id and camera is None:
            message(window.tr("Not in the register any more: %1").replace("%1", camera_id))
            return
        if not user().can(Permission.EDIT_CAMERAS):  # the entries are hidden; a stale menu still asks
            message(str(AccessDenied(f"{user().name} (role {user().role.value}) may not edit cameras")))
            return
        dialog = CameraDialog(editor, taken, camera, window)
        dialog.saved.connect(saved)
        dialog.open()

    def remove(camera_id: str) -> None:
        camera = window.console.directory.get(camera_id)
        if camera is None:
            return
        answer = QMessageBox.question(window, window.tr("Remove camera"), window.tr(
            "Remove %1 (%2) from the register?\n\nA camera that bookmarks name is retired instead: it leaves the "
            "tree and the walls, and its evidence keeps its name and place.")
            .replace("%1", camera.name).replace("%2", camera.id))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            future: Future[Removal] = editor.remove(camera_id)
        except AccessDenied as exc:
            message(str(exc))
            return

        def done(f: Future[Removal]) -> None:
            exc = f.exception()
            if exc is not None:
                loop.call_soon_threadsafe(message, window.tr("Not removed: %1").replace("%1", str(exc)))
                return
            r = f.result()
            text = (window.tr("%1 is named by %2 bookmarks: retired (kept with its evidence), not deleted")
                    .replace("%2", str(r.bookmarks)) if r.retired else window.tr("Camera removed: %1"))
            loop.call_soon_threadsafe(message, text.replace("%1", r.camera_id))
            loop.call_soon_threadsafe(check_now)

        future.add_done_callback(done)

    panel.add_requested.connect(lambda: open_dialog())
    panel.edit_requested.connect(open_dialog)
    panel.remove_requested.connect(remove)
    menu = window.menuBar().addMenu(window.tr("Cameras"))
    gate(menu.menuAction(), Permission.EDIT_CAMERAS)  # nothing in it for the others
    add = gate(menu.addAction(window.tr("Add camera..."), lambda: open_dialog()), Permission.EDIT_CAMERAS)
    add.setShortcut(QKeySequence("Ctrl+Shift+N"))
    timer = QTimer(window)
    timer.timeout.connect(check_now)
    timer.start(WATCH_MS)
    check_now()  # the first poll only learns the register's digest

    def close() -> None:
        timer.stop()
        watch.close()
        editor.close()

    return close

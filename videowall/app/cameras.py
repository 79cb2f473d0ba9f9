"""The cameras feature: the register import, "cameras by hand" (the camera dialog, the tree's menu
entries), and the register watch that shows cameras another process imported without a restart.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from videowall.app.context import AppContext
from videowall.app.feature import Feature
from videowall.domain.access import AccessDenied, Permission, User, refused
from videowall.domain.camera import Camera
from videowall.domain.ptz_masks import same_picture_groups
from videowall.services.camera_edit import CameraEditor, Removal
from videowall.services.operations import Operations
from videowall.services.register_watch import RegisterWatch
from videowall.storage.cameras import CameraRepository
from videowall.ui.refusal_words import refusal_text

if TYPE_CHECKING:
    from videowall.ui.main_window import MainWindow

log = logging.getLogger(__name__)
WATCH_MS = 2000  # how often the register is checked for changes made by other processes


class CamerasFeature(Feature):
    """Import, Add/Edit/Remove camera, and the register watch; the tree and the walls follow every change."""

    name = "cameras"

    def __init__(self) -> None:
        self._ctx: AppContext | None = None
        self._window: MainWindow | None = None
        self._actions: CameraActions | None = None

    def install(self, ctx: AppContext, window: MainWindow) -> None:
        self._ctx, self._window = ctx, window
        self._actions = CameraActions(window, ctx, self.reload)

    def open_import(self) -> None:
        """The toolbar's Import register... (Ctrl+I): the dialog; the register is read again after an import."""
        from videowall.ui.import_dialog import ImportDialog

        if self._ctx is None or self._window is None:
            return
        ctx = self._ctx
        dialog = ImportDialog(ctx.writer, ctx.opts.key, ctx.user, self._window)
        dialog.imported.connect(self.reload)
        dialog.open()

    def reload(self) -> None:
        """Read the register on the writer thread (it just wrote it); show it on the UI thread."""
        if self._ctx is not None:
            self._ctx.ops.read(lambda db: CameraRepository(db).all(), self._show)

    def _show(self, cameras: list[Camera]) -> None:
        assert self._ctx is not None and self._window is not None
        self._ctx.privacy.same_picture = same_picture_groups((c.id, (c.main_url, c.sub_url)) for c in cameras)
        self._window.set_cameras(cameras)

    def close(self) -> None:
        if self._actions is not None:
            self._actions.close()


class CameraActions:
    """Add/Edit/Remove camera from the tree and the Cameras menu, and the register watch (``close`` stops it)."""

    def __init__(self, window: MainWindow, ctx: AppContext, reload: Callable[[], None]) -> None:
        from PySide6.QtCore import QTimer
        from PySide6.QtGui import QKeySequence

        from videowall.ui.policy_view import gate

        self._window, self._reload = window, reload
        self._user: Callable[[], User] = ctx.user
        self._ops: Operations = ctx.ops
        self._editor = CameraEditor(ctx.writer, ctx.opts.key, self._user)
        self._watch = RegisterWatch(ctx.writer.readers)
        panel = window.camera_panel
        panel.add_requested.connect(lambda: self.open_dialog())
        panel.edit_requested.connect(self.open_dialog)
        panel.remove_requested.connect(self.remove)
        menu = window.menuBar().addMenu(window.tr("Cameras"))
        gate(menu.menuAction(), Permission.EDIT_CAMERAS)  # nothing in it for the others
        add = gate(menu.addAction(window.tr("Add camera..."), lambda: self.open_dialog()), Permission.EDIT_CAMERAS)
        add.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self._timer = QTimer(window)
        self._timer.timeout.connect(self.check_now)
        self._timer.start(WATCH_MS)
        self.check_now()  # the first poll only learns the register's digest

    def _message(self, text: str, ms: int = 8000) -> None:
        self._window.statusBar().showMessage(text, ms)

    def check_now(self) -> None:
        future = self._watch.poll()
        if future is not None:
            reload = self._reload
            self._ops.follow(future, lambda changed: reload() if changed else None,
                             lambda exc: log.warning("register watch: %s", exc))

    def _taken(self) -> frozenset[str]:
        return frozenset(self._window.console.directory.by_id)

    def _saved(self, camera: Camera) -> None:
        window = self._window
        self._message(window.tr("Camera saved: %1").replace("%1", camera.name))
        self.check_now()  # the tree shows it as soon as the watch sees the write

    def open_dialog(self, camera_id: str | None = None) -> None:
        from videowall.ui.camera_dialog import CameraDialog

        window, user = self._window, self._user
        camera = window.console.directory.get(camera_id) if camera_id else None
        if camera_id and camera is None:
            self._message(window.tr("Not in the register any more: %1").replace("%1", camera_id))
            return
        if not user().can(Permission.EDIT_CAMERAS):  # the entries are hidden; a stale menu still asks
            self._message(refusal_text(refused(user(), Permission.EDIT_CAMERAS)))
            return
        dialog = CameraDialog(self._editor, self._taken, camera, window)
        dialog.saved.connect(self._saved)
        dialog.open()

    def remove(self, camera_id: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        window = self._window
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
            future = self._editor.remove(camera_id)
        except AccessDenied as exc:
            self._message(refusal_text(exc))
            return
        self._ops.follow(future, self._removed,
                         lambda exc: self._message(window.tr("Not removed: %1").replace("%1", refusal_text(exc))))

    def _removed(self, r: Removal) -> None:
        window = self._window
        text = (window.tr("%1 is named by %2 bookmarks: retired (kept with its evidence), not deleted")
                .replace("%2", str(r.bookmarks)) if r.retired else window.tr("Camera removed: %1"))
        self._message(text.replace("%1", r.camera_id))
        self.check_now()

    def close(self) -> None:
        self._timer.stop()
        self._watch.close()
        self._editor.close()

"""The console's Privacy menu and the glue between the signed-in user, the tiles and the dialogs.

Kept out of main_window.py so the console window stays about walls; the app calls
:class:`PrivacyMenu` once after the window exists.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QImage, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
)

from videowall.domain.access import AccessDenied, Permission, User, listed_in_tree
from videowall.domain.camera import Camera
from videowall.domain.privacy import QuarantineRecord
from videowall.security import audit
from videowall.services.access import audit_event
from videowall.services.privacy import PrivacyService
from videowall.storage.writer import DatabaseWriter
from videowall.ui.audit_viewer import AuditViewer
from videowall.ui.login_dialog import SessionLock
from videowall.ui.mask_editor import MaskEditor
from videowall.ui.policy_view import gate, reflect
from videowall.ui.quarantine_review import QuarantineReview
from videowall.ui.refusal_words import refusal_text, role_name
from videowall.ui.tile import TileAction
from videowall.ui.users_dialog import UsersDialog

if TYPE_CHECKING:
    from videowall.ui.main_window import MainWindow


class PrivacyMenu(QObject):
    """Tree filter, the Privacy menu, the tile's mask entry, quarantine notices and the inactivity lock.

    Lives as the window's child; its hooks are the window's and the camera panel's declared callables.
    """

    def __init__(self, app: QApplication, window: MainWindow, privacy: PrivacyService, writer: DatabaseWriter,
                 lock_minutes: float) -> None:
        super().__init__(window)
        self._window, self._privacy, self._writer = window, privacy, writer
        window.tree_filter = self._tree_filter
        window.ptz_gate = self._ptz_gate
        window.on_snapshot = self._snapshot_taken
        window.wall_view.tile_action.connect(self._tile_action)
        privacy.on_quarantine.append(self._quarantined)
        panel = window.camera_panel
        panel.is_private = privacy.is_private
        panel.may_mark_private = lambda: privacy.user.can(Permission.EDIT_MASKS)
        panel.may_edit_cameras = lambda: privacy.user.can(Permission.EDIT_CAMERAS)
        panel.private_requested.connect(self._mark_private)
        self.lock = SessionLock(app, writer, window, lock_minutes, self._set_user, self._lock_now)
        self._build_menu()
        self._set_user(privacy.user)

    def _build_menu(self) -> None:
        window, privacy, writer = self._window, self._privacy, self._writer
        menu = window.menuBar().addMenu(window.tr("Privacy"))
        gate(menu.addAction(window.tr("Privacy masks of the focused tile..."), self._focused_masks),
             Permission.EDIT_MASKS, Permission.LIFT_MASK)
        review = menu.addAction(window.tr("Scene review (new cameras, quarantine)..."), lambda: QuarantineReview(
            privacy, window.all_cameras, window).open())
        review.setShortcut(QKeySequence("Ctrl+Shift+Q"))
        gate(review, Permission.APPROVE_REFERENCE)
        self._audit_action = gate(menu.addAction(window.tr("Audit trail..."),
                                                 lambda: AuditViewer(writer.readers, privacy.user, window).open()),
                                  Permission.VIEW_AUDIT)
        self._users_action = gate(menu.addAction(window.tr("Users..."),
                                                 lambda: UsersDialog(writer, privacy.user, window).open()),
                                  Permission.MANAGE_USERS)
        menu.addSeparator()
        lock_action = menu.addAction(window.tr("Lock session"), self.lock.lock)
        lock_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        menu.aboutToShow.connect(self._refresh_menu)

    def _refresh_menu(self) -> None:
        self._audit_action.setEnabled(self._privacy.user.can(Permission.VIEW_AUDIT))
        self._users_action.setEnabled(self._privacy.user.can(Permission.MANAGE_USERS))

    def _tree_filter(self, camera: Camera) -> bool:
        return listed_in_tree(self._privacy.user.role, private=self._privacy.is_private(camera.id))

    def _ptz_gate(self, camera: Camera) -> str | None:
        try:
            self._privacy.require(Permission.PTZ)
        except AccessDenied as exc:
            return refusal_text(exc)
        self._privacy.audit(audit.Action.PTZ_TAKEOVER, camera.id)
        return None

    def _snapshot_taken(self, camera: Camera, path: Path) -> None:
        self._privacy.audit(audit.Action.SNAPSHOT, camera.id, str(path))

    def _refilter_tree(self) -> None:
        self._window.set_cameras(self._window.all_cameras())  # the tree lists what this role may open

    def _set_user(self, user: User) -> None:
        window = self._window
        self._privacy.user = user
        self._privacy.locked = False  # signed in again: tiles show what this user may see at their next tick
        window.setWindowTitle(window.tr("videowall - operator console") + f" - {user.name} ({role_name(user.role)})")
        self._refilter_tree()
        reflect(window, user)  # a different user after the lock: the menus offer what this role may use

    def _open_masks(self, index: int) -> None:
        window = self._window
        tiles = window.console.tiles()
        camera = tiles[index].camera if 0 <= index < len(tiles) else None
        if camera is None:
            window.statusBar().showMessage(window.tr("Pick a tile with a camera first"), 5000)
            return
        shot = tiles[index].snapshot()
        still = QImage(shot[0], shot[1], shot[2], shot[1] * 4, QImage.Format.Format_RGB32).copy() if shot else None
        MaskEditor(self._privacy, camera.id, still, window).open()

    def _tile_action(self, index: int, action: object) -> None:
        if action is TileAction.PRIVACY_MASKS:
            self._open_masks(index)

    def _focused_masks(self) -> None:
        index = self._window.wall_view.focused_index()
        self._open_masks(index if index is not None else 0)

    def _quarantined(self, record: QuarantineRecord) -> None:
        window = self._window
        text = window.tr("QUARANTINED: %1 - scene changed; supervisor review needed")
        window.statusBar().showMessage(text.replace("%1", record.camera_id), 30000)

    def _mark_private(self, ids: list[str], private: bool) -> None:
        window = self._window
        try:
            for camera_id in ids:
                self._privacy.set_private(camera_id, private)  # audited; tiles re-check access at their next tick
        except AccessDenied as exc:
            window.statusBar().showMessage(refusal_text(exc), 8000)
            return
        text = window.tr("%n cameras marked private") if private else window.tr("%n cameras no longer private")
        window.statusBar().showMessage(text.replace("%n", str(len(ids))), 8000)
        self._refilter_tree()

    def _lock_now(self) -> None:
        self._privacy.locked = True  # before the dialog: the walls go blank within half a second
        audit_event(self._writer, self._privacy.user.name, audit.Action.LOCK, "", "session locked")

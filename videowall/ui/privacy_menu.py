"""The console's Privacy menu and the glue between the signed-in user, the tiles and the dialogs.

Kept out of main_window.py so the console window stays about walls; the app calls
:func:`attach_privacy` once after the window exists.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

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


def attach_privacy(app: QApplication, window: MainWindow, privacy: PrivacyService, writer: DatabaseWriter,
                   db_path: Path, lock_minutes: float) -> SessionLock:
    """Tree filter, the Privacy menu, the tile's mask entry, quarantine notices and the inactivity lock."""

    def tree_filter(camera: Camera) -> bool:
        return listed_in_tree(privacy.user.role, private=privacy.is_private(camera.id))

    window.tree_filter = tree_filter

    def ptz_gate(camera: Camera) -> str | None:
        try:
            privacy.require(Permission.PTZ)
        except AccessDenied as exc:
            return refusal_text(exc)
        privacy.audit(audit.Action.PTZ_TAKEOVER, camera.id)
        return None

    window.ptz_gate = ptz_gate

    def snapshot_taken(camera: Camera, path: Path) -> None:
        privacy.audit(audit.Action.SNAPSHOT, camera.id, str(path))

    window.on_snapshot = snapshot_taken

    def refilter_tree() -> None:
        window.set_cameras(window.all_cameras())  # the tree lists what this role may open

    def set_user(user: User) -> None:
        privacy.user = user
        privacy.locked = False  # signed in again: tiles show what this user may see at their next tick
        window.setWindowTitle(window.tr("videowall - operator console") + f" - {user.name} ({role_name(user.role)})")
        refilter_tree()
        reflect(window, user)  # a different user after the lock: the menus offer what this role may use

    def open_masks(index: int) -> None:
        tiles = window.console.tiles()
        if not 0 <= index < len(tiles) or tiles[index].camera is None:
            window.statusBar().showMessage(window.tr("Pick a tile with a camera first"), 5000)
            return
        tile = tiles[index]
        shot = tile.snapshot()
        still = QImage(shot[0], shot[1], shot[2], shot[1] * 4, QImage.Format.Format_RGB32).copy() if shot else None
        assert tile.camera is not None
        MaskEditor(privacy, tile.camera.id, still, window).open()

    def tile_action(index: int, action: object) -> None:
        if action is TileAction.PRIVACY_MASKS:
            open_masks(index)

    window.wall_view.tile_action.connect(tile_action)

    def focused_masks() -> None:
        index = window.wall_view.focused_index()
        open_masks(index if index is not None else 0)

    def quarantined(record: QuarantineRecord) -> None:
        window.statusBar().showMessage(window.tr("QUARANTINED: %1 - scene changed; supervisor review needed")
                                       .replace("%1", record.camera_id), 30000)

    privacy.on_quarantine.append(quarantined)

    panel = window.camera_panel
    panel.is_private = privacy.is_private
    panel.may_mark_private = lambda: privacy.user.can(Permission.EDIT_MASKS)
    panel.may_edit_cameras = lambda: privacy.user.can(Permission.EDIT_CAMERAS)

    def mark_private(ids: list[str], private: bool) -> None:
        try:
            for camera_id in ids:
                privacy.set_private(camera_id, private)  # audited; tiles re-check access at their next tick
        except AccessDenied as exc:
            window.statusBar().showMessage(refusal_text(exc), 8000)
            return
        text = window.tr("%n cameras marked private") if private else window.tr("%n cameras no longer private")
        window.statusBar().showMessage(text.replace("%n", str(len(ids))), 8000)
        refilter_tree()

    panel.private_requested.connect(mark_private)

    def lock_now() -> None:
        privacy.locked = True  # before the dialog: the walls go blank within half a second
        audit_event(writer, privacy.user.name, audit.Action.LOCK, "", "session locked")

    lock = SessionLock(app, writer, window, lock_minutes, set_user, lock_now)
    menu = window.menuBar().addMenu(window.tr("Privacy"))
    gate(menu.addAction(window.tr("Privacy masks of the focused tile..."), focused_masks),
         Permission.EDIT_MASKS, Permission.LIFT_MASK)
    review = menu.addAction(window.tr("Scene review (new cameras, quarantine)..."), lambda: QuarantineReview(
        privacy, window.all_cameras, window).open())
    review.setShortcut(QKeySequence("Ctrl+Shift+Q"))
    gate(review, Permission.APPROVE_REFERENCE)
    audit_action = gate(menu.addAction(window.tr("Audit trail..."),
                                       lambda: AuditViewer(writer.readers, privacy.user, window).open()),
                        Permission.VIEW_AUDIT)
    users_action = gate(menu.addAction(window.tr("Users..."), lambda: UsersDialog(writer, privacy.user, window).open()),
                        Permission.MANAGE_USERS)
    menu.addSeparator()
    lock_action = menu.addAction(window.tr("Lock session"), lock.lock)
    lock_action.setShortcut(QKeySequence("Ctrl+Shift+L"))

    def refresh_menu() -> None:
        audit_action.setEnabled(privacy.user.can(Permission.VIEW_AUDIT))
        users_action.setEnabled(privacy.user.can(Permission.MANAGE_USERS))

    menu.aboutToShow.connect(refresh_menu)
    set_user(privacy.user)
    return lock

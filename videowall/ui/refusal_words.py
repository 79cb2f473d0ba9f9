"""A service's error in the window's language: a refusal (AccessDenied) is worded from its parts, with the
role and the refused permission translated; a file error by its errno in words (the disk is full, no
permission...) with the path; other errors keep their own text."""

from __future__ import annotations

import errno

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from videowall.domain.access import AccessDenied, Permission, Role

_CTX = "Refusal"
ROLE_WORDS: dict[Role, str] = {
    Role.OPERATOR: str(QT_TRANSLATE_NOOP("Refusal", "operator")),
    Role.SUPERVISOR: str(QT_TRANSLATE_NOOP("Refusal", "supervisor")),
    Role.LIAISON: str(QT_TRANSLATE_NOOP("Refusal", "liaison officer")),
    Role.PRESENTER: str(QT_TRANSLATE_NOOP("Refusal", "presenter")),
    Role.ADMIN: str(QT_TRANSLATE_NOOP("Refusal", "administrator")),
}
PERMISSION_WORDS: dict[Permission, str] = {
    Permission.VIEW_LIVE: str(QT_TRANSLATE_NOOP("Refusal", "watch live cameras")),
    Permission.OPEN_ANY_CAMERA: str(QT_TRANSLATE_NOOP("Refusal", "open any camera")),
    Permission.VIEW_PRIVATE: str(QT_TRANSLATE_NOOP("Refusal", "watch private cameras")),
    Permission.PTZ: str(QT_TRANSLATE_NOOP("Refusal", "steer PTZ cameras")),
    Permission.PTZ_TAKEOVER: str(QT_TRANSLATE_NOOP("Refusal", "take PTZ control from another operator")),
    Permission.BOOKMARK: str(QT_TRANSLATE_NOOP("Refusal", "bookmark incidents")),
    Permission.REVIEW: str(QT_TRANSLATE_NOOP("Refusal", "review recorded clips")),
    Permission.EXPORT_MASKED: str(QT_TRANSLATE_NOOP("Refusal", "export evidence")),
    Permission.EXPORT_UNMASKED: str(QT_TRANSLATE_NOOP("Refusal", "export evidence without masks")),
    Permission.EDIT_MASKS: str(QT_TRANSLATE_NOOP("Refusal", "edit privacy masks")),
    Permission.LIFT_MASK: str(QT_TRANSLATE_NOOP("Refusal", "lift a privacy mask")),
    Permission.APPROVE_REFERENCE: str(QT_TRANSLATE_NOOP("Refusal", "approve scene references")),
    Permission.VIEW_AUDIT: str(QT_TRANSLATE_NOOP("Refusal", "read the audit trail")),
    Permission.MANAGE_USERS: str(QT_TRANSLATE_NOOP("Refusal", "manage users")),
    Permission.CHANGE_SETTINGS: str(QT_TRANSLATE_NOOP("Refusal", "change settings")),
    Permission.IMPORT_REGISTER: str(QT_TRANSLATE_NOOP("Refusal", "import the camera register")),
    Permission.EDIT_CAMERAS: str(QT_TRANSLATE_NOOP("Refusal", "edit cameras")),
    Permission.EXPORT_REGISTER: str(QT_TRANSLATE_NOOP("Refusal", "export the camera register")),
    Permission.RUN_SWEEP: str(QT_TRANSLATE_NOOP("Refusal", "check the health of every camera")),
    Permission.VIEW_REPORTS: str(QT_TRANSLATE_NOOP("Refusal", "read availability reports")),
    Permission.BACK_UP: str(QT_TRANSLATE_NOOP("Refusal", "back up the database")),
    Permission.EDIT_TOURS: str(QT_TRANSLATE_NOOP("Refusal", "edit tours")),
    Permission.ACKNOWLEDGE_ALERTS: str(QT_TRANSLATE_NOOP("Refusal", "acknowledge alerts")),
    Permission.EDIT_BRIEFINGS: str(QT_TRANSLATE_NOOP("Refusal", "edit briefings")),
    Permission.DRIVE_WALLS: str(QT_TRANSLATE_NOOP("Refusal", "drive walls")),
    Permission.WALL_TAKEOVER: str(QT_TRANSLATE_NOOP("Refusal", "take control of a wall from another console")),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def role_name(role: Role) -> str:
    """The role as the window's language names it."""
    return _tr(ROLE_WORDS[role])


ERRNO_WORDS: dict[int, str] = {  # what a disk, a USB stick or a share answers most
    errno.ENOSPC: str(QT_TRANSLATE_NOOP("Refusal", "the disk is full")),
    errno.EDQUOT: str(QT_TRANSLATE_NOOP("Refusal", "the disk quota is used up")),
    errno.EACCES: str(QT_TRANSLATE_NOOP("Refusal", "no permission to write or read there")),
    errno.EPERM: str(QT_TRANSLATE_NOOP("Refusal", "no permission to write or read there")),
    errno.EROFS: str(QT_TRANSLATE_NOOP("Refusal", "the disk is read-only")),
    errno.ENOENT: str(QT_TRANSLATE_NOOP("Refusal", "no such file or folder")),
    errno.ENOTDIR: str(QT_TRANSLATE_NOOP("Refusal", "a part of the path is not a folder")),
    errno.EISDIR: str(QT_TRANSLATE_NOOP("Refusal", "that is a folder, not a file")),
    errno.EEXIST: str(QT_TRANSLATE_NOOP("Refusal", "it exists already")),
    errno.EIO: str(QT_TRANSLATE_NOOP("Refusal", "the disk could not be read or written (it may be failing)")),
    errno.ENAMETOOLONG: str(QT_TRANSLATE_NOOP("Refusal", "the name is too long for this disk")),
    errno.ENODEV: str(QT_TRANSLATE_NOOP("Refusal", "the disk is no longer there")),
    errno.ENXIO: str(QT_TRANSLATE_NOOP("Refusal", "the disk is no longer there")),
}


def refusal_text(exc: BaseException) -> str:
    """What a window shows for ``exc``: a refusal in the UI's language, a file error as its errno in words with
    the path, any other error as it says itself."""
    if isinstance(exc, AccessDenied):
        if exc.role is not None and exc.wanted:
            wanted = QCoreApplication.translate("Refusal", " or ").join(_tr(PERMISSION_WORDS[p]) for p in exc.wanted)
            return (QCoreApplication.translate("Refusal", "%1 (role %2) may not %3").replace("%1", exc.who)
                    .replace("%2", role_name(exc.role)).replace("%3", wanted))
        return str(exc)
    words = ERRNO_WORDS.get(exc.errno) if isinstance(exc, OSError) and exc.errno is not None else None
    if words is None:
        return str(exc)
    assert isinstance(exc, OSError)
    path = exc.filename if isinstance(exc.filename, str) else ""
    return f"{path}: {_tr(words)}" if path else _tr(words)

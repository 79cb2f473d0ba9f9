"""A service's error in the window's language: a refusal (AccessDenied) is worded from its parts, with the
role and the refused permission translated; other errors keep their own text."""

from __future__ import annotations

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


def refusal_text(exc: BaseException) -> str:
    """What a window shows for ``exc``: a refusal in the UI's language, any other error as it says itself."""
    if isinstance(exc, AccessDenied) and exc.role is not None and exc.wanted:
        wanted = QCoreApplication.translate("Refusal", " or ").join(_tr(PERMISSION_WORDS[p]) for p in exc.wanted)
        return (QCoreApplication.translate("Refusal", "%1 (role %2) may not %3").replace("%1", exc.who)
                .replace("%2", role_name(exc.role)).replace("%3", wanted))
    return str(exc)

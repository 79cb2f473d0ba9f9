"""Who may do what: roles, permissions and the camera-visibility rule, as pure data.

One table (``MATRIX``) is the whole policy, so a reviewer reads it in one place and the tests walk it
row by row. Widgets ask ``can(role, Permission.X)``; nothing compares role names anywhere else.

Availability reports (VIEW_REPORTS) are the supervisor's and the administrator's: they list by name and
place which cameras are dark, which a public or briefing screen (the presenter) must not show; officials
get the PDF from a supervisor. Briefings for officials are prepared by a supervisor or an administrator
(EDIT_BRIEFINGS: they choose which cameras and figures a room of officials sees); a presenter only shows
the saved ones. The register export and backups reveal every camera's address (a backup
all the rest too), so they stay with the administrator, who imports the register.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    OPERATOR = "operator"  # watches walls, moves PTZ, bookmarks, sweeps the fleet's health
    SUPERVISOR = "supervisor"  # everything an operator does, plus masks, references, audit, availability reports
    LIAISON = "liaison"  # police / agency liaison: reviews and exports, no PTZ
    PRESENTER = "presenter"  # public or briefing screens: curated layouts only
    ADMIN = "admin"  # users, settings, the register in and out, backups


class Permission(StrEnum):
    VIEW_LIVE = "view_live"
    OPEN_ANY_CAMERA = "open_any_camera"  # pick cameras freely (tree, drag); else saved layouts only
    VIEW_PRIVATE = "view_private"
    PTZ = "ptz"
    PTZ_TAKEOVER = "ptz_takeover"  # take a camera's PTZ lock from a lower role (domain/ptz_lock.py)
    BOOKMARK = "bookmark"
    REVIEW = "review"  # recorded clips and bookmarks
    EXPORT_MASKED = "export_masked"
    EXPORT_UNMASKED = "export_unmasked"
    EDIT_MASKS = "edit_masks"
    LIFT_MASK = "lift_mask"
    APPROVE_REFERENCE = "approve_reference"
    VIEW_AUDIT = "view_audit"
    MANAGE_USERS = "manage_users"
    CHANGE_SETTINGS = "change_settings"
    IMPORT_REGISTER = "import_register"
    EDIT_CAMERAS = "edit_cameras"  # tags and service status of register cameras (one or many at once)
    EXPORT_REGISTER = "export_register"  # the whole register out: every camera's place and stream address
    RUN_SWEEP = "run_sweep"  # probe every camera and store its health (``videowall sweep``)
    VIEW_REPORTS = "view_reports"  # availability reports: uptime per area and which cameras are dark, by name
    BACK_UP = "back_up"  # a copy of the whole database (``videowall backup``)
    EDIT_TOURS = "edit_tours"  # make, edit, delete saved tours (running one is viewing: VIEW_LIVE)
    ACKNOWLEDGE_ALERTS = "acknowledge_alerts"  # mark a console alert as seen (audited: who, when)
    EDIT_BRIEFINGS = "edit_briefings"  # make, change, import, delete briefings (presenting one is VIEW_LIVE)
    DRIVE_WALLS = "drive_walls"  # put cameras and layouts on remote wall agents' monitors (issue 21)
    WALL_TAKEOVER = "wall_takeover"  # take a remote monitor's control lease from another console


P = Permission
MATRIX: dict[Role, frozenset[Permission]] = {
    Role.OPERATOR: frozenset({
        P.VIEW_LIVE, P.OPEN_ANY_CAMERA, P.VIEW_PRIVATE, P.PTZ, P.BOOKMARK, P.EXPORT_MASKED, P.RUN_SWEEP,
        P.EDIT_TOURS,
        P.ACKNOWLEDGE_ALERTS, P.DRIVE_WALLS,
    }),
    Role.SUPERVISOR: frozenset({
        P.VIEW_LIVE, P.OPEN_ANY_CAMERA, P.VIEW_PRIVATE, P.PTZ, P.PTZ_TAKEOVER, P.BOOKMARK, P.REVIEW,
        P.EXPORT_MASKED, P.EXPORT_UNMASKED, P.EDIT_MASKS, P.LIFT_MASK, P.APPROVE_REFERENCE, P.VIEW_AUDIT,
        P.EDIT_CAMERAS, P.RUN_SWEEP, P.VIEW_REPORTS, P.ACKNOWLEDGE_ALERTS,
        P.EDIT_TOURS, P.EDIT_BRIEFINGS, P.DRIVE_WALLS, P.WALL_TAKEOVER,
    }),
    Role.LIAISON: frozenset({P.VIEW_LIVE, P.OPEN_ANY_CAMERA, P.BOOKMARK, P.REVIEW, P.EXPORT_MASKED}),
    Role.PRESENTER: frozenset({P.VIEW_LIVE}),
    Role.ADMIN: frozenset({
        P.VIEW_LIVE, P.OPEN_ANY_CAMERA, P.VIEW_PRIVATE, P.EDIT_MASKS, P.VIEW_AUDIT, P.MANAGE_USERS,
        P.CHANGE_SETTINGS, P.IMPORT_REGISTER, P.EDIT_CAMERAS, P.EXPORT_REGISTER, P.RUN_SWEEP, P.VIEW_REPORTS,
        P.BACK_UP, P.ACKNOWLEDGE_ALERTS,
        P.EDIT_TOURS, P.EDIT_BRIEFINGS,
    }),
}


def can(role: Role, permission: Permission) -> bool:
    return permission in MATRIX[role]


class Visibility(StrEnum):
    SHOWN = "shown"
    NOT_PERMITTED = "not_permitted"
    QUARANTINED = "quarantined"
    NEEDS_REFERENCE = "needs_reference"  # no approved scene reference yet: held until a supervisor approves
    LOCKED = "locked"  # the console is locked: no picture until someone signs in


@dataclass(frozen=True, slots=True)
class User:
    """A signed-in person; the password hash never leaves the security package."""

    name: str
    role: Role

    def can(self, permission: Permission) -> bool:
        return can(self.role, permission)


#: The app acting on its own behalf (the demo's set-up: its register, its accounts); audited as "system".
SYSTEM_USER = User("system", Role.ADMIN)


class AccessDenied(PermissionError):
    """The signed-in user's role does not allow this. The message (English) is fit for logs and the command
    line; a window words it in its own language from ``who``, ``role`` and ``wanted`` (ui/refusal_words.py)."""

    def __init__(self, message: str, *, who: str = "", role: Role | None = None,
                 wanted: tuple[Permission, ...] = ()) -> None:
        super().__init__(message)
        self.who, self.role, self.wanted = who, role, wanted


def refused(user: User, *permissions: Permission) -> AccessDenied:
    """The refusal for ``user`` wanting one of ``permissions``."""
    wanted = " or ".join(p.value.replace("_", " ") for p in permissions)
    return AccessDenied(f"{user.name} (role {user.role.value}) may not {wanted}", who=user.name, role=user.role,
                        wanted=permissions)


def require(user: User, *permissions: Permission) -> User:
    """``user`` if any of ``permissions`` is theirs, else ``AccessDenied``: the one check every use case makes."""
    if not any(user.can(p) for p in permissions):
        raise refused(user, *permissions)
    return user


def visibility(role: Role, *, private: bool, quarantined: bool, locked: bool = False,
               locked_shows_public: bool = False, needs_reference: bool = False) -> Visibility:
    """Whether a tile may show a camera's picture to ``role``.

    A locked console shows nothing (or, with ``locked_shows_public``, only cameras that are not
    private); then quarantine, then a missing approved reference (``needs_reference``: nobody has
    confirmed yet that the camera looks where it should) outrank the role.
    """
    if locked and (private or not locked_shows_public):
        return Visibility.LOCKED
    if quarantined:
        return Visibility.QUARANTINED
    if needs_reference:
        return Visibility.NEEDS_REFERENCE
    if private and not can(role, Permission.VIEW_PRIVATE):
        return Visibility.NOT_PERMITTED
    return Visibility.SHOWN


def listed_in_tree(role: Role, *, private: bool) -> bool:
    """The camera tree hides what the role may not open: private cameras, or everything for presenters."""
    if not can(role, Permission.OPEN_ANY_CAMERA):
        return False
    return not private or can(role, Permission.VIEW_PRIVATE)

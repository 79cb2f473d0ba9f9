"""The role table of issue 14 as data: each use case, the permission it asks for, and who may.

``EXPECTED`` is written out by hand, not derived from ``domain.access.MATRIX``: the tests check the
matrix against it and every service against both, so a wrong matrix fails as surely as a service that
forgets its check. Shared by the service half (tests/unit/test_role_table.py) and the real-window half.
"""

from __future__ import annotations

from dataclasses import dataclass

from videowall.domain.access import MATRIX, Permission, Role

OP, S, L, A = Role.OPERATOR, Role.SUPERVISOR, Role.LIAISON, Role.ADMIN


@dataclass(frozen=True, slots=True)
class UseCase:
    name: str
    permission: Permission
    allowed: frozenset[Role]  # by hand

    def matrix_allows(self, role: Role) -> bool:
        return self.permission in MATRIX[role]


USE_CASES: tuple[UseCase, ...] = (
    UseCase("import register", Permission.IMPORT_REGISTER, frozenset({A})),
    UseCase("edit cameras", Permission.EDIT_CAMERAS, frozenset({S, A})),
    UseCase("review bookmarks", Permission.REVIEW, frozenset({S, L})),
    UseCase("play clip", Permission.REVIEW, frozenset({S, L})),  # the CLIP_PLAYED audit path
    UseCase("bookmark", Permission.BOOKMARK, frozenset({OP, S, L})),
    UseCase("export", Permission.EXPORT_MASKED, frozenset({OP, S, L})),
    UseCase("delete bookmark", Permission.REVIEW, frozenset({S, L})),
    UseCase("PTZ move", Permission.PTZ, frozenset({OP, S})),
    UseCase("edit masks", Permission.EDIT_MASKS, frozenset({S, A})),
    UseCase("approve reference", Permission.APPROVE_REFERENCE, frozenset({S})),
    UseCase("manage users", Permission.MANAGE_USERS, frozenset({A})),
    UseCase("change settings", Permission.CHANGE_SETTINGS, frozenset({A})),
    UseCase("view audit", Permission.VIEW_AUDIT, frozenset({S, A})),
    UseCase("run sweep", Permission.RUN_SWEEP, frozenset({OP, S, A})),  # probes every camera, writes health
    UseCase("availability report", Permission.VIEW_REPORTS, frozenset({S, A})),  # names the dark cameras
    UseCase("export register", Permission.EXPORT_REGISTER, frozenset({A})),  # every camera's address
    UseCase("back up", Permission.BACK_UP, frozenset({A})),  # a copy of everything
    UseCase("edit tours", Permission.EDIT_TOURS, frozenset({OP, S, A})),  # configuration; running is viewing
    UseCase("acknowledge alert", Permission.ACKNOWLEDGE_ALERTS, frozenset({OP, S, A})),  # audited; no public screen
    UseCase("edit briefings", Permission.EDIT_BRIEFINGS, frozenset({S, A})),  # what officials see; presenters show
    UseCase("drive walls", Permission.DRIVE_WALLS, frozenset({OP, S})),  # remote wall agents (issue 21)
    UseCase("take over a wall", Permission.WALL_TAKEOVER, frozenset({S})),  # another console's monitor lease
)
BY_NAME = {u.name: u for u in USE_CASES}

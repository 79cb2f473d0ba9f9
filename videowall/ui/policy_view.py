"""Menus that reflect the access policy: each gated action names its permissions, one pass per sign-in.

The services refuse on their own (domain.access.require); this only keeps a role from being offered
what it will be refused. An action is shown when the signed-in user holds any of its permissions.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from videowall.domain.access import Permission, User

_PROPERTY = "videowall_permissions"


def gate(action: QAction, *permissions: Permission) -> QAction:
    """Mark ``action`` as needing any of ``permissions``; returns it for chaining."""
    action.setProperty(_PROPERTY, ",".join(p.value for p in permissions))
    return action


def _permissions(action: QAction) -> tuple[Permission, ...]:
    value = action.property(_PROPERTY)
    return tuple(Permission(p) for p in str(value).split(",")) if value else ()


def reflect(root: QWidget, user: User) -> None:
    """Show the gated actions under ``root`` that ``user`` may use, hide the others."""
    for action in root.findChildren(QAction):
        wanted = _permissions(action)
        if wanted:
            action.setVisible(any(user.can(p) for p in wanted))


def gated_actions(root: QWidget) -> list[dict[str, object]]:
    """The gated actions and whether they are offered (the status file; tests read it)."""
    return [{"text": a.text().replace("&", ""), "permissions": [p.value for p in _permissions(a)],
             "visible": a.isVisible(), "enabled": a.isEnabled()}
            for a in root.findChildren(QAction) if _permissions(a)]

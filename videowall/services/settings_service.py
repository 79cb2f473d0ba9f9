"""Changing a setting: one use case for the console and ``videowall settings``, checked and audited.

Settings are shared by every console on the database (lockout, session lock, backups, time zone ...),
so changing one needs CHANGE_SETTINGS (the administrator), except the display language, a choice any
signed-in person may make for the console in front of them. Every change is audited with its value,
in the same transaction.
"""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from videowall.domain.access import Permission, User, require
from videowall.domain.settings_catalogue import BY_KEY
from videowall.domain.settings_model import LANGUAGE_KEY
from videowall.security import audit
from videowall.storage.settings import SettingsRepository

#: Settings any signed-in person may change (what they see, not what the control room does).
PERSONAL_SETTINGS = frozenset({LANGUAGE_KEY})


def may_change(user: User, key: str) -> None:
    """``AccessDenied`` unless ``user`` may change ``key``."""
    if key not in PERSONAL_SETTINGS:
        require(user, Permission.CHANGE_SETTINGS)


def change_setting(db: Database, user: User, key: str, value: Any) -> None:
    """Set ``key`` (any JSON value) as ``user``; run on the writer's connection. ``None`` removes it.

    A key of the Settings window's catalogue must hold a valid value (``ValueError`` says why).
    """
    may_change(user, key)
    field = BY_KEY.get(key)
    if field is not None and value is not None:
        value = field.parse(value)
    repo = SettingsRepository(db)
    with db.atomic():
        if value is None:
            repo.delete(key)
        else:
            repo.set(key, value)
        audit.append(db, user.name, audit.Action.SETTING, key,
                     "removed" if value is None else json.dumps(value, ensure_ascii=False))


def read_settings(db: Database, user: User) -> dict[str, Any]:
    """Every stored setting (the administrator's view)."""
    require(user, Permission.CHANGE_SETTINGS)
    return SettingsRepository(db).all()

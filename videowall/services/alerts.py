"""Acknowledging a console alert: an operator action, checked here and written to the audit trail."""

from __future__ import annotations

import time
from concurrent.futures import Future

from sqlite_utils import Database

from videowall.domain.access import Permission, User, require
from videowall.domain.alerts import Alert, describe
from videowall.domain.health import HealthState
from videowall.domain.settings_model import AlertSettings
from videowall.security import audit
from videowall.storage.health_history import HealthHistoryRepository
from videowall.storage.settings import SettingsRepository
from videowall.storage.writer import DatabaseWriter


def acknowledge_alert(writer: DatabaseWriter, user: User, alert: Alert, at: float | None = None) -> Future[float]:
    """Audit ``user`` acknowledging ``alert`` (ACKNOWLEDGE_ALERTS, else ``AccessDenied`` and nothing written).

    The future gives the time recorded; the caller marks the alert once the row is written.
    """
    require(user, Permission.ACKNOWLEDGE_ALERTS)
    when = time.time() if at is None else at
    opened = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(alert.opened_at))
    detail = f"{describe(alert)}; opened {opened}"

    def work(db: Database) -> float:
        audit.append(db, user.name, audit.Action.ALERT_ACK, alert.subject, detail, at=when)
        return when

    return writer.submit(work)


def stored_health(db: Database) -> dict[str, HealthState]:
    """Each camera's last stored verdict (the camera tree's state icons before the first sweep)."""
    return {cid: c.record.state for cid, c in HealthHistoryRepository(db).current().items()}


def dark_debounce_s(db: Database) -> float:
    """The setting ``alerts.dark_debounce_s`` (its default when unset or not a number)."""
    return SettingsRepository(db).load(AlertSettings).dark_debounce_s

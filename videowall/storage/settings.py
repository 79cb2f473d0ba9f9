"""Small app settings stored as JSON values (last layout, wall geometry, ...)."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from sqlite_utils import Database

from videowall.domain.settings_model import settings_from, settings_values

T = TypeVar("T")


class SettingsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, key: str, default: Any = None) -> Any:
        row = self._db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return default if row is None else json.loads(row[0])

    def set(self, key: str, value: Any) -> None:
        """Store any JSON-serialisable value; raises TypeError (nothing written) when it is not."""
        encoded = json.dumps(value, ensure_ascii=False)
        self._db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, encoded],
        )

    def delete(self, key: str) -> None:
        self._db.execute("DELETE FROM settings WHERE key = ?", [key])

    def load(self, cls: type[T]) -> T:
        """A typed settings class (domain/settings_model.py) from the stored values; defaults where unset."""
        return settings_from(cls, self.all())

    def save(self, settings: object) -> None:
        """Write every field of a typed settings instance under its key (in the caller's transaction)."""
        for key, value in settings_values(settings).items():
            self.set(key, value)

    def all(self) -> dict[str, Any]:
        return {k: json.loads(v) for k, v in self._db.execute("SELECT key, value FROM settings ORDER BY key")}

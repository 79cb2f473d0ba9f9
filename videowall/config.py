"""Where videowall keeps its files.

The database lives in the user data directory and the encryption key in the config directory, so the
two never travel together in one copied folder. Every path can be overridden, by argument or by
environment (``VIDEOWALL_HOME`` for all of them at once, or ``VIDEOWALL_DATA_DIR``,
``VIDEOWALL_CONFIG_DIR``, ``VIDEOWALL_LOG_DIR`` one by one), so tests and demo runs never touch the
operator's real files.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "videowall"
DB_FILENAME = "videowall.db"
KEY_FILENAME = "credentials.key"
SIGNING_KEY_FILENAME = "evidence-signing.key"


@dataclass(frozen=True, slots=True)
class AppPaths:
    """The directories the app writes to; nothing is created until asked for."""

    data_dir: Path
    config_dir: Path
    log_dir: Path

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_FILENAME

    @property
    def key_path(self) -> Path:
        """The Fernet key file: kept apart from the database on purpose."""
        return self.config_dir / KEY_FILENAME

    @property
    def signing_key_path(self) -> Path:
        """The Ed25519 key evidence exports are signed with (0600, beside the credentials key)."""
        return self.config_dir / SIGNING_KEY_FILENAME


def app_paths(
    *,
    data_dir: Path | None = None,
    config_dir: Path | None = None,
    log_dir: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> AppPaths:
    """Resolve the paths: explicit arguments, then the environment, then platformdirs."""
    environ = os.environ if env is None else env
    dirs = PlatformDirs(APP_NAME, appauthor=False)
    home = environ.get("VIDEOWALL_HOME")
    base = Path(home) if home else None

    def pick(explicit: Path | None, var: str, sub: str, default: str) -> Path:
        if explicit is not None:
            return Path(explicit)
        if environ.get(var):
            return Path(environ[var])
        if base is not None:
            return base / sub
        return Path(default)

    return AppPaths(
        data_dir=pick(data_dir, "VIDEOWALL_DATA_DIR", "data", dirs.user_data_dir),
        config_dir=pick(config_dir, "VIDEOWALL_CONFIG_DIR", "config", dirs.user_config_dir),
        log_dir=pick(log_dir, "VIDEOWALL_LOG_DIR", "logs", dirs.user_log_dir),
    )


def default_db_path() -> Path:
    return app_paths().db_path


def default_key_path() -> Path:
    return app_paths().key_path

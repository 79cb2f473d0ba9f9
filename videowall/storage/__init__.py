"""SQLite storage: one writer thread, WAL readers, numbered migrations, repositories over domain types."""

from videowall.storage.cameras import CameraRepository
from videowall.storage.database import open_database
from videowall.storage.errors import CorruptDatabaseError, DatabaseBusyError, SchemaTooNewError, StorageError
from videowall.storage.layouts import LayoutRepository
from videowall.storage.settings import SettingsRepository
from videowall.storage.writer import DatabaseWriter

__all__ = [
    "CameraRepository",
    "CorruptDatabaseError",
    "DatabaseBusyError",
    "DatabaseWriter",
    "LayoutRepository",
    "SchemaTooNewError",
    "SettingsRepository",
    "StorageError",
    "open_database",
]

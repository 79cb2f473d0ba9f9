"""Storage errors that say which file and what is wrong, so the UI can show them instead of a traceback."""

from __future__ import annotations

from pathlib import Path


class StorageError(Exception):
    """Any problem with the database file; ``path`` and ``problem`` are shown to the operator."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class CorruptDatabaseError(StorageError):
    """The file is not an SQLite database or is damaged. It is left exactly as found."""


class SchemaTooNewError(StorageError):
    """The file was written by a newer videowall; opening it with this one could lose data."""


class DatabaseBusyError(StorageError):
    """Another process holds the database (a second videowall instance, a backup tool)."""


class DiskFullError(StorageError):
    """No space left where the database lives; what was committed before is intact."""


class ReadOnlyStorageError(StorageError):
    """The database or its folder cannot be written (read-only mount, permissions)."""

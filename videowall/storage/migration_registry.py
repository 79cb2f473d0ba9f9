"""The registry of numbered schema migrations (sqlite-utils' ``Migrations``) and its helpers.

Migrations register themselves in the modules that define them (``migrations_base``, ``migrations``);
``migrations`` imports them in order, so importing it gives the whole, ordered set.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database, Migrations

MIGRATION_SET = "videowall"
MIGRATIONS = Migrations(MIGRATION_SET)
MIGRATION_NAMES: list[str] = []


def migration(name: str) -> Callable[[Callable[[Database], None]], Callable[[Database], None]]:
    """Register a migration and remember its name, to spot databases written by a newer version."""

    def inner(fn: Callable[[Database], None]) -> Callable[[Database], None]:
        MIGRATION_NAMES.append(name)
        return MIGRATIONS(name=name)(fn)

    return inner


def run_statements(db: Database, statements: str) -> None:
    for statement in statements.split(";"):
        if statement.strip():
            db.execute(statement)

"""Numbered schema migrations, applied in order by sqlite-utils' ``Migrations``.

Never edit a migration that has shipped: add the next number instead. Each one runs in its own
transaction together with its ``_sqlite_migrations`` record, so a failure leaves the schema as it was.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database, Migrations

MIGRATION_SET = "videowall"
MIGRATIONS = Migrations(MIGRATION_SET)
MIGRATION_NAMES: list[str] = []


def _migration(name: str) -> Callable[[Callable[[Database], None]], Callable[[Database], None]]:
    """Register a migration and remember its name, to spot databases written by a newer version."""

    def inner(fn: Callable[[Database], None]) -> Callable[[Database], None]:
        MIGRATION_NAMES.append(name)
        return MIGRATIONS(name=name)(fn)

    return inner


def _run(db: Database, statements: str) -> None:
    for statement in statements.split(";"):
        if statement.strip():
            db.execute(statement)


@_migration("0001_register")
def _m0001_register(db: Database) -> None:
    """Cameras and the encrypted credentials they point to."""
    _run(
        db,
        """
        CREATE TABLE credentials (
            ref TEXT PRIMARY KEY,
            username TEXT NOT NULL DEFAULT '',
            secret BLOB NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE cameras (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            kecamatan TEXT NOT NULL DEFAULT '',
            kelurahan TEXT NOT NULL DEFAULT '',
            rw TEXT NOT NULL DEFAULT '',
            rt TEXT NOT NULL DEFAULT '',
            latitude REAL,
            longitude REAL,
            main_url TEXT NOT NULL DEFAULT '',
            sub_url TEXT NOT NULL DEFAULT '',
            onvif_host TEXT NOT NULL DEFAULT '',
            onvif_port INTEGER CHECK (onvif_port IS NULL OR onvif_port BETWEEN 1 AND 65535),
            ptz INTEGER NOT NULL DEFAULT 0 CHECK (ptz IN (0, 1)),
            status TEXT NOT NULL,
            tags TEXT NOT NULL DEFAULT '[]',
            notes TEXT NOT NULL DEFAULT '',
            credential_ref TEXT REFERENCES credentials(ref) ON DELETE SET NULL
        );
        -- the camera tree walks kecamatan > kelurahan > RW > RT and lists names in order
        CREATE INDEX idx_cameras_area ON cameras (kecamatan, kelurahan, rw, rt, name);
        CREATE INDEX idx_cameras_kelurahan ON cameras (kelurahan);
        CREATE INDEX idx_cameras_name ON cameras (name COLLATE NOCASE);
        CREATE INDEX idx_cameras_credential_ref ON cameras (credential_ref)
        """,
    )


@_migration("0002_layouts")
def _m0002_layouts(db: Database) -> None:
    """Saved walls. Tiles go with their layout; a tile may name a camera no longer in the register."""
    _run(
        db,
        """
        CREATE TABLE layouts (
            name TEXT PRIMARY KEY,
            rows INTEGER NOT NULL CHECK (rows >= 1),
            cols INTEGER NOT NULL CHECK (cols >= 1),
            updated_at TEXT NOT NULL
        );
        CREATE TABLE layout_tiles (
            layout TEXT NOT NULL REFERENCES layouts(name) ON DELETE CASCADE ON UPDATE CASCADE,
            idx INTEGER NOT NULL CHECK (idx >= 0),
            camera_id TEXT NOT NULL,
            stream TEXT NOT NULL CHECK (stream IN ('main', 'sub')),
            PRIMARY KEY (layout, idx)
        );
        CREATE INDEX idx_layout_tiles_camera ON layout_tiles (camera_id)
        """,
    )


@_migration("0003_settings")
def _m0003_settings(db: Database) -> None:
    _run(db, "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")

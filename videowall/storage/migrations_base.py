"""Schema migrations 0001-0010: the register, layouts, settings, PTZ, health, walls, evidence, privacy, city
and briefings. Never edit a migration that has shipped: add the next number in ``migrations``."""

from __future__ import annotations

from sqlite_utils import Database

from videowall.storage.migration_registry import migration as _migration
from videowall.storage.migration_registry import run_statements as _run


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


@_migration("0004_ptz")
def _m0004_ptz(db: Database) -> None:
    """Local PTZ presets, for cameras that cannot list or store their own.

    ``position_source`` records how the position was known when saved (the camera's GetStatus, or
    the last absolute target we sent), so nobody mistakes a commanded position for a measured one.
    No foreign key to cameras: a re-import replaces camera rows, and presets must survive that.
    """
    _run(
        db,
        """
        CREATE TABLE ptz_presets (
            camera_id TEXT NOT NULL,
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
            pan REAL NOT NULL CHECK (pan BETWEEN -1 AND 1),
            tilt REAL NOT NULL CHECK (tilt BETWEEN -1 AND 1),
            zoom REAL NOT NULL CHECK (zoom BETWEEN 0 AND 1),
            position_source TEXT NOT NULL CHECK (position_source IN ('status', 'commanded')),
            updated_at TEXT NOT NULL,
            PRIMARY KEY (camera_id, name)
        )
        """,
    )


@_migration("0005_health")
def _m0005_health(db: Database) -> None:
    """Health: state changes only (history, for uptime) and one current row per camera (the dashboard).

    Times are Unix seconds (UTC) as REAL: uptime sums and chart axes need numbers, not text. No
    foreign key to cameras: history outlives a camera leaving the register.
    """
    _run(
        db,
        """
        CREATE TABLE health_events (
            id INTEGER PRIMARY KEY,
            camera_id TEXT NOT NULL,
            at REAL NOT NULL,
            state TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT ''
        );
        -- covering (state included): uptime reads only this index, one seek per camera
        CREATE INDEX idx_health_events_camera_at ON health_events (camera_id, at, state);
        CREATE INDEX idx_health_events_at ON health_events (at);
        CREATE TABLE health_current (
            camera_id TEXT PRIMARY KEY,
            state TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            since REAL NOT NULL,
            last_checked REAL NOT NULL,
            latency_ms REAL,
            detail TEXT NOT NULL DEFAULT '',
            picture_checked REAL
        );
        CREATE INDEX idx_health_current_state ON health_current (state)
        """,
    )


@_migration("0006_wall_layouts")
def _m0006_wall_layouts(db: Database) -> None:
    """Span layouts (cells with row/column spans) and walls remembered by monitor identity."""
    _run(
        db,
        """
        CREATE TABLE layout_cells (
            layout TEXT NOT NULL REFERENCES layouts(name) ON DELETE CASCADE ON UPDATE CASCADE,
            idx INTEGER NOT NULL CHECK (idx >= 0),
            row INTEGER NOT NULL CHECK (row >= 0),
            col INTEGER NOT NULL CHECK (col >= 0),
            row_span INTEGER NOT NULL CHECK (row_span >= 1),
            col_span INTEGER NOT NULL CHECK (col_span >= 1),
            PRIMARY KEY (layout, idx)
        );
        CREATE TABLE walls (
            monitor_key TEXT PRIMARY KEY,
            monitor TEXT NOT NULL,
            layout TEXT,
            enabled INTEGER NOT NULL DEFAULT 1,
            updated_at TEXT NOT NULL
        )
        """,
    )


@_migration("0007_evidence")
def _m0007_evidence(db: Database) -> None:
    """Incident bookmarks, cases and the chain of custody.

    Times are Unix seconds (UTC). Custody events are append-only (triggers refuse UPDATE and DELETE),
    and a bookmark that left the building in an export cannot be deleted, even by hand-written SQL.
    """
    _run(
        db,
        """
        CREATE TABLE cases (
            id INTEGER PRIMARY KEY,
            number TEXT NOT NULL UNIQUE CHECK (length(number) BETWEEN 1 AND 64),
            title TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
            created_at REAL NOT NULL,
            created_by TEXT NOT NULL DEFAULT '',
            closed_at REAL,
            closed_by TEXT NOT NULL DEFAULT '',
            exported_at REAL
        );
        CREATE TABLE bookmarks (
            id INTEGER PRIMARY KEY,
            camera_id TEXT NOT NULL,
            camera_name TEXT NOT NULL DEFAULT '',
            area TEXT NOT NULL DEFAULT '',
            at REAL NOT NULL,
            operator TEXT NOT NULL,
            category TEXT NOT NULL DEFAULT 'lainnya',
            note TEXT NOT NULL DEFAULT '',
            tags TEXT NOT NULL DEFAULT '[]',
            priority INTEGER NOT NULL DEFAULT 2 CHECK (priority BETWEEN 1 AND 3),
            snapshot_path TEXT NOT NULL DEFAULT '',
            clip_state TEXT NOT NULL DEFAULT 'pending'
                CHECK (clip_state IN ('pending', 'saved', 'partial', 'none', 'failed')),
            clip_path TEXT NOT NULL DEFAULT '',
            clip_start REAL,
            clip_end REAL,
            pre_s REAL NOT NULL,
            post_s REAL NOT NULL,
            clip_note TEXT NOT NULL DEFAULT '',
            clip_sha256 TEXT NOT NULL DEFAULT '',
            case_id INTEGER REFERENCES cases(id) ON DELETE SET NULL,
            exported_at REAL
        );
        CREATE INDEX idx_bookmarks_at ON bookmarks (at);
        CREATE INDEX idx_bookmarks_camera_at ON bookmarks (camera_id, at);
        CREATE INDEX idx_bookmarks_case ON bookmarks (case_id);
        CREATE TABLE custody_events (
            id INTEGER PRIMARY KEY,
            at REAL NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            case_id INTEGER REFERENCES cases(id),
            bookmark_ids TEXT NOT NULL DEFAULT '[]',
            target TEXT NOT NULL DEFAULT '',
            detail TEXT NOT NULL DEFAULT '',
            manifest_sha256 TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX idx_custody_case ON custody_events (case_id, at)
        """,
    )
    for trigger in (  # one statement each: _run splits on ";"
        """CREATE TRIGGER custody_no_update BEFORE UPDATE ON custody_events
           BEGIN SELECT RAISE(ABORT, 'the chain of custody is append-only'); END""",
        """CREATE TRIGGER custody_no_delete BEFORE DELETE ON custody_events
           BEGIN SELECT RAISE(ABORT, 'the chain of custody is append-only'); END""",
        """CREATE TRIGGER bookmarks_keep_exported BEFORE DELETE ON bookmarks
           WHEN OLD.exported_at IS NOT NULL
             OR (SELECT exported_at FROM cases WHERE id = OLD.case_id) IS NOT NULL
           BEGIN SELECT RAISE(ABORT, 'bookmark is part of an exported case'); END""",
    ):
        db.execute(trigger)


@_migration("0008_privacy")
def _m0008_privacy(db: Database) -> None:
    """Users, the hash-chained audit trail, privacy masks, private cameras, scene references, quarantine.

    The audit table is append-only (triggers refuse UPDATE and DELETE); the chain in its rows is the
    first line of defence, the triggers the second. ``audit_head`` remembers the last row's hash, so
    dropping the newest rows is noticed too. Times are Unix seconds (UTC).
    """
    _run(
        db,
        """
        CREATE TABLE users (
            name TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 64),
            role TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            created_at REAL NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
        );
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at REAL NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL DEFAULT '',
            detail TEXT NOT NULL DEFAULT '',
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX idx_audit_at ON audit_log (at);
        CREATE TABLE audit_head (
            one INTEGER PRIMARY KEY CHECK (one = 1),
            last_id INTEGER NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE TABLE privacy_masks (
            camera_id TEXT PRIMARY KEY,
            polygons TEXT NOT NULL DEFAULT '[]',
            lifted_until REAL,
            lifted_by TEXT NOT NULL DEFAULT '',
            updated_at REAL NOT NULL
        );
        CREATE TABLE private_cameras (
            camera_id TEXT PRIMARY KEY,
            marked_by TEXT NOT NULL DEFAULT '',
            marked_at REAL NOT NULL
        );
        CREATE TABLE scene_references (
            camera_id TEXT PRIMARY KEY,
            path TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            provisional INTEGER NOT NULL DEFAULT 1 CHECK (provisional IN (0, 1)),
            approved_by TEXT NOT NULL DEFAULT '',
            approved_at REAL NOT NULL
        );
        CREATE TABLE quarantine (
            camera_id TEXT PRIMARY KEY,
            since REAL NOT NULL,
            score TEXT NOT NULL DEFAULT '',
            still_path TEXT NOT NULL DEFAULT ''
        )
        """,
    )
    for trigger in (
        """CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log
           BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END""",
        """CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log
           BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END""",
    ):
        db.execute(trigger)


@_migration("0009_city")
def _m0009_city(db: Database) -> None:
    """Operators' favourite cameras (starred in the camera tree). Tags stay on ``cameras.tags`` (JSON)."""
    _run(
        db,
        """
        CREATE TABLE favourites (
            camera_id TEXT PRIMARY KEY,
            added_at REAL NOT NULL
        )
        """,
    )


@_migration("0010_briefings")
def _m0010_briefings(db: Database) -> None:
    # A briefing is one versioned JSON document (domain/briefing.py): edited and exported whole.
    _run(
        db,
        """
        CREATE TABLE briefings (
            name TEXT PRIMARY KEY,
            document TEXT NOT NULL,
            updated_at REAL NOT NULL
        )
        """,
    )

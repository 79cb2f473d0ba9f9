"""Numbered schema migrations, applied in order by sqlite-utils' ``Migrations``.

Never edit a migration that has shipped: add the next number instead. Each one runs in its own
transaction together with its ``_sqlite_migrations`` record, so a failure leaves the schema as it was.
0001-0010 are in ``migrations_base`` (imported first, so they register first); later ones are here.
"""

from __future__ import annotations

from sqlite_utils import Database

from videowall.storage import migrations_base  # noqa: F401 (registers 0001-0010 before the ones below)
from videowall.storage.migration_registry import MIGRATION_NAMES, MIGRATION_SET, MIGRATIONS
from videowall.storage.migration_registry import migration as _migration
from videowall.storage.migration_registry import run_statements as _run

__all__ = ["MIGRATIONS", "MIGRATION_NAMES", "MIGRATION_SET"]


@_migration("0011_clip_parts")
def _m0011_clip_parts(db: Database) -> None:
    # A stream lost and back inside a bookmark's window: the video on the other side of the gap, as
    # more clip files ([{"path", "start", "end", "sha256"}, ...] in time order, beside clip_path).
    _run(db, "ALTER TABLE bookmarks ADD COLUMN extra_clips TEXT NOT NULL DEFAULT '[]'")


@_migration("0012_audit_actor_index")
def _m0012_audit_actor_index(db: Database) -> None:
    # Sign-in lockout counts a name's recent failures in the audit trail on every attempt.
    _run(db, "CREATE INDEX idx_audit_actor_action ON audit_log (actor, action, at)")


@_migration("0013_reference_origin")
def _m0013_reference_origin(db: Database) -> None:
    # A first picture is no longer a reference by itself: it is a candidate until a supervisor approves
    # it, or trusted without review while the setting trust_first_pictures is on (a migration). The
    # automatic ("provisional") references taken before this were approved by nobody: candidates now.
    _run(
        db,
        """
        ALTER TABLE scene_references ADD COLUMN origin TEXT NOT NULL DEFAULT 'candidate'
            CHECK (origin IN ('candidate', 'approved', 'trusted'));
        ALTER TABLE scene_references ADD COLUMN taken_at REAL NOT NULL DEFAULT 0;
        UPDATE scene_references SET taken_at = approved_at;
        UPDATE scene_references SET origin = 'approved' WHERE provisional = 0;
        UPDATE scene_references SET approved_by = '', approved_at = 0 WHERE origin = 'candidate'
        """,
    )


@_migration("0014_tours")
def _m0014_tours(db: Database) -> None:
    # Named tours (domain/tour.py): camera ids for a tile, or layout names for a wall, a dwell per step.
    _run(
        db,
        """
        CREATE TABLE tours (
            name TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('cameras', 'layouts')),
            updated_at REAL NOT NULL,
            updated_by TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE tour_steps (
            tour TEXT NOT NULL REFERENCES tours(name) ON DELETE CASCADE ON UPDATE CASCADE,
            idx INTEGER NOT NULL CHECK (idx >= 0),
            item TEXT NOT NULL,
            dwell_s REAL NOT NULL CHECK (dwell_s > 0),
            PRIMARY KEY (tour, idx)
        )
        """,
    )


@_migration("0014_camera_retired")
def _m0014_camera_retired(db: Database) -> None:
    # A register sync retires the cameras the city took out of its list instead of deleting them:
    # bookmarks, cases and health history keep naming them. NULL: in service; else when retired.
    _run(db, "ALTER TABLE cameras ADD COLUMN retired_at REAL")


@_migration("0015_ptz_locks")
def _m0015_ptz_locks(db: Database) -> None:
    # One operator at a time (domain/ptz_lock.py): who holds a camera's PTZ, from which console, until
    # when (epoch seconds); seq grows with each change so the row could travel as a broker message.
    _run(
        db,
        """
        CREATE TABLE ptz_locks (
            camera_id TEXT PRIMARY KEY,
            holder TEXT NOT NULL,
            role TEXT NOT NULL,
            console TEXT NOT NULL,
            since REAL NOT NULL,
            until REAL NOT NULL,
            seq INTEGER NOT NULL DEFAULT 1,
            taken_from TEXT NOT NULL DEFAULT ''
        )
        """,
    )


@_migration("0016_ptz_patrols")
def _m0016_ptz_patrols(db: Database) -> None:
    # Preset patrols and park (domain/ptz_patrol.py): per camera, presets by name in order with a dwell,
    # the idle time before an interrupted patrol goes on, and an optional park preset with its idle time;
    # running_*: which console runs the patrol now (its heartbeat, epoch s), so no second console runs it too.
    _run(
        db,
        """
        CREATE TABLE ptz_patrols (
            camera_id TEXT PRIMARY KEY,
            resume_idle_s REAL NOT NULL CHECK (resume_idle_s > 0),
            park_preset TEXT NOT NULL DEFAULT '',
            park_idle_s REAL NOT NULL DEFAULT 0 CHECK (park_idle_s >= 0),
            updated_at REAL NOT NULL,
            updated_by TEXT NOT NULL DEFAULT '',
            running_console TEXT NOT NULL DEFAULT '',
            running_by TEXT NOT NULL DEFAULT '',
            running_seen REAL NOT NULL DEFAULT 0
        );
        CREATE TABLE ptz_patrol_steps (
            camera_id TEXT NOT NULL REFERENCES ptz_patrols(camera_id) ON DELETE CASCADE,
            idx INTEGER NOT NULL CHECK (idx >= 0),
            preset TEXT NOT NULL,
            dwell_s REAL NOT NULL CHECK (dwell_s > 0),
            PRIMARY KEY (camera_id, idx)
        )
        """,
    )


@_migration("0017_recorder_sources")
def _m0017_recorder_sources(db: Database) -> None:
    # Where a camera's recordings are (issue 22 item 1, domain/recorder_source.py): an ONVIF Profile G
    # recorder (host:port, recording token or '' to find it by search) or a vendor playback URL template;
    # the recorder's time zone and clock offset. The account is in the credential store: credential_ref
    # only, never a password.
    _run(
        db,
        """
        CREATE TABLE recorder_sources (
            camera_id TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('onvif', 'hikvision', 'dahua')),
            address TEXT NOT NULL CHECK (address != ''),
            recording_token TEXT NOT NULL DEFAULT '',
            timezone TEXT NOT NULL DEFAULT 'UTC',
            clock_offset_s REAL NOT NULL DEFAULT 0,
            credential_ref TEXT,
            updated_at REAL NOT NULL,
            updated_by TEXT NOT NULL DEFAULT ''
        );
        """,
    )


@_migration("0018_relay")
def _m0018_relay(db: Database) -> None:
    # Per camera: watched through the control room's relay (one pull per camera, domain/relay.py), or
    # straight from the camera (0, as before).
    _run(db, "ALTER TABLE cameras ADD COLUMN via_relay INTEGER NOT NULL DEFAULT 0")


@_migration("0019_wall_presets")
def _m0019_wall_presets(db: Database) -> None:
    # Wall presets (issue 21 item 3, domain/wall_presets.py): which grid and cameras on which monitor of which
    # wall agent, applied in one action from the wall map. Cameras by id (a JSON list, null = empty tile);
    # their stream addresses are looked up in the register when the preset is applied.
    _run(
        db,
        """
        CREATE TABLE wall_presets (
            name TEXT PRIMARY KEY CHECK (name != ''),
            saved_at REAL NOT NULL,
            saved_by TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE wall_preset_monitors (
            preset TEXT NOT NULL REFERENCES wall_presets(name) ON DELETE CASCADE,
            agent TEXT NOT NULL,
            monitor TEXT NOT NULL,
            layout TEXT NOT NULL,
            cameras TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (preset, agent, monitor)
        );
        """,
    )

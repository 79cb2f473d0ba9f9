"""Opening the database: migrations, WAL, and refusing damaged files without touching them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from videowall.config import app_paths
from videowall.storage.database import open_database
from videowall.storage.errors import CorruptDatabaseError, SchemaTooNewError, StorageError
from videowall.storage.migrations import MIGRATION_NAMES, MIGRATION_SET

TABLES = {"cameras", "credentials", "layouts", "layout_tiles", "settings"}
INDEXES = {"idx_cameras_area", "idx_cameras_kelurahan", "idx_cameras_name", "idx_layout_tiles_camera"}


def names(db_path: Path, kind: str) -> set[str]:
    with sqlite3.connect(db_path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = ?", [kind])}


def test_migrations_from_empty_create_everything(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "videowall.db"
    db = open_database(path)
    db.close()
    assert names(path, "table") >= TABLES
    assert names(path, "index") >= INDEXES
    with sqlite3.connect(path) as conn:
        applied = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid", [MIGRATION_SET]
            )
        ]
        cols = {r[1] for r in conn.execute("PRAGMA table_info(cameras)")}
    assert applied == MIGRATION_NAMES
    assert {"kecamatan", "kelurahan", "tags", "credential_ref", "onvif_port", "ptz", "status"} <= cols


def test_rerunning_migrations_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "v.db"
    open_database(path).close()
    db = open_database(path)
    rows = db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    db.close()
    assert rows == len(MIGRATION_NAMES)


def test_wal_mode_and_foreign_keys(tmp_path: Path) -> None:
    db = open_database(tmp_path / "v.db")
    assert db.journal_mode == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    db.close()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"id_titik,nama_titik\nA,B\n" * 50, "not an SQLite database"),
        (b"SQLite format 3\x00" + b"\x07" * 40, "truncated"),
        (b"SQLite format 3\x00" + b"\x10\x00\x01\x01" + b"\xab" * 4000, "damaged"),
    ],
)
def test_bad_file_gives_clear_error_and_is_left_untouched(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "videowall.db"
    path.write_bytes(content)
    with pytest.raises(CorruptDatabaseError) as info:
        open_database(path)
    assert info.value.path == path
    assert words in str(info.value)
    assert str(path) in str(info.value)
    assert path.read_bytes() == content
    assert not (tmp_path / "videowall.db-wal").exists()


def test_damaged_pages_in_real_database(tmp_path: Path) -> None:
    path = tmp_path / "v.db"
    db = open_database(path)
    db.execute("PRAGMA journal_mode = delete")
    db.close()
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # smash the second page (a table b-tree)
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabaseError, match="damaged"):
        open_database(path)
    assert path.read_bytes() == bytes(data)


def test_directory_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="not a regular file"):
        open_database(tmp_path)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "v.db"
    db = open_database(path)
    db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
        [MIGRATION_SET, "0999_future", "2030-01-01"],
    )
    db.close()
    with pytest.raises(SchemaTooNewError, match="newer videowall"):
        open_database(path)


def test_reader_needs_a_migrated_database(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="writer"):
        open_database(tmp_path / "new.db", migrate=False)
    open_database(tmp_path / "new.db").close()
    open_database(tmp_path / "new.db", migrate=False).close()


def test_paths_are_overridable(tmp_path: Path) -> None:
    paths = app_paths(env={"VIDEOWALL_HOME": str(tmp_path)})
    assert paths.db_path == tmp_path / "data" / "videowall.db"
    assert paths.key_path.parent == tmp_path / "config"
    assert paths.key_path.parent != paths.db_path.parent
    paths = app_paths(
        data_dir=tmp_path / "d", env={"VIDEOWALL_HOME": "/nowhere", "VIDEOWALL_LOG_DIR": "/logs"}
    )
    assert (paths.data_dir, paths.log_dir) == (tmp_path / "d", Path("/logs"))
    default = app_paths(env={})
    assert "videowall" in str(default.data_dir)

"""The single database writer: its own thread, futures, errors, and readers beside it (WAL)."""

from __future__ import annotations

import threading
from functools import partial
from pathlib import Path

import pytest
from sqlite_utils import Database

from videowall.domain.camera import Camera
from videowall.storage.cameras import CameraRepository
from videowall.storage.database import open_database
from videowall.storage.errors import CorruptDatabaseError
from videowall.storage.settings import SettingsRepository
from videowall.storage.writer import DatabaseWriter


def set_setting(db: Database, key: str, value: int) -> None:
    SettingsRepository(db).set(key, value)


def echo(db: Database, value: int) -> int:
    return value


def test_writes_run_on_the_writer_thread_and_return_futures(tmp_path: Path) -> None:
    with DatabaseWriter(tmp_path / "v.db") as writer:
        ident = writer.submit(lambda db: threading.get_ident()).result(timeout=5)
        assert ident == writer.thread_ident != threading.get_ident()
        futures = [writer.submit(partial(set_setting, key=f"k{i}", value=i)) for i in range(20)]
        assert [f.result(timeout=5) for f in futures] == [None] * 20
        assert writer.submit(lambda db: SettingsRepository(db).get("k7")).result(timeout=5) == 7


def test_errors_propagate_and_roll_the_job_back(tmp_path: Path) -> None:
    def half_then_fail(db: Database) -> None:
        CameraRepository(db).upsert_many([Camera(id="A", name="a", main_url="rtsp://h/a")])
        raise ValueError("boom")

    with DatabaseWriter(tmp_path / "v.db") as writer:
        with pytest.raises(ValueError, match="boom"):
            writer.submit(half_then_fail).result(timeout=5)
        assert writer.submit(lambda db: CameraRepository(db).count()).result(timeout=5) == 0
        assert writer.running


def test_reader_sees_committed_writes_while_writer_runs(tmp_path: Path) -> None:
    path = tmp_path / "v.db"
    with DatabaseWriter(path) as writer:
        reader = open_database(path, migrate=False)
        writer.submit(
            lambda db: CameraRepository(db).upsert_many([Camera(id="A", name="a", main_url="rtsp://h")])
        ).result(5)
        assert CameraRepository(reader).count() == 1
        assert reader.journal_mode == "wal"
        reader.close()


def test_lifecycle(tmp_path: Path) -> None:
    writer = DatabaseWriter(tmp_path / "v.db")
    with pytest.raises(RuntimeError, match="not running"):
        writer.submit(lambda db: None)
    writer.start()
    with pytest.raises(RuntimeError, match="already"):
        writer.start()
    slow = [writer.submit(partial(echo, value=i)) for i in range(50)]
    writer.stop()
    assert [f.result(timeout=0) for f in slow] == list(range(50))  # queued work is drained before stopping
    assert not writer.running
    with pytest.raises(RuntimeError):
        writer.submit(lambda db: None)
    writer.stop()  # a second stop is harmless


def test_start_on_corrupt_file_raises_storage_error(tmp_path: Path) -> None:
    path = tmp_path / "v.db"
    path.write_bytes(b"\x00garbage" * 100)
    writer = DatabaseWriter(path)
    with pytest.raises(CorruptDatabaseError):
        writer.start()
    assert not writer.running
    assert path.read_bytes() == b"\x00garbage" * 100

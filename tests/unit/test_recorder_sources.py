"""Issue 22 item 1 (storage part): a camera's recorder source in the register database, its account in the
credential store and never in the table, and the checks on what a source may be."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from videowall.domain.recorder_source import RecorderKind, RecorderSource, recorder_source
from videowall.domain.urls import Credentials
from videowall.security.secrets import CredentialStore
from videowall.storage.database import open_database
from videowall.storage.migrations import MIGRATION_NAMES
from videowall.storage.recorder_sources import RecorderSourceRepository

PASSWORD = "nvr-Secret-77"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    os.environ["VIDEOWALL_KEYRING"] = "off"
    database = open_database(tmp_path / "videowall.db")
    yield database
    database.close()


def test_the_migration_is_0017_recorder_sources() -> None:
    assert MIGRATION_NAMES.index("0017_recorder_sources") == MIGRATION_NAMES.index("0016_ptz_patrols") + 1


def test_an_onvif_source_and_its_account_round_trip_without_a_password_in_the_database(
        db: Database, tmp_path: Path) -> None:
    store = CredentialStore(db, tmp_path / "credentials.key", keyring=None)
    repo = RecorderSourceRepository(db, store)
    source, creds = recorder_source("CAM01", "ONVIF", f"viewer:{PASSWORD}@127.0.0.1:8899", timezone="Asia/Jakarta",
                                    clock_offset_s=90)
    assert source.address == "127.0.0.1:8899" and creds == Credentials("viewer", PASSWORD)
    repo.save(source, creds, by="admin")
    assert repo.get("CAM01") == RecorderSource("CAM01", RecorderKind.ONVIF, "127.0.0.1:8899", "", "Asia/Jakarta", 90.0)
    assert repo.credentials("CAM01") == Credentials("viewer", PASSWORD)
    db.conn.commit()
    assert PASSWORD.encode() not in (tmp_path / "videowall.db").read_bytes()
    dump = "\n".join(db.conn.iterdump())
    assert PASSWORD not in dump and "recorder:CAM01" in dump
    repo.save(RecorderSource("CAM01", RecorderKind.ONVIF, "127.0.0.1:8899", "REC-CAM01"))  # account kept
    assert repo.credentials("CAM01") == Credentials("viewer", PASSWORD)
    assert repo.remove("CAM01") and repo.get("CAM01") is None and store.count() == 0


def test_a_vendor_template_loses_its_credentials_and_needs_start_and_end(db: Database, tmp_path: Path) -> None:
    url = f"rtsp://admin:{PASSWORD}@127.0.0.1:554/Streaming/tracks/101?starttime={{start}}&endtime={{end}}"
    source, creds = recorder_source("CAM02", "hikvision", url)
    assert source.address == "rtsp://127.0.0.1:554/Streaming/tracks/101?starttime={start}&endtime={end}"
    assert creds == Credentials("admin", PASSWORD) and source.problems() == []
    repo = RecorderSourceRepository(db, CredentialStore(db, tmp_path / "k", keyring=None))
    with pytest.raises(ValueError, match=r"needs \{end\}"):
        repo.save(RecorderSource("CAM03", RecorderKind.DAHUA, "rtsp://10.0.0.9/cam/playback?starttime={start}"))
    with pytest.raises(ValueError, match="must not carry credentials"):
        repo.save(RecorderSource("CAM03", RecorderKind.ONVIF, "u:p@10.0.0.9:80"))
    with pytest.raises(ValueError, match="unknown time zone"):
        repo.save(RecorderSource("CAM03", RecorderKind.ONVIF, "10.0.0.9:80", timezone="Mars/Olympus"))
    assert repo.all() == []

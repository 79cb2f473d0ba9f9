"""The relay's rules and the register's ``lewat_relay`` column: where a relayed camera is served, which
streams the relay pulls, the column read and written back, and the console's URL for such a camera
(the relay's, with the relay's account, never the camera's)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils import Database

from videowall.domain.camera import Camera, ServiceStatus, StreamKind
from videowall.domain.register import RowProblem, RowValidator, ValidRow
from videowall.domain.register_rows import REGISTER_HEADER, camera_to_register_row
from videowall.domain.register_words import reason_text
from videowall.domain.relay import (
    RELAY_ACCOUNT_REF,
    RELAY_URL_SETTING,
    UpstreamState,
    relay_base,
    relay_stream_url,
    relayed_streams,
)
from videowall.domain.urls import Credentials
from videowall.security.secrets import CredentialStore, KeyFile
from videowall.services.stream_urls import StreamUrlResolver
from videowall.storage.cameras import CameraRepository
from videowall.storage.readers import ReadConnections
from videowall.storage.settings import SettingsRepository
from videowall.storage.writer import DatabaseWriter

ROW = {"id": "CAM 7/A", "name": "Simpang Lima", "main_url": "rtsp://10.0.0.1:554/main",
       "sub_url": "rtsp://10.0.0.1:554/sub", "status": "aktif"}


def test_relay_paths_and_streams() -> None:
    both = Camera("CAM 7/A", "x", main_url="rtsp://c/main", sub_url="rtsp://c/sub", via_relay=True)
    single = Camera("ONE", "y", main_url="rtsp://c/only", via_relay=True)
    direct = Camera("DIRECT", "z", main_url="rtsp://c/d")
    off = Camera("OFF", "o", main_url="rtsp://c/o", via_relay=True, status=ServiceStatus.INACTIVE)
    assert relay_stream_url("rtsp://10.0.0.5:8600/", both, StreamKind.SUB) == "rtsp://10.0.0.5:8600/cam/CAM%207%2FA/sub"
    assert relay_stream_url("rtsp://10.0.0.5:8600", single, StreamKind.SUB).endswith("/cam/ONE/main")
    assert [(c.id, k) for c, k in relayed_streams([both, single, direct, off])] == [
        ("CAM 7/A", StreamKind.MAIN), ("CAM 7/A", StreamKind.SUB), ("ONE", StreamKind.MAIN)]
    for bad in ("", "http://h:1", "rtsp://u:p@h:8600"):
        with pytest.raises(ValueError):
            relay_base(bad)


def test_status_line_says_state_since_and_why() -> None:
    state = UpstreamState.from_json("/cam/X/sub", {"state": "down", "since": 0, "viewers": 2, "restarts": 3,
                                                   "error": "Could not read from resource."})
    assert state.line().split() == ["/cam/X/sub", "down", "since", "00:00:00", "UTC", "viewers", "2", "restarts",
                                    "3", "(Could", "not", "read", "from", "resource.)"]
    assert UpstreamState.from_json("p", {"state": "bogus"}).state == "idle"


def test_register_column_reads_and_writes_back() -> None:
    valid = RowValidator().validate(2, {**ROW, "via_relay": "ya"})
    assert isinstance(valid, ValidRow) and valid.camera.via_relay
    plain = RowValidator().validate(2, dict(ROW))
    assert isinstance(plain, ValidRow) and not plain.camera.via_relay
    bad = RowValidator().validate(2, {**ROW, "via_relay": "kadang"})
    assert isinstance(bad, RowProblem) and bad.codes[0].value == "bad_value"
    assert "lewat_relay 'kadang' bukan ya/tidak" in reason_text(bad.message, "id")
    row = dict(zip(REGISTER_HEADER, camera_to_register_row(valid.camera), strict=True))
    assert row["lewat_relay"] == "ya"


def test_console_url_of_a_relayed_camera_is_the_relays_with_the_relay_account(tmp_path: Path) -> None:
    db_path, key = tmp_path / "v.db", tmp_path / "key"
    cam_creds, relay_creds = Credentials("cam", "camera-secret"), Credentials("relay", "relay-secret")
    with DatabaseWriter(db_path) as writer:
        def setup(db: Database) -> None:
            store = CredentialStore(db, KeyFile(key), keyring=None)
            ref = store.put(cam_creds)
            CameraRepository(db).upsert_many([
                Camera("R1", "r", main_url="rtsp://10.0.0.1/m", sub_url="rtsp://10.0.0.1/s", credential_ref=ref,
                       via_relay=True),
                Camera("D1", "d", main_url="rtsp://10.0.0.2/m", credential_ref=ref)])
        writer.submit(setup).result(10)
        readers = ReadConnections(db_path)
        resolve = StreamUrlResolver(readers, key)
        relayed = CameraRepository(readers.get()).get("R1")
        direct = CameraRepository(readers.get()).get("D1")
        assert relayed is not None and direct is not None
        # no relay configured yet: watched straight from the camera rather than dark
        assert resolve(relayed, StreamKind.SUB) == "rtsp://cam:camera-secret@10.0.0.1/s"
        writer.submit(lambda db: SettingsRepository(db).set(RELAY_URL_SETTING, "rtsp://127.0.0.1:8600")).result(10)
        writer.submit(lambda db: CredentialStore(db, KeyFile(key), keyring=None).put(relay_creds, RELAY_ACCOUNT_REF)
                      ).result(10)
        assert resolve(relayed, StreamKind.SUB) == "rtsp://relay:relay-secret@127.0.0.1:8600/cam/R1/sub"
        assert resolve(direct, StreamKind.MAIN) == "rtsp://cam:camera-secret@10.0.0.2/m"
        readers.close()

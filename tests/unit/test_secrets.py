"""Credential secrecy: Fernet ciphertext in the database, the key in a 0600 file outside it."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from videowall.domain.urls import Credentials
from videowall.security.secrets import CredentialError, CredentialStore, KeyFile
from videowall.storage.database import open_database

PASSWORD = "Rahasia!23"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "data" / "videowall.db")
    yield database
    database.close()


def test_round_trip_and_key_file_permissions(db: Database, tmp_path: Path) -> None:
    key = tmp_path / "config" / "credentials.key"
    store = CredentialStore(db, key)
    ref = store.put(Credentials("admin", PASSWORD))
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert key.parent != Path(db.conn.execute("PRAGMA database_list").fetchone()[2]).parent
    assert store.get(ref) == Credentials("admin", PASSWORD)
    # a fresh store (new process) reads it back with the same key file
    assert CredentialStore(db, KeyFile(key)).get(ref).password == PASSWORD


def test_secret_column_holds_ciphertext_only(db: Database, tmp_path: Path) -> None:
    store = CredentialStore(db, tmp_path / "k.key")
    ref = store.put(Credentials("admin", PASSWORD), ref="camera:A")
    assert ref == "camera:A"
    username, secret = db.execute("SELECT username, secret FROM credentials WHERE ref = ?", [ref]).fetchone()
    assert username == "admin"
    assert isinstance(secret, bytes)
    assert PASSWORD.encode() not in secret and b"Rahasia" not in secret
    assert "Rahasia" not in db.execute("SELECT quote(secret) FROM credentials").fetchone()[0]


def test_put_with_same_ref_replaces(db: Database, tmp_path: Path) -> None:
    store = CredentialStore(db, tmp_path / "k.key")
    store.put(Credentials("a", "one"), ref="r")
    store.put(Credentials("b", "two"), ref="r")
    assert store.get("r") == Credentials("b", "two")
    assert store.count() == 1
    store.delete("r")
    with pytest.raises(CredentialError, match="no stored"):
        store.get("r")


def test_wrong_key_gives_clear_error(db: Database, tmp_path: Path) -> None:
    ref = CredentialStore(db, tmp_path / "k1.key").put(Credentials("admin", PASSWORD))
    KeyFile(tmp_path / "k2.key").create()
    with pytest.raises(CredentialError, match="wrong key"):
        CredentialStore(db, tmp_path / "k2.key").get(ref)


def test_missing_key_is_not_silently_replaced(db: Database, tmp_path: Path) -> None:
    key = tmp_path / "k.key"
    ref = CredentialStore(db, key).put(Credentials("admin", PASSWORD))
    key.unlink()
    with pytest.raises(CredentialError, match="missing"):
        CredentialStore(db, key).get(ref)
    with pytest.raises(CredentialError, match="restore the key file"):
        CredentialStore(db, key).put(Credentials("x", "y"))
    assert not key.exists()


def test_existing_key_file_is_never_overwritten(tmp_path: Path) -> None:
    key = KeyFile(tmp_path / "k.key")
    first = key.create()
    assert KeyFile(tmp_path / "k.key").create() == first


def test_invalid_key_file(db: Database, tmp_path: Path) -> None:
    key = tmp_path / "k.key"
    key.write_text("not a key")
    with pytest.raises(CredentialError, match="valid key"):
        CredentialStore(db, key).put(Credentials("a", "b"))


def test_swapped_ciphertext_is_detected(db: Database, tmp_path: Path) -> None:
    store = CredentialStore(db, tmp_path / "k.key")
    store.put(Credentials("admin", "one"), ref="a")
    store.put(Credentials("admin", "two"), ref="b")
    db.execute(
        "UPDATE credentials SET secret = (SELECT secret FROM credentials WHERE ref = 'a') WHERE ref = 'b'"
    )
    with pytest.raises(CredentialError, match="do not belong"):
        store.get("b")


def test_password_never_in_repr_or_logs(
    db: Database, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG")
    store = CredentialStore(db, tmp_path / "k.key")
    creds = store.get(store.put(Credentials("admin", PASSWORD)))
    assert PASSWORD not in repr(creds)
    assert PASSWORD not in caplog.text

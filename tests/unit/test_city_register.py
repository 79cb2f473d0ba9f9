"""Register export round trips through the importer; favourites and bulk edits in SQLite."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from videowall.domain.access import SYSTEM_USER as ADMIN
from videowall.domain.camera import Camera, ServiceStatus
from videowall.security.secrets import CredentialStore, KeyFile
from videowall.services.register_export import export_register
from videowall.services.register_import import import_register, read_register
from videowall.sim.register_gen import generate_cameras, write_register
from videowall.storage.cameras import CameraRepository
from videowall.storage.city import CameraEdits, FavouriteRepository
from videowall.storage.database import open_database


def _without_ref(cameras: list[Camera]) -> list[Camera]:
    return [replace(c, credential_ref=None) for c in cameras]


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_shared_register_round_trips_through_export(shared_data: Path, tmp_path: Path, suffix: str) -> None:
    original = read_register(shared_data / "city_cameras.csv")
    assert len(original.valid) == 4605
    cameras = [row.camera for row in original.valid]
    out = export_register(cameras, tmp_path / f"register{suffix}")
    text = out.read_text(encoding="utf-8")
    assert "Rahasia" not in text and "%21" not in text  # the register's test password never leaves the store
    again = read_register(out)
    assert not again.problems
    assert [row.camera for row in again.valid] == cameras
    if suffix == ".json":
        assert "without passwords" in json.loads(text)["note"]
    else:
        assert text.splitlines()[0].startswith("id_titik,nama_titik,jenis,kecamatan,kelurahan,rw,rt,")


def test_database_round_trip_with_tags_and_credentials(tmp_path: Path, shared_data: Path) -> None:
    """Import -> export -> import into a fresh database: the same register, passwords not carried."""
    key = KeyFile(tmp_path / "key")
    first = open_database(tmp_path / "a.db")
    import_register(shared_data / "city_cameras.csv", first, CredentialStore(first, key), user=ADMIN, valid_only=True)
    generated = write_register(tmp_path / "gen.csv", 300, seed=5)
    import_register(generated, first, CredentialStore(first, key), user=ADMIN)
    before = CameraRepository(first).all()
    assert any(c.credential_ref for c in before) and any(c.tags for c in before)
    exported = export_register(before, tmp_path / "out.csv")
    second = open_database(tmp_path / "b.db")
    report = import_register(exported, second, CredentialStore(second, key), user=ADMIN)
    assert report.complete and report.credentials_stored == 0
    assert CameraRepository(second).all() == _without_ref(before)
    # into the same database: stored credentials are kept (the export never had them)
    import_register(exported, first, CredentialStore(first, key), user=ADMIN)
    assert CameraRepository(first).all() == before


def test_favourites_and_bulk_edits(tmp_path: Path) -> None:
    db = open_database(tmp_path / "c.db")
    cams = generate_cameras(40, seed=1)
    CameraRepository(db).upsert_many(cams)
    fav = FavouriteRepository(db)
    fav.set([cams[0].id, cams[1].id], True)
    fav.set([cams[1].id], False)
    assert fav.all() == {cams[0].id}
    ids = [c.id for c in cams[:10]]
    edits = CameraEdits(db)
    assert edits.edit_tags(ids, add=["banjir", "pasar"]) == 10
    assert edits.edit_tags(ids, add=["banjir"]) == 0  # nothing new
    assert edits.edit_tags(ids[:3], remove=["pasar"]) == 3
    repo = CameraRepository(db)
    got = {c.id: c for c in repo.all()}
    assert "banjir" in got[ids[0]].tags and "pasar" not in got[ids[0]].tags and "pasar" in got[ids[5]].tags
    changed = edits.set_status(ids, ServiceStatus.INACTIVE)
    assert changed == sum(1 for c in cams[:10] if c.enabled)
    assert all(not got.enabled for got in (repo.get(i) for i in ids) if got is not None)

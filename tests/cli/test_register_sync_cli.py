"""Register sync from a terminal (issue 17 item 7): the real `videowall import --sync`, signed in.

A camera with a bookmark in a case leaves the city's list: the sync shows the plan, does nothing
without --yes, then retires the camera (kept, bookmark and case still naming it, out of the camera
list the console reads) with one audit row holding the file's SHA-256; the next file that lists the
camera again brings it back. Results are read from stdout, exit codes and the database.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

from tests.accounts import BIN, ensure_admin
from videowall.domain.evidence import Bookmark
from videowall.storage.cameras import CameraRepository
from videowall.storage.database import open_read_only
from videowall.storage.evidence import EvidenceRepository
from videowall.storage.writer import DatabaseWriter

HEADER = "id_titik,nama_titik,jenis,kecamatan,kelurahan,rw,rt,latitude,longitude,rtsp_utama,rtsp_sub"


def register(path: Path, *rows: str) -> Path:
    path.write_text(HEADER + "\n" + "".join(
        f"{cid},{name},RT,Tugu,Mangkang,01,02,-6.95,110.30,rtsp://127.0.0.1:8554/rt/{cid}/main,\n"
        for cid, name in (r.split(":") for r in rows)), encoding="utf-8")
    return path


def run(env: dict[str, str], db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "videowall"), "import", *args, "--db", str(db), "--key-file",
                           str(db.parent / "k.key")], env=env, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL, check=False)


def test_sync_retires_a_bookmarked_camera_and_brings_it_back(tmp_path: Path, app_env: dict[str, str]) -> None:
    db = tmp_path / "data" / "videowall.db"
    db.parent.mkdir(parents=True)
    ensure_admin(db, app_env)
    first = register(tmp_path / "first.csv", "SMG-A-1:Satu", "SMG-A-2:Dua", "SMG-A-3:Tiga")
    assert run(app_env, db, str(first)).returncode == 0
    with DatabaseWriter(db) as writer:
        def mark(d):  # type: ignore[no-untyped-def]
            repo = EvidenceRepository(d)
            bid = repo.add_bookmark(Bookmark(0, "SMG-A-2", "Dua", "Tugu / Mangkang", 1_796_000_000.0, "operator1"))
            repo.add_to_case(repo.create_case("LP/9/XII/2026", "Curanmor", "liaison1"), [bid])
            return bid
        bookmark = writer.submit(mark).result(10)

    second = register(tmp_path / "second.csv", "SMG-A-1:Satu Baru", "SMG-A-3:Tiga", "SMG-A-4:Empat")
    asked = run(app_env, db, "--sync", str(second))  # no --yes and no terminal to ask: the plan only
    assert asked.returncode == 4, asked.stdout + asked.stderr
    assert "+ SMG-A-4  Empat" in asked.stdout and "~ SMG-A-1  Satu Baru  (name)" in asked.stdout
    assert "- SMG-A-2  Dua" in asked.stdout and "not applied: run again with --yes" in asked.stdout

    def state() -> tuple[list[str], dict[str, float], list[str]]:
        reader = open_read_only(db)
        try:
            cameras = CameraRepository(reader)
            return [c.id for c in cameras.all()], cameras.retired(), [
                str(r[0]) for r in reader.execute("SELECT detail FROM audit_log WHERE action = 'register_sync'")]
        finally:
            reader.close()

    assert state() == (["SMG-A-2", "SMG-A-1", "SMG-A-3"], {}, [])  # Dua, Satu, Tiga: nothing written yet

    report = tmp_path / "plan.json"
    applied = run(app_env, db, "--sync", "--yes", str(second), "--json-report", str(report))
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert "synced: added 1, changed 1, retired 1, restored 0, unchanged 1, rejected 0" in applied.stdout
    assert [e["camera_id"] for e in json.loads(report.read_text())["retired"]] == ["SMG-A-2"]
    listed, retired, audits = state()
    assert sorted(listed) == ["SMG-A-1", "SMG-A-3", "SMG-A-4"] and list(retired) == ["SMG-A-2"]
    sha = hashlib.sha256(second.read_bytes()).hexdigest()
    assert audits == [f"sha256 {sha}; rows read 3, added 1, changed 1, retired 1, restored 0, unchanged 1, "
                      "rejected 0"]
    reader = open_read_only(db)
    try:
        kept = EvidenceRepository(reader).get(bookmark)
        assert kept is not None and kept.camera_id == "SMG-A-2"  # the bookmark keeps its camera ...
        case = EvidenceRepository(reader).cases()[0]  # ... so does the case it is in
        assert reader.execute("SELECT case_id FROM bookmarks WHERE id = ?", [bookmark]).fetchone()[0] == case.id
        camera = CameraRepository(reader).get("SMG-A-2")  # ... and the camera is there to name
        assert camera is not None and camera.name == "Dua"
    finally:
        reader.close()

    broken = tmp_path / "broken.csv"
    broken.write_text(second.read_text() + "SMG-A-5,,RT,Tugu,Mangkang,01,02,-6.95,110.30,ftp://x/y,\n")
    refused = run(app_env, db, "--sync", "--yes", str(broken))  # a strict sync with a rejected line
    assert refused.returncode == 2 and "[empty_name, bad_scheme] SMG-A-5" in refused.stdout, refused.stdout
    assert len(state()[2]) == 1

    back = run(app_env, db, "--sync", "--yes", str(first))
    assert back.returncode == 0, back.stdout + back.stderr
    assert "^ SMG-A-2  Dua  (retired " in back.stdout and "- SMG-A-4  Empat" in back.stdout
    listed, retired, audits = state()
    assert sorted(listed) == ["SMG-A-1", "SMG-A-2", "SMG-A-3"] and list(retired) == ["SMG-A-4"]
    assert len(audits) == 2 and "retired 1, restored 1" in audits[1]

"""The liaison's path from a terminal (issue 15): sign in, list bookmarks, make a case, export it.

Real `videowall` processes on a database holding two bookmarks with real H.264 clips; the results are
read where they land (stdout, the export folder, the database), for each role that may and may not.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.accounts import add_account
from tests.integration.wallrun import videowall
from videowall.domain.evidence import Bookmark, ClipState
from videowall.evidence.manifest import sha256_file
from videowall.storage.database import open_read_only
from videowall.storage.evidence import EvidenceRepository
from videowall.storage.writer import DatabaseWriter

PEOPLE = {"liaison1": ("liaison", "liaison-pw-1"), "presenter1": ("presenter", "presenter-pw-1")}


@pytest.fixture
def store(tmp_path: Path, app_env: dict[str, str]) -> tuple[Path, dict[str, str], list[int]]:
    db = tmp_path / "data" / "videowall.db"
    for name, (role, password) in PEOPLE.items():
        add_account(db, app_env, name, role, password)
    evidence = db.parent / "evidence"
    ids = []
    with DatabaseWriter(db) as writer:
        for n, camera in enumerate(("SIM-CAM-01", "SIM-CAM-02")):
            rel = f"clips/2026-12-01/{camera}.mp4"
            (evidence / rel).parent.mkdir(parents=True, exist_ok=True)
            subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", f"testsrc=size=320x180:rate=25:n={n}",
                            "-t", "2", "-c:v", "libx264", "-g", "25", str(evidence / rel)], check=True, timeout=60)
            digest = sha256_file(evidence / rel)[0]
            at = 1_796_000_000.0 + 60 * n

            def add(d, camera=camera, at=at, rel=rel, digest=digest):  # type: ignore[no-untyped-def]
                repo = EvidenceRepository(d)
                bid = repo.add_bookmark(Bookmark(0, camera, f"Camera {camera}", "Tugu / Mangkang", at, "operator1"))
                repo.set_clip(bid, ClipState.SAVED, rel, at - 1, at + 1, "clip covers the window", digest)
                return bid

            ids.append(writer.submit(add).result(10))
    return db, app_env, ids


def as_user(env: dict[str, str], name: str) -> dict[str, str]:
    return {**env, "VIDEOWALL_PASSWORD": PEOPLE[name][1]}


def test_liaison_lists_makes_a_case_and_exports_it(store: tuple[Path, dict[str, str], list[int]],
                                                   tmp_path: Path) -> None:
    db, env, ids = store
    listed = videowall("bookmarks", "list", "--json", "--db", str(db), "--user", "liaison1",
                       env=as_user(env, "liaison1"))
    assert listed.returncode == 0, listed.stderr
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert sorted(r["id"] for r in rows) == sorted(ids) and {r["operator"] for r in rows} == {"operator1"}

    made = videowall("case", "new", "LP/7/XII/2026", "--title", "Tabrak lari", "--bookmarks", ",".join(map(str, ids)),
                     "--db", str(db), "--user", "liaison1", env=as_user(env, "liaison1"))
    assert made.returncode == 0 and "case LP/7/XII/2026 created" in made.stdout, made.stderr
    early = videowall("case", "handover", "LP/7/XII/2026", "--to", "Bripka Andi", "--db", str(db), "--user", "liaison1",
                      env=as_user(env, "liaison1"))
    assert early.returncode == 1 and "has not been exported yet" in early.stderr, early.stderr
    out = tmp_path / "handover"
    out.mkdir()
    exported = videowall("case", "export", "LP/7/XII/2026", "--out", str(out), "--db", str(db), "--user", "liaison1",
                         env=as_user(env, "liaison1"), timeout=120)
    assert exported.returncode == 0, exported.stdout + exported.stderr
    folder = next(p for p in out.iterdir() if p.is_dir())
    exported_sha = exported.stdout.split("manifest sha256 ")[1].split(";")[0]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["exported_by"] == "liaison1" and manifest["case"]["number"] == "LP/7/XII/2026"
    assert len([f for f in manifest["files"] if f["path"].startswith("clips/")]) == 2
    handed = videowall("case", "handover", "LP/7/XII/2026", "--to", "Bripka Andi  Satlantas", "--note", "USB seal 0042",
                       "--db", str(db), "--user", "liaison1", env=as_user(env, "liaison1"))
    assert handed.returncode == 0 and "handed over to Bripka Andi Satlantas by liaison1" in handed.stdout, handed.stderr
    conn = open_read_only(db)
    try:
        custody = [tuple(r) for r in conn.execute("SELECT action, actor FROM custody_events ORDER BY id")]
        handover = conn.execute("SELECT target, manifest_sha256, detail FROM custody_events "
                                "WHERE action = 'handover'").fetchone()
        logins = conn.execute("SELECT count(*) FROM audit_log WHERE action = 'login' AND actor = 'liaison1' "
                              "AND detail LIKE 'command line%'").fetchone()[0]
    finally:
        conn.close()
    assert custody == [("create_case", "liaison1"), ("export", "liaison1"), ("handover", "liaison1")], custody
    assert handover[0] == "Bripka Andi Satlantas" and handover[1] == exported_sha and "USB seal 0042" in handover[2]
    assert logins == 5  # every command signed in, and said so in the audit trail


def test_refusals_are_one_line_with_their_own_exit_codes(store: tuple[Path, dict[str, str], list[int]],
                                                         tmp_path: Path) -> None:
    db, env, _ids = store
    presenter = videowall("bookmarks", "list", "--db", str(db), "--user", "presenter1", env=as_user(env, "presenter1"))
    assert presenter.returncode == 3 and presenter.stderr.strip() == (
        "videowall: refused: presenter1 (role presenter) may not review"), presenter.stderr
    export = videowall("case", "export", "X", "--out", str(tmp_path), "--db", str(db), "--user", "presenter1",
                       env=as_user(env, "presenter1"))
    assert export.returncode == 3, export.stderr
    wrong = videowall("bookmarks", "list", "--db", str(db), "--user", "liaison1",
                      env={**env, "VIDEOWALL_PASSWORD": "not-it"})
    assert wrong.returncode == 1 and "Traceback" not in wrong.stderr and len(wrong.stderr.strip().splitlines()) == 1
    nobody = videowall("bookmarks", "list", "--db", str(db), env={k: v for k, v in env.items()
                                                                  if k not in ("VIDEOWALL_USER", "VIDEOWALL_PASSWORD")})
    assert nobody.returncode == 1 and "--user NAME" in nobody.stderr, nobody.stderr
    unknown = videowall("case", "new", "LP/8", "--bookmarks", "999", "--db", str(db), "--user", "liaison1",
                        env=as_user(env, "liaison1"))
    assert unknown.returncode == 1 and "no bookmarks [999]; nothing was created" in unknown.stderr
    conn = open_read_only(db)
    try:
        failed = conn.execute("SELECT count(*) FROM audit_log WHERE action = 'login_failed'").fetchone()[0]
        cases = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
    finally:
        conn.close()
    assert failed == 1 and cases == 0

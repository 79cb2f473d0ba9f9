"""Bookmarks against the real fleet: clip from the ingest's segment ring, export, verify, tamper, drop.

Driven through the services (no GUI): a LiveWall with a buffer root on an asyncio loop, the real
writer, ffmpeg and libVLC. Windows are short (6 s before, 4 s after) to keep the budget.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.integration.wallrun import videowall
from videowall.config import SIGNING_KEY_FILENAME
from videowall.domain.access import SYSTEM_USER, AccessDenied, Role, User
from videowall.domain.camera import Camera
from videowall.domain.evidence import BookmarkEdit, ClipState
from videowall.domain.stream_state import StreamState
from videowall.evidence.manifest import sha256_file, verify
from videowall.evidence.package import watermark_clip
from videowall.media.ring import camera_segments
from videowall.media.runtime import MediaRuntime
from videowall.security.secrets import CredentialStore, KeyFile
from videowall.security.signing import SigningKey
from videowall.services.evidence_service import EvidenceService, EvidenceSettings
from videowall.services.live_wall import LiveWall
from videowall.services.register_import import import_register
from videowall.services.stream_urls import StreamUrlResolver
from videowall.storage.cameras import CameraRepository
from videowall.storage.evidence import EvidenceLockedError
from videowall.storage.writer import DatabaseWriter

PRE, POST = 6.0, 4.0


@dataclass
class SignedIn:
    """Who the service acts as (the console's privacy service holds this in the app)."""

    user: User = field(default_factory=lambda: User("operator-a", Role.OPERATOR))


@dataclass
class Rig:
    loop: asyncio.AbstractEventLoop
    wall: LiveWall
    service: EvidenceService
    cameras: dict[str, Camera]
    db: Path
    session: SignedIn

    def use(self, settings: EvidenceSettings) -> None:
        """Save the clip window as the Settings window does (the cleaner reads it again every cycle)."""
        self.run(self.service.save_settings(settings))

    def sign_in(self, name: str, role: Role) -> None:
        self.session.user = User(name, role)

    def run(self, coro: Any, timeout: float = 60) -> Any:
        return self.loop.run_until_complete(asyncio.wait_for(coro, timeout))

    def sleep(self, seconds: float) -> None:
        self.loop.run_until_complete(asyncio.sleep(seconds))

    def show(self, *camera_ids: str) -> None:
        self.wall.resize(len(camera_ids))
        for tile, cid in zip(self.wall.tiles, camera_ids, strict=True):
            tile.show(self.cameras[cid])
        deadline = time.monotonic() + 20
        while not all(t.report().status.state is StreamState.LIVE for t in self.wall.tiles):
            assert time.monotonic() < deadline, [t.report().status for t in self.wall.tiles]
            self.sleep(0.5)


@pytest.fixture(scope="module")
def rig(fleet, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rig]:  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("evidence")
    db, key = tmp / "data" / "wall.db", tmp / "config" / "key"
    register = fleet.write_csv(tmp / "fleet.csv")
    writer = DatabaseWriter(db)
    writer.start()
    writer.submit(lambda d: import_register(register, d, CredentialStore(d, KeyFile(key)), user=SYSTEM_USER,
                                                  valid_only=True),
                  transaction=False).result(60)
    cameras = {c.id: c for c in writer.submit(lambda d: CameraRepository(d).all()).result()}
    loop = asyncio.new_event_loop()
    runtime = MediaRuntime()
    buffer_root = tmp / "data" / "buffer"
    wall = LiveWall(runtime, StreamUrlResolver(writer.readers, key), loop, lambda _r: None, buffer_root=buffer_root)
    wall.start()
    session = SignedIn()
    service = EvidenceService(writer, loop, db.parent, buffer_root, user=lambda: session.user,
                              masks=lambda _camera_id: (),
                              signing_key=SigningKey.load_or_create(tmp / "config" / SIGNING_KEY_FILENAME))
    loop.run_until_complete(service.save_settings(EvidenceSettings(pre_s=PRE, post_s=POST)))
    service.start_cleaner(2.0)
    try:
        yield Rig(loop, wall, service, cameras, db, session)
    finally:
        service.close()
        wall.close()
        loop.run_until_complete(asyncio.sleep(0.2))
        runtime.shutdown()
        loop.close()
        writer.stop()


def _ffprobe(path: Path) -> tuple[float, float, float]:
    """(container duration, first packet time, last packet end) of the video stream."""
    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                          "format=duration:packet=pts_time,duration_time", "-of", "json", str(path)],
                         capture_output=True, text=True, check=True, timeout=30).stdout
    doc = json.loads(out)
    times = sorted(float(p["pts_time"]) for p in doc["packets"] if p.get("pts_time") not in (None, "N/A"))
    last = doc["packets"][-1]
    frame = float(last.get("duration_time") or 0.04)
    return float(doc["format"]["duration"]), times[0], times[-1] + frame


def test_bookmark_clip_covers_the_window_then_export_verify_and_tamper(rig: Rig, tmp_path: Path) -> None:
    cam = "SIM-CAM-03"
    rig.show(cam)
    rig.sleep(PRE + 2.0)  # let the ring hold more than the pre-event seconds
    tile = rig.wall.tiles[0]
    rig.sign_in("operator-a", Role.OPERATOR)
    pending = rig.service.bookmark(rig.cameras[cam], tile.snapshot())
    bid = rig.run(pending.row)
    with pytest.raises(AccessDenied, match=r"operator-a \(role operator\) may not review"):
        rig.run(rig.service.get(bid))
    rig.sign_in("Brigpol Sari", Role.LIAISON)
    row = rig.run(rig.service.get(bid))
    assert row.at == pending.at and row.clip_state is ClipState.PENDING  # the row exists at the key press
    rig.run(rig.service.edit(bid, BookmarkEdit("kecelakaan", "truk terguling", ("lajur-kiri",), 1)))
    b = rig.run(pending.clip, timeout=POST + 30)

    assert b.clip_state is ClipState.SAVED, b.clip_note
    assert b.category == "kecelakaan" and b.note == "truk terguling" and b.snapshot_path
    assert b.clip_start is not None and b.clip_end is not None
    assert b.at - PRE - 1.2 <= b.clip_start <= b.at - PRE + 1.2, (b.clip_start - b.at)
    assert b.at + POST - 0.3 <= b.clip_end <= b.at + POST + 2.5, (b.clip_end - b.at)
    clip = rig.service.evidence_dir / b.clip_path
    duration, first, last = _ffprobe(clip)
    assert PRE + POST - 1.2 <= duration <= PRE + POST + 3.0, duration
    assert abs((last - first) - (b.clip_end - b.clip_start)) < 1.0, (first, last, b.clip_start, b.clip_end)

    assert b.operator == "operator-a"  # who pressed B, not the account the program runs under
    rig.sign_in("presenter", Role.PRESENTER)
    for refused in (rig.service.create_case("LP/1/V/2025", "x", [bid]), rig.service.query(),
                    rig.service.export(tmp_path, case_id=None, bookmark_ids=[bid]), rig.service.delete(bid)):
        with pytest.raises(AccessDenied, match=r"presenter \(role presenter\) may not"):
            rig.run(refused)
    with pytest.raises(AccessDenied):
        rig.service.bookmark(rig.cameras[cam], None)
    rig.sign_in("Brigpol Sari", Role.LIAISON)
    case_id = rig.run(rig.service.create_case("LP/0042/V/2025", "Kecelakaan Jl. Merdeka", [bid]))
    folder = rig.run(rig.service.export(tmp_path, case_id=case_id), timeout=60)
    zipped = rig.run(rig.service.export(tmp_path, case_id=case_id, as_zip=True))
    for result in (folder, zipped):
        assert verify(result.path).ok, verify(result.path).lines()
    manifest = json.loads((folder.path / "manifest.json").read_text())
    entry = manifest["bookmarks"][0]
    assert entry["at_local"].endswith("+07:00") and entry["at_utc"].endswith("Z")
    assert {f["path"].split("/")[0] for f in manifest["files"]} == {"clips", "snapshots", "custody.json"}
    assert all((folder.path / name).is_file() for name in ("laporan-id.pdf", "report-en.pdf"))  # signed beside it
    exported_clip = folder.path / entry["clip"]
    assert exported_clip.read_bytes() == clip.read_bytes()  # the original encoding, byte for byte
    camera = rig.cameras[cam]  # the report says where the camera hangs, from the register in the database
    assert camera.latitude is not None and camera.longitude is not None and camera.area.kelurahan
    assert manifest["cameras"] == [{"id": cam, "name": camera.name, "kind": camera.kind.value,
                                    "kecamatan": camera.area.kecamatan, "kelurahan": camera.area.kelurahan,
                                    "rw": camera.area.rw, "rt": camera.area.rt, "latitude": camera.latitude,
                                    "longitude": camera.longitude, "notes": camera.notes}]
    report = subprocess.run(["pdftotext", "-layout", str(folder.path / "laporan-id.pdf"), "-"], capture_output=True,
                            text=True, check=True, timeout=60).stdout
    assert f"{camera.latitude:.6f}, {camera.longitude:.6f}" in report and camera.area.kelurahan in report
    assert b.clip_sha256 in report and "truk terguling" in report and "Brigpol Sari" in report
    assert manifest["exported_by"] == "Brigpol Sari"
    custody = rig.run(rig.service.custody(case_id))
    assert [(e.action, e.actor) for e in custody] == [
        ("bookmark", "operator-a"), ("bookmark_edit", "Brigpol Sari"), ("clip_cut", "videowall"),
        ("create_case", "Brigpol Sari"), ("export", "Brigpol Sari"), ("export", "Brigpol Sari")]
    assert "category kecelakaan, priority 1, tags lajur-kiri" in custody[1].detail
    assert "asked" in custody[2].detail and "received" in custody[2].detail and b.clip_sha256 in custody[2].detail
    assert custody[4].manifest_sha256 == folder.manifest_sha256

    with pytest.raises(EvidenceLockedError, match="exported"):
        rig.run(rig.service.delete(bid))

    env = {"VIDEOWALL_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin",
           "VIDEOWALL_CONFIG_DIR": str(rig.db.parent.parent / "config")}  # where the rig's signing key is
    ok = videowall("verify", str(folder.path), "--db", str(rig.db), env=env)
    assert ok.returncode == 0 and "custody: exported by Brigpol Sari" in ok.stdout, ok.stdout + ok.stderr
    assert "signed by: Brigpol Sari" in ok.stdout and "key: this installation's signing key" in ok.stdout
    data = bytearray(exported_clip.read_bytes())
    data[len(data) // 2] ^= 0x01
    exported_clip.write_bytes(bytes(data))
    (folder.path / "extra.txt").write_text("planted")
    bad = videowall("verify", str(folder.path), env=env)
    assert bad.returncode == 1
    assert f"CHANGED: {entry['clip']}" in bad.stdout and "ADDED: extra.txt" in bad.stdout, bad.stdout


def test_camera_dropping_mid_clip_saves_what_exists_and_says_so(rig: Rig, fleet) -> None:  # type: ignore[no-untyped-def]
    cam = "SIM-CAM-07"
    rig.show(cam)
    rig.sleep(PRE + 1.5)
    rig.use(EvidenceSettings(pre_s=PRE, post_s=8.0))
    try:
        pending = rig.service.bookmark(rig.cameras[cam], rig.wall.tiles[0].snapshot())
        rig.sleep(2.0)
        fleet.drop(cam, 20.0)
        b = rig.run(pending.clip, timeout=40)
    finally:
        rig.use(EvidenceSettings(pre_s=PRE, post_s=POST))
    assert b.clip_state is ClipState.PARTIAL, b
    assert "stream lost" in b.clip_note and "clip covers" in b.clip_note, b.clip_note
    assert b.clip_start is not None and b.clip_end is not None
    assert b.clip_start <= b.at - PRE + 1.2 and b.at + 1.0 <= b.clip_end <= b.at + 4.0, (b.clip_end - b.at)
    duration, _first, _last = _ffprobe(rig.service.evidence_dir / b.clip_path)
    assert abs(duration - (b.clip_end - b.clip_start)) < 1.0
    rig.wall.resize(0)


def test_bookmark_during_an_outage_keeps_the_video_after_the_reconnect(rig: Rig, fleet,  # type: ignore[no-untyped-def]
                                                                       tmp_path: Path) -> None:
    """Pressed while the camera is down: the clip waits for the reconnect and says the event is not in it."""
    cam = "SIM-CAM-08"
    rig.show(cam)
    rig.sleep(PRE + 1.5)
    rig.use(EvidenceSettings(pre_s=PRE, post_s=16.0))
    try:
        fleet.drop(cam, 4.0)
        rig.sleep(1.5)
        pending = rig.service.bookmark(rig.cameras[cam], None)
        b = rig.run(pending.clip, timeout=60)
    finally:
        rig.use(EvidenceSettings(pre_s=PRE, post_s=POST))
    assert b.clip_start is not None and b.clip_end is not None, b.clip_note
    assert b.clip_start > b.at and b.clip_end >= b.at + 10.0, (b.clip_start - b.at, b.clip_end - b.at, b.clip_note)
    assert b.clip_note.startswith("THE EVENT IS NOT IN THE CLIP: video starts"), b.clip_note
    assert len(b.extra_clips) == 1, b  # the video before the outage, kept as a second part
    part = b.extra_clips[0]
    assert part.end <= b.at and part.start <= b.at - PRE + 1.5 and "part2" in part.path, (part, b.at)
    assert sha256_file(rig.service.evidence_dir / part.path)[0] == part.sha256
    assert "also " in b.clip_note and "part2.mp4" in b.clip_note
    rig.wall.resize(0)
    rig.sign_in("Brigpol Sari", Role.LIAISON)  # both sides go out in the export, each hashed in the manifest
    result = rig.run(rig.service.export(tmp_path, bookmark_ids=[b.id]), timeout=60)
    manifest = json.loads((result.path / "manifest.json").read_text())
    files = {f["path"]: f["sha256"] for f in manifest["files"]}
    part_entry = manifest["bookmarks"][0]["clip_parts"][0]
    assert files[part_entry["clip"]] == part.sha256 and manifest["bookmarks"][0]["clip"] in files
    assert verify(result.path).ok


def test_camera_not_on_a_wall_still_bookmarks_without_video(rig: Rig) -> None:
    cam = rig.cameras["SIM-CAM-11"]
    assert not camera_segments(rig.service.buffer_root or Path("/nonexistent"), cam.id)
    rig.use(EvidenceSettings(pre_s=1.0, post_s=0.5))
    try:
        b = rig.run(rig.service.bookmark(cam, None).clip)
    finally:
        rig.use(EvidenceSettings(pre_s=PRE, post_s=POST))
    assert b.clip_state is ClipState.NONE and "no pre-event video" in b.clip_note and not b.clip_path


def test_watermarked_copy_is_a_second_file_and_the_original_stays_untouched(tmp_path: Path) -> None:
    original = tmp_path / "clip.mp4"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x180:rate=25", "-t", "2",
                    "-c:v", "libx264", "-g", "25", str(original)], check=True, timeout=30)
    before = sha256_file(original)
    marked = watermark_clip(original, tmp_path / "marked" / "clip-watermarked.mp4", "Brigpol Sari: 2025-05-01")
    assert sha256_file(original) == before
    duration, _f, _l = _ffprobe(marked)
    assert abs(duration - 2.0) < 0.2 and sha256_file(marked) != before


def test_review_window_lists_bookmarks_and_plays_a_clip(rig: Rig, app_env: dict[str, str], tmp_path: Path) -> None:
    """GUI smoke test: the liaison's review window on the bookmarks made above, under Xvfb."""
    import sys

    if not any(b.clip_path for b in rig.run(rig.service.query())):  # run alone (-k): make one clip first
        rig.show("SIM-CAM-05")
        rig.use(EvidenceSettings(pre_s=2.0, post_s=2.0))
        rig.run(rig.service.bookmark(rig.cameras["SIM-CAM-05"], rig.wall.tiles[0].snapshot()).clip)
        rig.use(EvidenceSettings(pre_s=PRE, post_s=POST))
        rig.wall.resize(0)

    shot = tmp_path / "review.png"
    done = subprocess.run([sys.executable, "-m", "tests.integration.review_smoke", str(rig.db), str(shot)],
                          env=app_env, capture_output=True, text=True, timeout=60, check=False,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr[-2000:]
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["rows"] >= 1 and summary["thumbs"] == summary["rows"], summary
    assert summary["frames"] > 10, summary  # the clip decoded into the review player
    assert "SIM-CAM" in summary["detail"]
    assert summary["paused"] and summary["stepped"] >= 4, summary  # paused, and "Next frame" steps one picture
    from PIL import Image

    img = Image.open(shot).convert("RGB")
    assert img.size == (1600, 900)
    assert len(set(img.resize((64, 36)).getdata())) > 50  # a real window with a picture, not a blank screen

"""A small evidence export built with ``write_export`` from files on disk (no fleet, no database)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PIL import Image

from videowall.domain.camera import Area, Camera, CameraKind
from videowall.domain.evidence import Bookmark, Case, ClipPart, ClipState, CustodyEvent
from videowall.domain.signature import Signer
from videowall.evidence.manifest import sha256_file
from videowall.evidence.package import ExportRequest, ExportResult, write_export

AT = 1_767_225_600.0  # 2026-01-01T00:00:00Z
EXPORTED_AT = AT + 3600
# The register's rows of the two cameras (the report prints where they hang)
CAMERAS = (Camera("SIM-CAM-03", "CCTV RT 08/RW 02 Gambir", CameraKind.RT, Area("Gambir", "Gambir", "02", "08"),
                  -6.176521, 106.822433, notes="Jl. Medan Merdeka Barat, depan halte"),
           Camera("SIM-CAM-07", "Simpang Harmoni", CameraKind.TRAFFIC, Area("Gambir", "Petojo Utara"),
                  -6.165703, 106.819601))


def make_clip(path: Path, seconds: float = 2.0) -> Path:
    """A real H.264 MP4 (browser-playable: yuv420p, moov atom first)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=320x180:rate=25",
                    "-t", str(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "25",
                    "-movflags", "+faststart", str(path)], check=True, timeout=60)
    return path


def fake_clip(path: Path, size: int = 4096) -> Path:
    """Bytes that stand in for a clip where nothing plays it (hashing and signing only)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(i * 7 % 251 for i in range(size)))
    return path


def make_export(tmp: Path, signer: Signer | None, *, real_video: bool = False, actor: str = "Brigpol Sari",
                as_zip: bool = False, with_part: bool = False) -> ExportResult:
    """Two bookmarks of case LP/0042/I/2026, each with a clip and a snapshot, exported into ``tmp/out``.

    ``with_part``: the second bookmark also has a second clip part (the other side of an outage).
    """
    store = tmp / "evidence"
    bookmarks = []
    for i, cam in enumerate(("SIM-CAM-03", "SIM-CAM-07"), start=1):
        clip = store / "clips" / f"{i:05d}.mp4"
        make_clip(clip, 1.6 + 0.4 * i) if real_video else fake_clip(clip, 4096 + i)
        shot = store / "snapshots" / f"{i:05d}.png"
        shot.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (64, 36), (40 * i, 90, 160)).save(shot)
        parts: tuple[ClipPart, ...] = ()
        if with_part and i == 2:
            part = fake_clip(store / "clips" / f"{i:05d}-part2.mp4", 3000)
            parts = (ClipPart(f"clips/{i:05d}-part2.mp4", AT + 60 * i + 6, AT + 60 * i + 9, sha256_file(part)[0]),)
        bookmarks.append(Bookmark(i, cam, f"Camera {i}", "Jakarta Pusat / Gambir", AT + 60 * i, "operator1",
                                  category="kecelakaan", note=f"note {i}", snapshot_path=f"snapshots/{i:05d}.png",
                                  clip_state=ClipState.SAVED, clip_path=f"clips/{i:05d}.mp4",
                                  clip_start=AT + 60 * i - 6, clip_end=AT + 60 * i + 4,
                                  clip_sha256=sha256_file(clip)[0], case_id=1, extra_clips=parts))
    case = Case(1, "LP/0042/I/2026", "Kecelakaan Jl. Merdeka", created_at=AT + 300, created_by="liaison1")
    earlier = (CustodyEvent(AT + 300, "liaison1", "create_case", 1, (1, 2), case.number, "case created"),)
    out = tmp / "out"
    out.mkdir(parents=True, exist_ok=True)
    req = ExportRequest(out, store, tuple(bookmarks), case, actor, earlier, as_zip=as_zip, signer=signer,
                        cameras=CAMERAS)
    return write_export(req, now=EXPORTED_AT)

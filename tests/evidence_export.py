"""A small evidence export built with ``write_export`` from files on disk (no fleet, no database)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PIL import Image

from videowall.domain.evidence import Bookmark, Case, ClipState, CustodyEvent
from videowall.domain.signature import Signer
from videowall.evidence.manifest import sha256_file
from videowall.evidence.package import ExportRequest, ExportResult, write_export

AT = 1_767_225_600.0  # 2026-01-01T00:00:00Z
EXPORTED_AT = AT + 3600


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
                as_zip: bool = False) -> ExportResult:
    """Two bookmarks of case LP/0042/I/2026, each with a clip and a snapshot, exported into ``tmp/out``."""
    store = tmp / "evidence"
    bookmarks = []
    for i, cam in enumerate(("SIM-CAM-03", "SIM-CAM-07"), start=1):
        clip = store / "clips" / f"{i:05d}.mp4"
        make_clip(clip, 1.6 + 0.4 * i) if real_video else fake_clip(clip, 4096 + i)
        shot = store / "snapshots" / f"{i:05d}.png"
        shot.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (64, 36), (40 * i, 90, 160)).save(shot)
        bookmarks.append(Bookmark(i, cam, f"Camera {i}", "Jakarta Pusat / Gambir", AT + 60 * i, "operator1",
                                  category="kecelakaan", note=f"note {i}", snapshot_path=f"snapshots/{i:05d}.png",
                                  clip_state=ClipState.SAVED, clip_path=f"clips/{i:05d}.mp4",
                                  clip_start=AT + 60 * i - 6, clip_end=AT + 60 * i + 4,
                                  clip_sha256=sha256_file(clip)[0], case_id=1))
    case = Case(1, "LP/0042/I/2026", "Kecelakaan Jl. Merdeka", created_at=AT + 300, created_by="liaison1")
    earlier = (CustodyEvent(AT + 300, "liaison1", "create_case", 1, (1, 2), case.number, "case created"),)
    out = tmp / "out"
    out.mkdir(parents=True, exist_ok=True)
    req = ExportRequest(out, store, tuple(bookmarks), case, actor, earlier, as_zip=as_zip, signer=signer)
    return write_export(req, now=EXPORTED_AT)

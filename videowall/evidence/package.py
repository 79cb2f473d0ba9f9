"""Writing an evidence export: originals, snapshots, report, custody log and a hashed manifest.

Originals are byte copies (checked against their capture-time hash). An optional watermarked SECOND
copy of each clip carries the exporting user's name; it is a re-encode and says so in the manifest,
the original beside it is untouched. The export is built in a hidden staging folder and renamed (or
zipped) only when complete, so a half-written export never looks finished.

With a ``signer`` (the installation's key) the manifest is signed: ``manifest.sig.json`` holds an
Ed25519 signature over the exact bytes of ``manifest.json`` (which names the key's fingerprint) and
one over ``verify.html``, the offline checking page that carries the manifest and its signature.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import subprocess
import time
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from PIL import Image

from videowall.domain.camera import Camera
from videowall.domain.evidence import (
    DEFAULT_TIMEZONE,
    Bookmark,
    Case,
    CustodyEvent,
    iso_local,
    iso_utc,
    safe_name,
    tz_abbrev,
)
from videowall.domain.signature import PAGE_FILE, REPORT_FILES, SIGNATURE_FILE, SignatureDoc, SignedFile, Signer
from videowall.evidence.manifest import MANIFEST, sha256_file, write_manifest
from videowall.evidence.report import CaseReport, ReportItem, build_case_reports
from videowall.evidence.report_text import LANGUAGES
from videowall.evidence.verify_page import build_verify_page

log = logging.getLogger(__name__)
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


class ExportError(Exception):
    pass


@dataclass(frozen=True, slots=True)
class ExportRequest:
    dest: Path  # the folder the export goes into
    evidence_dir: Path  # where bookmark paths are relative to
    bookmarks: tuple[Bookmark, ...]
    case: Case | None
    actor: str
    custody: tuple[CustodyEvent, ...] = ()  # earlier events of the case
    tz: str = DEFAULT_TIMEZONE
    as_zip: bool = False
    watermark: bool = False
    ffmpeg: str = "ffmpeg"
    signer: Signer | None = None  # the installation's signing key (videowall.security.signing.SigningKey)
    cameras: tuple[Camera, ...] = ()  # the register's rows of the bookmarks' cameras (location, coordinates)


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    manifest_sha256: str
    files: int
    event: CustodyEvent
    warnings: tuple[str, ...] = field(default=())


def write_export(req: ExportRequest, now: float | None = None) -> ExportResult:
    now = time.time() if now is None else now
    label = safe_name(req.case.number) if req.case is not None else "selection"
    name = f"{label}-{time.strftime('%Y%m%dT%H%M%S', time.gmtime(now))}Z"
    final = req.dest / (f"{name}.zip" if req.as_zip else name)
    if final.exists():
        raise ExportError(f"{final} already exists")
    staging = req.dest / f".{name}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    warnings: list[str] = []
    fingerprint = req.signer.fingerprint if req.signer is not None else ""
    try:
        items, entries = [], []
        for b in sorted(req.bookmarks, key=lambda x: x.at):
            item, entry = _copy_media(req, b, staging, warnings)
            items.append(item)
            entries.append(entry)
        event = CustodyEvent(at=now, actor=req.actor, action="export",
                             case_id=req.case.id if req.case is not None else None,
                             bookmark_ids=tuple(b.id for b in req.bookmarks), target=str(final),
                             detail=f"{len(req.bookmarks)} bookmarks" + (", watermarked" if req.watermark else "")
                             + (f", signed with key {fingerprint}" if fingerprint else ""))
        custody = [*req.custody, event]
        (staging / "custody.json").write_text(json.dumps([_event_json(e, req.tz) for e in custody], indent=1,
                                                         ensure_ascii=False), encoding="utf-8")
        body = {"exported_at_utc": iso_utc(now), "exported_at_local": iso_local(now, req.tz), "exported_by": req.actor,
                "timezone": req.tz, "timezone_abbrev": tz_abbrev(req.tz), "case": _case_json(req.case, req.tz),
                "bookmarks": entries, "cameras": [_camera_json(c) for c in req.cameras], "warnings": warnings}
        if req.signer is not None:
            body.update(signing_key_fingerprint=fingerprint, signature_algorithm="Ed25519",
                        not_listed={SIGNATURE_FILE: "the signature of this file, of the page and of the reports",
                                    PAGE_FILE: "the offline checking page; it carries this file",
                                    **{t.file_name: "the case report; it prints this file's hash" for t in LANGUAGES}})
        digest = write_manifest(staging, body)
        build_case_reports(staging, CaseReport(req.case, tuple(items), tuple(custody), req.actor, now, req.tz,
                                               fingerprint, req.cameras))
        sign_export(staging, req.signer, req.actor, now)
        count = sum(1 for p in staging.rglob("*") if p.is_file())
        if req.as_zip:
            _zip(staging, final, name)
            shutil.rmtree(staging)
        else:
            staging.rename(final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return ExportResult(final, digest, count, event, tuple(warnings))


def sign_export(root: Path, signer: Signer | None, actor: str, at: float) -> SignatureDoc | None:
    """Write ``verify.html`` and, with a signer, ``manifest.sig.json`` for the manifest (and reports) in ``root``."""
    manifest = (root / MANIFEST).read_bytes()
    if signer is None:
        (root / PAGE_FILE).write_bytes(build_verify_page(manifest, None))
        return None
    reports = [(n, (root / n).read_bytes()) for n in REPORT_FILES if (root / n).is_file()]
    doc = SignatureDoc(signer.public_raw, signer.fingerprint, actor, iso_utc(at), hashlib.sha256(manifest).hexdigest(),
                       signer.sign(manifest), documents=tuple(SignedFile(n, hashlib.sha256(data).hexdigest(), len(data),
                                                                         signer.sign(data)) for n, data in reports))
    page = build_verify_page(manifest, doc)
    (root / PAGE_FILE).write_bytes(page)
    doc = replace(doc, page_sha256=hashlib.sha256(page).hexdigest(), page_signature=signer.sign(page))
    (root / SIGNATURE_FILE).write_bytes(doc.to_json())
    log.info("export signed by %s with key %s", actor, signer.fingerprint)
    return doc


def _copy_media(req: ExportRequest, b: Bookmark, root: Path,
                warnings: list[str]) -> tuple[ReportItem, dict[str, object]]:
    stem = f"{b.id:05d}-{safe_name(b.camera_id)}-{time.strftime('%Y%m%dT%H%M%S', time.gmtime(b.at))}Z"
    entry: dict[str, object] = {
        "id": b.id, "camera_id": b.camera_id, "camera_name": b.camera_name, "area": b.area,
        "at_utc": iso_utc(b.at), "at_local": iso_local(b.at, req.tz), "operator": b.operator,
        "category": b.category, "priority": b.priority, "note": b.note, "tags": list(b.tags),
        "clip_state": b.clip_state.value, "clip_note": b.clip_note, "pre_s": b.pre_s, "post_s": b.post_s,
        "clip_start_utc": iso_utc(b.clip_start) if b.clip_start is not None else None,
        "clip_end_utc": iso_utc(b.clip_end) if b.clip_end is not None else None,
        "clip_start_local": iso_local(b.clip_start, req.tz) if b.clip_start is not None else None,
        "clip_end_local": iso_local(b.clip_end, req.tz) if b.clip_end is not None else None,
    }
    snapshot: Path | None = None
    if b.snapshot_path and (req.evidence_dir / b.snapshot_path).is_file():
        snapshot = root / "snapshots" / f"{stem}.png"
        snapshot.parent.mkdir(exist_ok=True)
        shutil.copyfile(req.evidence_dir / b.snapshot_path, snapshot)
        entry["snapshot"] = snapshot.relative_to(root).as_posix()
    clip_name, clip_sha = "", ""
    source = req.evidence_dir / b.clip_path if b.clip_path else None
    if source is not None and source.is_file():
        target = root / "clips" / f"{stem}{source.suffix}"
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(source, target)
        clip_sha = sha256_file(target)[0]
        if b.clip_sha256 and clip_sha != b.clip_sha256:
            warnings.append(f"clip of bookmark {b.id} differs from the hash taken when it was cut "
                            f"({b.clip_sha256[:12]}... at capture, {clip_sha[:12]}... now)")
        clip_name = target.relative_to(root).as_posix()
        entry.update(clip=clip_name, clip_sha256_at_capture=b.clip_sha256)
        if req.watermark:
            marked = root / "clips_watermarked" / f"{stem}-watermarked.mp4"
            entry["clip_watermarked"] = marked.relative_to(root).as_posix()
            watermark_clip(target, marked, f"{req.actor} {iso_local(time.time(), req.tz)[:16]}", req.ffmpeg)
    elif b.clip_path:
        warnings.append(f"clip of bookmark {b.id} is missing from the evidence store: {b.clip_path}")
    parts = []
    for n, part in enumerate(b.extra_clips, start=2):  # the other side(s) of an outage in the window
        part_source = req.evidence_dir / part.path
        if not part_source.is_file():
            warnings.append(f"clip part {n} of bookmark {b.id} is missing from the evidence store: {part.path}")
            continue
        part_target = root / "clips" / f"{stem}-part{n}{part_source.suffix}"
        part_target.parent.mkdir(exist_ok=True)
        shutil.copyfile(part_source, part_target)
        part_sha = sha256_file(part_target)[0]
        if part.sha256 and part_sha != part.sha256:
            warnings.append(f"clip part {n} of bookmark {b.id} differs from the hash taken when it was cut")
        parts.append({"clip": part_target.relative_to(root).as_posix(), "start_utc": iso_utc(part.start),
                      "end_utc": iso_utc(part.end), "start_local": iso_local(part.start, req.tz),
                      "end_local": iso_local(part.end, req.tz), "sha256_at_capture": part.sha256})
    if parts:
        entry["clip_parts"] = parts
    return ReportItem(b, snapshot, clip_name, clip_sha), entry


def watermark_clip(source: Path, out: Path, text: str, ffmpeg: str = "ffmpeg") -> Path:
    """A re-encoded copy with ``text`` burned in; the source is only read."""
    out.parent.mkdir(parents=True, exist_ok=True)
    safe = text.replace("\\", "\\\\").replace(":", "\\:").replace("'", "\u2019")
    font = f"fontfile={FONT}:" if Path(FONT).exists() else ""
    draw = (f"drawtext={font}text='{safe}':fontcolor=white@0.8:fontsize=h/18:box=1:boxcolor=black@0.4:"
            "x=w-tw-12:y=h-th-12")
    argv = [ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", str(source), "-vf", draw,
            "-c:v", "libx264", "-preset", "ultrafast", "-crf", "23", "-an", "-movflags", "+faststart", str(out)]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        raise ExportError(f"watermark failed for {source.name}: {done.stderr.strip()[-300:]}")
    return out


def encode_png(bgra: bytes, width: int, height: int, path: Path, thumb: Path | None = None) -> Path:
    """A BGRA picture (as tiles hold it) to PNG, plus an optional small JPEG thumbnail."""
    image = Image.frombuffer("RGBA", (width, height), bgra, "raw", "BGRA", 0, 1).convert("RGB")
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "PNG")
    if thumb is not None:
        image.thumbnail((240, 135))
        image.save(thumb, "JPEG", quality=80)
    return path


def _zip(staging: Path, final: Path, name: str) -> None:
    tmp = final.with_suffix(".zip.partial")
    with zipfile.ZipFile(tmp, "w") as zf:
        for path in sorted(p for p in staging.rglob("*") if p.is_file()):
            rel = path.relative_to(staging).as_posix()
            method = zipfile.ZIP_STORED if path.suffix in (".mp4", ".png", ".ts") else zipfile.ZIP_DEFLATED
            zf.write(path, f"{name}/{rel}", compress_type=method)
    tmp.rename(final)


def _case_json(case: Case | None, tz: str) -> dict[str, object] | None:
    if case is None:
        return None
    return {"id": case.id, "number": case.number, "title": case.title, "notes": case.notes,
            "status": case.status.value, "created_by": case.created_by,
            "created_at_utc": iso_utc(case.created_at), "created_at_local": iso_local(case.created_at, tz)}


def _camera_json(c: Camera) -> dict[str, object]:
    return {"id": c.id, "name": c.name, "kind": c.kind.value, "kecamatan": c.area.kecamatan,
            "kelurahan": c.area.kelurahan, "rw": c.area.rw, "rt": c.area.rt, "latitude": c.latitude,
            "longitude": c.longitude, "notes": c.notes}


def _event_json(e: CustodyEvent, tz: str) -> dict[str, object]:
    return {"at_utc": iso_utc(e.at), "at_local": iso_local(e.at, tz), "actor": e.actor, "action": e.action,
            "case_id": e.case_id, "bookmark_ids": list(e.bookmark_ids), "target": e.target, "detail": e.detail,
            "manifest_sha256": e.manifest_sha256}

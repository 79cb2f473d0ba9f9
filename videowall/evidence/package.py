"""Writing an evidence export: clips, snapshots, report, custody log and a hashed manifest.

A camera with privacy masks is exported as masked copies (re-encoded with the masks burned in, see
``export_media``); the manifest hashes each copy and names the original it was made from by its
hash. Other cameras' clips, and every clip of an unmasked export (``original``: the service has
checked the role and the reason), are byte copies of the originals (checked against their
capture-time hash). An optional watermarked SECOND copy of each clip carries the exporting user's
name; it is made from the copy in ``clips/`` and says so in the manifest. The export is built in a
hidden staging folder and renamed (or zipped, through a hidden partial zip) only when complete, so a
half-written export never looks finished.

Progress and cancel go through an ``ExportControl``: the export is planned first (one step per
snapshot, clip, watermarked copy, then records, reports, signature, zip), each step is reported as it
starts, re-encodes and the zip report how far they are, and a cancel is honoured before every file
and inside ffmpeg; a cancelled export (``ExportCancelled``) leaves nothing behind in ``dest``. The
last check is just before the final rename: from there on the export is complete.

With a ``signer`` (the installation's key) the manifest is signed: ``manifest.sig.json`` holds an
Ed25519 signature over the exact bytes of ``manifest.json`` (which names the key's fingerprint) and
one over ``verify.html``, the offline checking page that carries the manifest and its signature.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import time
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
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
from videowall.domain.export_progress import ExportPlan, Step
from videowall.domain.privacy import MaskPolygon
from videowall.domain.signature import PAGE_FILE, REPORT_FILES, SIGNATURE_FILE, SignatureDoc, SignedFile, Signer
from videowall.evidence.export_media import ExportError, MediaOptions, copy_bookmark_media, plan_media, watermark_clip
from videowall.evidence.manifest import MANIFEST, write_manifest
from videowall.evidence.masking import burn_rgb
from videowall.evidence.progress import ExportCancelled, ExportControl
from videowall.evidence.report import CaseReport, build_case_reports
from videowall.evidence.report_text import LANGUAGES
from videowall.evidence.verify_page import build_verify_page

log = logging.getLogger(__name__)
__all__ = ["ExportCancelled", "ExportControl", "ExportError", "ExportRequest", "ExportResult", "encode_png",
           "plan_export", "sign_export", "watermark_clip", "write_export"]


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
    masks: Mapping[str, tuple[MaskPolygon, ...]] = field(default_factory=dict)  # by camera id: what to burn in
    original: bool = False  # unmasked originals (the service checked EXPORT_UNMASKED and the reason)
    reason: str = ""  # why the originals were exported unmasked

    def media(self, b: Bookmark) -> MediaOptions:
        masks = () if self.original else tuple(self.masks.get(b.camera_id, ()))
        text = f"{self.actor} {iso_local(time.time(), self.tz)[:16]}" if self.watermark else ""
        return MediaOptions(self.evidence_dir, self.tz, self.ffmpeg, text, masks)


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    manifest_sha256: str
    files: int
    event: CustodyEvent
    warnings: tuple[str, ...] = field(default=())


def plan_export(req: ExportRequest) -> ExportPlan:
    """The steps ``write_export`` will take for ``req``, counted from the files present now."""
    plans = [plan_media(b, req.media(b)) for b in req.bookmarks]
    return ExportPlan(sum(p.snapshots for p in plans), sum(p.clips for p in plans), sum(p.watermarks for p in plans),
                      req.as_zip)


def write_export(req: ExportRequest, now: float | None = None, control: ExportControl | None = None) -> ExportResult:
    """Write the export into ``req.dest``; ``control`` receives progress and may cancel (``ExportCancelled``)."""
    now = time.time() if now is None else now
    control = control if control is not None else ExportControl()
    control.start(plan_export(req))
    control.check()
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
            item, entry = copy_bookmark_media(b, staging, req.media(b), warnings, control)
            items.append(item)
            entries.append(entry)
        event = CustodyEvent(at=now, actor=req.actor, action="export",
                             case_id=req.case.id if req.case is not None else None,
                             bookmark_ids=tuple(b.id for b in req.bookmarks), target=str(final),
                             detail=f"{len(req.bookmarks)} bookmarks" + _privacy_detail(req, entries)
                             + (", watermarked" if req.watermark else "")
                             + (f", signed with key {fingerprint}" if fingerprint else ""))
        custody = [*req.custody, event]
        control.begin(Step.RECORDS)
        (staging / "custody.json").write_text(json.dumps([_event_json(e, req.tz) for e in custody], indent=1,
                                                         ensure_ascii=False), encoding="utf-8")
        body = {"exported_at_utc": iso_utc(now), "exported_at_local": iso_local(now, req.tz), "exported_by": req.actor,
                "timezone": req.tz, "timezone_abbrev": tz_abbrev(req.tz), "case": _case_json(req.case, req.tz),
                "bookmarks": entries, "cameras": [_camera_json(c) for c in req.cameras], "warnings": warnings,
                "privacy": _privacy_json(req, entries)}
        if req.signer is not None:
            body.update(signing_key_fingerprint=fingerprint, signature_algorithm="Ed25519",
                        not_listed={SIGNATURE_FILE: "the signature of this file, of the page and of the reports",
                                    PAGE_FILE: "the offline checking page; it carries this file",
                                    **{t.file_name: "the case report; it prints this file's hash" for t in LANGUAGES}})
        digest = write_manifest(staging, body)
        control.begin(Step.REPORTS)
        build_case_reports(staging, CaseReport(req.case, tuple(items), tuple(custody), req.actor, now, req.tz,
                                               fingerprint, req.cameras))
        control.begin(Step.SIGN)
        sign_export(staging, req.signer, req.actor, now)
        control.end()
        count = sum(1 for p in staging.rglob("*") if p.is_file())
        if req.as_zip:
            _zip(staging, final, name, control)
            shutil.rmtree(staging)
        else:
            control.check()  # the last moment a cancel counts: from the rename on, the export is complete
            staging.rename(final)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, ExportCancelled) or control.cancelled:  # a Ctrl+C may also have failed a probe
            log.info("export to %s cancelled; the partial output was removed", req.dest)
            if not isinstance(exc, ExportCancelled):
                raise ExportCancelled("export cancelled") from exc
        raise
    control.end()
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


def _privacy_json(req: ExportRequest, entries: list[dict[str, object]]) -> dict[str, object]:
    masked = [e["id"] for e in entries if e.get("clip_masked") or e.get("snapshot_masked")]
    if req.original:
        return {"unmasked_original": True, "authorised_by": req.actor, "reason": req.reason,
                "note": "unmasked originals, byte copies as they were cut; exported by a role allowed to, "
                        "with the reason given, and audited"}
    return {"unmasked_original": False, "masked_bookmarks": masked,
            "note": "cameras with privacy masks are exported as masked copies (masks burned in at export)"}


def _privacy_detail(req: ExportRequest, entries: list[dict[str, object]]) -> str:
    if req.original:
        return f", UNMASKED originals, reason: {req.reason}"
    masked = sum(1 for e in entries if e.get("clip_masked") or e.get("snapshot_masked"))
    return f", {masked} masked (privacy masks burned in)" if masked else ""


def encode_png(bgra: bytes, width: int, height: int, path: Path, thumb: Path | None = None,
               thumb_masks: tuple[MaskPolygon, ...] = ()) -> Path:
    """A BGRA picture (as tiles hold it) to PNG, plus an optional small JPEG thumbnail.

    The thumbnail (what Review shows) gets ``thumb_masks`` burned in: the picture may have been taken
    while the masks were lifted on the live wall.
    """
    image = Image.frombuffer("RGBA", (width, height), bgra, "raw", "BGRA", 0, 1).convert("RGB")
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "PNG")
    if thumb is not None:
        image.thumbnail((240, 135))
        if thumb_masks:
            image = Image.fromarray(burn_rgb(np.array(image), thumb_masks), "RGB")
        image.save(thumb, "JPEG", quality=80)
    return path


def _zip(staging: Path, final: Path, name: str, control: ExportControl) -> None:
    """Zip ``staging`` into a hidden partial file, renamed to ``final`` when whole (removed if not)."""
    tmp = final.with_name(f".{final.name}.partial")
    files = sorted(p for p in staging.rglob("*") if p.is_file())
    control.begin(Step.ZIP, measured=True)
    try:
        with zipfile.ZipFile(tmp, "w") as zf:
            for n, path in enumerate(files):
                control.check()
                rel = path.relative_to(staging).as_posix()
                method = zipfile.ZIP_STORED if path.suffix in (".mp4", ".png", ".ts") else zipfile.ZIP_DEFLATED
                zf.write(path, f"{name}/{rel}", compress_type=method)
                control.part((n + 1) / max(1, len(files)))
        control.check()  # the last moment a cancel counts
        tmp.rename(final)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


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

"""The pictures of one bookmark in an export: its snapshot, its clip (and clip parts), a watermarked copy.

A camera with privacy masks gets masked copies: the clip re-encoded with the masks burned into every
picture, the snapshot masked again (it may have been taken while a supervisor had lifted the masks on
the live wall). The manifest entry says so and names the original each copy was made from by its
hash at capture and its hash now. A camera without masks, or an unmasked export (the caller has
checked the role and the reason), gets byte copies of the originals, as they were cut.

Each file is one step of the export's progress (``ExportControl``): before it the control is asked
whether to go on, and a re-encode reports how far it is; ``plan_media`` counts the same steps first.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from videowall.domain.evidence import Bookmark, iso_local, iso_utc, safe_name
from videowall.domain.export_progress import ExportPlan, Step
from videowall.domain.privacy import MaskPolygon
from videowall.evidence.ffmpeg_progress import ProbeError, probe, run_ffmpeg
from videowall.evidence.manifest import sha256_file
from videowall.evidence.masking import MaskingError, mask_clip, mask_still
from videowall.evidence.progress import ExportControl
from videowall.evidence.report import ReportItem

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
MASKED_NOTE = ("masked derivative: the camera's privacy masks are burned into every picture (re-encoded at export, "
               "H.264); the original it was made from is named by its SHA-256")


class ExportError(Exception):
    """An export cannot be made (nothing to export, a copy failed); the message is fit to show."""


@dataclass(frozen=True, slots=True)
class MediaOptions:
    evidence_dir: Path  # where bookmark paths are relative to
    tz: str
    ffmpeg: str = "ffmpeg"
    watermark_text: str = ""  # non-empty: a watermarked second copy of each clip, with this text
    masks: tuple[MaskPolygon, ...] = ()  # the bookmark camera's masks; () copies the originals byte for byte


@dataclass(frozen=True, slots=True)
class CopiedClip:
    name: str  # inside the export
    sha256: str  # of the file in the export
    source_sha256: str  # of the original it was made from, read now
    masked: bool


def plan_media(b: Bookmark, opts: MediaOptions) -> ExportPlan:
    """The steps ``copy_bookmark_media`` will take for ``b``: its snapshot, clips and watermarked copy."""
    snapshot = bool(b.snapshot_path) and (opts.evidence_dir / b.snapshot_path).is_file()
    clip = bool(b.clip_path) and (opts.evidence_dir / b.clip_path).is_file()
    parts = sum(1 for part in b.extra_clips if (opts.evidence_dir / part.path).is_file())
    return ExportPlan(int(snapshot), int(clip) + parts, int(clip and bool(opts.watermark_text)))


def copy_bookmark_media(b: Bookmark, root: Path, opts: MediaOptions, warnings: list[str],
                        control: ExportControl | None = None) -> tuple[ReportItem, dict[str, object]]:
    """Copy (or mask) ``b``'s pictures into the export ``root``; the report item and the manifest entry."""
    control = control if control is not None else ExportControl()
    stem = f"{b.id:05d}-{safe_name(b.camera_id)}-{time.strftime('%Y%m%dT%H%M%S', time.gmtime(b.at))}Z"
    entry = _bookmark_json(b, opts.tz)
    entry["privacy_masks"] = len(opts.masks)
    snapshot: Path | None = None
    if b.snapshot_path and (opts.evidence_dir / b.snapshot_path).is_file():
        snapshot = root / "snapshots" / f"{stem}.png"
        control.begin(Step.MASK_SNAPSHOT if opts.masks else Step.COPY_SNAPSHOT)
        if opts.masks:
            mask_still(opts.evidence_dir / b.snapshot_path, snapshot, opts.masks)
        else:
            snapshot.parent.mkdir(exist_ok=True)
            shutil.copyfile(opts.evidence_dir / b.snapshot_path, snapshot)
        control.end()
        entry.update(snapshot=snapshot.relative_to(root).as_posix(), snapshot_masked=bool(opts.masks))
    clip_name, clip_sha = "", ""
    source = opts.evidence_dir / b.clip_path if b.clip_path else None
    if source is not None and source.is_file():
        clip = _copy_clip(source, root / "clips" / f"{stem}{'.mp4' if opts.masks else source.suffix}", root, opts,
                          control)
        if b.clip_sha256 and clip.source_sha256 != b.clip_sha256:
            warnings.append(f"clip of bookmark {b.id} differs from the hash taken when it was cut "
                            f"({b.clip_sha256[:12]}... at capture, {clip.source_sha256[:12]}... now)")
        clip_name, clip_sha = clip.name, clip.sha256
        entry.update(clip=clip.name, clip_sha256=clip.sha256, clip_sha256_at_capture=b.clip_sha256,
                     clip_masked=clip.masked)
        if clip.masked:
            entry.update(clip_derived_from_sha256=clip.source_sha256, clip_derivation=MASKED_NOTE)
        if opts.watermark_text:
            marked = root / "clips_watermarked" / f"{stem}-watermarked.mp4"
            entry["clip_watermarked"] = marked.relative_to(root).as_posix()
            control.begin(Step.WATERMARK_CLIP, measured=True)
            watermark_clip(root / clip.name, marked, opts.watermark_text, opts.ffmpeg, control)  # from the masked copy
            control.end()
    elif b.clip_path:
        warnings.append(f"clip of bookmark {b.id} is missing from the evidence store: {b.clip_path}")
    parts = []
    for n, part in enumerate(b.extra_clips, start=2):  # the other side(s) of an outage in the window
        part_source = opts.evidence_dir / part.path
        if not part_source.is_file():
            warnings.append(f"clip part {n} of bookmark {b.id} is missing from the evidence store: {part.path}")
            continue
        suffix = ".mp4" if opts.masks else part_source.suffix
        copied = _copy_clip(part_source, root / "clips" / f"{stem}-part{n}{suffix}", root, opts, control)
        if part.sha256 and copied.source_sha256 != part.sha256:
            warnings.append(f"clip part {n} of bookmark {b.id} differs from the hash taken when it was cut")
        row: dict[str, object] = {
            "clip": copied.name, "sha256": copied.sha256, "start_utc": iso_utc(part.start),
            "end_utc": iso_utc(part.end), "start_local": iso_local(part.start, opts.tz),
            "end_local": iso_local(part.end, opts.tz), "sha256_at_capture": part.sha256, "masked": copied.masked}
        if copied.masked:
            row["derived_from_sha256"] = copied.source_sha256
        parts.append(row)
    if parts:
        entry["clip_parts"] = parts
    return ReportItem(b, snapshot, clip_name, clip_sha), entry


def _copy_clip(source: Path, target: Path, root: Path, opts: MediaOptions, control: ExportControl) -> CopiedClip:
    target.parent.mkdir(exist_ok=True)
    if not opts.masks:
        control.begin(Step.COPY_CLIP)
        shutil.copyfile(source, target)
        digest = sha256_file(target)[0]
        control.end()
        return CopiedClip(target.relative_to(root).as_posix(), digest, digest, False)
    control.begin(Step.MASK_CLIP, measured=True)
    source_sha = sha256_file(source)[0]
    try:
        mask_clip(source, target, opts.masks, opts.ffmpeg, control)
    except MaskingError as exc:
        raise ExportError(str(exc)) from exc
    copied = CopiedClip(target.relative_to(root).as_posix(), sha256_file(target)[0], source_sha, True)
    control.end()
    return copied


def watermark_clip(source: Path, out: Path, text: str, ffmpeg: str = "ffmpeg",
                   control: ExportControl | None = None) -> Path:
    """A re-encoded copy with ``text`` burned in; the source is only read.

    With a ``control`` it reports how far it is and stops on a cancel (``ExportCancelled``).
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    duration = None
    if control is not None:
        try:
            duration = probe(source, ffmpeg).duration
        except ProbeError as exc:
            raise ExportError(f"watermark failed for {source.name}: {exc}") from exc
    safe = text.replace("\\", "\\\\").replace(":", "\\:").replace("'", "\u2019")
    font = f"fontfile={FONT}:" if Path(FONT).exists() else ""
    draw = (f"drawtext={font}text='{safe}':fontcolor=white@0.8:fontsize=h/18:box=1:boxcolor=black@0.4:"
            "x=w-tw-12:y=h-th-12")
    argv = [ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", str(source), "-vf", draw,
            "-c:v", "libx264", "-preset", "ultrafast", "-crf", "23", "-an", "-movflags", "+faststart", str(out)]
    code, stderr = run_ffmpeg(argv, control, duration, timeout=600)
    if code != 0:
        out.unlink(missing_ok=True)
        raise ExportError(f"watermark failed for {source.name}: {stderr}")
    return out


def _bookmark_json(b: Bookmark, tz: str) -> dict[str, object]:
    return {
        "id": b.id, "camera_id": b.camera_id, "camera_name": b.camera_name, "area": b.area,
        "at_utc": iso_utc(b.at), "at_local": iso_local(b.at, tz), "operator": b.operator,
        "category": b.category, "priority": b.priority, "note": b.note, "tags": list(b.tags),
        "clip_state": b.clip_state.value, "clip_note": b.clip_note, "pre_s": b.pre_s, "post_s": b.post_s,
        "clip_start_utc": iso_utc(b.clip_start) if b.clip_start is not None else None,
        "clip_end_utc": iso_utc(b.clip_end) if b.clip_end is not None else None,
        "clip_start_local": iso_local(b.clip_start, tz) if b.clip_start is not None else None,
        "clip_end_local": iso_local(b.clip_end, tz) if b.clip_end is not None else None,
    }

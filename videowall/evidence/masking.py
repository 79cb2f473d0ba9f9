"""Masked copies for exports: privacy masks burned into a clip (re-encoded) or a still, the original only read.

A clip's masks are rasterised at the clip's own size (read from its first decoded picture, with the
same ffmpeg that encodes, so the installers need no ffprobe) with the function the live tiles use
(``domain.privacy.rasterize`` through ``mask_rgba``), then laid over every picture by ffmpeg. Each
picture of the copy is a re-encode of the original's; the caller records both hashes. The re-encode
reports how far it is and stops on a cancel (``ffmpeg_progress.run_ffmpeg``).
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

from videowall.domain.privacy import MASK_BGRA, MaskPolygon, mask_rgba, rasterize
from videowall.evidence.ffmpeg_progress import ClipInfo, ProbeError, probe, run_ffmpeg
from videowall.evidence.progress import ExportControl

log = logging.getLogger(__name__)
#: The filter graph: the mask picture (input 1, opaque where masked) over every picture of input 0.
OVERLAY = "[0:v][1:v]overlay=0:0:format=auto,format=yuv420p[masked]"


class MaskingError(Exception):
    pass


def clip_size(clip: Path, ffmpeg: str = "ffmpeg") -> tuple[int, int]:
    """Width and height of the clip's pictures, from its first decoded picture."""
    info = _probe(clip, ffmpeg)
    return info.width, info.height


def _probe(clip: Path, ffmpeg: str) -> ClipInfo:
    try:
        return probe(clip, ffmpeg)
    except ProbeError as exc:
        raise MaskingError(str(exc)) from exc


def mask_clip(source: Path, out: Path, polygons: tuple[MaskPolygon, ...], ffmpeg: str = "ffmpeg",
              control: ExportControl | None = None) -> Path:
    """A re-encoded copy of ``source`` with ``polygons`` solid in every picture (audio copied as it is).

    With a ``control`` the re-encode reports its part (output time against the clip's duration) and
    stops on a cancel (``ExportCancelled``, the partial ``out`` removed).
    """
    if not polygons:
        raise MaskingError("no masks to burn in")
    info = _probe(source, ffmpeg)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="vw-mask-") as tmp:
        mask_png = Path(tmp) / "mask.png"
        Image.fromarray(mask_rgba(polygons, info.width, info.height), "RGBA").save(mask_png)
        argv = [ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", str(source), "-i", str(mask_png),
                "-filter_complex", OVERLAY, "-map", "[masked]", "-map", "0:a?", "-c:a", "copy",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-movflags", "+faststart", str(out)]
        try:
            code, stderr = run_ffmpeg(argv, control, info.duration, timeout=1800)
        except BaseException:
            out.unlink(missing_ok=True)
            raise
    if code != 0:
        out.unlink(missing_ok=True)
        raise MaskingError(f"masking failed for {source.name}: {stderr}")
    log.info("masked copy of %s: %d masks at %dx%d", source.name, len(polygons), info.width, info.height)
    return out


def mask_still(source: Path, out: Path, polygons: tuple[MaskPolygon, ...]) -> Path:
    """A PNG copy of the picture ``source`` with ``polygons`` solid (a snapshot taken during a lift included)."""
    with Image.open(source) as picture:
        rgb = np.array(picture.convert("RGB"))
    burn_rgb(rgb, polygons)
    out.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(rgb, "RGB").save(out, "PNG")
    return out


def burn_rgb(rgb: np.ndarray, polygons: tuple[MaskPolygon, ...]) -> np.ndarray:
    """Masked pixels of an (h, w, 3) RGB picture become the mask colour, in place."""
    inside = rasterize(polygons, rgb.shape[1], rgb.shape[0])
    b, g, r, _a = MASK_BGRA
    rgb[inside] = (r, g, b)
    return rgb

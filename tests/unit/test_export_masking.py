"""Masked stills and thumbnails for exports and Review, and which masks an export request burns in."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from videowall.domain.evidence import Bookmark
from videowall.domain.privacy import MASK_BGRA, MaskPolygon
from videowall.evidence.masking import mask_still
from videowall.evidence.package import ExportRequest, encode_png

MASK = MaskPolygon(((0.5, 0.0), (1.0, 0.0), (1.0, 1.0), (0.5, 1.0)))  # the right half
GREY = MASK_BGRA[2::-1]


def colourful(w: int = 320, h: int = 180) -> np.ndarray:
    """An RGB picture with no mask-grey pixel in it."""
    x = np.linspace(0, 255, w, dtype=np.uint8)
    rgb = np.zeros((h, w, 3), dtype=np.uint8)
    rgb[..., 0] = x
    rgb[..., 1] = 200
    rgb[..., 2] = x[::-1]
    return rgb


def test_a_masked_still_is_grey_inside_and_untouched_outside(tmp_path: Path) -> None:
    src = tmp_path / "shot.png"
    Image.fromarray(colourful()).save(src)
    out = np.asarray(Image.open(mask_still(src, tmp_path / "out" / "shot.png", (MASK,))).convert("RGB"))
    assert (out[:, 170:] == GREY).all()
    assert (out[:, :150] == colourful()[:, :150]).all()


def test_the_thumbnail_is_masked_and_the_snapshot_kept_as_taken(tmp_path: Path) -> None:
    rgb = colourful()
    bgra = np.dstack([rgb[..., ::-1], np.full(rgb.shape[:2], 255, np.uint8)]).tobytes()  # as a tile holds it
    shot, thumb = tmp_path / "s.png", tmp_path / "s.thumb.jpg"
    encode_png(bgra, 320, 180, shot, thumb, (MASK,))
    assert (np.asarray(Image.open(shot).convert("RGB")) == rgb).all()  # the original, as taken
    small = np.asarray(Image.open(thumb).convert("RGB"), dtype=np.int16)
    assert np.abs(small[:, small.shape[1] * 6 // 10:] - GREY).max() <= 8  # JPEG: near the mask colour
    assert np.abs(small[:, : small.shape[1] * 4 // 10] - GREY).max() > 60


def test_an_export_request_masks_masked_cameras_unless_the_originals_are_asked_for(tmp_path: Path) -> None:
    masked = Bookmark(1, "CAM-A", "A", "area", 0.0, "op")
    plain = Bookmark(2, "CAM-B", "B", "area", 0.0, "op")
    req = ExportRequest(tmp_path, tmp_path, (masked, plain), None, "liaison1", masks={"CAM-A": (MASK,)})
    assert req.media(masked).masks == (MASK,) and req.media(plain).masks == ()
    assert req.media(masked).watermark_text == ""
    original = ExportRequest(tmp_path, tmp_path, (masked,), None, "supervisor1", masks={"CAM-A": (MASK,)},
                             original=True, reason="court order", watermark=True)
    assert original.media(masked).masks == ()
    assert original.media(masked).watermark_text.startswith("supervisor1 ")

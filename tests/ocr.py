"""Reading the text a window shows from an X-server screenshot (tesseract), as a person reads it.

For messages no status file carries (the sign-in dialog runs before the console and its status file
exist). ``make test`` installs tesseract-ocr with the other apt packages.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from PIL import Image, ImageOps


def read_text(shot: Path, box: tuple[int, int, int, int], work: Path) -> str:
    """The text tesseract reads in ``box`` (x, y, w, h) of the screenshot, on one line, spaces collapsed."""
    tesseract = shutil.which("tesseract")
    assert tesseract is not None, "tesseract is not installed (make test installs tesseract-ocr)"
    x, y, w, h = box
    region = Image.open(shot).convert("L").crop((x, y, x + w, y + h))
    if sum(region.resize((32, 8)).get_flattened_data()) / 256 < 128:  # light text on the dark theme: invert
        region = ImageOps.invert(region)
    region = ImageOps.autocontrast(region.resize((w * 3, h * 3), Image.Resampling.LANCZOS))
    page = work / f"{shot.stem}-ocr.png"
    region.save(page)
    done = subprocess.run([tesseract, str(page), "stdout", "--psm", "6"], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return " ".join(done.stdout.split())

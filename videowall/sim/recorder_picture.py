"""The simulated recorder's pictures: a burned-in clock people can read and a code tests can read.

Standard library only: the recorder (Debian's system python, no numpy) draws with it, and tests in
the venv decode screenshots with it. A picture is ``WIDTH`` x ``HEIGHT`` I420 (grey luma, a tint
per camera in the chroma planes):

* line 1: the camera's label; line 2: the instant, ``2026-12-02 14:00:05.4`` (UTC), 5x7 glyphs at 2x;
* the bottom band: ``CELLS`` equal cells, white-black-white (a sync mark), then ``BITS`` bits of the
  instant in tenths of a second since 1970 (most significant first, white = 1), then one black cell.

Whatever scales the picture (libVLC into a tile), sampling the centre of each cell of the band gives
the instant back without OCR: :func:`read_code`.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

WIDTH, HEIGHT = 320, 180
CELLS = 40
BITS = 36
BAND_TOP, BAND_BOTTOM = 136, 176  # rows of the code band
BLACK, WHITE, GREY = 16, 235, 70
_SCALE = 2

# 5x7 glyphs, one string of 7 rows of 5 bits per character
_FONT: dict[str, tuple[int, ...]] = {
    "0": (0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E), "1": (0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E),
    "2": (0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F), "3": (0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E),
    "4": (0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02), "5": (0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E),
    "6": (0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E), "7": (0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08),
    "8": (0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E), "9": (0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C),
    "-": (0, 0, 0, 0x1F, 0, 0, 0), ":": (0, 0x0C, 0x0C, 0, 0x0C, 0x0C, 0), ".": (0, 0, 0, 0, 0, 0x0C, 0x0C),
    " ": (0, 0, 0, 0, 0, 0, 0), "/": (0x01, 0x01, 0x02, 0x04, 0x08, 0x10, 0x10),
    "_": (0, 0, 0, 0, 0, 0, 0x1F),
    "A": (0x0E, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11), "B": (0x1E, 0x11, 0x11, 0x1E, 0x11, 0x11, 0x1E),
    "C": (0x0E, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0E), "D": (0x1C, 0x12, 0x11, 0x11, 0x11, 0x12, 0x1C),
    "E": (0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x1F), "F": (0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x10),
    "G": (0x0E, 0x11, 0x10, 0x17, 0x11, 0x11, 0x0F), "H": (0x11, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11),
    "I": (0x0E, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0E), "J": (0x07, 0x02, 0x02, 0x02, 0x02, 0x12, 0x0C),
    "K": (0x11, 0x12, 0x14, 0x18, 0x14, 0x12, 0x11), "L": (0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1F),
    "M": (0x11, 0x1B, 0x15, 0x15, 0x11, 0x11, 0x11), "N": (0x11, 0x11, 0x19, 0x15, 0x13, 0x11, 0x11),
    "O": (0x0E, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E), "P": (0x1E, 0x11, 0x11, 0x1E, 0x10, 0x10, 0x10),
    "Q": (0x0E, 0x11, 0x11, 0x11, 0x15, 0x12, 0x0D), "R": (0x1E, 0x11, 0x11, 0x1E, 0x14, 0x12, 0x11),
    "S": (0x0F, 0x10, 0x10, 0x0E, 0x01, 0x01, 0x1E), "T": (0x1F, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04),
    "U": (0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E), "V": (0x11, 0x11, 0x11, 0x11, 0x11, 0x0A, 0x04),
    "W": (0x11, 0x11, 0x11, 0x15, 0x15, 0x15, 0x0A), "X": (0x11, 0x11, 0x0A, 0x04, 0x0A, 0x11, 0x11),
    "Y": (0x11, 0x11, 0x11, 0x0A, 0x04, 0x04, 0x04), "Z": (0x1F, 0x01, 0x02, 0x04, 0x08, 0x10, 0x1F),
}


def clock_text(epoch_s: float) -> str:
    """``2026-12-02 14:00:05.4`` (UTC), as burned into the picture."""
    tenths = round(epoch_s * 10)
    whole, tenth = divmod(tenths, 10)
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(whole)) + f".{tenth}"


def code_bits(epoch_s: float) -> list[int]:
    """The band's cells, 1 = white: sync 1-0-1, the instant in tenths (``BITS`` bits), a closing 0."""
    tenths = round(epoch_s * 10) & ((1 << BITS) - 1)
    data = [(tenths >> (BITS - 1 - i)) & 1 for i in range(BITS)]
    return [1, 0, 1, *data, 0]


def _draw_text(luma: bytearray, text: str, left: int, top: int) -> None:
    for index, char in enumerate(text.upper()):
        rows = _FONT.get(char, _FONT[" "])
        x0 = left + index * 6 * _SCALE
        for ry, bits in enumerate(rows):
            if not bits:
                continue
            for rx in range(5):
                if bits & (0x10 >> rx):
                    x = x0 + rx * _SCALE
                    for dy in range(_SCALE):
                        row = (top + ry * _SCALE + dy) * WIDTH
                        if x >= 0 and x + _SCALE <= WIDTH:
                            luma[row + x:row + x + _SCALE] = bytes((WHITE,)) * _SCALE


def picture(epoch_s: float, label: str, tint: tuple[int, int] = (128, 128)) -> bytes:
    """One I420 picture showing ``epoch_s`` (the true instant) for the camera ``label``."""
    luma = bytearray((GREY,)) * (WIDTH * HEIGHT)
    _draw_text(luma, label[:24], 8, 10)
    _draw_text(luma, clock_text(epoch_s), 8, 40)
    cell = WIDTH // CELLS
    band = bytearray()
    for bit in code_bits(epoch_s):
        band += bytes((WHITE if bit else BLACK,)) * cell
    for row in range(BAND_TOP, BAND_BOTTOM):
        luma[row * WIDTH:(row + 1) * WIDTH] = band
    chroma = (WIDTH // 2) * (HEIGHT // 2)
    return bytes(luma) + bytes((tint[0],)) * chroma + bytes((tint[1],)) * chroma


def tint_for(name: str) -> tuple[int, int]:
    """A stable, mild colour per camera (U, V), so two cameras side by side look different."""
    seed = sum(ord(c) * (i + 1) for i, c in enumerate(name))
    return 108 + seed % 40, 108 + (seed // 40) % 40


def read_code(gray_row: Sequence[int]) -> float | None:
    """The instant (epoch seconds, to the tenth) from one row of luma across the band, or None.

    ``gray_row`` spans the picture's full width (any scale). None when the sync mark is not there
    (not a recorder picture, or the row missed the band).
    """
    width = len(gray_row)
    if width < CELLS:
        return None
    cells = []
    for i in range(CELLS):
        centre = int((i + 0.5) * width / CELLS)
        cells.append(1 if gray_row[centre] > (BLACK + WHITE) // 2 else 0)
    if cells[:3] != [1, 0, 1] or cells[-1] != 0:
        return None
    tenths = 0
    for bit in cells[3:3 + BITS]:
        tenths = (tenths << 1) | bit
    return tenths / 10.0


def band_fraction() -> float:
    """Where the band's middle is, as a fraction of the picture's height (to sample a screenshot)."""
    return (BAND_TOP + BAND_BOTTOM) / 2 / HEIGHT

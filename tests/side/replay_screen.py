"""Which instant a replayed picture on the X server shows: the simulated recorder's code band, read off a
screenshot (not OCR), for the replay tests."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from tests.screens import grab
from videowall.sim import recorder_picture


def clock_on_screen(display: str, rect: list[int] | tuple[int, int, int, int], shots: Path, name: str) -> float:
    """The instant (epoch seconds) the picture at ``rect`` (x, y, w, h on screen) shows."""
    x, y, w, h = rect
    row = int(y + recorder_picture.band_fraction() * h)
    for attempt in range(3):  # a grab can catch the picture while Qt repaints it
        img = grab(display, shots / f"{name}-{attempt}.png")
        value = recorder_picture.read_code(list(img[row, x:x + w].mean(axis=1).astype(np.int32)))
        if value is not None:
            return value
        time.sleep(0.05)
    raise AssertionError(f"{name}: no recorder code on screen at row {row} (see {name}-2.png)")


def replay_clients(pids: list[int]) -> list[int]:
    """Those of ``pids`` that are replay ingests (``videowall/media/replay_client.py``); ended ones are left out."""
    out = []
    for pid in pids:
        try:
            if b"replay_client" in Path(f"/proc/{pid}/cmdline").read_bytes():
                out.append(pid)
        except OSError:
            continue
    return out

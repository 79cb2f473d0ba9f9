"""The session lock hides every picture (issue 14): real keys on the real console, the X screen looked at.

An operator's 2x2 wall is live; Ctrl+Shift+L locks it: within a second every tile has ended its
stream and shows nothing, the lock dialog covers the screen, and the X server's picture holds none
of the cameras' colours. Signing in again in that dialog (typed) brings the pictures back.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest
from PIL import Image

from tests.accounts import add_account
from tests.integration.wallrun import WallRun, console, import_fleet
from videowall.display.xserver import grab_screen

pytestmark = pytest.mark.skipif(shutil.which("xdotool") is None, reason="xdotool is not installed")
NAME, PASSWORD = "operator1", "operator-pw-1"


def xdo(display: str, *args: str) -> str:
    return subprocess.run(["xdotool", *args], env={"DISPLAY": display}, capture_output=True, text=True,
                          timeout=30, check=False).stdout.strip()


def saturated(shot: Path, box: tuple[int, int, int, int]) -> float:
    """The share of strongly coloured pixels in ``box``: camera pictures have many, the dark UI none."""
    x, y, w, h = box
    pixels = list(Image.open(shot).convert("RGB").crop((x, y, x + w, y + h)).resize((64, 36)).get_flattened_data())
    return sum(max(p) - min(p) > 60 for p in pixels) / len(pixels)


def colours(shot: Path, box: tuple[int, int, int, int]) -> int:
    """Distinct colours in the middle half of ``box`` (x, y, w, h), sampled on a 32x18 grid."""
    x, y, w, h = box
    region = Image.open(shot).convert("RGB").crop((x + w // 4, y + h // 4, x + 3 * w // 4, y + 3 * h // 4))
    return len(set(region.resize((32, 18)).get_flattened_data()))


def test_lock_blanks_every_tile_and_signing_in_brings_them_back(fleet, app_env, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                 xdisplay: str) -> None:
    db = import_fleet(fleet, tmp_path, app_env)
    for name, role, password in ((app_env["VIDEOWALL_USER"], "admin", app_env["VIDEOWALL_PASSWORD"]),
                                 (NAME, "operator", PASSWORD)):
        add_account(db, app_env, name, role, password)
    ids = [c.id for c in fleet.cameras if not c.fault][:4]
    run = WallRun({**app_env, "VIDEOWALL_USER": NAME, "VIDEOWALL_PASSWORD": PASSWORD}, tmp_path, "--db", str(db),
                  "--layout", "2x2", "--cameras", ",".join(ids))
    try:
        status = run.wait_for(lambda s: all(t["state"] == "live" for t in console(s)), 40, "4 tiles live")
        boxes = [tuple(t["geometry"]) for t in console(status)]
        live_shot = grab_screen(tmp_path / "live.png", xdisplay)
        assert all(colours(live_shot, box) > 20 for box in boxes), "live pictures before the lock"

        window = xdo(xdisplay, "search", "--onlyvisible", "--name", "operator console").split()[-1]
        xdo(xdisplay, "windowfocus", "--sync", window)
        xdo(xdisplay, "key", "--clearmodifiers", "ctrl+shift+l")
        locked_at = time.monotonic()
        run.wait_for(lambda s: all(t["state"] == "locked" for t in console(s)), 5, "every tile locked")
        assert time.monotonic() - locked_at < 3.0
        time.sleep(0.5)
        locked_shot = grab_screen(tmp_path / "locked.png", xdisplay)
        assert all(saturated(locked_shot, box) < 0.005 for box in boxes), "no camera picture on a locked console"

        dialog = xdo(xdisplay, "search", "--onlyvisible", "--name", "sign in").split()[-1]
        xdo(xdisplay, "windowfocus", "--sync", dialog)
        xdo(xdisplay, "type", "--delay", "20", NAME)
        xdo(xdisplay, "key", "Tab")
        xdo(xdisplay, "type", "--delay", "20", PASSWORD)
        xdo(xdisplay, "key", "Return")
        run.wait_for(lambda s: all(t["state"] == "live" for t in console(s)), 30, "tiles live after sign-in")
    finally:
        assert run.stop() == 0, run.log_tail()

"""City scale under Xvfb: a 10,000-camera register, one sweep, the app started with ``--open dashboard``.

The dashboard must be a real window on the X server (xwininfo) and show the sweep's verdicts on its
health map (red crosses: nothing listens on the register's port). Start-up time is printed, not asserted.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from tests.accounts import ensure_admin
from tests.screens import grab
from videowall.sim.register_gen import write_register

BIN = Path(sys.executable).parent
UNREACHABLE_RED = np.array([0xFF, 0x5B, 0x5B])


def videowall(*args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "videowall"), *args], env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)  # fmt: skip


def _windows(display: str) -> str:
    return subprocess.run(["xwininfo", "-root", "-tree", "-display", display], capture_output=True, text=True,
                          check=False).stdout  # fmt: skip


def test_dashboard_opens_over_a_10k_register(app_env: dict[str, str], tmp_path: Path, xdisplay: str) -> None:
    register = write_register(tmp_path / "city10k.csv", 10_000, port=1)  # port 1: refused at once
    db = tmp_path / "city.db"
    ensure_admin(db, app_env)
    imported = videowall("import", str(register), "--db", str(db), env=app_env)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    swept = videowall("sweep", "--db", str(db), env=app_env)
    assert swept.returncode == 0, swept.stderr
    assert re.search(r"unreachable\s+\d{4}", swept.stdout), swept.stdout
    proc = subprocess.Popen(
        [str(BIN / "videowall"), "run", "--db", str(db), "--open", "dashboard", "--cameras", "NONE",
         "--quit-after", "40"],
        env=app_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 12
        tree = ""
        while time.monotonic() < deadline and "city dashboard" not in tree:
            time.sleep(0.5)
            tree = _windows(xdisplay)
        time.sleep(2.0)  # let the dashboard read and draw 10,000 cameras
        shot = grab(xdisplay, tmp_path / "dashboard.png")
        proc.terminate()  # the app stops cleanly on SIGTERM, as on Ctrl+C
        _out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert '"videowall - city dashboard"' in tree, tree
    startup = re.search(r"startup: console first paint ([\d.]+) s .*\((\d+) cameras\)", err)
    assert startup is not None and startup.group(2) == "10000", err
    print(f"\n{startup.group(0)}")
    red = np.all(np.abs(shot[..., :3].astype(int) - UNREACHABLE_RED) < 40, axis=-1).sum()
    assert red > 2000, f"the health map should show thousands of red crosses, found {red} red pixels"

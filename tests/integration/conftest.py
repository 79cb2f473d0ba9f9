"""Integration-test fixtures: the simulated RTSP fleet, started once per session and shared.

Set ``VIDEOWALL_FLEET_CACHE`` to reuse generated clips from a fixed directory (CI caches it);
otherwise the per-user cache is used. The first run generates the clips (~2 min on 2 cores).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from videowall.sim.fleet import SYSTEM_PYTHON, Fleet

HERE = Path(__file__).parent


def pytest_itemcollected(item: pytest.Item) -> None:
    """Everything under tests/integration is an integration test (``-m "not integration"`` skips it;
    ``make test`` runs the two kinds side by side)."""
    if HERE in Path(str(item.path)).parents:
        item.add_marker(pytest.mark.integration)


def _fleet_prerequisites_missing() -> str | None:
    if shutil.which("ffmpeg") is None:
        return "ffmpeg is not installed"
    probe = "import gi; gi.require_version('GstRtspServer', '1.0'); from gi.repository import GstRtspServer"
    try:
        subprocess.run([SYSTEM_PYTHON, "-c", probe], check=True, capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return f"{SYSTEM_PYTHON} cannot import GstRtspServer (python3-gi, gir1.2-gst-rtsp-server-1.0)"
    return None


@pytest.fixture(scope="session")
def fleet() -> Iterator[Fleet]:
    """The running fleet on a free loopback port; URLs via ``fleet.url(camera_id, "main"|"sub")``.

    Tests that stop the server or drop a camera must leave it serving again when they finish.
    """
    missing = _fleet_prerequisites_missing()
    if missing:
        pytest.skip(f"simulated fleet unavailable: {missing}")
    with Fleet(port=0, cache_dir=os.environ.get("VIDEOWALL_FLEET_CACHE") or None) as running:
        running.start(timeout=90)
        yield running

"""Shared fixtures: a virtual X server for tests that open windows, and the shared city data."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from videowall.display.xserver import VirtualDisplay

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def xdisplay() -> Iterator[str]:
    """A private Xvfb (1600x900) for the session: tests never touch a real screen."""
    with VirtualDisplay(screens=((1600, 900),)) as display:
        yield display.name


@pytest.fixture
def app_env(tmp_path: Path, xdisplay: str) -> dict[str, str]:
    """Environment for running the app as a subprocess: private files, the test display."""
    env = dict(os.environ)
    env.update(DISPLAY=xdisplay, VIDEOWALL_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="xcb")
    # sign in without the login dialog; on a fresh database this first run creates the administrator
    env.update(VIDEOWALL_USER="test-admin", VIDEOWALL_PASSWORD="test-admin-password", VIDEOWALL_KEYRING="off")
    env.pop("WAYLAND_DISPLAY", None)
    return env


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not (SHARED_DATA / "city_cameras.csv").exists():
        pytest.skip(f"shared data not found at {SHARED_DATA}")
    return SHARED_DATA

"""Quarantine first, then review, in the real app: a new camera's tile paints nothing and says it needs a
reference (X-server screenshot) until a supervisor opens the scene review (Ctrl+Shift+Q), selects the
contact sheet's cards (Ctrl+A) and approves them (Alt+A), by real X input; then it plays, audited."""

from __future__ import annotations

import hashlib
import shutil
import time
from pathlib import Path

import numpy as np
import pytest

from tests.accounts import add_account
from tests.integration.test_evidence_window import keys, wait_window
from tests.integration.wallrun import WallRun, console, import_fleet
from tests.screens import background_share, crop, grab, moving
from videowall.sim.spec import FAULT_NOT_FOUND
from videowall.storage.database import open_read_only

pytestmark = pytest.mark.skipif(shutil.which("xdotool") is None, reason="xdotool is not installed")
NEEDS_REFERENCE_RGB = (0x9D, 0xB4, 0xFF)  # ui/state_style.py: the badge and headline colour


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    conn = open_read_only(db)
    try:
        return [tuple(r) for r in conn.execute(sql)]
    finally:
        conn.close()


def _grabs(display: str, tmp_path: Path, name: str) -> list[np.ndarray]:
    shots = []
    for i in range(3):
        time.sleep(0.6)
        shots.append(grab(display, tmp_path / f"{name}-{i}.png"))
    return shots


def test_a_new_camera_waits_for_a_supervisor_then_plays(fleet, app_env, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                       xdisplay: str) -> None:
    db = import_fleet(fleet, tmp_path, app_env, trusted=False)  # no migration setting: review first
    add_account(db, app_env, "supervisor1", "supervisor", "supervisor-pw-1")
    cams = [c.id for c in fleet.cameras if not c.fault][:2]
    missing = next(c.id for c in fleet.cameras if c.fault == FAULT_NOT_FOUND)
    env = {**app_env, "VIDEOWALL_USER": "supervisor1", "VIDEOWALL_PASSWORD": "supervisor-pw-1"}
    run = WallRun(env, tmp_path, "--db", str(db), "--layout", "2x2", "--cameras", ",".join([*cams, missing]))
    try:
        run.wait_for(lambda s: [t["state"] for t in console(s)[:2]] == ["needs_reference"] * 2, 40,
                     "both tiles held: needs reference")
        # a camera that sends no picture says why, not "needs reference" (that would hide the fault)
        run.wait_for(lambda s: (console(s)[2]["state"], console(s)[2]["reason"]) == ("offline", "not_found"), 40,
                     "the missing camera's tile: offline, not found")
        deadline = time.monotonic() + 30  # decoded meanwhile: the first stable pictures become candidates
        while time.monotonic() < deadline and len(_rows(db, "SELECT 1 FROM scene_references WHERE origin = "
                                                              "'candidate' AND sha256 != ''")) < 2:
            time.sleep(0.5)
        candidates = _rows(db, "SELECT camera_id, path, sha256 FROM scene_references WHERE origin = 'candidate'")
        assert sorted(c[0] for c in candidates) == sorted(cams), candidates
        status = run.wait_for(lambda s: True, 5, "status")
        shots = _grabs(xdisplay, tmp_path, "held")
        for tile in console(status)[:2]:
            assert tile["state"] == "needs_reference", tile
            assert background_share(shots[-1], tile["geometry"]) > 0.8, "a held tile paints a picture"
            assert moving(shots, tile["geometry"]) == 0.0, "a held tile's picture moves"
            label = crop(shots[-1], tile["geometry"], inset=0)
            near = (np.abs(label - np.array(NEEDS_REFERENCE_RGB)).max(axis=2) <= 12).mean()
            assert near > 0.002, "no 'needs reference' label in the state colour on the tile"

        keys(xdisplay, wait_window(xdisplay, "operator console"), "ctrl+shift+q")
        review = wait_window(xdisplay, "Scene review")
        time.sleep(1.0)
        grab(xdisplay, tmp_path / "contact-sheet.png")
        keys(xdisplay, review, "ctrl+a", "alt+a")
        status = run.wait_for(lambda s: [t["state"] for t in console(s)[:2]] == ["live"] * 2, 40,
                              "both tiles live after the approval")
        keys(xdisplay, review, "Escape")  # the review closes; the wall is in view again
        time.sleep(1.0)
        shots = _grabs(xdisplay, tmp_path, "live")
        for tile in console(status)[:2]:
            assert background_share(shots[-1], tile["geometry"]) < 0.5, "an approved camera shows no picture"
    finally:
        assert run.stop() == 0, run.log_tail()
    audited = _rows(db, "SELECT actor, target, detail FROM audit_log WHERE action = 'reference_approved'")
    assert sorted(a[1] for a in audited) == sorted(cams), audited
    refs = {r[0]: r for r in _rows(db, "SELECT camera_id, path, sha256, origin, approved_by FROM scene_references")}
    for actor, camera_id, detail in audited:
        assert actor == "supervisor1"
        _cid, path, sha, origin, by = refs[str(camera_id)]
        assert origin == "approved" and by == "supervisor1"
        assert hashlib.sha256(Path(str(path)).read_bytes()).hexdigest() == sha
        assert str(detail).startswith(f"sha256 {sha}")
        first = next(c for c in candidates if c[0] == camera_id)
        assert first[2] == sha  # the picture approved is the first picture the camera sent

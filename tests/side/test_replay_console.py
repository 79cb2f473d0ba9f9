"""Play from the recorder where a person works (issue 22): the real console (``videowall run``) on the test X
server, driven by X input events (xdotool: right-click on a tile, the menu's mnemonic, R on the focused tile,
Ctrl+R then Alt+R in Review), against the simulated recorders. The instant shown is read off X-server
screenshots (the recorder's code band). Replay needs REVIEW (the role table): a supervisor and a liaison get
the recordings; an operator and a presenter are offered no entry and R does nothing (the service's own
refusal: tests/unit/test_recorder_replay_service.py)."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.integration.test_evidence_window import keys, wait_window, xdo
from tests.integration.wallrun import WallRun, console, process_children
from tests.screens import grab
from tests.side.replay_screen import clock_on_screen, replay_clients
from videowall.domain.access import Role
from videowall.domain.camera import Camera
from videowall.domain.evidence import DEFAULT_PRE_S, Bookmark
from videowall.domain.privacy import MASK_BGRA, MaskPolygon, MaskSet
from videowall.domain.recorder_source import RecorderKind, RecorderSource
from videowall.security.secrets import CredentialStore
from videowall.security.users import UserStore
from videowall.sim.recorder import RecorderSpec, RecordingSpec, SimRecorders
from videowall.storage.cameras import CameraRepository
from videowall.storage.database import open_read_only
from videowall.storage.evidence import EvidenceRepository
from videowall.storage.privacy import PrivacyRepository
from videowall.storage.recorder_sources import RecorderSourceRepository
from videowall.storage.writer import DatabaseWriter

pytestmark = pytest.mark.skipif(shutil.which("xdotool") is None, reason="xdotool is not installed")
NOW = time.time()
PEOPLE = {"supervisor1": ("supervisor", "supervisor-pw-1"), "operator1": ("operator", "operator-pw-1"),
          "liaison1": ("liaison", "liaison-pw-1"),
          "presenter1": ("presenter", "presenter-pw-1")}
CAMS = ("SIM-CAM-01", "SIM-CAM-02")  # on NVR-A (found by the search), on NVR-SKEW (clock 90 s fast, token given)
SKEW = 90.0
BOOKMARK_AT = float(int(NOW - 200))
PLAY, INSTANT = "Play from recorder...", "Instant replay: last 30 s (R)"
MASK = MaskPolygon(((0.05, 0.05), (0.4, 0.05), (0.4, 0.4), (0.05, 0.4)))  # CAMS[0]'s, clear of the code band
MASK_RGB = (MASK_BGRA[2], MASK_BGRA[1], MASK_BGRA[0])


@dataclass
class Rig:
    db: Path
    env: dict[str, str]
    tmp: Path
    display: str

    def run_as(self, name: str) -> WallRun:
        env = {**self.env, "VIDEOWALL_USER": name, "VIDEOWALL_PASSWORD": PEOPLE[name][1]}
        run = WallRun(env, self.tmp, "--db", str(self.db), "--layout", "4", "--cameras", ",".join(CAMS))
        run.wait_for(lambda s: len(console(s)) == 4 and console(s)[1]["geometry"] is not None and "replay" in s,
                     30, f"{name}'s console")
        return run


@pytest.fixture(scope="module")
def rig(tmp_path_factory: pytest.TempPathFactory, xdisplay: str) -> Iterator[Rig]:
    tmp = tmp_path_factory.mktemp("replay-console")
    env = dict(os.environ)
    env.update(DISPLAY=xdisplay, VIDEOWALL_HOME=str(tmp / "home"), QT_QPA_PLATFORM="xcb", VIDEOWALL_KEYRING="off")
    env.pop("WAYLAND_DISPLAY", None)
    start = NOW - 3 * 3600
    specs = (RecorderSpec("NVR-A", (RecordingSpec("REC-A1", CAMS[0], "Simpang Lima", ((start, None),)),)),
             RecorderSpec("NVR-SKEW", (RecordingSpec("REC-S2", CAMS[1], "Tugu Muda", ((start, None),)),),
                          clock_offset_s=SKEW))
    db = tmp / "data" / "videowall.db"
    db.parent.mkdir(parents=True)
    with SimRecorders(specs) as recs:
        with DatabaseWriter(db) as writer:
            def setup(d):  # type: ignore[no-untyped-def]
                for name, (role, password) in PEOPLE.items():
                    UserStore(d).add(name, Role(role), password)
                CameraRepository(d).upsert_many(  # nothing listens there: the tiles are offline, their menus work
                    Camera(cid, f"Camera {cid}", main_url=f"rtsp://127.0.0.1:9/{cid}/main",
                           sub_url=f"rtsp://127.0.0.1:9/{cid}/sub") for cid in CAMS)
                sources = RecorderSourceRepository(d, CredentialStore(d, tmp / "home" / "unused.key", keyring=None))
                sources.save(RecorderSource(CAMS[0], RecorderKind.ONVIF, recs.running["NVR-A"].onvif_address))
                sources.save(RecorderSource(CAMS[1], RecorderKind.ONVIF, recs.running["NVR-SKEW"].onvif_address,
                                            "REC-S2", clock_offset_s=SKEW))
                PrivacyRepository(d).save_masks(MaskSet(CAMS[0], (MASK,)))
                EvidenceRepository(d).add_bookmark(Bookmark(0, CAMS[1], f"Camera {CAMS[1]}", "Tugu", BOOKMARK_AT,
                                                            "operator1"))

            writer.submit(setup).result(30)
        yield Rig(db, env, tmp, xdisplay)


def _centre(run: WallRun, index: int) -> tuple[str, str]:
    status = run.status()
    assert status is not None
    x, y, w, h = console(status)[index]["geometry"]
    return str(x + w // 2), str(y + h // 2)


def _shown(run: WallRun, asked_from: float, asked_to: float, name: str, rig: Rig) -> tuple[float, float, dict]:
    """Wait for the replay window's pictures; (instant on screen, when read, the window's status)."""
    status = run.wait_for(lambda s: bool((s.get("replay") or {}).get("window"))
                          and s["replay"]["window"]["frames"] > 2 and s["replay"]["window"]["rect"], 15,
                          f"the replay window showing pictures ({name})")
    window = status["replay"]["window"]
    called, deadline = time.time(), time.monotonic() + 4.0  # a picture of this replay, not one left from before
    while True:
        shown, read_at = clock_on_screen(rig.display, window["rect"], rig.tmp, name), time.time()
        if asked_from - 1.0 <= shown <= asked_to + (read_at - called) + 1.5 or time.monotonic() > deadline:
            return shown, read_at, window
        time.sleep(0.1)


def _masked(rig: Rig, rect: list[int], name: str) -> bool:
    """Is the picture at ``rect`` the mask's grey all over MASK's middle (a 10 % square of the picture)?"""
    x, y, w, h = rect
    img = grab(rig.display, rig.tmp / f"{name}.png")
    middle = img[y + int(0.18 * h): y + int(0.27 * h), x + int(0.18 * w): x + int(0.27 * w)].reshape(-1, 3)
    return bool((abs(middle - MASK_RGB) <= 4).all())


def _replay_children(run: WallRun) -> list[int]:
    return replay_clients(process_children(run.proc.pid, "python3"))


def _audit(db: Path) -> list[tuple[str, str, str]]:
    conn = open_read_only(db)
    try:
        return [(str(a), str(t), str(d)) for a, t, d in conn.execute(
            "SELECT actor, target, detail FROM audit_log WHERE action = 'recorder_replay' ORDER BY id").fetchall()]
    finally:
        conn.close()


def test_a_supervisor_replays_a_tile_from_its_menu_and_the_last_30_s_on_r(rig: Rig) -> None:
    run = rig.run_as("supervisor1")
    try:
        x, y = _centre(run, 0)
        xdo(rig.display, "mousemove", x, y, "click", "3")  # the tile's context menu
        status = run.wait_for(lambda s: PLAY in s["replay"]["menu"], 10, "the tile menu with the replay entries")
        assert INSTANT in status["replay"]["menu"]
        before = time.time()
        xdo(rig.display, "key", "r")  # the menu's mnemonic: Play from &recorder...
        shown, read_at, window = _shown(run, before - 300, time.time() - 300, "menu", rig)
        assert CAMS[0] in window["recording"] and "NVR" not in window["recording"]  # found by SourceId, not named
        assert before - 300 - 1.0 <= shown <= read_at - 300 + 1.5, (shown - (before - 300), read_at - before)
        assert _masked(rig, window["rect"], "menu-mask")  # the camera's privacy mask is in the replayed picture

        keys(rig.display, wait_window(rig.display, "Play from recorder"), "Escape")  # Esc closes it
        run.wait_for(lambda s: s["replay"]["window"] is None, 10, "the replay window closed")
        x, y = _centre(run, 1)
        xdo(rig.display, "mousemove", x, y, "click", "1")  # focus the second tile (the skewed recorder's camera)
        time.sleep(0.3)
        before = time.time()
        xdo(rig.display, "key", "r")  # instant replay: the last 30 s of the focused tile
        shown, read_at, window = _shown(run, before - 30, time.time() - 30, "instant", rig)
        assert CAMS[1] in window["recording"] and "REC-S2" in window["recording"]
        # true time: the recorder labels it 90 s later, the register's offset was applied
        assert before - 30 - 1.0 <= shown <= read_at - 30 + 1.5, (shown - (before - 30), read_at - before)
        assert not _masked(rig, window["rect"], "instant-mask")  # CAMS[1] has no mask: its own picture there
    finally:
        assert run.stop() == 0
    assert [(a, t) for a, t, _d in _audit(rig.db)][-2:] == [("supervisor1", CAMS[0]), ("supervisor1", CAMS[1])]


def test_a_liaison_plays_a_bookmark_from_review(rig: Rig) -> None:
    run = rig.run_as("liaison1")
    try:
        keys(rig.display, wait_window(rig.display, "operator console"), "ctrl+r")
        review = wait_window(rig.display, "incident review")
        run.wait_for(lambda s: bool(s.get("review")), 10, "Review open")
        time.sleep(0.5)  # its first row is chosen once the bookmarks are read
        keys(rig.display, review, "alt+r")  # Play from &recorder: the chosen bookmark's camera
        asked = BOOKMARK_AT - DEFAULT_PRE_S  # the start of the bookmark's clip window
        started = time.time()
        shown, read_at, window = _shown(run, asked, asked, "review", rig)
        assert CAMS[1] in window["recording"]
        assert asked - 0.25 <= shown <= asked + 1.0 + (read_at - started), (shown - asked, read_at - started)
        # its timeline: the hour around the instant, recorded throughout (true time), the bookmark as a mark
        status = run.wait_for(lambda s: bool(s["replay"]["window"]["timeline"]["ranges"]), 10, "the timeline")
        line = status["replay"]["window"]["timeline"]
        assert line["bookmarks"] == [BOOKMARK_AT] and len(line["ranges"]) == 1, line
        assert line["ranges"][0][0] <= asked <= line["ranges"][0][1] and line["span"][1] <= time.time()
    finally:
        assert run.stop() == 0
    assert _audit(rig.db)[-1][:2] == ("liaison1", CAMS[1])


@pytest.mark.parametrize("name", ["presenter1", "operator1"])
def test_a_role_without_review_is_offered_no_replay_and_r_does_nothing(rig: Rig, name: str) -> None:
    audited = len(_audit(rig.db))
    run = rig.run_as(name)
    try:
        x, y = _centre(run, 0)
        xdo(rig.display, "mousemove", x, y, "click", "3")
        status = run.wait_for(lambda s: bool(s["replay"]["menu"]), 10, "the tile menu")
        assert PLAY not in status["replay"]["menu"] and INSTANT not in status["replay"]["menu"], status["replay"]
        assert "Snapshot" in status["replay"]["menu"]  # the menu is there, without the replay entries
        xdo(rig.display, "key", "Escape")
        offered = {a["text"]: a["visible"] for a in status["actions"]}
        assert offered[INSTANT] is False
        xdo(rig.display, "mousemove", x, y, "click", "1")
        time.sleep(0.3)
        xdo(rig.display, "key", "r")
        time.sleep(2.5)
        status = run.status()
        assert status is not None and status["replay"]["window"] is None and not _replay_children(run)
    finally:
        assert run.stop() == 0
    assert len(_audit(rig.db)) == audited

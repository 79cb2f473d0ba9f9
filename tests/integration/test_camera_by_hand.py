"""Cameras by hand through the real window (issue 17 item 6): the console as a subprocess on the test's X
server, driven with xdotool like a person at the keyboard.

One run: Cameras > Add camera... (Ctrl+Shift+N), the fields typed, Test stream on a URL the fleet does not
serve (the dialog says "not found", read off the screen), then on a real one (the first picture appears
in the dialog), Save; the camera is in the register (no password in the database, the log or the WAL),
audited as the signed-in user, plays on a tile; and a camera imported with ``videowall import`` while
the console runs appears without a restart. Who may not edit cameras is tests/integration/test_role_window.py
(menu) and tests/unit/test_camera_edit.py (service).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

import numpy as np

from tests.integration.test_evidence_window import wait_window, xdo
from tests.integration.wallrun import WallRun, console, import_fleet, videowall
from tests.ocr import read_text
from tests.screens import grab

PASSWORD = "Rahasia-Kamera-42"  # the camera's own account, typed into the dialog
CAMERA_ID = "HAND-01"


def typed(display: str, *steps: str) -> None:
    """Each step is a key (``key:Tab``) or text to type into the focused field."""
    for step in steps:
        if step.startswith("key:"):
            xdo(display, "key", "--clearmodifiers", step[4:])
        else:
            xdo(display, "type", "--delay", "15", step)
        time.sleep(0.15)


def geometry(display: str, window: str) -> tuple[int, int, int, int]:
    shell = dict(line.split("=", 1) for line in xdo(display, "getwindowgeometry", "--shell", window).splitlines())
    return int(shell["X"]), int(shell["Y"]), int(shell["WIDTH"]), int(shell["HEIGHT"])


def black_share(img: np.ndarray, box: tuple[int, int, int, int]) -> float:
    """Share of pure black pixels in ``box``: the dialog's empty thumbnail is black, a picture is not."""
    x, y, w, h = box
    return float((img[y:y + h, x:x + w].max(axis=2) <= 2).mean())


def dialog_says(display: str, box: tuple[int, int, int, int], words: str, work: Path, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        shot = work / f"dialog-{time.monotonic_ns()}.png"
        grab(display, shot)
        x, y, w, h = box
        text = read_text(shot, (x + w // 2, y, w - w // 2, h // 2), work).lower()  # the thumbnail's column
        if words in text:
            return text
        time.sleep(1.0)
    raise AssertionError(f"the dialog never said {words!r}; it read: {text!r}")


def test_a_camera_added_by_hand_plays_and_a_cli_import_appears_live(fleet, app_env, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                    xdisplay: str) -> None:
    db = import_fleet(fleet, tmp_path, app_env)
    healthy = [c.id for c in fleet.cameras if not c.fault]
    shown, added = healthy[0], healthy[1]
    missing = fleet.url(added, "sub").rsplit("/", 2)[0] + "/no-such-camera/sub"
    run = WallRun(app_env, tmp_path, "--db", str(db), "--layout", "1", "--cameras", shown)
    try:
        status: dict[str, Any] = run.wait_for(lambda s: bool(s.get("actions")) and bool(s.get("register")), 40,
                                              "the console")
        before = status["register"]["cameras"]
        offered = {a["text"]: a["visible"] for a in status["actions"]}
        assert offered.get("Add camera...") is True, offered  # the administrator may edit cameras
        main = wait_window(xdisplay, "operator console")
        xdo(xdisplay, "windowfocus", "--sync", main)
        typed(xdisplay, "key:ctrl+shift+n")
        dialog = wait_window(xdisplay, "Add camera")
        time.sleep(0.5)
        xdo(xdisplay, "windowfocus", "--sync", dialog)
        # id, name, (kind), kecamatan, kelurahan, (rw, rt), main URL, sub URL, (ONVIF host, port), user, password
        typed(xdisplay, CAMERA_ID, "key:Tab", "Kamera tangan Tugu Muda", "key:Tab", "key:Tab", "Semarang Tengah",
              "key:Tab", "Sekayu", "key:Tab", "key:Tab", "key:Tab", fleet.url(added, "main"), "key:Tab",
              missing, "key:Tab", "key:Tab", "key:Tab", "viewer", "key:Tab", PASSWORD)
        box = geometry(xdisplay, dialog)
        typed(xdisplay, "key:alt+t")
        said = dialog_says(xdisplay, box, "not found", tmp_path, 30)
        assert "404" in said
        empty = grab(xdisplay, tmp_path / "no-picture.png")
        # the sub URL fixed (the focus is still in its field), tested again: the first picture shows
        typed(xdisplay, "key:shift+Tab", "key:shift+Tab", "key:shift+Tab", "key:shift+Tab", "key:ctrl+a",
              fleet.url(added, "sub"), "key:alt+t")
        dialog_says(xdisplay, box, "picture received", tmp_path, 40)
        picture = grab(xdisplay, tmp_path / "picture.png")
        dark_before, dark_after = black_share(empty, box), black_share(picture, box)
        assert dark_before - dark_after > 0.04, (dark_before, dark_after)  # 320x180 of black became a picture
        typed(xdisplay, "key:alt+s")
        status = run.wait_for(lambda s: s["register"]["cameras"] == before + 1, 20, "the camera in the register")
        assert status["register"]["tree"] == before + 1
        run.send(cmd="assign", tile=0, cameras=[CAMERA_ID])
        run.wait_for(lambda s: console(s)[0]["camera_id"] == CAMERA_ID and console(s)[0]["state"] == "live", 40,
                     "the hand-added camera live on the tile")

        # `videowall import` in another process while the console runs: the tree shows it within seconds
        late = tmp_path / "late.csv"
        url = fleet.url(healthy[2], "main")
        late.write_text(f"id,nama,jenis,kecamatan,kelurahan,main_url\nCLI-LATE-01,Kamera baru dari CLI,publik,"
                        f"Candisari,Jatingaleh,{url}\n", encoding="utf-8")
        done = videowall("import", str(late), "--db", str(db), env=app_env)
        assert done.returncode == 0, done.stdout + done.stderr
        started = time.monotonic()
        status = run.wait_for(lambda s: s["register"]["cameras"] == before + 2, 20, "the imported camera in the tree")
        assert status["register"]["tree"] == before + 2
        print(f"CLI import shown {time.monotonic() - started:.1f} s after it finished")
    finally:
        assert run.stop() == 0
    raw = sqlite3.connect(db)
    row = raw.execute("SELECT sub_url, credential_ref FROM cameras WHERE id = ?", [CAMERA_ID]).fetchone()
    assert row == (fleet.url(added, "sub"), f"camera:{CAMERA_ID}")
    assert raw.execute("SELECT username FROM credentials WHERE ref = ?", [row[1]]).fetchone() == ("viewer",)
    trail = raw.execute("SELECT actor, detail FROM audit_log WHERE action = 'camera_added' AND target = ?",
                        [CAMERA_ID]).fetchall()
    raw.close()
    assert [a for a, _d in trail] == [app_env["VIDEOWALL_USER"]] and "credentials stored" in trail[0][1]
    for path in (db, Path(f"{db}-wal"), run.log):
        if path.exists():
            assert PASSWORD.encode() not in path.read_bytes(), path
    assert "Traceback" not in run.log.read_text(errors="replace")

"""An export that takes a while (issue 15 item 1): its progress is shown, Cancel stops it and leaves
nothing behind, a second export runs to the end and verifies. In the real window by X input, and from
a real terminal (tmux) where Ctrl+C cancels.

The case holds two bookmarks: a masked camera's 1280x720 clip, long enough that its masked re-encode
takes several seconds on two cores (made by ffmpeg here), and a short clip of a camera without
masks. What a person gets is read where it lands: the status file's "review" entry (the progress bar,
the step, the message), an X screenshot, the destination folder, the custody log and the audit trail.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.integration.test_evidence_window import keys, wait_window, window_ids, xdo
from tests.integration.wallrun import BIN, Status, WallRun, videowall
from tests.screens import grab
from videowall.domain.access import Role
from videowall.domain.evidence import Bookmark, ClipState
from videowall.domain.privacy import MaskPolygon, MaskSet
from videowall.evidence.manifest import sha256_file
from videowall.security.users import UserStore
from videowall.storage.database import open_read_only
from videowall.storage.evidence import EvidenceRepository
from videowall.storage.privacy import PrivacyRepository
from videowall.storage.writer import DatabaseWriter

pytestmark = pytest.mark.skipif(shutil.which("xdotool") is None or shutil.which("tmux") is None,
                                reason="xdotool and tmux are needed")
MASK = MaskPolygon(((0.55, 0.15), (0.9, 0.15), (0.9, 0.55), (0.55, 0.55)))
MASKED, PLAIN = "SIM-CAM-03", "SIM-CAM-07"
CASE = "LP/15/XII/2026"
LIAISON, PASSWORD = "liaison1", "liaison-pw-1"
LONG_S = 40.0  # the masked clip: 1000 pictures of 1280x720 to re-encode


@dataclass
class Store:
    db: Path
    env: dict[str, str]
    tmp: Path


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, xdisplay: str) -> Store:
    tmp = tmp_path_factory.mktemp("export-progress")
    env = dict(os.environ)
    env.update(DISPLAY=xdisplay, VIDEOWALL_HOME=str(tmp / "home"), QT_QPA_PLATFORM="xcb", VIDEOWALL_KEYRING="off",
               VIDEOWALL_USER=LIAISON, VIDEOWALL_PASSWORD=PASSWORD)
    env.pop("WAYLAND_DISPLAY", None)
    db = tmp / "data" / "videowall.db"
    db.parent.mkdir(parents=True)
    evidence = db.parent / "evidence"
    now = time.time()
    with DatabaseWriter(db) as writer:
        writer.submit(lambda d: UserStore(d).add(LIAISON, Role.LIAISON, PASSWORD)).result(30)
        ids = []
        for n, (camera, size, seconds) in enumerate(((PLAIN, "320x180", 3.0), (MASKED, "1280x720", LONG_S))):
            clip, shot = f"clips/{camera}.mp4", f"snapshots/{camera}.png"
            (evidence / clip).parent.mkdir(parents=True, exist_ok=True)
            subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i", f"testsrc2=size={size}:rate=25",
                            "-t", str(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                            "-g", "25", str(evidence / clip)], check=True, timeout=120)
            (evidence / shot).parent.mkdir(parents=True, exist_ok=True)
            Image.new("RGB", (320, 180), (60, 120, 180)).save(evidence / shot)
            digest = sha256_file(evidence / clip)[0]
            at = now - 600 + 60 * n

            def add(d, camera=camera, at=at, clip=clip, shot=shot, digest=digest):  # type: ignore[no-untyped-def]
                repo = EvidenceRepository(d)
                bid = repo.add_bookmark(Bookmark(0, camera, f"Camera {camera}", "Tugu / Mangkang", at, "operator1"))
                repo.set_snapshot(bid, shot)
                repo.set_clip(bid, ClipState.SAVED, clip, at - 3, at + 3, "clip covers the window", digest)
                return bid

            ids.append(writer.submit(add).result(10))

        def make_case(d):  # type: ignore[no-untyped-def]
            repo = EvidenceRepository(d)
            repo.add_to_case(repo.create_case(CASE, "Perkara panjang", LIAISON), ids)
            PrivacyRepository(d).save_masks(MaskSet(MASKED, (MASK,)))

        writer.submit(make_case).result(10)
    return Store(db, env, tmp)


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    conn = open_read_only(db)
    try:
        return [tuple(r) for r in conn.execute(sql)]
    finally:
        conn.close()


def nothing_exported(store: Store, dest: Path) -> None:
    """The folder is as it was, and the database records no export."""
    assert sorted(os.listdir(dest)) == [], f"left behind in {dest}: {os.listdir(dest)}"
    assert rows(store.db, "SELECT id FROM custody_events WHERE action = 'export'") == []
    assert rows(store.db, "SELECT id FROM audit_log WHERE action IN ('export', 'export_unmasked')") == []
    assert rows(store.db, "SELECT id FROM bookmarks WHERE exported_at IS NOT NULL") == []
    assert rows(store.db, "SELECT id FROM cases WHERE exported_at IS NOT NULL") == []


def ffmpeg_children(pid: int) -> list[str]:
    """Programs the process ``pid`` runs as children now (any thread's)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in children:
            with contextlib.suppress(OSError):
                found.append(Path(f"/proc/{child}/comm").read_text().strip())
    return [c for c in found if "ffmpeg" in c or "setpriv" in c]


def review(status: Status) -> dict[str, Any]:
    entry = status.get("review")
    return entry if isinstance(entry, dict) else {}


def export_state(status: Status) -> dict[str, Any]:
    """The progress panel's state while an export runs ({} when none runs)."""
    state = review(status).get("export")
    return state if isinstance(state, dict) else {}


def exports_recorded(db: Path) -> tuple[int, int]:
    """Custody export events and export audit rows."""
    return (len(rows(db, "SELECT id FROM custody_events WHERE action = 'export'")),
            len(rows(db, "SELECT id FROM audit_log WHERE action IN ('export', 'export_unmasked')")))


def start_export(run: WallRun, display: str, window: str, dest: Path) -> None:
    """Ctrl+A (every bookmark), Ctrl+E, the folder typed into the dialog, Enter."""
    keys(display, window, "ctrl+a", "ctrl+e")
    dialog = wait_window(display, "Export evidence to")
    run.wait_for(lambda s: review(s).get("export_options") is not None, 10, "the export dialog")
    xdo(display, "windowfocus", "--sync", dialog)
    xdo(display, "key", "ctrl+a")
    xdo(display, "type", "--delay", "20", str(dest))
    xdo(display, "key", "Return")


def test_the_window_shows_progress_cancels_cleanly_and_then_exports(store: Store, xdisplay: str) -> None:
    dest = store.tmp / "window-export"
    dest.mkdir()
    run = WallRun(store.env, store.tmp, "--db", str(store.db), "--layout", "1")
    try:
        run.wait_for(lambda s: bool(s.get("tiles")), 40, "the console up")
        keys(xdisplay, wait_window(xdisplay, "operator console"), "ctrl+r")
        window = wait_window(xdisplay, "incident review")
        run.wait_for(lambda s: review(s).get("camera_id") == MASKED, 30, "Review on the masked camera's bookmark")
        start_export(run, xdisplay, window, dest)

        first = export_state(run.wait_for(lambda s: export_state(s).get("step") == "mask_clip", 30,
                                          "the masked re-encode running"))
        assert first["total"] == 2 + 2 + 3 and "masking clip" in str(first["text"]), first  # 2 snapshots, 2 clips
        later = export_state(run.wait_for(
            lambda s: export_state(s).get("step") == "mask_clip" and export_state(s)["percent"] > first["percent"] + 2,
            30, "the progress bar advancing"))
        assert "%)" in str(later["text"]), later  # "Step 4 of 7: masking clip 2 of 2 (37 %)"
        status = run.status()
        assert status is not None and not export_state(status).get("cancelling")
        grab(xdisplay, store.tmp / "export-progress.png")  # the bar and the step, kept for a person to look at
        assert not (review(status).get("message") or "").startswith("Export cancelled")
        assert ffmpeg_children(run.proc.pid), "no ffmpeg re-encoding while the bar advances"
        keys(xdisplay, window, "ctrl+e")  # the other export actions are off meanwhile: no second dialog
        time.sleep(1.0)
        assert not window_ids(xdisplay, "Export evidence to")

        keys(xdisplay, window, "Escape")  # Cancel
        pressed = time.monotonic()
        done = run.wait_for(lambda s: not export_state(s) and "Export cancelled" in str(review(s).get("message")),
                            20, "the export cancelled")
        assert time.monotonic() - pressed < 8.0  # promptly: the status file is written once a second
        assert f"Export cancelled; nothing was written to {dest}" in str(review(done)["message"])
        grab(xdisplay, store.tmp / "export-cancelled.png")
        assert ffmpeg_children(run.proc.pid) == [], "the re-encode kept running after Cancel"
        nothing_exported(store, dest)
        cancelled = rows(store.db, "SELECT actor, target, detail FROM audit_log WHERE action = 'export_cancelled'")
        assert len(cancelled) == 1 and cancelled[0][:2] == (LIAISON, str(dest)), cancelled
        assert "masking clip" in str(cancelled[0][2]) and "nothing was written" in str(cancelled[0][2])

        start_export(run, xdisplay, window, dest)  # again, to the end
        finished = run.wait_for(lambda s: "Exported" in str(review(s).get("message")), 240, "the second export")
        assert not export_state(finished)
    finally:
        assert run.stop() == 0, run.log_tail()
    [folder] = [p for p in dest.iterdir()]
    assert folder.is_dir() and not folder.name.startswith(".")
    verified = videowall("verify", str(folder), env=store.env)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    custody = rows(store.db, "SELECT actor FROM custody_events WHERE action = 'export'")
    assert custody == [(LIAISON,)], custody


def tmux(socket: str, *args: str) -> str:
    done = subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True, timeout=30, check=False)
    return done.stdout


def test_the_command_line_prints_progress_on_a_terminal_and_ctrl_c_cancels(store: Store) -> None:
    dest = store.tmp / "cli-export"
    dest.mkdir()
    before = len(rows(store.db, "SELECT id FROM audit_log WHERE action = 'export_cancelled'"))
    recorded = exports_recorded(store.db)
    script = store.tmp / "export.sh"
    exports = " ".join(f"{k}={v!r}" for k, v in store.env.items() if k.startswith("VIDEOWALL_"))
    script.write_text(f"export {exports}\n{BIN / 'videowall'} case export {CASE} --out {dest} --db {store.db}\n"
                      "echo EXIT=$?\nsleep 600\n")
    socket = f"vw-export-{os.getpid()}"
    tmux(socket, "-f", "/dev/null", "new-session", "-d", "-s", "export", "-x", "160", "-y", "40", f"bash {script}")
    try:
        deadline = time.monotonic() + 60
        screen = ""
        running = re.compile(r"\[4/7\] masking clip 2 of 2 \(([1-9]\d*) %\)")  # the percent rewritten in place
        while time.monotonic() < deadline and not running.search(screen):
            time.sleep(0.3)
            screen = tmux(socket, "capture-pane", "-p", "-t", "export")
        assert running.search(screen), screen
        assert "[1/7] copying snapshot 1 of 2" in screen, screen  # a line per step, the steps before kept
        tmux(socket, "send-keys", "-t", "export", "C-c")
        while time.monotonic() < deadline + 30 and "EXIT=" not in screen:
            time.sleep(0.3)
            screen = tmux(socket, "capture-pane", "-p", "-t", "export")
    finally:
        tmux(socket, "kill-server")
    (store.tmp / "terminal.txt").write_text(screen)  # what the officer saw, kept for a person to read
    assert "EXIT=130" in screen, screen
    said = [line for line in screen.splitlines() if line.startswith("videowall:")]
    assert said == [f"videowall: export cancelled; nothing was written to {dest}"], screen
    assert "Traceback" not in screen
    assert sorted(os.listdir(dest)) == []
    assert exports_recorded(store.db) == recorded  # (the window test's export may be there already)
    assert len(rows(store.db, "SELECT id FROM audit_log WHERE action = 'export_cancelled'")) == before + 1

    # Not a terminal: no progress lines; SIGINT still cancels, in one line
    proc = subprocess.Popen([str(BIN / "videowall"), "case", "export", CASE, "--out", str(dest), "--db", str(store.db)],
                            env=store.env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    time.sleep(5.0)  # signed in, re-encoding by now
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, out + err
    assert err.strip() == f"videowall: export cancelled; nothing was written to {dest}", err
    assert sorted(os.listdir(dest)) == []
    assert exports_recorded(store.db) == recorded
    assert len(rows(store.db, "SELECT id FROM audit_log WHERE action = 'export_cancelled'")) == before + 2

"""Privacy masks in recorded video (issue 14): Review playback, exported clips and their watermarked
copies, snapshots; the unmasked original only for a supervisor with a reason, audited.

A real database holds two bookmarks of one case: SIM-CAM-03 (masked) and SIM-CAM-07 (no masks), each
with a real H.264 clip and a snapshot of an unmasked picture (as taken while a supervisor had lifted
the masks). People work as a person does: the console started as each of them, Review by Ctrl+R,
Export by Ctrl+E, the dialog filled in by xdotool; the command line as `videowall case export`. What
they get is read from an X-server screenshot, from frames ffmpeg extracts from the exported files,
from the manifest and from the audit trail.
"""

from __future__ import annotations

import asyncio
import io
import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.integration.test_evidence_window import keys, wait_window, xdo
from tests.integration.wallrun import WallRun, videowall
from tests.screens import grab
from videowall.domain.access import AccessDenied, Role, User
from videowall.domain.evidence import Bookmark, ClipState
from videowall.domain.privacy import MASK_BGRA, MaskPolygon, MaskSet
from videowall.evidence.manifest import sha256_file
from videowall.evidence.package import ExportError
from videowall.security.users import UserStore
from videowall.services.evidence_service import EvidenceService
from videowall.storage.database import open_read_only
from videowall.storage.evidence import EvidenceRepository
from videowall.storage.privacy import PrivacyRepository
from videowall.storage.writer import DatabaseWriter

pytestmark = pytest.mark.skipif(shutil.which("xdotool") is None, reason="xdotool is not installed")
MASK = MaskPolygon(((0.55, 0.15), (0.9, 0.15), (0.9, 0.55), (0.55, 0.55)))
INSIDE = [(x, y) for x in (0.6, 0.72, 0.85) for y in (0.2, 0.35, 0.5)]  # well inside MASK
OUTSIDE = ((0.05, 0.6), (0.45, 0.95))  # a region far from it: (x0, y0), (x1, y1)
MASKED, PLAIN = "SIM-CAM-03", "SIM-CAM-07"
CASE = "LP/14/XII/2026"
PEOPLE = {"supervisor1": ("supervisor", "supervisor-pw-1"), "liaison1": ("liaison", "liaison-pw-1"),
          "operator1": ("operator", "operator-pw-1")}
GREY = np.array(MASK_BGRA[2::-1], dtype=np.int16)  # the mask colour as RGB


@dataclass
class Store:
    db: Path
    env: dict[str, str]
    tmp: Path
    originals: dict[str, str]  # camera id -> the clip's SHA-256 at capture

    def as_user(self, name: str) -> dict[str, str]:
        return {**self.env, "VIDEOWALL_USER": name, "VIDEOWALL_PASSWORD": PEOPLE[name][1]}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, xdisplay: str) -> Store:
    tmp = tmp_path_factory.mktemp("recorded-masks")
    env = dict(os.environ)
    env.update(DISPLAY=xdisplay, VIDEOWALL_HOME=str(tmp / "home"), QT_QPA_PLATFORM="xcb", VIDEOWALL_KEYRING="off")
    env.pop("WAYLAND_DISPLAY", None)
    db = tmp / "data" / "videowall.db"
    db.parent.mkdir(parents=True)
    evidence = db.parent / "evidence"
    originals: dict[str, str] = {}
    now = time.time()
    with DatabaseWriter(db) as writer:
        for name, (role, password) in PEOPLE.items():  # the accounts, as an administrator would add them
            writer.submit(lambda d, n=name, r=role, pw=password: UserStore(d).add(n, Role(r), pw)).result(30)
        ids = []
        for n, camera in enumerate((PLAIN, MASKED)):  # the masked camera's bookmark is the newest
            clip, shot = f"clips/{camera}.mp4", f"snapshots/{camera}.png"
            (evidence / clip).parent.mkdir(parents=True, exist_ok=True)
            subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
                            "testsrc2=size=640x360:rate=25", "-t", "6", "-c:v", "libx264", "-preset", "ultrafast",
                            "-pix_fmt", "yuv420p", "-g", "25", str(evidence / clip)], check=True, timeout=60)
            (evidence / shot).parent.mkdir(parents=True, exist_ok=True)
            Image.fromarray(frame(evidence / clip, 1.0).astype(np.uint8)).save(evidence / shot)
            originals[camera] = sha256_file(evidence / clip)[0]
            at = now - 600 + 60 * n

            def add(d, camera=camera, at=at, clip=clip, shot=shot):  # type: ignore[no-untyped-def]
                repo = EvidenceRepository(d)
                bid = repo.add_bookmark(Bookmark(0, camera, f"Camera {camera}", "Tugu / Mangkang", at, "operator1"))
                repo.set_snapshot(bid, shot)
                repo.set_clip(bid, ClipState.SAVED, clip, at - 3, at + 3, "clip covers the window",
                              originals[camera])
                return bid

            ids.append(writer.submit(add).result(10))

        def make_case(d):  # type: ignore[no-untyped-def]
            repo = EvidenceRepository(d)
            repo.add_to_case(repo.create_case(CASE, "Rumah di Jl. Merdeka", "liaison1"), ids)
            PrivacyRepository(d).save_masks(MaskSet(MASKED, (MASK,)))

        writer.submit(make_case).result(10)
    return Store(db, env, tmp, originals)


def frame(clip: Path, at: float) -> np.ndarray:
    """One picture of ``clip`` at ``at`` seconds, decoded by ffmpeg, as (h, w, 3) RGB."""
    done = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-ss", str(at), "-i", str(clip), "-frames:v", "1",
                           "-f", "image2pipe", "-c:v", "png", "-"], capture_output=True, check=True, timeout=60)
    return np.asarray(Image.open(io.BytesIO(done.stdout)).convert("RGB"), dtype=np.int16)


def assert_masked(picture: np.ndarray, what: str, box: tuple[int, int, int, int] | None = None) -> None:
    """Solid mask colour at MASK's pixels, and a picture that is not mask-grey outside it."""
    x, y, w, h = box if box is not None else (0, 0, picture.shape[1], picture.shape[0])
    for fx, fy in INSIDE:
        pixel = picture[y + int(h * fy), x + int(w * fx)]
        assert np.abs(pixel - GREY).max() <= 6, f"{what}: {pixel} at ({fx}, {fy}) is not the mask colour"
    (x0, y0), (x1, y1) = OUTSIDE
    region = picture[y + int(h * y0): y + int(h * y1), x + int(w * x0): x + int(w * x1)]
    grey = (np.abs(region - GREY).max(axis=2) <= 6).mean()
    assert grey < 0.2, f"{what}: {grey:.0%} of the picture outside the mask is mask-grey"


def assert_unmasked(picture: np.ndarray, what: str) -> None:
    h, w = picture.shape[:2]
    grey = [np.abs(picture[int(h * fy), int(w * fx)] - GREY).max() <= 6 for fx, fy in INSIDE]
    assert sum(grey) <= 2, f"{what}: the masked area is grey, yet this should be the unmasked picture"


def audit_rows(db: Path, action: str) -> list[tuple[str, str, str]]:
    conn = open_read_only(db)
    try:
        return [tuple(r) for r in conn.execute("SELECT actor, target, detail FROM audit_log WHERE action = ? "
                                               "ORDER BY id", (action,))]
    finally:
        conn.close()


def console_up(store: Store, name: str) -> WallRun:
    run = WallRun(store.as_user(name), store.tmp, "--db", str(store.db), "--layout", "1")
    run.wait_for(lambda s: bool(s.get("tiles")), 40, f"the console up for {name}")
    return run


def open_review(run: WallRun, display: str) -> str:
    """Ctrl+R: Review opens on the newest bookmark and plays its clip."""
    keys(display, wait_window(display, "operator console"), "ctrl+r")
    review = wait_window(display, "incident review")
    run.wait_for(lambda s: bool(s.get("review")) and s["review"]["frames"] > 10
                 and s["review"]["picture"] is not None, 30, "the clip playing in Review")
    return review


def open_export_dialog(run: WallRun, display: str, review: str) -> str:
    """Ctrl+A (every bookmark listed; the table has the focus), Ctrl+E: the export dialog."""
    keys(display, review, "ctrl+a", "ctrl+e")
    dialog = wait_window(display, "Export evidence to")
    run.wait_for(lambda s: s["review"] is not None and s["review"]["export_options"] is not None, 10,
                 "the export dialog in the status")
    return dialog


def wait_export(dest: Path, run: WallRun) -> Path:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        done = [p for p in dest.iterdir() if p.is_dir() and not p.name.startswith(".")]
        if done:
            return done[0]
        time.sleep(0.5)
    raise AssertionError(f"nothing exported into {dest}: {run.log_tail()}")


def test_review_plays_masked_and_a_liaison_exports_masked_copies(store: Store, xdisplay: str) -> None:
    dest = store.tmp / "liaison-export"
    dest.mkdir()
    run = console_up(store, "liaison1")
    try:
        review = open_review(run, xdisplay)
        status = run.status()
        assert status is not None and status["review"]["camera_id"] == MASKED and status["review"]["masks"] == 1
        shot = grab(xdisplay, store.tmp / "review-masked.png")  # the clip's picture, seen on the X server
        assert_masked(shot, "Review playback", tuple(status["review"]["picture"]))
        dialog = open_export_dialog(run, xdisplay, review)
        status = run.status()
        assert status is not None and status["review"]["export_options"] == ["as_zip", "watermark"], status
        xdo(xdisplay, "windowfocus", "--sync", dialog)
        xdo(xdisplay, "key", "ctrl+a")
        xdo(xdisplay, "type", "--delay", "20", str(dest))
        for key in ("alt+w", "alt+u", "Return"):  # watermarked copies; alt+u finds no unmasked option here
            xdo(xdisplay, "key", key)
            time.sleep(0.3)
        folder = wait_export(dest, run)
    finally:
        assert run.stop() == 0, run.log_tail()
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    files = {f["path"]: f["sha256"] for f in manifest["files"]}
    entries = {b["camera_id"]: b for b in manifest["bookmarks"]}
    masked, plain = entries[MASKED], entries[PLAIN]
    assert masked["clip_masked"] is True and masked["privacy_masks"] == 1
    assert masked["clip_sha256_at_capture"] == masked["clip_derived_from_sha256"] == store.originals[MASKED]
    assert "masked derivative" in masked["clip_derivation"]
    assert files[masked["clip"]] == masked["clip_sha256"] == sha256_file(folder / masked["clip"])[0]
    assert masked["clip_sha256"] != store.originals[MASKED]
    for at in (0.2, 3.0, 5.5):
        assert_masked(frame(folder / masked["clip"], at), f"exported clip at {at} s")
    assert_masked(frame(folder / masked["clip_watermarked"], 3.0), "watermarked copy")
    assert_masked(np.asarray(Image.open(folder / masked["snapshot"]).convert("RGB"), dtype=np.int16), "snapshot")
    # the camera without masks: byte copies as they were cut, no re-encode
    assert plain["clip_masked"] is False and plain["clip_sha256"] == store.originals[PLAIN]
    assert_unmasked(frame(folder / plain["clip"], 3.0), "unmasked camera's clip")
    assert manifest["privacy"]["unmasked_original"] is False and manifest["privacy"]["masked_bookmarks"]
    assert [r[0] for r in audit_rows(store.db, "clip_played")][-1:] == ["liaison1"]
    assert not audit_rows(store.db, "export_unmasked")
    verified = videowall("verify", str(folder), env=store.env)
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_only_a_supervisor_with_a_reason_exports_the_unmasked_original(store: Store, xdisplay: str) -> None:
    for name in ("liaison1", "operator1"):  # the command line refuses them, in one line, before anything else
        refused = videowall("case", "export", CASE, "--out", str(store.tmp), "--original", "--reason", "court order",
                            "--db", str(store.db), "--user", name, env=store.as_user(name))
        assert refused.returncode == 3, refused.stdout + refused.stderr
        assert refused.stderr.strip() == (f"videowall: refused: {name} (role {PEOPLE[name][0]}) may not export "
                                          "unmasked"), refused.stderr
    bare = videowall("case", "export", CASE, "--out", str(store.tmp), "--original", "--db", str(store.db),
                     "--user", "supervisor1", env=store.as_user("supervisor1"))
    assert bare.returncode == 1 and len(bare.stderr.strip().splitlines()) == 1, bare.stderr
    assert "needs a reason" in bare.stderr
    stray = videowall("case", "export", CASE, "--out", str(store.tmp), "--reason", "court order", "--db", str(store.db),
                      "--user", "liaison1", env=store.as_user("liaison1"))
    assert stray.returncode == 1 and "--reason goes with --original" in stray.stderr, stray.stderr
    assert not audit_rows(store.db, "export_unmasked")

    dest = store.tmp / "supervisor-export"
    dest.mkdir()
    run = console_up(store, "supervisor1")
    try:
        dialog = open_export_dialog(run, xdisplay, open_review(run, xdisplay))
        status = run.status()
        assert status is not None and status["review"]["export_options"] == ["as_zip", "watermark", "original"]
        xdo(xdisplay, "windowfocus", "--sync", dialog)
        xdo(xdisplay, "key", "ctrl+a")
        xdo(xdisplay, "type", "--delay", "20", str(dest))
        xdo(xdisplay, "key", "alt+u")  # Unmasked original: the reason field takes the keys next
        time.sleep(0.3)
        xdo(xdisplay, "type", "--delay", "20", "Penetapan PN Semarang 12/2026")
        grab(xdisplay, store.tmp / "export-dialog-supervisor.png")  # kept for a person to look at
        xdo(xdisplay, "key", "Return")
        folder = wait_export(dest, run)
    finally:
        assert run.stop() == 0, run.log_tail()
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    masked = next(b for b in manifest["bookmarks"] if b["camera_id"] == MASKED)
    assert manifest["privacy"]["unmasked_original"] is True
    assert manifest["privacy"]["reason"] == "Penetapan PN Semarang 12/2026"
    assert masked["clip_masked"] is False and sha256_file(folder / masked["clip"])[0] == store.originals[MASKED]
    assert_unmasked(frame(folder / masked["clip"], 3.0), "the original")
    rows = audit_rows(store.db, "export_unmasked")
    assert len(rows) == 1 and rows[0][0] == "supervisor1" and "Penetapan PN Semarang 12/2026" in rows[0][2], rows
    conn = open_read_only(store.db)
    try:
        detail = conn.execute("SELECT detail FROM custody_events WHERE action = 'export' ORDER BY id DESC").fetchone()
    finally:
        conn.close()
    assert "UNMASKED originals, reason: Penetapan PN Semarang 12/2026" in detail[0]


def test_the_command_line_exports_masked_copies(store: Store) -> None:
    out = store.tmp / "cli-export"
    out.mkdir()
    done = videowall("case", "export", CASE, "--out", str(out), "--db", str(store.db), "--user", "liaison1",
                     env=store.as_user("liaison1"), timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr
    folder = next(p for p in out.iterdir() if p.is_dir())
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    masked = next(b for b in manifest["bookmarks"] if b["camera_id"] == MASKED)
    assert masked["clip_masked"] is True and masked["clip_derived_from_sha256"] == store.originals[MASKED]
    assert_masked(frame(folder / masked["clip"], 2.0), "clip exported by the command line")


@dataclass
class SignedIn:
    user: User


@pytest.fixture
def service(store: Store) -> Iterator[tuple[EvidenceService, SignedIn, asyncio.AbstractEventLoop]]:
    loop = asyncio.new_event_loop()
    writer = DatabaseWriter(store.db)
    writer.start()
    who = SignedIn(User("operator1", Role.OPERATOR))
    try:
        yield EvidenceService(writer, loop, store.db.parent, None, user=lambda: who.user,
                              masks=lambda cid: (MASK,) if cid == MASKED else ()), who, loop
    finally:
        loop.close()
        writer.stop()


def test_the_service_refuses_the_original_to_operators_liaisons_and_without_a_reason(
        service: tuple[EvidenceService, SignedIn, asyncio.AbstractEventLoop], store: Store) -> None:
    evidence, who, loop = service
    dest = store.tmp / "refused"
    dest.mkdir()
    for user in (User("operator1", Role.OPERATOR), User("liaison1", Role.LIAISON)):
        who.user = user
        assert not evidence.may_export_original()
        with pytest.raises(AccessDenied, match="may not export unmasked"):
            loop.run_until_complete(evidence.export(dest, case_id=1, original=True, reason="court order"))
    who.user = User("supervisor1", Role.SUPERVISOR)
    assert evidence.may_export_original()
    with pytest.raises(ExportError, match="needs a reason"):
        loop.run_until_complete(evidence.export(dest, case_id=1, original=True, reason="   "))
    assert not list(dest.iterdir())

"""The demo's scene references, approved on purpose by the demo supervisor, so `make demo` shows video.

A real control room reviews each new camera's first picture (Privacy > Scene review). The demo knows
what its simulated cameras look at: the first frame of each camera's own clip, which it approves
through the privacy service signed in as the demo supervisor (each approval audited with the
picture's hash). The scene-change fault camera's reference is its first scene, so it is quarantined
once its clip switches to the other one, as a moved camera would be.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from videowall.services.access import DEMO_USERS, ensure_demo_users, sign_in
from videowall.services.privacy import PrivacyService
from videowall.storage.writer import DatabaseWriter

log = logging.getLogger(__name__)
SIZE = (640, 360)


def first_frame(clip: Path, size: tuple[int, int] = SIZE) -> np.ndarray | None:
    """Frame 0 of ``clip`` as BGR at ``size``, by ffmpeg; None when it cannot be read."""
    w, h = size
    done = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", str(clip), "-frames:v", "1",
                           "-vf", f"scale={w}:{h}", "-pix_fmt", "bgr24", "-f", "rawvideo", "pipe:"],
                          capture_output=True, timeout=60, check=False)
    if done.returncode != 0 or len(done.stdout) != w * h * 3:
        log.warning("no first frame from %s: %s", clip, done.stderr.decode(errors="replace")[-200:])
        return None
    return np.frombuffer(done.stdout, np.uint8).reshape(h, w, 3).copy()


def approve_demo_references(writer: DatabaseWriter, data_dir: Path, clips: dict[str, Path]) -> int:
    """Approve, as the demo supervisor, the first frame of each camera's clip that has no reference yet."""
    ensure_demo_users(writer)
    name, _role, password = next(u for u in DEMO_USERS if u[0] == "supervisor")
    privacy = PrivacyService(writer, data_dir, sign_in(writer, name, password, how="demo: scene references"))
    privacy.load()
    missing = {cid: clip for cid, clip in clips.items() if privacy.scene.reference(cid) is None}
    if not missing:
        return 0
    with ThreadPoolExecutor(max_workers=2) as pool:
        frames = dict(zip(missing, pool.map(first_frame, missing.values()), strict=True))
    pictures = {cid: frame for cid, frame in frames.items() if frame is not None}
    privacy.approve_pictures(pictures, "demo: frame 0 of the simulated camera's own clip").result(120)
    print(f"demo: {len(pictures)} scene references approved by the demo supervisor", file=sys.stderr)
    return len(pictures)

"""The README's timeline screenshots (docs/screenshots/replay-timeline-{en,id}.png): the real replay window
driven as tests/side/test_recorder_replay.py drives it, on a private Xvfb, against the simulated recorders.

    flock /tmp/vw-heavy.lock .venv/bin/python -m tests.side.replay_screenshots
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from PIL import Image

from tests.side import test_recorder_replay as rig
from videowall.display.xserver import VirtualDisplay, grab_screen
from videowall.sim.processes import end_process
from videowall.sim.recorder import SimRecorders, demo_recorders

OUT = rig.ROOT / "docs" / "screenshots"


def main() -> int:
    with VirtualDisplay(screens=((1100, 720),)) as display, SimRecorders(demo_recorders(rig.NOW)) as recs:
        recordings = asyncio.run(rig._replay_uris(recs))[:1]
        ranges = asyncio.run(rig._ranges_around_the_gap(recs))
        for lang in ("en", "id"):
            status = Path(f"/tmp/vw-replay-shot-{os.getpid()}.json")
            env = dict(os.environ, DISPLAY=display.name, PYTHONPATH=str(rig.ROOT))
            proc = subprocess.Popen([sys.executable, str(rig.DRIVER), str(status), lang], stdin=subprocess.PIPE,
                                    env=env, cwd=rig.ROOT, start_new_session=True)
            assert proc.stdin is not None
            for command in (recordings, {"play": [0, rig.GAP[0] - 420, 1.0]},
                            {"timeline": [rig.SPAN[0], rig.SPAN[1], ranges, [[rig.GAP[0] - 700, "tabrakan"]]]}):
                proc.stdin.write((json.dumps(command) + "\n").encode())
                proc.stdin.flush()
            time.sleep(6.0)
            shot = OUT / f"replay-timeline-{lang}.png"
            grab_screen(shot, display.name)
            Image.open(shot).crop((30, 30, 1050, 690)).save(shot)
            proc.stdin.write(b'{"quit": true}\n')
            proc.stdin.flush()
            end_process(proc)
            status.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

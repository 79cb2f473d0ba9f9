"""Where the external programs the app runs are found: the installer's bundle first, then PATH.

An installed bundle carries its own ffmpeg (Debian's libVLC cannot do RTSP, so ffmpeg is the ingest);
its runtime hook names it in ``VIDEOWALL_FFMPEG``. A developer's checkout has none and uses the
system's. This module sits beside ``config`` outside the layers, so media, health and display can
all ask it without importing one another.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping

FFMPEG_ENV = "VIDEOWALL_FFMPEG"


def ffmpeg_path(env: Mapping[str, str] | None = None) -> str:
    """The ffmpeg to run: ``$VIDEOWALL_FFMPEG``, else the one on PATH, else the bare name.

    The bare name keeps today's failure mode when none is installed: starting it raises
    ``FileNotFoundError``, which the callers already turn into a readable message.
    """
    environ = os.environ if env is None else env
    explicit = environ.get(FFMPEG_ENV)
    if explicit:
        return explicit
    return shutil.which("ffmpeg", path=environ.get("PATH")) or "ffmpeg"


def stopped_with_parent(argv: list[str], signame: str = "TERM") -> list[str]:
    """Linux: run ``argv`` under ``setpriv --pdeathsig`` so the kernel stops it if the app dies.

    Not ``preexec_fn``: Python code between fork and exec, in a process full of libVLC and Qt threads,
    can deadlock on a lock another thread held at the fork. That happened: the forked child hung
    before exec, ``Popen`` waited for it for ever, and with it the media thread and every tile.
    setpriv (util-linux, essential on Debian) makes the prctl call itself and then execs the program.
    Without it the output pipe is the lifeline: ffmpeg's next write after the app died fails.
    """
    if not sys.platform.startswith("linux"):
        return argv
    setpriv = shutil.which("setpriv")
    return [setpriv, f"--pdeathsig={signame}", "--", *argv] if setpriv else argv

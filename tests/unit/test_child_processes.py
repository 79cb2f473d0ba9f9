"""Children of the app die with it, and are started without Python code between fork and exec."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.integration.wallrun import alive
from videowall.media.ingest import FfmpegIngest
from videowall.tools import stopped_with_parent

linux_with_setpriv = pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("setpriv") is None,
                                        reason="needs Linux and util-linux's setpriv")


@linux_with_setpriv
def test_a_child_started_through_the_wrapper_dies_when_its_parent_is_killed(tmp_path: Path) -> None:
    pidfile = tmp_path / "child.pid"
    # A parent with threads (like the app) starts a long sleep through the wrapper, then is SIGKILLed.
    script = (
        "import subprocess, sys, threading, time\n"
        "from videowall.tools import stopped_with_parent\n"
        "for _ in range(4): threading.Thread(target=time.sleep, args=(60,), daemon=True).start()\n"
        "p = subprocess.Popen(stopped_with_parent(['sleep', '60']))\n"
        f"open({str(pidfile)!r}, 'w').write(str(p.pid))\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 20
    while not pidfile.exists() or not pidfile.read_text():
        assert time.monotonic() < deadline, "the parent never started its child"
        time.sleep(0.05)
    child = int(pidfile.read_text())
    assert alive(child)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 5
    while alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(child), "the child outlived its killed parent"


def test_the_ingest_never_runs_python_in_the_forked_child() -> None:
    """preexec_fn in a process full of libVLC threads hung a child before exec (and the wall with it)."""
    source = Path(sys.modules[FfmpegIngest.__module__].__file__ or "").read_text(encoding="utf-8")
    assert "preexec_fn" not in source
    argv = stopped_with_parent(["ffmpeg", "-version"])
    assert argv[-2:] == ["ffmpeg", "-version"]
    if sys.platform.startswith("linux") and shutil.which("setpriv"):
        assert argv[:3] == [shutil.which("setpriv"), "--pdeathsig=TERM", "--"]


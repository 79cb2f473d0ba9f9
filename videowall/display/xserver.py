"""A virtual X server when there is no display, and screenshots taken from the X server itself.

Qt's own grab shows black where a native video window sits and knows nothing of other windows; an
X-server grab shows what a person in front of the screen would see.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import time
from pathlib import Path

from videowall.tools import ffmpeg_path

log = logging.getLogger(__name__)


class DisplayError(RuntimeError):
    pass


DISPLAYS_ENV = "VIDEOWALL_XVFB_DISPLAYS"  # "81-84": the display numbers this machine lets us use


def display_numbers() -> range:
    """Display numbers to try: ``$VIDEOWALL_XVFB_DISPLAYS`` (``FIRST-LAST``), else 90-189."""
    text = os.environ.get(DISPLAYS_ENV, "").strip()
    first, _, last = text.partition("-")
    if first.isdigit() and (last.isdigit() or not last):
        return range(int(first), int(last or first) + 1)
    return range(90, 190)


class VirtualDisplay:
    """An Xvfb server on a free display number, stopped with :meth:`stop` (or as a context manager)."""

    def __init__(self, screens: tuple[tuple[int, int], ...] = ((1920, 1080),), depth: int = 24) -> None:
        self.screens = screens
        self.depth = depth
        self.number: int | None = None
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def name(self) -> str:
        if self.number is None:
            raise DisplayError("virtual display not started")
        return f":{self.number}"

    def start(self, timeout: float = 10.0) -> VirtualDisplay:
        xvfb = shutil.which("Xvfb")
        if xvfb is None:
            raise DisplayError("no display and no Xvfb: install the xvfb package (make demo does)")
        for number in display_numbers():
            if Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists():
                continue
            args = [xvfb, f":{number}", "-nolisten", "tcp", "-noreset"]
            for i, (w, h) in enumerate(self.screens):
                args += ["-screen", str(i), f"{w}x{h}x{self.depth}"]
            proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                if Path(f"/tmp/.X11-unix/X{number}").exists():
                    self.number, self._proc = number, proc
                    log.info("started Xvfb on :%d", number)
                    return self
                if proc.poll() is not None:
                    break  # lost a race for this number: try the next
                time.sleep(0.05)
            if proc.poll() is None:
                proc.kill()
            proc.wait()
        raise DisplayError(f"could not start Xvfb on any display number of {os.environ.get(DISPLAYS_ENV) or '90-189'}")

    def stop(self) -> None:
        if self._proc is not None:
            self._proc.terminate()
            try:
                self._proc.wait(5)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            self._proc = None

    def __enter__(self) -> VirtualDisplay:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def grab_screen(path: str | os.PathLike[str], display: str | None = None, screen: int = 0) -> Path:
    """Write a PNG of what the X server shows on ``display`` (default ``$DISPLAY``)."""
    disp = display or os.environ.get("DISPLAY")
    if not disp:
        raise DisplayError("no X display to grab")
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    source = disp if "." in disp.rsplit(":", 1)[-1] else f"{disp}.{screen}"
    cmd = [ffmpeg_path(), "-nostdin", "-loglevel", "error", "-y", "-f", "x11grab", "-draw_mouse", "0",
           "-i", source, "-frames:v", "1", str(out)]
    result = subprocess.run(cmd, capture_output=True, timeout=30, check=False)
    if result.returncode != 0 or not out.exists():
        raise DisplayError(f"X-server screenshot failed: {result.stderr.decode(errors='replace').strip()[-300:]}")
    return out

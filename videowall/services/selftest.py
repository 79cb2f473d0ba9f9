"""``videowall selftest``: open one camera through the same ffmpeg ingest and libVLC decoder the wall
uses, headless, and report how long the first picture took and how fast pictures keep coming.

It exists for installed bundles: a control room's technician (and ``make installer-test``) can prove
after an install that the bundled libVLC, its plugins and the bundled ffmpeg work on this machine,
without a display and without a camera register. In a frozen bundle it also checks that the media
libraries really were loaded from the bundle and not from the system, which a missing plugin or a
stray ``LD_LIBRARY_PATH`` would otherwise hide.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TextIO

from videowall import __version__
from videowall.domain.stream_state import OfflineReason
from videowall.domain.urls import redact
from videowall.tools import ffmpeg_path

EXIT_OK = 0
EXIT_FAILED = 1
DEFAULT_FLEET_PORT = 8554
# The shared objects whose origin matters: libVLC itself and the codec libraries under its plugins.
_MEDIA_LIBS = ("libvlc.so", "libvlccore.so", "libavcodec.so", "libswscale.so", "libavformat.so")


@dataclass(slots=True)
class SelftestReport:
    """What one self-test saw; written as JSON for scripts, printed as lines for people."""

    url: str
    ok: bool = False
    message: str = ""
    version: str = __version__
    frozen: bool = False
    libvlc_version: str = ""
    ffmpeg: str = ""
    ffmpeg_version: str = ""
    first_frame_s: float | None = None
    displayed_fps: float = 0.0
    decoded: int = 0
    displayed: int = 0
    lost: int = 0
    width: int = 0
    height: int = 0
    mean_luma: float = 0.0
    libraries: dict[str, str] = field(default_factory=dict)  # soname -> file it was loaded from
    ffmpeg_libraries: dict[str, str] = field(default_factory=dict)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``selftest`` subcommand to the main parser."""
    parser = sub.add_parser(
        "selftest",
        help="open one camera headless through ffmpeg and libVLC; report first-frame time and fps",
        description="Check that ffmpeg and libVLC (the bundled ones in an installed copy) can show a camera. "
        "Needs no display. Exit 0 when pictures arrived, 1 otherwise.",
    )
    parser.add_argument("--url", help="camera URL (default: SIM-CAM-01's sub stream of the simulated fleet)")
    parser.add_argument("--fleet-port", type=int, default=DEFAULT_FLEET_PORT, metavar="P",
                        help=f"RTSP port of a running `videowall sim` (default {DEFAULT_FLEET_PORT})")
    parser.add_argument("--seconds", type=float, default=5.0, metavar="S", help="measure fps over this long (5)")
    parser.add_argument("--timeout", type=float, default=20.0, metavar="S", help="give up without a picture (20)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the report as JSON")
    parser.set_defaults(func=run_selftest)


def run_selftest(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    url = args.url or f"rtsp://127.0.0.1:{args.fleet_port}/fleet/cam01/sub"
    report = selftest(url, seconds=args.seconds, timeout=args.timeout)
    print_report(report, out)
    if args.json is not None:
        args.json.write_text(json.dumps(asdict(report), indent=1) + "\n", encoding="utf-8")
    return EXIT_OK if report.ok else EXIT_FAILED


def selftest(url: str, seconds: float = 5.0, timeout: float = 20.0) -> SelftestReport:
    """Play ``url`` for ``seconds`` after its first picture; never raises for a broken install."""
    report = SelftestReport(url=redact(url), frozen=bool(getattr(sys, "frozen", False)))
    report.ffmpeg = ffmpeg_path()
    report.ffmpeg_version = _ffmpeg_version(report.ffmpeg)
    if not report.ffmpeg_version:
        report.message = f"ffmpeg does not run: {report.ffmpeg}"
        return report
    try:
        import vlc  # loads libVLC: a broken bundle fails here, and that is the answer

        from videowall.media.frames import FrameBuffer
        from videowall.media.runtime import MediaRuntime
        from videowall.media.session import StreamSession
    except (ImportError, OSError, NotImplementedError, SystemExit) as exc:  # python-vlc may sys.exit()
        report.message = f"libVLC cannot be loaded: {exc!r}"
        return report
    failure: list[str] = []
    failed = threading.Event()

    def on_failure(reason: OfflineReason, detail: str) -> None:
        failure.append(f"{reason.value}: {detail}")
        failed.set()

    runtime = MediaRuntime()
    buffer = FrameBuffer(640, 360)
    session = StreamSession(runtime, lambda: url, buffer, lambda fn: fn(), on_failure)
    started = time.monotonic()
    try:
        report.libvlc_version = vlc.libvlc_get_version().decode()
        session.start()
        while buffer.frames == 0 and not failed.is_set() and time.monotonic() - started < timeout:
            time.sleep(0.01)
        if buffer.frames == 0:
            report.message = failure[0] if failure else f"no picture within {timeout:.0f} s"
            return report
        report.first_frame_s = round(buffer.last_frame_at - started, 3)
        first_frames, first_at = buffer.frames, time.monotonic()
        report.ffmpeg_libraries = _mapped_libraries(session.ingest_pid)
        failed.wait(seconds)
        elapsed = time.monotonic() - first_at
        report.displayed_fps = round((buffer.frames - first_frames) / elapsed, 2) if elapsed > 0 else 0.0
        stats = session.stats()
        report.decoded, report.displayed, report.lost = stats.decoded, stats.displayed, stats.lost
        report.width, report.height = buffer.width, buffer.height
        sample = buffer.sample()
        report.mean_luma = round(sample.luma, 1) if sample else 0.0
        report.libraries = _mapped_libraries(None)
        report.ok, report.message = _verdict(report, failure)
        return report
    finally:
        session.stop()
        runtime.shutdown()


def _verdict(report: SelftestReport, failure: list[str]) -> tuple[bool, str]:
    if failure:
        return False, f"the stream failed after its first picture: {failure[0]}"
    if report.displayed_fps < 1.0:
        return False, f"pictures stopped: {report.displayed_fps} fps"
    if report.frozen:
        base = str(Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)).resolve())
        outside = [f"{name} from {path}" for libs in (report.libraries, report.ffmpeg_libraries)
                   for name, path in libs.items() if not path.startswith(base)]  # fmt: skip
        if not Path(report.ffmpeg).resolve().as_posix().startswith(Path(base).as_posix()):
            outside.append(f"ffmpeg from {report.ffmpeg}")
        if outside:
            return False, "not using the bundle's own media libraries: " + ", ".join(outside)
    return True, "ok"


def _ffmpeg_version(ffmpeg: str) -> str:
    try:
        done = subprocess.run([ffmpeg, "-hide_banner", "-version"], capture_output=True, timeout=15, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    first = done.stdout.decode(errors="replace").splitlines()
    return first[0].strip() if done.returncode == 0 and first else ""


def _mapped_libraries(pid: int | None) -> dict[str, str]:
    """Which file each media library of a process was loaded from (Linux /proc; empty elsewhere)."""
    maps = Path("/proc") / (str(pid) if pid else "self") / "maps"
    try:
        lines = maps.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return {}
    found: dict[str, str] = {}
    for line in lines:
        path = line.split(maxsplit=5)[-1] if line.count(" ") >= 5 else ""
        name = os.path.basename(path)
        for lib in _MEDIA_LIBS:
            if name.startswith(lib):
                found.setdefault(lib, path)
    return found


def print_report(r: SelftestReport, out: TextIO) -> None:
    print(f"videowall {r.version} selftest{' (installed bundle)' if r.frozen else ''}: {r.url}", file=out)
    print(f"  ffmpeg:      {r.ffmpeg} ({r.ffmpeg_version or 'does not run'})", file=out)
    print(f"  libVLC:      {r.libvlc_version or '-'}", file=out)
    for name, path in {**r.libraries, **{f"ffmpeg {k}": v for k, v in r.ffmpeg_libraries.items()}}.items():
        print(f"  {name + ':':<12} {path}", file=out)
    if r.first_frame_s is not None:
        print(f"  first frame: {r.first_frame_s:.3f} s", file=out)
        print(f"  picture:     {r.width}x{r.height}, {r.displayed_fps:.1f} fps shown, decoded {r.decoded}, "
              f"lost {r.lost}, mean luma {r.mean_luma:.0f}", file=out)  # fmt: skip
    print(f"{'PASS' if r.ok else 'FAIL'}: {r.message}", file=out)

#!/usr/bin/python3
"""A bench-only camera whose pictures carry the wall clock as a machine-readable frame counter.

Frame ``k`` shows ``k mod 2**BITS`` and is handed to the encoder at ``k / FPS`` seconds of the
system's real-time clock (``time.time()``): whoever reads ``k`` off a screen at real time ``t``
knows the picture is ``t - k / FPS`` old, from the camera's "sensor" (the moment the frame enters
its encoder) to that screen: glass to glass. Loops do not exist: the counter is time of day.

The picture (640x360 grey): a band of ``BLOCKS`` blocks across the middle, each ``BLOCK_W`` pixels
wide; its upper half is white for a 1 bit and black for a 0 bit, its lower half the opposite, so
each bit is read by comparing the two halves (no threshold to guess, a half-updated or smeared
picture is recognised: the halves do not differ). Block 0 is always 1 and the last always 0
(markers); the blocks between carry the counter, most significant bit first. A bar moves across
the rest of the picture so the encoder has motion, like a street.

Standalone (stdlib and the ffmpeg binary), run by the fleet's feeder supervisor::

    python3 counter_feeder.py --target udp://127.0.0.1:PORT?pkt_size=1316 [--ffmpeg ffmpeg]

It encodes like the fleet's clips (x264 ultrafast/zerolatency, GOP 1 s, no B-frames, 450 kbit/s)
and sends MPEG-TS, as the other feeders do. :func:`decode` reads a grey picture of any size back.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import signal
import subprocess
import sys
import time
from collections.abc import Sequence

WIDTH, HEIGHT, FPS = 640, 360, 25
BLOCKS = 16
BLOCK_W = WIDTH // BLOCKS  # 40
BITS = BLOCKS - 2  # 14 bits: the counter wraps every 16384 frames (655 s)
MODULO = 1 << BITS
BAND_TOP, BAND_HALF = 120, 60  # upper half rows 120..179, lower half 180..239
WHITE, BLACK, GREY = 235, 16, 96
BAR_W = 24


def bits_of(k: int) -> list[int]:
    value = k % MODULO
    return [1] + [(value >> (BITS - 1 - i)) & 1 for i in range(BITS)] + [0]


def frame(k: int) -> bytes:
    """Picture ``k`` as 8-bit grey, row after row."""
    bits = bits_of(k)
    upper = b"".join(bytes([WHITE if b else BLACK]) * BLOCK_W for b in bits)
    lower = b"".join(bytes([BLACK if b else WHITE]) * BLOCK_W for b in bits)
    bar_x = (k * 8) % (WIDTH - BAR_W)
    plain = bytes([GREY]) * bar_x + bytes([WHITE]) * BAR_W + bytes([GREY]) * (WIDTH - BAR_W - bar_x)
    rest = HEIGHT - BAND_TOP - 2 * BAND_HALF
    return plain * BAND_TOP + upper * BAND_HALF + lower * BAND_HALF + plain * rest


def decode(upper: Sequence[float], lower: Sequence[float], min_contrast: float = 60.0) -> int | None:
    """The counter from each block's mean brightness in the band's two halves; None if unreadable."""
    if len(upper) != BLOCKS or len(lower) != BLOCKS:
        return None
    if any(abs(u - lo) < min_contrast for u, lo in zip(upper, lower, strict=True)):
        return None  # a block whose halves do not differ: not our picture, or caught mid-change
    bits = [1 if u > lo else 0 for u, lo in zip(upper, lower, strict=True)]
    if bits[0] != 1 or bits[-1] != 0:
        return None
    value = 0
    for b in bits[1:-1]:
        value = value << 1 | b
    return value


def age_s(counter: int, at: float) -> float:
    """How old picture ``counter`` (mod ``MODULO``) is at real time ``at``: the frame of the last
    ``MODULO / FPS`` seconds that carries it, given the frame was made at ``k / FPS``."""
    now_k = at * FPS
    back = (int(now_k) - counter) % MODULO
    return (back + (now_k - int(now_k))) / FPS


def encoder_argv(ffmpeg: str, target: str) -> list[str]:
    return [ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error",
            "-f", "rawvideo", "-pix_fmt", "gray", "-s", f"{WIDTH}x{HEIGHT}", "-framerate", str(FPS), "-i", "pipe:0",
            "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", str(FPS),
            "-keyint_min", str(FPS), "-sc_threshold", "0", "-bf", "0", "-pix_fmt", "yuv420p", "-threads", "1",
            "-b:v", "450k", "-maxrate", "450k", "-bufsize", "450k",
            "-f", "mpegts", "-muxdelay", "0", "-muxpreload", "0", "-flush_packets", "1", target]  # fmt: skip


def _die_with_parent() -> None:
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG


def run(ffmpeg: str, target: str) -> int:
    proc = subprocess.Popen(encoder_argv(ffmpeg, target), stdin=subprocess.PIPE, preexec_fn=_die_with_parent)
    assert proc.stdin is not None
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    k = int(time.time() * FPS) + 1
    try:
        while proc.poll() is None:
            delay = k / FPS - time.time()
            if delay > 0:
                time.sleep(delay)
            elif delay < -1.0:  # suspended or starved for a second: go on from now, not in a burst
                k = int(time.time() * FPS) + 1
                continue
            proc.stdin.write(frame(k))
            proc.stdin.flush()
            k += 1
    except (BrokenPipeError, KeyboardInterrupt):
        pass
    finally:
        with contextlib.suppress(OSError):
            proc.stdin.close()
        try:
            proc.wait(3)
        except subprocess.TimeoutExpired:
            proc.kill()
    return proc.returncode or 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--target", required=True, help="where the MPEG-TS goes (udp://127.0.0.1:PORT...)")
    parser.add_argument("--ffmpeg", default="ffmpeg")
    args = parser.parse_args(argv)
    return run(args.ffmpeg, args.target)


if __name__ == "__main__":
    sys.exit(main())

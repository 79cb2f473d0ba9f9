"""The picture ring in C (media/vmem.c): built by make setup, same rules as Python's, masks burned in,
and a real libVLC player drawing into it through the C callbacks alone."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest

from videowall.domain.privacy import MASK_BGRA, MaskPolygon
from videowall.media import vmem
from videowall.media.frames import CallbackVideoOutput, FrameBuffer

RIGHT_HALF = MaskPolygon(((0.5, 0.0), (1.0, 0.0), (1.0, 1.0), (0.5, 1.0)))


def test_make_setup_built_it_and_buffers_use_it() -> None:
    assert vmem.LIBRARY.exists(), "make setup builds videowall/media/_vmem.so"
    assert vmem.load() is not None
    assert FrameBuffer(64, 36).native is not None
    assert FrameBuffer(64, 36, native=False).native is None


@pytest.mark.parametrize("native", [True, False])
def test_both_rings_keep_the_same_rules(native: bool) -> None:
    fb = FrameBuffer(64, 36, native=native)
    assert fb.setup(640, 360) == (64, 36)
    assert fb.frames == 0 and fb.last_frame_at == 0.0
    with fb.reading() as none:
        assert none is None
    idx, address = fb.lock()
    assert address
    fb.display(idx)
    assert fb.frames == 1 and abs(fb.last_frame_at - time.monotonic()) < 0.5
    assert abs(fb.last_frame_wall - time.time()) < 0.5
    with fb.reading() as buf:
        assert buf is not None and buf.ctypes.data == address
        held = [fb.lock()[0] for _ in range(3)]  # libVLC takes more while the newest is painted
        assert idx not in held
    for j in held:
        fb.display(j)
    assert fb.frames == 4


@pytest.mark.parametrize("native", [True, False])
def test_a_mask_is_burned_before_the_picture_is_the_newest(native: bool) -> None:
    fb = FrameBuffer(64, 36, native=native)
    fb.setup(64, 36)
    fb.set_masks((RIGHT_HALF,))
    idx, _address = fb.lock()
    with fb.reading():
        pass
    fb._bufs[idx][:] = 200  # what the decoder wrote
    fb.display(idx)
    with fb.reading() as buf:
        assert buf is not None
        assert tuple(buf[18, 50]) == MASK_BGRA and tuple(buf[18, 10]) == (200, 200, 200, 200)
    assert fb.mask_cost_s > 0
    fb.set_masks(())  # lifted: the next picture is whole
    idx, _address = fb.lock()
    fb._bufs[idx][:] = 90
    fb.display(idx)
    with fb.reading() as buf:
        assert buf is not None and tuple(buf[18, 50]) == (90, 90, 90, 90)


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is installed by make test")
def test_a_libvlc_player_draws_into_the_c_ring(tmp_path: Path) -> None:
    import vlc

    clip = tmp_path / "clip.ts"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x180:r=25", "-t", "2",
                    "-c:v", "libx264", "-preset", "ultrafast", "-f", "mpegts", str(clip)], check=True)
    inst = vlc.Instance(["--quiet", "--no-xlib", "--no-audio"])
    fb = FrameBuffer(160, 90)
    fb.set_masks((RIGHT_HALF,))
    assert fb.native is not None
    out = CallbackVideoOutput(fb)
    player = inst.media_player_new()
    out.attach(player)
    player.set_media(inst.media_new_path(str(clip)))
    player.play()
    try:
        deadline = time.monotonic() + 10
        while fb.frames < 10 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert fb.frames >= 10, "no pictures reached the C ring"
        with fb.reading() as buf:
            assert buf is not None and buf.shape == (fb.height, fb.width, 4)
            w = fb.width
            assert np.all(buf[:, w // 2 + 2:] == MASK_BGRA), "the right half is not masked"
            assert buf[:, : w // 2 - 2, :3].std() > 10  # the left half is the picture
    finally:
        player.stop()
        player.release()
        inst.release()

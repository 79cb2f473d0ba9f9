"""The last picture a tile keeps while its stream is not live (services/last_picture.py)."""

from __future__ import annotations

import ctypes
import time

from videowall.domain.stream_state import StreamState
from videowall.media.frames import FrameBuffer
from videowall.services.last_picture import LastPicture


def _picture(buffer: FrameBuffer, value: int) -> None:
    idx, address = buffer.lock()
    ctypes.memset(address, value, buffer.width * buffer.height * 4)
    buffer.display(idx)


def test_the_last_live_picture_is_kept_until_live_again_and_never_while_held() -> None:
    buffer = FrameBuffer(64, 36)
    buffer.setup(64, 36)
    _picture(buffer, 120)
    kept = LastPicture()
    kept.follow(None, StreamState.CONNECTING, buffer, held=False)
    kept.follow(StreamState.CONNECTING.value, StreamState.LIVE, buffer, held=False)
    assert kept.still is None
    before = time.time()
    kept.follow(StreamState.LIVE.value, StreamState.RECONNECTING, buffer, held=False)
    assert kept.still is not None and int(kept.still.pixels[0, 0, 0]) == 120
    assert before - 5 < kept.still.taken_at <= before
    _picture(buffer, 7)  # the buffer moves on; the copy does not
    assert int(kept.still.pixels[0, 0, 0]) == 120
    kept.follow(StreamState.RECONNECTING.value, StreamState.OFFLINE, buffer, held=False)
    assert kept.shown(StreamState.OFFLINE, held=False) is kept.still, "kept through every not-live state"
    assert kept.shown(StreamState.OFFLINE, held=True) is None
    kept.follow(StreamState.OFFLINE.value, StreamState.QUARANTINED, buffer, held=True)
    assert kept.still is None, "a held tile forgets its picture"


def test_nothing_is_kept_from_a_stream_that_never_showed_a_picture() -> None:
    kept = LastPicture()
    kept.follow(StreamState.LIVE.value, StreamState.RECONNECTING, FrameBuffer(), held=False)
    assert kept.still is None

"""A subscriber's pipe is closed once, and nothing is written to its number afterwards.

When a camera does not answer, the ingest's stderr thread ends every subscription while the tile,
told of the end, detaches from the control thread: both close the write end. Closed twice, the
second close hit either nothing (EBADF, seen in the logs) or a descriptor the process had opened
since under the same number, such as the database's (which drops its locks).
"""

from __future__ import annotations

import os
import threading

from videowall.domain.stream_state import OfflineReason
from videowall.media.feeds import CameraFeed, FeedKey
from videowall.media.ingest import IngestExit

_EXIT = IngestExit(returncode=1, reason=OfflineReason.TIMEOUT, detail="no answer", stopped=False)


def _feed() -> CameraFeed:
    return CameraFeed(FeedKey("rtsp://127.0.0.1:9/none", None), None, lambda _n: None,
                      on_idle=lambda _f: None, on_dead=lambda _f: None)


def test_end_and_detach_at_once_close_the_pipe_once() -> None:
    errors: list[BaseException] = []
    for _ in range(300):
        feed = _feed()
        start = threading.Barrier(2)
        sub = feed.subscribe(on_exit=lambda _r: None)

        def end(sub=sub, start=start) -> None:
            start.wait()
            try:
                sub.ended(_EXIT)
            except OSError as exc:
                errors.append(exc)

        t = threading.Thread(target=end)
        t.start()
        start.wait()
        try:
            sub.detach()
        except OSError as exc:
            errors.append(exc)
        t.join()
        sub.close_read()
    assert errors == []


def test_no_write_reaches_a_number_reused_after_the_close() -> None:
    feed = _feed()
    sub = feed.subscribe(on_exit=lambda _r: None)
    sub.ended(_EXIT)
    r, w = os.pipe()  # very likely the number the write end had
    try:
        os.set_blocking(r, False)
        sub.push(b"\x47" + bytes(187), 0, b"")
        try:
            got = os.read(r, 188)
        except BlockingIOError:
            got = b""
        assert got == b""
    finally:
        os.close(r)
        os.close(w)
        sub.close_read()

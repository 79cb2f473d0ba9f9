"""Media pieces that need no stream: the frame ring and ffmpeg error classification."""

from videowall.domain.stream_state import OfflineReason
from videowall.media.frames import FrameBuffer
from videowall.media.ingest import FfmpegIngest, classify_error


def test_frame_ring_never_hands_out_the_buffer_being_read() -> None:
    fb = FrameBuffer(640, 360)
    assert fb.setup(1280, 720) == (640, 360)
    idx, addr = fb.lock()
    assert addr
    fb.display(idx)
    with fb.reading() as buf:
        assert buf is not None and buf.shape == (360, 640, 4)
        held = [fb.lock()[0] for _ in range(2)]
        assert idx not in held
    assert fb.frames == 1


def test_frame_size_never_upscales_and_keeps_aspect() -> None:
    fb = FrameBuffer(1920, 1080)
    assert fb.setup(640, 360) == (640, 360)
    fb = FrameBuffer(400, 400)
    w, h = fb.setup(1280, 720)
    assert w <= 400 and abs(w / h - 16 / 9) < 0.05


def test_sample_sees_black_and_change() -> None:
    fb = FrameBuffer(64, 36)
    fb.setup(64, 36)
    assert fb.sample() is None
    i, _ = fb.lock()
    fb.display(i)
    s1 = fb.sample()
    assert s1 is not None and s1.luma == 0 and s1.peak == 0
    j, _ = fb.lock()
    fb._bufs[j][:] = 200
    fb.display(j)
    s2 = fb.sample()
    assert s2 is not None and s2.luma > 100 and s2.signature != s1.signature


def test_classify_ffmpeg_errors() -> None:
    cases = {
        "[rtsp @ 0x1] method DESCRIBE failed: 404 Not Found": OfflineReason.NOT_FOUND,
        "[rtsp @ 0x1] method DESCRIBE failed: 401 Unauthorized": OfflineReason.AUTH,
        "rtsp://127.0.0.1:9/x: Connection refused": OfflineReason.REFUSED,
        "rtsp://10.0.0.1/x: Connection timed out": OfflineReason.TIMEOUT,
        # the URL's own digits and words are not the message (seen: port 44013 read as a 401)
        "rtsp://127.0.0.1:44013/stream: Connection refused": OfflineReason.REFUSED,
        "rtsp://127.0.0.1:40404/not-found-cam: Connection refused": OfflineReason.REFUSED,
        "rtsp://127.0.0.1:8554/cam401/sub: Server returned 404 Not Found": OfflineReason.NOT_FOUND,
    }
    for line, reason in cases.items():
        assert classify_error(["noise", line])[0] is reason
    assert classify_error([])[0] is OfflineReason.ENDED


def test_ingest_argv_remuxes_over_tcp_without_reencoding() -> None:
    argv = FfmpegIngest("rtsp://127.0.0.1:8554/x").argv()
    assert argv[argv.index("-rtsp_transport") + 1] == "tcp"
    assert argv[argv.index("-c") + 1] == "copy"
    assert argv[-1] == "pipe:1" and "mpegts" in argv


def test_a_stuck_media_thread_does_not_keep_the_app_from_exiting() -> None:
    import threading

    from videowall.media.runtime import MediaRuntime

    runtime = MediaRuntime()
    release = threading.Event()
    done = runtime.submit(lambda: 7)
    assert done.result(5) == 7
    runtime.submit(lambda: release.wait(30))  # a call that does not return (until the test lets it)
    assert runtime.shutdown(timeout=0.3) is False  # gives up, says so, does not hang
    release.set()
    assert runtime._control._thread.daemon  # exit never waits for it


def test_a_server_that_accepts_and_never_answers_is_a_timeout() -> None:
    """ffmpeg ends such a session with "Invalid data found when processing input": the ingest says
    what happened instead (a real ffmpeg against a loopback listener that never answers)."""
    import socket
    import threading

    from videowall.media.ingest import IngestExit, IngestOptions

    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(4)
        done = threading.Event()
        exits: list[IngestExit] = []

        def ended(result: IngestExit) -> None:
            exits.append(result)
            done.set()

        ingest = FfmpegIngest(f"rtsp://127.0.0.1:{server.getsockname()[1]}/none", IngestOptions(timeout_s=1.0),
                              on_exit=ended)
        ingest.start()  # the read end of its output stays the ingest's
        try:
            assert done.wait(15), "ffmpeg did not give up"
        finally:
            ingest.stop()
    [result] = exits
    assert result.reason is OfflineReason.TIMEOUT and result.detail == "no answer in 1 s", result

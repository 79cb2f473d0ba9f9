"""MPEG-TS helpers of the feed fan-out, on a stream ffmpeg's own mpegts muxer wrote."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from videowall.media import ts

pytestmark = pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is installed by make test")


@pytest.fixture(scope="module")
def stream(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("ts") / "gop.ts"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x180:r=25", "-t", "3",
                    "-c:v", "libx264", "-g", "25", "-preset", "ultrafast", "-f", "mpegts",
                    "-muxdelay", "0", "-muxpreload", "0", str(out)], check=True)
    return out.read_bytes()


def _packets(data: bytes) -> list[bytes]:
    return [data[i:i + ts.PACKET] for i in range(0, len(data), ts.PACKET)]


def _probe(data: bytes, tmp_path: Path) -> list[float]:
    path = tmp_path / "part.ts"
    path.write_bytes(data)
    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v", "-show_entries", "packet=pts_time",
                          "-of", "json", str(path)], check=True, capture_output=True, text=True).stdout
    return [float(p["pts_time"]) for p in json.loads(out)["packets"] if "pts_time" in p]


def test_keyframes_tables_and_a_squeezed_gop_that_still_decodes(stream: bytes, tmp_path: Path) -> None:
    packets = _packets(stream)
    keys = [i for i, p in enumerate(packets) if ts.is_keyframe_start(p)]
    assert len(keys) == 3  # one a second at GOP 25, 25 fps
    pat = next(p for p in packets if ts.pid_of(p) == ts.PAT_PID)
    pmts = ts.pmt_pids(pat)
    assert pmts and all(any(ts.pid_of(p) == pid for p in packets) for pid in pmts)
    video = ts.pid_of(packets[keys[0]])
    gop = b"".join(p for p in packets[keys[1]:keys[2]] if ts.pid_of(p) == video)
    tables = pat + next(p for p in packets if ts.pid_of(p) in pmts)
    before = _probe(tables + gop, tmp_path)
    assert max(before) - min(before) == pytest.approx(0.96, abs=0.05)  # a whole GOP of 25 frames
    after = _probe(tables + ts.squeeze(gop, span_ms=20), tmp_path)
    assert len(after) == len(before)  # every frame kept, for the decoder's references
    assert max(after) - min(after) <= 0.021
    assert max(after) == pytest.approx(max(before), abs=0.002)  # the newest frame keeps its time: live goes on
    frames = subprocess.run(["ffmpeg", "-v", "error", "-i", str(tmp_path / "part.ts"), "-f", "null", "-"],
                            capture_output=True, text=True)
    assert frames.returncode == 0 and "error" not in frames.stderr.lower(), frames.stderr


class _Reference:
    """The per-packet GOP cache the feed had before it looked at whole chunks with numpy."""

    def __init__(self) -> None:
        self.tables: dict[int, bytes] = {}
        self.pmts: set[int] = set()
        self.gop = bytearray()
        self.open = False

    def cache(self, data: bytes) -> int | None:
        keyframe_at: int | None = None
        for at in range(0, len(data), ts.PACKET):
            packet = data[at:at + ts.PACKET]
            pid = ts.pid_of(packet)
            if pid == ts.PAT_PID:
                self.tables[pid] = packet
                self.pmts = ts.pmt_pids(packet) or self.pmts
                continue
            if pid in self.pmts:
                self.tables[pid] = packet
                continue
            if ts.is_keyframe_start(packet):
                keyframe_at = at if keyframe_at is None else keyframe_at
                self.gop, self.open = bytearray(packet), True
            elif self.open:
                self.gop += packet
        return keyframe_at


class _Sink:
    def __init__(self) -> None:
        self.keyframes: list[int | None] = []
        self.tables: list[bytes] = []

    def push(self, _data: bytes, keyframe_at: int | None, tables: bytes = b"") -> None:
        self.keyframes.append(keyframe_at)
        self.tables.append(tables)


@pytest.mark.parametrize("chunk_packets", [1, 7, 64, 348, 5000])
def test_the_feeds_whole_chunk_cache_keeps_what_the_per_packet_one_kept(stream: bytes, chunk_packets: int) -> None:
    from videowall.media.feeds import CameraFeed, FeedKey

    feed = CameraFeed(FeedKey("rtsp://127.0.0.1/x", None), None, lambda _n: None, lambda _f: None,
                      lambda _f: None)
    sink = _Sink()
    feed._subs = [sink]  # type: ignore[list-item]
    ref = _Reference()
    step = chunk_packets * ts.PACKET
    for at in range(0, len(stream), step):
        chunk = stream[at:at + step]
        expected = ref.cache(chunk)
        feed._cache(chunk)
        assert sink.keyframes[-1] == expected
        assert bytes(feed._gop) == bytes(ref.gop) and feed._gop_open == ref.open
        assert sink.tables[-1] == (b"".join(ref.tables.values()) if expected is not None else b"")
    assert feed._pmt_pids == ref.pmts and feed._tables == ref.tables

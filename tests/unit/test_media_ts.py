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

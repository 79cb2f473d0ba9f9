"""Export progress and cancel: the step arithmetic, ffmpeg's progress lines, a cancel between files, in
the zip and inside a running masked re-encode (real files, real ffmpeg; nothing may be left behind)."""

from __future__ import annotations

import itertools
import os
import subprocess
import threading
import time
from pathlib import Path

import pytest
from PIL import Image

from tests.evidence_export import AT, fake_clip, make_clip
from videowall.domain.evidence import Bookmark, ClipPart, ClipState
from videowall.domain.export_progress import ExportPlan, ExportProgress, ProgressTracker, Step
from videowall.domain.privacy import MaskPolygon
from videowall.evidence.ffmpeg_progress import parse_duration, parse_out_time, part_done
from videowall.evidence.manifest import sha256_file
from videowall.evidence.masking import mask_clip
from videowall.evidence.package import ExportCancelled, ExportControl, ExportRequest, plan_export, write_export
from videowall.evidence.progress import CancelToken

MASK = MaskPolygon(((0.5, 0.0), (1.0, 0.0), (1.0, 1.0), (0.5, 1.0)))


def test_steps_are_counted_and_the_running_step_part_counts_in_the_fraction() -> None:
    plan = ExportPlan(snapshots=2, clips=3, watermarks=1, as_zip=True)
    assert plan.total == 2 + 3 + 1 + 3 + 1
    t = ProgressTracker(plan)
    first = t.begin(Step.COPY_SNAPSHOT)
    assert (first.done, first.index, first.count, first.part) == (0, 1, 2, None)
    assert first.describe() == "copying snapshot 1 of 2" and first.fraction == 0.0
    t.end()
    t.begin(Step.MASK_SNAPSHOT)  # the numbering counts snapshots, copied or masked
    masked = t.begin(Step.MASK_CLIP, measured=True)  # begin ends the open step
    assert (masked.done, masked.index, masked.count, masked.part) == (2, 1, 3, 0.0)
    p = t.part(0.41)
    assert p is not None and p.describe() == "masking clip 1 of 3 (41 %)"
    assert p.fraction == pytest.approx((2 + 0.41) / 10) and p.percent == 24
    assert t.part(0.415) is None  # the same percent: nothing new to show
    assert t.part(2.0) is not None and t.current is not None and t.current.part == 1.0  # clamped
    t.end()
    copied = t.begin(Step.COPY_CLIP)
    assert copied.describe() == "copying clip 2 of 3" and copied.done == 3
    records = t.begin(Step.RECORDS)
    assert records.describe() == "writing the custody log and manifest" and records.done == 4
    for _ in range(3):  # an end without a running step counts nothing
        t.end()
    assert t.done == 5
    for step in (Step.REPORTS, Step.SIGN, Step.ZIP, Step.ZIP, Step.ZIP):  # more steps than planned stop at the total
        t.begin(step)
    t.end()
    assert t.done == plan.total
    assert ExportProgress(3, 0, Step.SIGN).fraction == 0.0


def test_ffmpeg_progress_lines_and_durations() -> None:
    assert parse_out_time("out_time_us=2500000\n") == 2.5
    assert parse_out_time("out_time=00:01:02.500000") == pytest.approx(62.5)
    assert parse_out_time("out_time_us=N/A") is None and parse_out_time("progress=continue") is None
    assert parse_out_time("out_time_us=-23220") == 0.0  # ffmpeg starts slightly negative
    assert parse_duration("  Duration: 00:02:05.04, start: 0.000000, bitrate: 913 kb/s") == pytest.approx(125.04)
    assert parse_duration("Duration: N/A, bitrate: N/A") is None
    assert part_done(2.5, 10.0) == 0.25 and part_done(12.0, 10.0) == 1.0
    assert part_done(None, 10.0) is None and part_done(3.0, None) is None and part_done(3.0, 0.0) is None


def _request(tmp: Path, clips: int, *, as_zip: bool = False, real: bool = False,
             masks: dict[str, tuple[MaskPolygon, ...]] | None = None, seconds: float = 2.0) -> ExportRequest:
    store = tmp / "evidence"
    rows = []
    for i in range(1, clips + 1):
        clip = store / "clips" / f"{i:05d}.mp4"
        make_clip(clip, seconds) if real else fake_clip(clip, 4096 + i)
        shot = store / "snapshots" / f"{i:05d}.png"
        shot.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (64, 36), (40 * i, 90, 160)).save(shot)
        parts: tuple[ClipPart, ...] = ()
        if i == 1 and not real:
            part = fake_clip(store / "clips" / "00001-part2.mp4", 3000)
            parts = (ClipPart("clips/00001-part2.mp4", AT + 6, AT + 9, sha256_file(part)[0]),)
        rows.append(Bookmark(i, f"CAM-{i}", f"Camera {i}", "Gambir", AT + 60 * i, "operator1",
                             snapshot_path=f"snapshots/{i:05d}.png", clip_state=ClipState.SAVED,
                             clip_path=f"clips/{i:05d}.mp4", clip_start=AT + 60 * i - 3, clip_end=AT + 60 * i + 3,
                             clip_sha256=sha256_file(clip)[0], extra_clips=parts))
    out = tmp / "out"
    out.mkdir(exist_ok=True)
    return ExportRequest(out, store, tuple(rows), None, "liaison1", as_zip=as_zip, masks=masks or {})


def test_a_whole_export_reports_every_planned_step_in_order(tmp_path: Path) -> None:
    req = _request(tmp_path, 3, as_zip=True)
    plan = plan_export(req)
    assert (plan.snapshots, plan.clips, plan.watermarks, plan.total) == (3, 4, 0, 3 + 4 + 3 + 1)
    seen: list[ExportProgress] = []
    result = write_export(req, control=ExportControl(on_progress=seen.append))
    starts = [p for p in seen if not p.part]
    assert [p.done for p in starts] == list(range(plan.total))  # each step once, none skipped
    clips = [p.describe() for p in starts if p.step is Step.COPY_CLIP]
    assert clips == [f"copying clip {n} of 4" for n in (1, 2, 3, 4)]
    assert seen[-1].step is Step.ZIP and seen[-1].part == 1.0
    assert all(a.fraction <= b.fraction for a, b in itertools.pairwise(seen))
    assert result.path.is_file() and sorted(os.listdir(req.dest)) == [result.path.name]


def test_a_cancel_between_files_stops_before_the_next_file_and_leaves_nothing(tmp_path: Path) -> None:
    req = _request(tmp_path, 3)
    token = CancelToken()
    seen: list[ExportProgress] = []

    def watch(p: ExportProgress) -> None:
        seen.append(p)
        if p.step is Step.COPY_CLIP and p.index == 2:
            token.cancel()  # pressed while clip 2 is being copied

    with pytest.raises(ExportCancelled):
        write_export(req, control=ExportControl(token, watch))
    assert seen[-1].step is Step.COPY_CLIP and seen[-1].index == 2  # no file after it was started
    assert os.listdir(req.dest) == []  # no staging folder, no export


def test_a_cancel_while_zipping_removes_the_partial_zip(tmp_path: Path) -> None:
    req = _request(tmp_path, 2, as_zip=True)
    token = CancelToken()

    def watch(p: ExportProgress) -> None:
        if p.step is Step.ZIP and (p.part or 0.0) > 0.3:
            token.cancel()

    with pytest.raises(ExportCancelled):
        write_export(req, control=ExportControl(token, watch))
    assert os.listdir(req.dest) == []


def _children() -> set[int]:
    return {int(pid) for pid in Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").read_text().split()}


def big_clip(path: Path, seconds: float) -> Path:
    """A 1280x720 clip whose masked re-encode takes a few seconds on two cores."""
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25",
                    "-t", str(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                    str(path)], check=True, timeout=120)
    return path


def test_a_cancel_stops_a_running_masked_re_encode_at_once(tmp_path: Path) -> None:
    source = big_clip(tmp_path / "long.mp4", 20.0)
    token = CancelToken()
    seen: list[ExportProgress] = []
    control = ExportControl(token, seen.append)
    control.start(ExportPlan(clips=1))
    control.begin(Step.MASK_CLIP, measured=True)
    before = _children()
    pressed: list[float] = []

    def cancel_when_running() -> None:
        while not any((p.part or 0.0) > 0.05 for p in seen):
            time.sleep(0.02)
        pressed.append(time.monotonic())
        token.cancel()

    threading.Thread(target=cancel_when_running, daemon=True).start()
    out = tmp_path / "masked" / "long.mp4"
    with pytest.raises(ExportCancelled):
        mask_clip(source, out, (MASK,), control=control)
    assert time.monotonic() - pressed[0] < 2.0  # stopped promptly, not at the end of the clip
    assert max(p.part or 0.0 for p in seen) < 0.9
    assert not out.exists()
    assert _children() <= before  # no ffmpeg left running

"""Evidence: clip window maths, the segment ring on disk, manifest hashing, custody, refusals."""

from __future__ import annotations

import json
import os
import sqlite3
import zipfile
from pathlib import Path

import pytest

from videowall.domain.evidence import (
    Bookmark,
    BookmarkEdit,
    BookmarkFilter,
    ClipState,
    ClipWindow,
    CustodyEvent,
    Segment,
    best_plan,
    coverage_state,
    describe_coverage,
    local_time,
    main_on_its_way,
    other_pieces,
    parse_tags,
    select_segments,
)
from videowall.evidence.manifest import verify, write_manifest
from videowall.media.ingest import FfmpegIngest, IngestOptions
from videowall.media.ring import clean_ring, list_segments
from videowall.storage.database import open_database
from videowall.storage.evidence import EvidenceLockedError, EvidenceRepository


def _ring(run: str, start: float, count: int, first_index: int = 0, length: float = 1.0) -> list[Segment]:
    return [Segment(f"{run}-{i}", run, first_index + i, start + i * length, start + (i + 1) * length)
            for i in range(count)]


# --- window maths ------------------------------------------------------------------------------------
def test_a_sub_clip_waits_for_a_main_recorder_that_is_still_writing() -> None:
    window = ClipWindow(event_at=110.0, pre_s=3.0, post_s=3.0)  # 107..113
    sub = _ring("s", 100.0, 14)  # to 114: covers the window already
    main = _ring("m", 100.0, 12)  # to 112: a second behind (its recorder lags under load)
    plan, _newest, kind = best_plan({"main": main, "sub": sub}, window)
    assert kind == "sub"  # right now the sub stream covers it best...
    assert main_on_its_way({"main": main, "sub": sub}, window, now=112.5, stall_s=4.0)  # ...but main is coming
    assert not main_on_its_way({"main": main}, window, now=117.0, stall_s=4.0)  # main stopped writing: take sub
    late = _ring("m", 109.0, 3)  # main began after the window's start: sub is the better clip, no wait
    assert not main_on_its_way({"main": late, "sub": sub}, window, now=112.5, stall_s=4.0)
    assert not main_on_its_way({"sub": sub}, window, now=112.5, stall_s=4.0)  # no main recorder at all
    assert plan.end == 113.0  # the window, cut from the sub ring



def test_selection_covers_the_window_with_at_most_one_segment_of_slack() -> None:
    segs = _ring("a", 1000.0, 60)  # 1000..1060
    window = ClipWindow(1030.4, 6.0, 4.0)  # 1024.4 .. 1034.4
    plan = select_segments(segs, window)
    assert (plan.start, plan.end) == (1024.0, 1035.0)
    assert coverage_state(plan, window) is ClipState.SAVED
    assert [s.index for s in plan.segments] == list(range(24, 35))


def test_selection_keeps_to_the_run_holding_the_event_and_stops_at_gaps() -> None:
    before = _ring("a", 1000.0, 32)  # lost at 1032
    after = _ring("b", 1037.0, 10)  # reconnected at 1037: other timestamps, never mixed in
    window = ClipWindow(1030.0, 6.0, 8.0)
    plan = select_segments(before + after, window)
    assert {s.run for s in plan.segments} == {"a"} and plan.end == 1032.0
    assert coverage_state(plan, window) is ClipState.PARTIAL
    note = describe_coverage(plan, window, lost_at=1032.0)
    assert note.startswith("missing 07:17:12 - 07:17:18 WIB (6 s) after: stream lost 2 s after the event"), note
    assert "clip covers" in note and "NOT IN THE CLIP" not in note
    holey = [s for s in _ring("c", 1000.0, 40) if s.index != 27]  # segment 27 deleted: split there
    assert [s.index for s in select_segments(holey, window).segments] == [28, 29, 30, 31, 32, 33, 34, 35, 36, 37]


def test_a_bookmark_during_an_outage_says_the_event_is_not_in_the_clip() -> None:
    """The issue's case: the stream was lost 10 s before the key press and not back within the window."""
    before = _ring("a", 1000.0, 20)  # lost at 1020
    window = ClipWindow(1030.0, 30.0, 8.0)
    plan = select_segments(before, window)
    note = describe_coverage(plan, window, lost_at=1020.0)
    assert note.startswith("THE EVENT IS NOT IN THE CLIP: video ends 10 s before it"), note
    assert "stream lost 0 s after" not in note and "after the event" not in note


def test_after_an_outage_the_video_that_followed_the_key_press_is_kept() -> None:
    """Lost before the event, back 3 s after it: the run showing what followed wins over the older run."""
    before = _ring("a", 1000.0, 25)  # 1000..1025, then lost
    back = _ring("b", 1033.0, 10)  # 1033..1043
    window = ClipWindow(1030.0, 30.0, 12.0)
    plan = select_segments(before + back, window)
    assert {s.run for s in plan.segments} == {"b"}
    note = describe_coverage(plan, window)
    assert note.startswith("THE EVENT IS NOT IN THE CLIP: video starts 3 s after it"), note
    assert "missing 07:16:40 - 07:17:13 WIB (33 s) before" in note


def test_the_other_side_of_an_outage_is_kept_as_more_parts() -> None:
    before = _ring("a", 1000.0, 25)  # 1000..1025, lost
    back = _ring("b", 1033.0, 10)  # 1033..1043
    window = ClipWindow(1030.0, 30.0, 12.0)
    main = select_segments(before + back, window)
    others = other_pieces(before + back, window, main)
    assert [(p.start, p.end) for p in others] == [(1000.0, 1025.0)]
    assert other_pieces(_ring("c", 1000.0, 50), window, select_segments(_ring("c", 1000.0, 50), window)) == ()
    holey = [s for s in _ring("d", 1000.0, 45) if s.index not in (10, 11)]  # two segments lost: two pieces
    plan = select_segments(holey, window)
    assert [(p.start, p.end) for p in other_pieces(holey, window, plan)] == [(1000.0, 1010.0)]


def test_no_buffer_and_late_buffer_are_said_plainly() -> None:
    window = ClipWindow(1030.0, 30.0, 30.0)
    assert select_segments([], window).segments == ()
    assert "no pre-event video" in describe_coverage(select_segments([], window), window)
    late = select_segments(_ring("a", 1020.0, 45), window)  # the camera was put on the wall at 1020
    assert coverage_state(late, window) is ClipState.PARTIAL
    assert "buffer starts 20 s late" in describe_coverage(late, window)


def test_local_time_is_wib_and_tags_parse() -> None:
    assert local_time(0.0) == "1970-01-01 07:00:00 WIB"
    assert parse_tags(" motor, lajur kiri;motor ,") == ("motor", "lajur kiri")


def test_filter_matches_fields() -> None:
    b = Bookmark(1, "CAM-1", "Simpang Lima", "Semarang Tengah / Pekunden", 100.0, "budi", "banjir", "air naik",
                 ("genangan",))
    assert BookmarkFilter(area="semarang tengah", text="GENANGAN", operator="bud").matches(b)
    assert not BookmarkFilter(category="kriminal").matches(b)
    assert not BookmarkFilter(since=101.0).matches(b)


# --- ring on disk ------------------------------------------------------------------------------------
def _segment_file(d: Path, name: str, mtime: float, size: int = 1000) -> None:
    path = d / name
    path.write_bytes(b"\x47" * size)
    os.utime(path, (mtime, mtime))


def test_ring_listing_takes_durations_from_the_list_and_ends_from_mtimes(tmp_path: Path) -> None:
    (tmp_path / "r1.csv").write_text("r1-000000.ts,0.0,1.0\nr1-000001.ts,1.0,2.04\n")
    _segment_file(tmp_path, "r1-000000.ts", 500.0)
    _segment_file(tmp_path, "r1-000001.ts", 501.04)
    _segment_file(tmp_path, "r1-000002.ts", 501.60)  # being written: starts where the previous ended
    segs = list_segments(tmp_path)
    assert [(s.index, round(s.start, 2), round(s.end, 2), s.complete) for s in segs] == [
        (0, 499.0, 500.0, True), (1, 500.0, 501.04, True), (2, 501.04, 501.6, False)]


def test_cleaner_deletes_by_age_then_by_quota(tmp_path: Path) -> None:
    d = tmp_path / "CAM" / "main"
    d.mkdir(parents=True)
    for i in range(10):
        _segment_file(d, f"r-{i:06d}.ts", 1000.0 + i)
    result = clean_ring(tmp_path, keep_s=5.5, quota_bytes=10_000, now=1010.0)  # keeps mtimes >= 1004.5
    assert sorted(p.name for p in d.iterdir()) == [f"r-{i:06d}.ts" for i in range(5, 10)]
    assert result.deleted == 5
    clean_ring(tmp_path, keep_s=100, quota_bytes=2500, now=1010.0)
    assert sorted(p.name for p in d.iterdir()) == ["r-000008.ts", "r-000009.ts"]


def test_ingest_tees_segments_only_when_asked(tmp_path: Path) -> None:
    plain = FfmpegIngest("rtsp://127.0.0.1/x").argv()
    assert "segment" not in plain
    teed = FfmpegIngest("rtsp://127.0.0.1/x", IngestOptions(buffer_dir=tmp_path / "ring")).argv()
    tail = teed[teed.index("pipe:1") + 1:]
    assert tail[tail.index("-f") + 1] == "segment" and "-c" in tail and tail[tail.index("-c") + 1] == "copy"
    assert tail[-1].startswith(str(tmp_path / "ring")) and tail[-1].endswith("-%06d.ts")


# --- manifest -----------------------------------------------------------------------------------------
def test_manifest_names_changed_added_and_removed_files_in_folder_and_zip(tmp_path: Path) -> None:
    root = tmp_path / "export"
    (root / "clips").mkdir(parents=True)
    (root / "clips" / "a.mp4").write_bytes(b"a" * 100)
    (root / "report.pdf").write_bytes(b"%PDF")
    write_manifest(root, {"case": None})
    assert verify(root).ok and verify(root).checked == 2
    with zipfile.ZipFile(tmp_path / "e.zip", "w") as zf:
        for p in root.rglob("*"):
            zf.write(p, f"export/{p.relative_to(root).as_posix()}")
    assert verify(tmp_path / "e.zip").ok
    data = bytearray((root / "clips" / "a.mp4").read_bytes())
    data[10] ^= 1
    (root / "clips" / "a.mp4").write_bytes(bytes(data))
    (root / "report.pdf").unlink()
    (root / "new.txt").write_text("x")
    bad = verify(root)
    assert not bad.ok
    assert (bad.changed, bad.removed, bad.added) == (("clips/a.mp4",), ("report.pdf",), ("new.txt",))
    assert "CHANGED: clips/a.mp4" in bad.lines()
    manifest = json.loads((root / "manifest.json").read_text())
    manifest["files"][0]["sha256"] = "0" * 64
    (root / "manifest.json").write_text(json.dumps(manifest))
    assert verify(root).manifest_sha256 != bad.manifest_sha256  # the custody record would not match


# --- storage: custody and refusals ------------------------------------------------------------------------
@pytest.fixture
def repo(tmp_path: Path) -> EvidenceRepository:
    return EvidenceRepository(open_database(tmp_path / "e.db"))


def _add(repo: EvidenceRepository, at: float = 100.0) -> int:
    return repo.add_bookmark(Bookmark(0, "CAM-1", "Cam", "Area", at, "op"))


def test_bookmark_round_trip_and_edit(repo: EvidenceRepository) -> None:
    bid = _add(repo)
    repo.edit_bookmark(bid, BookmarkEdit("banjir", "air", ("a", "b"), 1))
    repo.set_clip(bid, ClipState.PARTIAL, "clips/x.mp4", 94.0, 103.0, "lost", "ab" * 32)
    b = repo.get(bid)
    assert b is not None and (b.category, b.tags, b.priority, b.clip_state, b.clip_end) == (
        "banjir", ("a", "b"), 1, ClipState.PARTIAL, 103.0)
    assert [x.id for x in repo.bookmarks(BookmarkFilter(text="air"))] == [bid]


def test_exported_case_refuses_deletion_with_a_clear_error(repo: EvidenceRepository) -> None:
    kept, free = _add(repo), _add(repo, 200.0)
    case = repo.create_case("LP/1/2025", "t", "liaison")
    repo.add_to_case(case, [kept])
    repo.mark_exported(case, [], 300.0)
    with pytest.raises(EvidenceLockedError, match=r"LP/1/2025.*exported"):
        repo.delete_bookmark(kept)
    with pytest.raises(sqlite3.IntegrityError):  # the trigger backs the rule up against raw SQL
        repo._db.execute("DELETE FROM bookmarks WHERE id = ?", [kept])
    repo.delete_bookmark(free)
    assert repo.get(free) is None and repo.get(kept) is not None
    with pytest.raises(ValueError, match="already exists"):
        repo.create_case("LP/1/2025", "again", "x")


def test_custody_log_is_append_only(repo: EvidenceRepository) -> None:
    case = repo.create_case("LP/2/2025", "t", "liaison")
    repo.record_custody(CustodyEvent(10.0, "sari", "export", case, (1, 2), "/mnt/usb/x", "2 bookmarks", "f" * 64))
    repo.record_custody(CustodyEvent(20.0, "sari", "close_case", case))
    events = repo.custody(case)
    assert [(e.actor, e.action, e.bookmark_ids) for e in events] == [("sari", "export", (1, 2)),
                                                                       ("sari", "close_case", ())]
    assert repo.custody_by_manifest("f" * 64)[0].target == "/mnt/usb/x"
    for sql in ("UPDATE custody_events SET actor = 'x'", "DELETE FROM custody_events"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            repo._db.execute(sql)

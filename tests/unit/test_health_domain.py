"""Health rules: classification, picture verdicts, merges, alerts and uptime over state changes."""

from __future__ import annotations

import pytest

from videowall.domain.health import (
    AlertKind,
    HealthRecord,
    HealthState,
    ProbeFacts,
    Reason,
    Track,
    Uptime,
    alert_for,
    check_url,
    classify,
    classify_picture,
    merge_picture,
    merge_probe,
    retention_keep,
    total_uptime,
    uptime,
    uptime_series,
)

S = HealthState
H264 = (Track("video", "H264"), Track("audio", "PCMA"))


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (ProbeFacts(status=200, tracks=H264), (S.LIVE, "")),
        (ProbeFacts(status=200, tracks=(Track("video", "HEVC"),)), (S.LIVE, "")),
        (ProbeFacts(status=200, tracks=(Track("video", "JPEG"),)), (S.UNSUPPORTED, "unsupported_codec_JPEG")),
        (ProbeFacts(status=200, tracks=(Track("audio", "PCMU"),)), (S.UNSUPPORTED, "no_video_track")),
        (ProbeFacts(status=200), (S.UNSUPPORTED, "no_video_track")),
        (ProbeFacts(status=404), (S.NOT_FOUND, "404")),
        (ProbeFacts(status=401), (S.AUTH_FAILURE, "no_credentials")),
        (ProbeFacts(status=401, auth_sent=True), (S.AUTH_FAILURE, "credentials_rejected")),
        (ProbeFacts(status=403, auth_sent=True), (S.AUTH_FAILURE, "forbidden")),
        (ProbeFacts(status=503), (S.UNREACHABLE, "server_error_503")),
        (ProbeFacts(Reason.REFUSED), (S.UNREACHABLE, "refused")),
        (ProbeFacts(Reason.NO_REPLY, status=200, tracks=H264), (S.UNREACHABLE, "no_reply")),  # error wins
        (ProbeFacts(), (S.UNREACHABLE, "bad_reply")),
    ],
)
def test_classify(facts: ProbeFacts, expected: tuple[HealthState, str]) -> None:
    assert classify(facts) == expected


@pytest.mark.parametrize(
    ("url", "state"),
    [
        ("rtsp://10.0.0.1/stream", None),
        ("rtsp://cam.example:8554/a", None),
        ("", S.BAD_URL),
        ("rtsp:///nohost", S.BAD_URL),
        ("rtsp://host:99999/x", S.BAD_URL),
        ("rtsp://host:0/x", S.BAD_URL),
        ("no-scheme-at-all", S.BAD_URL),
        ("http://cam/snapshot.jpg", S.UNSUPPORTED),
    ],
)
def test_check_url(url: str, state: HealthState | None) -> None:
    verdict = check_url(url)
    assert (verdict[0] if verdict else None) == state


def test_picture_black_frozen_live() -> None:
    black = bytes([8]) * 14400
    assert classify_picture(black)[0] is S.BLACK
    dim_but_lit = bytes([8]) * 14000 + bytes([200]) * 400  # a street lamp in a dark scene is not black
    assert classify_picture(dim_but_lit)[0] is S.LIVE
    scene = bytes(range(256)) * 56 + bytes(64)
    assert classify_picture(scene, scene) == (S.FROZEN, "picture_frozen")
    noisy = bytes(min(255, b + (i % 7)) for i, b in enumerate(scene))  # coding noise everywhere: still stuck
    assert classify_picture(scene, noisy)[0] is S.FROZEN
    clock = bytearray(scene)
    clock[1000:1012] = bytes([255]) * 12  # a static street, but the on-screen clock ticked: live
    assert classify_picture(scene, bytes(clock))[0] is S.LIVE
    moved = scene[100:] + scene[:100]
    assert classify_picture(scene, moved) == (S.LIVE, "")
    assert classify_picture(scene)[0] is S.LIVE
    assert classify_picture(b"")[0] is S.UNKNOWN


def rec(state: HealthState, reason: str = "", at: float = 0.0, cid: str = "A") -> HealthRecord:
    return HealthRecord(cid, state, reason, at)


def test_probe_live_keeps_a_picture_verdict_until_the_next_picture_check() -> None:
    black = rec(S.BLACK, "picture_black", 10)
    merged = merge_probe(black, HealthRecord("A", S.LIVE, "", 20, 12.0, "video:H264"))
    assert (merged.state, merged.reason, merged.at, merged.latency_ms) == (S.BLACK, "picture_black", 20, 12.0)
    assert merge_probe(black, rec(S.UNREACHABLE, "refused", 20)).state is S.UNREACHABLE
    assert merge_probe(None, rec(S.LIVE, at=5)).state is S.LIVE
    picture = merge_picture(HealthRecord("A", S.LIVE, "", 1, 9.0, "video:H264"), rec(S.FROZEN, "picture_frozen", 2))
    assert (picture.state, picture.detail, picture.latency_ms) == (S.FROZEN, "video:H264", 9.0)


def test_alerts_only_on_real_transitions() -> None:
    dark = alert_for(rec(S.LIVE), rec(S.UNREACHABLE, "timeout"))
    assert dark is not None and dark.kind is AlertKind.WENT_DARK and dark.previous is S.LIVE
    back = alert_for(rec(S.BLACK), rec(S.LIVE))
    assert back is not None and back.kind is AlertKind.CAME_BACK
    assert alert_for(None, rec(S.UNREACHABLE)) is None  # first verdict
    assert alert_for(rec(S.LIVE), rec(S.DISABLED)) is None  # switched off by the city
    assert alert_for(rec(S.DISABLED), rec(S.LIVE)) is None
    assert alert_for(rec(S.NOT_FOUND), rec(S.UNREACHABLE)) is None  # down to down
    assert alert_for(rec(S.LIVE), rec(S.LIVE)) is None


def test_uptime_clips_intervals_at_the_window_edges() -> None:
    changes = [(50.0, S.LIVE), (150.0, S.UNREACHABLE), (170.0, S.LIVE), (400.0, S.NOT_FOUND)]
    u = uptime(changes, 100.0, 300.0)  # LIVE in force at 100 (from 50); the change at 400 is outside
    assert u.seconds == {S.LIVE: 50.0 + 130.0, S.UNREACHABLE: 20.0}
    assert u.ratio == pytest.approx(180 / 200)
    assert uptime(changes, 300.0, 300.0).seconds == {}


def test_uptime_before_the_first_change_is_unknown_and_left_out_of_the_ratio() -> None:
    u = uptime([(60.0, S.LIVE), (80.0, S.UNREACHABLE)], 0.0, 100.0)
    assert u.unknown == 60.0 and u.up == 20.0 and u.counted == 40.0
    assert u.ratio == 0.5
    assert uptime([], 0.0, 10.0).ratio is None
    explicit = uptime([(0.0, S.LIVE), (10.0, S.UNKNOWN), (30.0, S.LIVE)], 0.0, 40.0)  # sweeper was off
    assert explicit.ratio == 1.0 and explicit.unknown == 20.0


def test_disabled_time_is_neither_up_nor_down() -> None:
    u = uptime([(0.0, S.LIVE), (50.0, S.DISABLED)], 0.0, 100.0)
    assert u.ratio == 1.0 and u.seconds[S.DISABLED] == 50.0


def test_change_exactly_at_window_start_counts_from_start() -> None:
    u = uptime([(0.0, S.UNREACHABLE), (100.0, S.LIVE)], 100.0, 200.0)
    assert u.seconds == {S.LIVE: 100.0}


def test_series_buckets_add_up_to_the_whole_window() -> None:
    changes = [(0.0, S.LIVE), (90.0, S.UNREACHABLE), (130.0, S.LIVE), (250.0, S.BLACK)]
    series = uptime_series(changes, 0.0, 300.0, 100.0)
    assert [b for b, _ in series] == [0.0, 100.0, 200.0]
    assert [u.ratio for _, u in series] == [0.9, 0.7, 0.5]
    whole = total_uptime(u for _, u in series)
    assert whole.seconds == uptime(changes, 0.0, 300.0).seconds
    with pytest.raises(ValueError):
        uptime_series(changes, 0.0, 10.0, 0.0)


def test_area_uptime_weighs_by_camera_time() -> None:
    a = Uptime({S.LIVE: 90.0, S.UNREACHABLE: 10.0})
    b = Uptime({S.UNREACHABLE: 50.0, S.UNKNOWN: 50.0})
    assert total_uptime([a, b]).ratio == pytest.approx(90 / 150)


def test_retention_keeps_the_last_state_before_the_cutoff() -> None:
    changes = [(10.0, S.LIVE), (20.0, S.UNREACHABLE), (30.0, S.LIVE), (120.0, S.NOT_FOUND)]
    kept = retention_keep(changes, 100.0)
    assert kept == [(30.0, S.LIVE), (120.0, S.NOT_FOUND)]
    assert uptime(kept, 100.0, 200.0).seconds == uptime(changes, 100.0, 200.0).seconds
    assert retention_keep(changes, 0.0) == changes

"""Health history in SQLite: changes only, current rows, uptime per camera and area, retention."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils import Database

from videowall.domain.camera import Area, Camera
from videowall.domain.health import HealthRecord, HealthState
from videowall.storage.cameras import CameraRepository
from videowall.storage.database import open_database
from videowall.storage.health_history import HealthHistoryRepository

S = HealthState


@pytest.fixture
def db(tmp_path: Path) -> Database:
    d = open_database(tmp_path / "h.db")
    CameraRepository(d).upsert_many([
        Camera("A", "a", area=Area("Tembalang", "Bulusan")),
        Camera("B", "b", area=Area("Tembalang", "Meteseh")),
        Camera("C", "c", area=Area("Genuk", "Bangetayu")),
    ])  # fmt: skip
    return d


def r(cid: str, state: HealthState, at: float, reason: str = "", latency: float | None = 5.0) -> HealthRecord:
    return HealthRecord(cid, state, reason, at, latency, "video:H264" if state is S.LIVE else "")


def test_only_changes_become_events_and_since_holds(db: Database) -> None:
    repo = HealthHistoryRepository(db)
    assert [c.camera_id for c in repo.apply([r("A", S.LIVE, 100), r("B", S.LIVE, 100)])] == ["A", "B"]
    assert repo.apply([r("A", S.LIVE, 160, latency=7.0), r("B", S.UNREACHABLE, 160, "refused")]) == [
        r("B", S.UNREACHABLE, 160, "refused")
    ]
    changed = repo.apply([r("B", S.UNREACHABLE, 220, "no_reply")])  # a new reason is a change too
    assert [c.reason for c in changed] == ["no_reply"]
    events = db.execute("SELECT camera_id, at, state, reason FROM health_events ORDER BY id").fetchall()
    assert events == [("A", 100, "live", ""), ("B", 100, "live", ""), ("B", 160, "unreachable", "refused"),
                      ("B", 220, "unreachable", "no_reply")]  # fmt: skip
    cur = repo.current()
    assert cur["A"].since == 100 and cur["A"].record.at == 160 and cur["A"].record.latency_ms == 7.0
    assert cur["B"].since == 220 and cur["B"].record.reason == "no_reply"
    assert repo.current(["A"]).keys() == {"A"}


def test_picture_checked_is_kept_until_the_next_picture(db: Database) -> None:
    repo = HealthHistoryRepository(db)
    repo.apply([r("A", S.LIVE, 100)])
    repo.apply([r("A", S.BLACK, 110, "picture_black")], picture=True)
    repo.apply([r("A", S.BLACK, 170, "picture_black")])
    cur = repo.current()["A"]
    assert cur.picture_checked == 110 and cur.since == 110 and cur.record.at == 170


def test_counts_per_state_and_area_with_unchecked_cameras_unknown(db: Database) -> None:
    repo = HealthHistoryRepository(db)
    repo.apply([r("A", S.LIVE, 1), r("B", S.NOT_FOUND, 1, "404")])
    assert repo.counts() == {"": {"live": 1, "not_found": 1, "unknown": 1}}
    assert repo.counts("kecamatan") == {"Genuk": {"unknown": 1}, "Tembalang": {"live": 1, "not_found": 1}}


def test_uptime_per_camera_area_and_series(db: Database) -> None:
    repo = HealthHistoryRepository(db)
    repo.apply([r("A", S.LIVE, 0), r("B", S.LIVE, 0), r("C", S.UNREACHABLE, 50, "refused")])
    repo.apply([r("A", S.UNREACHABLE, 150, "reset")])
    repo.apply([r("A", S.LIVE, 170)])
    repo.apply([r("B", S.DISABLED, 250, "service_off")])
    per = repo.uptime(100, 300)
    assert per["A"].seconds == {S.LIVE: 180, S.UNREACHABLE: 20}
    assert per["B"].ratio == 1.0 and per["B"].seconds[S.DISABLED] == 50
    assert per["C"].ratio == 0.0
    areas = repo.uptime(100, 300, group_by="kecamatan")
    assert areas["Tembalang"].ratio == pytest.approx((180 + 150) / (200 + 150))
    assert areas["Genuk"].ratio == 0.0
    assert repo.uptime(100, 300, group_by="kelurahan").keys() == {
        "Tembalang / Bulusan", "Tembalang / Meteseh", "Genuk / Bangetayu"}  # fmt: skip
    city = repo.uptime(0, 100, group_by="city")[""]
    assert city.unknown == 50 and city.ratio == 1 - 50 / 250
    assert repo.uptime(100, 300, camera_ids=["A"]).keys() == {"A"}
    series = repo.uptime_series(0, 300, 100)
    assert [b for b, _ in series] == [0, 100, 200]
    assert series[1][1].seconds == {S.LIVE: 80 + 100, S.UNREACHABLE: 20 + 100}  # A, B, C in [100, 200)


def test_retention_keeps_the_last_state_before_the_cutoff(db: Database) -> None:
    repo = HealthHistoryRepository(db)
    for t, state in [(10, S.LIVE), (20, S.UNREACHABLE), (30, S.LIVE), (120, S.NOT_FOUND)]:
        repo.apply([r("A", state, t)])
    repo.apply([r("B", S.LIVE, 5)])
    before = repo.uptime(100, 200)
    assert repo.prune(100) == 2  # A's 10 and 20 go; A's 30 and B's 5 stay (each camera's state at the cutoff)
    assert repo.uptime(100, 200)["A"].seconds == before["A"].seconds
    assert repo.uptime(100, 200)["B"].ratio == 1.0
    assert repo.prune(100) == 0

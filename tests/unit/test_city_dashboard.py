"""Dashboard numbers (pure) and the availability report: a real PDF, read back with pdftotext."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from videowall.domain.camera import Area, Camera, ServiceStatus
from videowall.domain.dashboard import (
    HOUR,
    CameraHealth,
    convex_hull,
    dark_for,
    maintenance_csv,
    pick_step,
    rank_areas,
    summarise,
)
from videowall.domain.health import HealthRecord, HealthState, Uptime
from videowall.domain.health_words import format_duration, format_span, health_text
from videowall.evidence.availability_report import render_report
from videowall.services.city import load_dashboard
from videowall.services.report_command import report_data
from videowall.storage.cameras import CameraRepository
from videowall.storage.database import open_database
from videowall.storage.health_history import HealthHistoryRepository
from videowall.storage.readers import ReadConnections

NOW = 1_800_000_000.0


def cam(cid: str, kec: str, kel: str, lat: float = -7.0, lon: float = 110.4,
        enabled: bool = True) -> Camera:
    return Camera(id=cid, name=f"Camera {cid}", area=Area(kec, kel), latitude=lat, longitude=lon,
                  main_url=f"rtsp://127.0.0.1/{cid}",
                  status=ServiceStatus.ACTIVE if enabled else ServiceStatus.INACTIVE)


ITEMS = [
    CameraHealth(cam("A", "Tugu", "Mangkang"), HealthState.LIVE, "", NOW - 10 * HOUR),
    CameraHealth(cam("B", "Tugu", "Mangkang"), HealthState.UNREACHABLE, "refused", NOW - 30 * HOUR),
    CameraHealth(cam("C", "Tugu", "Jerakah"), HealthState.NOT_FOUND, "404", NOW - 0.5 * HOUR),
    CameraHealth(cam("D", "Genuk", "Bangetayu"), HealthState.DISABLED, "service_off", NOW - 99 * HOUR),
    CameraHealth(cam("E", "Genuk", "Bangetayu")),  # never checked
]


def test_summary_counts_by_state_and_area() -> None:
    s = summarise(ITEMS)
    assert s.city.total == 5 and s.city.live == 1 and s.city.dark == 2
    assert s.city.live_ratio == pytest.approx(1 / 3)
    assert s.kecamatan["Tugu"].dark == 2 and s.kecamatan["Genuk"].live_ratio is None
    assert s.kelurahan[("Tugu", "Jerakah")].by_state[HealthState.NOT_FOUND] == 1
    assert list(s.kecamatan) == ["Genuk", "Tugu"]


def test_dark_list_longest_first_and_threshold() -> None:
    assert [d.camera.id for d in dark_for(ITEMS, NOW)] == ["B", "C"]  # disabled and unknown are not "dark"
    only_long = dark_for(ITEMS, NOW, min_hours=1)
    assert [d.camera.id for d in only_long] == ["B"] and only_long[0].hours == pytest.approx(30)
    csv_text = maintenance_csv(only_long)
    assert csv_text.splitlines()[0].startswith("id_titik,nama_titik,kecamatan")
    assert "B,Camera B,Tugu,Mangkang" in csv_text and "30.0" in csv_text and "rtsp" not in csv_text
    assert "Unreachable: connection refused" in csv_text and "2027-01-14T09:00:00+07:00" in csv_text  # WIB
    assert format_duration(30) == "1 day 6 h" and format_duration(5.2) == "5 h 12 min"
    assert format_duration(0.5) == "30 min"
    assert format_duration(50, "id") == "2 hari 2 jam" and format_duration(1 / 60, "id") == "1 menit"
    assert format_duration(3 + 1 / 3) == "3 h 20 min" and format_duration(0.001) == "under 1 min"
    assert format_span(7 * 86400) == "7 days" and format_span(86400, "id") == "1 hari" and format_span(90) == "2 min"


def test_health_in_words_never_shows_codes() -> None:
    assert health_text(HealthState.AUTH_FAILURE, "no_credentials", "en") == \
        "Login failed: no user name and password stored"
    assert health_text(HealthState.UNSUPPORTED, "unsupported_codec_JPEG", "id") == \
        "Tidak didukung: format video JPEG tidak didukung"
    assert health_text(HealthState.UNREACHABLE, "server_error_503", "id") == "Tidak terjangkau: galat kamera 503"
    assert health_text(HealthState.BLACK, "picture_black", "en") == "Black picture"
    assert health_text(HealthState.UNREACHABLE, "some_new_code", "en") == "Unreachable: some new code"


def test_rank_areas_worst_first_and_hull() -> None:
    good = Uptime({HealthState.LIVE: 90 * HOUR, HealthState.UNREACHABLE: 10 * HOUR})
    bad = Uptime({HealthState.LIVE: 50 * HOUR, HealthState.NOT_FOUND: 50 * HOUR})
    rows = rank_areas({"Tugu": good, "Genuk": bad, "Mijen": Uptime()}, {"Tugu": 3, "Genuk": 2})
    assert [r.area for r in rows] == ["Genuk", "Tugu", "Mijen"]
    assert rows[0].down_hours == pytest.approx(50) and rows[2].ratio is None
    square = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.5, 0.5), (0.2, 0.8)]
    assert sorted(convex_hull(square)) == [(0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)]
    assert pick_step(86400) == HOUR and pick_step(7 * 86400) == 6 * HOUR and pick_step(30 * 86400) == 86400


@pytest.fixture
def health_db(tmp_path: Path) -> Path:
    """Three cameras, a day of history: A always live, B dark for the last 6 h, C live then not found."""
    path = tmp_path / "h.db"
    db = open_database(path)
    CameraRepository(db).upsert_many([cam("A", "Tugu", "Mangkang"), cam("B", "Tugu", "Jerakah", -7.01, 110.41),
                                      cam("C", "Genuk", "Bangetayu", -6.99, 110.46)])  # fmt: skip
    history = HealthHistoryRepository(db)
    start = NOW - 24 * HOUR
    history.apply([HealthRecord(c, HealthState.LIVE, "", start) for c in "ABC"])
    history.apply([HealthRecord("B", HealthState.UNREACHABLE, "refused", NOW - 6 * HOUR)])
    history.apply([HealthRecord("C", HealthState.NOT_FOUND, "404", NOW - 12 * HOUR)])
    db.close()
    return path


def test_dashboard_load_reads_counts_and_series(health_db: Path) -> None:
    readers = ReadConnections(health_db)
    data = load_dashboard(readers, hours=24, now=NOW)
    readers.close()
    assert data.summary.city.live == 1 and data.summary.city.dark == 2
    assert len(data.series) == 24
    assert data.series[0][1] == pytest.approx(1.0) and data.series[-1][1] == pytest.approx(1 / 3)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_report_pdf_has_the_numbers(health_db: Path, tmp_path: Path) -> None:
    db = open_database(health_db, migrate=False)
    data = report_data(db, NOW - 24 * HOUR, NOW, now=NOW)
    db.close()
    # camera-time: A 24 h up, B 18 of 24, C 12 of 24 -> 54 / 72 = 75 %
    assert data.overall == pytest.approx(0.75)
    assert [a.area for a in data.areas] == ["Genuk", "Tugu"]
    files = render_report(data, tmp_path / "report.pdf")
    assert files.pdf.read_bytes().startswith(b"%PDF") and all(c.stat().st_size > 5000 for c in files.charts)
    text = subprocess.run(["pdftotext", str(files.pdf), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip (reading order: a wrapped table cell stays together)
    for expected in ("Camera availability report - whole city", "75.0 %", "Worst areas", "Genuk",
                     "Cameras dark now, longest first", "Camera B", "12 h", "6 h", "Unreachable: connection refused",
                     "History covers the whole 1 day asked"):
        assert "".join(expected.split()) in "".join(text.split()), expected  # layout may squeeze spaces
    db = open_database(health_db, migrate=False)
    tugu = report_data(db, NOW - 24 * HOUR, NOW, "Tugu", now=NOW)
    db.close()
    assert tugu.overall == pytest.approx(42 / 48) and [a.area for a in tugu.areas] == ["Jerakah", "Mangkang"]


def test_fleet_series_equals_the_sum_of_per_camera_series() -> None:
    import random

    from videowall.domain.dashboard import fleet_series
    from videowall.domain.health import uptime_series

    rng = random.Random(4)
    start, end = 1000.0, 1000.0 + 24 * HOUR
    states = [HealthState.LIVE, HealthState.UNREACHABLE, HealthState.DISABLED, HealthState.NOT_FOUND]
    changes = {}
    for n in range(60):
        times = sorted(rng.uniform(start - 5 * HOUR, end + HOUR) for _ in range(rng.randint(0, 12)))
        changes[f"c{n}"] = [(t, rng.choice(states)) for t in times if t < end]
    # what the repository hands over: the change in force at start (if any), then the later ones
    clipped = {}
    for cid, ch in changes.items():
        before = [c for c in ch if c[0] <= start]
        clipped[cid] = before[-1:] + [c for c in ch if c[0] > start]
    totals = [Uptime() for _ in range(24)]
    for ch in clipped.values():
        for acc, (_t, u) in zip(totals, uptime_series(ch, start, end, HOUR), strict=True):
            acc.add(u)
    fast = fleet_series(clipped, start, end, HOUR)
    assert [t for t, _r in fast] == [start + i * HOUR for i in range(24)]
    for (_t, ratio), slow in zip(fast, totals, strict=True):
        assert (ratio is None) == (slow.ratio is None)
        if ratio is not None:
            assert ratio == pytest.approx(slow.ratio)

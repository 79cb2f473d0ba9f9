"""Briefings as data: file format round trip, clear errors for bad files, storage, navigation, privacy."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from videowall.domain.access import AccessDenied, Role, User, Visibility
from videowall.domain.briefing import (
    Briefing,
    BriefingError,
    Slide,
    SlideKind,
    decode,
    encode,
    from_dict,
    to_dict,
)
from videowall.domain.camera import Area, Camera, CameraKind
from videowall.domain.i18n import (
    format_date,
    format_datetime,
    format_number,
    format_percent,
    normalise,
    report_text,
)
from videowall.domain.privacy import MaskPolygon
from videowall.services.briefing_service import BriefingGuard, BriefingService
from videowall.storage.briefings import BriefingRepository
from videowall.storage.database import open_database
from videowall.storage.writer import DatabaseWriter

SAMPLE = Briefing("Weekly", "Rapat mingguan", (
    Slide(SlideKind.KPI),
    Slide(SlideKind.CAMERAS, "Simpang Lima", layout="2x2", cameras=("A", "B", "C")),
    Slide(SlideKind.CAMERAS, layout="Saved incident"),
    Slide(SlideKind.HEALTH_MAP, seconds=20, area="Tugu", notes="Tugu first: the new cameras"),
    Slide(SlideKind.AVAILABILITY, hours=168),
    Slide(SlideKind.CLIP, "Tabrakan", bookmark_id=7),
))


def test_round_trip_keeps_every_field() -> None:
    text = encode(SAMPLE)
    assert decode(text) == SAMPLE
    data = json.loads(text)
    assert data["format"] == "videowall-briefing" and data["version"] == 1


def test_navigation_ends_after_the_last_slide_and_never_before_the_first() -> None:
    assert SAMPLE.step(0, +1) == 1
    assert SAMPLE.step(0, -1) == 0
    assert SAMPLE.step(len(SAMPLE.slides) - 1, +1) is None


@pytest.mark.parametrize(("text", "message"), [
    ("{not json", "not JSON"),
    ("[]", "one JSON object"),
    ('{"format": "other", "version": 1}', "not a briefing file"),
    ('{"format": "videowall-briefing"}', "no version"),
    ('{"format": "videowall-briefing", "version": 9, "name": "x", "slides": []}', "newer than this program"),
    ('{"format": "videowall-briefing", "version": 1, "name": "x", "slides": {}}', "'slides' must be a list"),
    ('{"format": "videowall-briefing", "version": 1, "name": "", "slides": [{"kind": "kpi"}]}', "no name"),
    ('{"format": "videowall-briefing", "version": 1, "name": "x", "slides": []}', "has no slides"),
    ('{"format": "videowall-briefing", "version": 1, "name": "x", "slides": [{"kind": "movie"}]}',
     "slide 1: kind 'movie' is not one of"),
    ('{"format": "videowall-briefing", "version": 1, "name": "x", "slides": [{"kind": "kpi"}, {"kind": "cameras"}]}',
     "slide 2: a camera slide needs"),
    ('{"format": "videowall-briefing", "version": 1, "name": "x", "slides": [{"kind": "clip", "bookmark_id": "7"}]}',
     "slide 1: 'bookmark_id' must be a whole number"),
    ('{"format": "videowall-briefing", "version": 1, "name": "x", "slides": [{"kind": "cameras", "cameras": [1]}]}',
     "'cameras' must be a list of camera ids"),
    ('{"format": "videowall-briefing", "version": 1, "name": "x", "slides": [{"kind": "kpi", "seconds": "5"}]}',
     "'seconds' must be a number"),
    ('{"format": "videowall-briefing", "version": 1, "name": "x", "slides": [{"kind": "kpi", "seconds": -1}]}',
     "seconds must be >= 0"),
])
def test_bad_files_give_one_clear_error(text: str, message: str) -> None:
    with pytest.raises(BriefingError, match=message.replace("(", r"\(").replace("'", "'")):
        decode(text)


def test_from_dict_rejects_what_encode_would_never_write() -> None:
    data = to_dict(SAMPLE)
    data["title"] = 5
    with pytest.raises(BriefingError, match="'title' must be text"):
        from_dict(data)


def test_repository_saves_replaces_and_lists(tmp_path: Path) -> None:
    db = open_database(tmp_path / "b.db")
    repo = BriefingRepository(db)
    repo.save(SAMPLE)
    repo.save(Briefing("alpha", slides=(Slide(SlideKind.KPI),)))
    assert repo.names() == ["alpha", "Weekly"]
    assert repo.load("Weekly") == SAMPLE
    repo.save(Briefing("Weekly", slides=(Slide(SlideKind.KPI),)))
    loaded = repo.load("Weekly")
    assert loaded is not None and len(loaded.slides) == 1
    repo.delete("alpha")
    assert repo.names() == ["Weekly"] and repo.load("alpha") is None


def test_service_export_import_round_trip_and_bad_file(tmp_path: Path) -> None:
    writer = DatabaseWriter(tmp_path / "w.db")
    writer.start()
    try:
        service = BriefingService(writer)
        editor = User("bu-sari", Role.SUPERVISOR)
        service.save(editor, SAMPLE).result(10)
        out = service.export("Weekly", tmp_path / "weekly.json")
        service.save(editor, Briefing("Weekly", slides=(Slide(SlideKind.KPI),)), "Weekly").result(10)  # changed
        assert service.import_file(out, editor) == SAMPLE
        assert service.load("Weekly").result(10) == SAMPLE
        with pytest.raises(AccessDenied):  # a presenter shows briefings; importing one is editing
            service.import_file(out, User("layar", Role.PRESENTER))
        bad = tmp_path / "bad.json"
        bad.write_text('{"format": "videowall-briefing", "version": 1, "name": "x", "slides": [{"kind": "?"}]}')
        with pytest.raises(BriefingError, match="slide 1"):
            service.import_file(bad, editor)
        with pytest.raises(BriefingError, match="cannot read"):
            service.import_file(tmp_path / "missing.json", editor)
        with pytest.raises(BriefingError, match="no briefing named"):
            service.export("nope", tmp_path / "x.json")
        assert service.names().result(10) == ["Weekly"]
    finally:
        writer.stop()


class FakePrivacy:
    """The app's privacy service as the tile guard sees it (operator role: sees private cameras)."""

    def __init__(self) -> None:
        self.quarantined = {"Q"}
        self.inspected: list[str] = []

    def visibility(self, camera: Camera) -> Visibility:
        return Visibility.QUARANTINED if camera.id in self.quarantined else Visibility.SHOWN

    def masks_for(self, camera_id: str) -> tuple[MaskPolygon, ...]:
        return ()  # a supervisor lifted the masks

    def inspect(self, camera_id: str, picture: object, now: float) -> None:
        self.inspected.append(camera_id)

    def not_live(self, camera_id: str) -> None: ...

    def shown(self, camera: Camera) -> None: ...


def _cam(cid: str) -> Camera:
    return Camera(id=cid, name=cid, kind=CameraKind.TRAFFIC, area=Area("Tugu", "Mangkang"))


def test_guard_forces_presenter_rules_and_masks() -> None:
    mask = MaskPolygon(((0.1, 0.1), (0.5, 0.1), (0.5, 0.5)))
    inner = FakePrivacy()
    guard = BriefingGuard(inner, private=lambda cid: cid == "P", masks=lambda cid: (mask,))  # type: ignore[arg-type]
    assert guard.can_show(_cam("A"))
    assert not guard.can_show(_cam("P"))  # private: even when the signed-in operator may see it
    assert guard.visibility(_cam("Q")) is Visibility.NOT_PERMITTED  # quarantined: no reason shown
    assert guard.masks_for("A") == (mask,)  # the lift does not apply in a briefing
    assert not guard.listed(_cam("P")) and guard.listed(_cam("Q"))
    guard.inspect("A", lambda: None, 1.0)
    assert inner.inspected == ["A"]  # the scene check keeps running during a briefing


def test_locale_formatting_for_reports() -> None:
    assert normalise("id_ID.UTF-8") == "id" and normalise("in") == "id" and normalise("de_DE") == "en"
    assert format_number(12345.6, "id", 1) == "12.345,6"
    assert format_number(12345.6, "en", 1) == "12,345.6"
    assert format_percent(0.934, "id") == "93,4 %" and format_percent(None, "en") == "-"
    ts = 1795996800.0  # 2026-11-30 00:00 UTC = 07:00 WIB, a Monday
    assert format_date(ts, "id") == "Senin, 30 November 2026"
    assert format_date(ts, "en") == "Monday, 30 November 2026"
    assert format_datetime(ts, "id") == "30 November 2026 07:00:00 WIB"
    assert format_datetime(ts, "en", "Asia/Makassar") == "30 November 2026 08:00:00 WITA"
    assert report_text("availability_report", "id") == "Laporan ketersediaan kamera"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_availability_report_in_indonesian(tmp_path: Path) -> None:
    from videowall.domain.dashboard import ReportData, StateCounts
    from videowall.evidence.availability_report import render_report

    data = ReportData("", 1795996800.0, 1796083200.0, 1796083200.0, 0.934, StateCounts(), [], [], [])
    files = render_report(data, tmp_path / "laporan.pdf", lang="id", tz_name="Asia/Jakarta")
    text = " ".join(subprocess.run(["pdftotext", str(files.pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    for expected in ("Laporan ketersediaan kamera - seluruh kota", "93,4 %", "Periode", "30 November 2026 07:00:00 WIB",
                     "Tidak ada kamera yang mati."):
        assert expected in text, expected

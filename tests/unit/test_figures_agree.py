"""Issue 23 item 2: the figures slide, the chart slide, the dashboard and the report agree, and say when.

One database with a day and more of health history, read at one moment by each surface the way it
reads in the app: the presentation window through ``BriefingService`` (its KPI card, chart slide and
title bar), the dashboard window through ``load_dashboard`` (its figures card, chart line and status
line), and the report through ``report_data`` / ``render_report`` (the PDF's text via pdftotext). The
expected numbers are worked out by hand from the history, so agreeing on a wrong figure fails too.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6 import QtWidgets
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from tests.unit.test_presentation_ui import _run, done
from videowall.domain.briefing import Briefing, Slide, SlideKind
from videowall.domain.camera import Area, Camera, ServiceStatus
from videowall.domain.dashboard import HOUR
from videowall.domain.health import HealthRecord, HealthState
from videowall.evidence.availability_report import render_report
from videowall.services.briefing_service import BriefingGuard, BriefingService
from videowall.services.city import load_dashboard
from videowall.services.report_command import report_data
from videowall.storage.cameras import CameraRepository
from videowall.storage.health_history import HealthHistoryRepository
from videowall.storage.writer import DatabaseWriter
from videowall.ui.briefing_slides import KpiCard, ScaledChart
from videowall.ui.dashboard import DashboardActions, DashboardWindow
from videowall.ui.presentation import PresentationParts, PresentationWindow

NOW = 1_800_000_000.0  # 2027-01-15 15:00 WIB
KEC = ("Tugu", "Genuk", "Mijen", "Pedurungan")


@pytest.fixture(scope="module")
def qapp() -> Any:
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    QLocale.setDefault(QLocale("id_ID"))  # as Language.install does for Bahasa Indonesia
    yield app
    QLocale.setDefault(QLocale("en_GB"))


@pytest.fixture
def writer(tmp_path: Path) -> Any:
    """40 cameras: 2 never checked, 2 disabled, 27 live all along, 6 dark for the last 6 h, 3 for 26 h."""
    w = DatabaseWriter(tmp_path / "videowall.db")
    w.start()
    cams = [Camera(id=f"SMG-{KEC[n % 4][:3].upper()}-{n:05d}", name=f"CCTV {n}", area=Area(KEC[n % 4], "K"),
                   latitude=-7.0 + n / 1000, longitude=110.4 + n / 1000, main_url=f"rtsp://127.0.0.1/{n}",
                   status=ServiceStatus.INACTIVE if n in (2, 3) else ServiceStatus.ACTIVE)
            for n in range(40)]  # fmt: skip
    start = NOW - 30 * HOUR

    def store(db: Any) -> None:
        CameraRepository(db).upsert_many(cams)
        history = HealthHistoryRepository(db)
        history.apply([HealthRecord(c.id, HealthState.DISABLED if n in (2, 3) else HealthState.LIVE, "", start)
                       for n, c in enumerate(cams) if n >= 2])  # fmt: skip
        history.apply([HealthRecord(cams[n].id, HealthState.UNREACHABLE, "refused", NOW - 6 * HOUR)
                       for n in range(4, 10)])  # fmt: skip
        history.apply([HealthRecord(cams[n].id, HealthState.AUTH_FAILURE, "no_credentials", NOW - 26 * HOUR)
                       for n in range(10, 13)])  # fmt: skip
        history.apply([HealthRecord(c.id, r.state, r.reason, NOW - 60) for c, r in
                       ((c, history.current([c.id])[c.id].record) for c in cams[2:])])  # the last sweep

    w.submit(store).result(30)
    yield w
    w.stop()


# by hand: counted = 40 - 2 never checked - 2 disabled = 36; dark now 9 -> online 27 / 36 = 75,0 %;
# the last 24 h: up 27 x 24 h + 6 x 18 h = 756 of 36 x 24 h = 864 camera-hours -> 87,5 %; dark > 24 h: 3
ONLINE, AVAILABILITY, CAMERAS, DARK, DARK_LONG = "75,0 %", "87,5 %", "40", "9", "3"


def test_the_figures_slide_chart_slide_dashboard_and_report_agree(qapp: Any, writer: Any, tmp_path: Path) -> None:
    service = BriefingService(writer, clock=lambda: NOW)
    briefing = Briefing("angka", "Rapat pimpinan", (Slide(SlideKind.KPI), Slide(SlideKind.AVAILABILITY),
                                                      Slide(SlideKind.HEALTH_MAP)))  # fmt: skip
    parts = PresentationParts(service, BriefingGuard(None), lambda _cid: None, lambda _n: done(None),
                              lambda fn: _run(fn), lambda fn: fn(), lang="id", tz_name="Asia/Jakarta")
    show = PresentationWindow(briefing, parts)
    show.resize(1280, 720)
    show.show()
    qapp.processEvents()
    kpi = show._pages["kpi"]
    assert isinstance(kpi, KpiCard)
    assert [c[0] for c in kpi.cells()] == [CAMERAS, ONLINE, DARK, DARK_LONG]
    assert kpi.note() == f"Figures at 15:00 WIB · availability over the last 24 hours: {AVAILABILITY}"
    assert show.bar.position.startswith("Figures at 15:00 WIB")  # the time of the figure on the slide
    QTest.keyClick(show, Qt.Key.Key_PageDown)
    chart = show._pages["chart"]
    assert isinstance(chart, ScaledChart)
    assert ONLINE in chart.chart.headline and AVAILABILITY in chart.chart.headline
    QTest.keyClick(show, Qt.Key.Key_PageDown)
    assert show.bar.position.startswith("Figures at 15:00 WIB")  # the map slide too
    show.close()

    board = DashboardWindow(DashboardActions(None, None, None, lambda _c: None))  # type: ignore[arg-type]
    board.show_data(load_dashboard(writer.readers, now=NOW))
    board.show()
    qapp.processEvents()
    card = board.findChild(QLabel, "figures")
    assert card is not None
    assert re.sub("<[^>]+>", " ", card.text()).split() == [CAMERAS, "cameras", *ONLINE.split(), "online", "now"]
    assert ONLINE in board.chart.headline and AVAILABILITY in board.chart.headline
    assert board.status.text().startswith("Figures at 15:00 WIB")
    board.close()

    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils not installed")
    files = render_report(report_data(writer.readers.get(), NOW - 24 * HOUR, NOW, now=NOW), tmp_path / "r.pdf",
                          lang="id", tz_name="Asia/Jakarta")  # fmt: skip
    text = " ".join(subprocess.run(["pdftotext", str(files.pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())  # fmt: skip
    assert f"Ketersediaan {AVAILABILITY} dari waktu-kamera" in text
    assert f"Online saat ini {ONLINE} dari kamera yang sudah diperiksa, pada 15 Januari 2027 15:00:00 WIB" in text
    assert f"{CAMERAS} terdaftar: 27 online, {DARK} mati, 4 nonaktif atau belum diperiksa" in text

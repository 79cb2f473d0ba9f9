"""Dashboard window, health map and alerts offscreen, with small fakes instead of the app's services."""

from __future__ import annotations

import os
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")
QtWidgets = pytest.importorskip("PySide6.QtWidgets")

from videowall.domain.alerts import AlertRules  # noqa: E402
from videowall.domain.camera import Area, Camera, StreamKind  # noqa: E402
from videowall.domain.dashboard import HOUR, CameraHealth, summarise  # noqa: E402
from videowall.domain.health import AlertKind, HealthAlert, HealthRecord, HealthState  # noqa: E402
from videowall.domain.stream_state import StreamState, TileStatus  # noqa: E402
from videowall.services.city import DashboardData  # noqa: E402
from videowall.services.live import TileReport  # noqa: E402
from videowall.ui.alerts import AlertCenter  # noqa: E402
from videowall.ui.dashboard import DashboardActions, DashboardWindow  # noqa: E402

NOW = time.time()


@pytest.fixture(scope="module")
def qapp() -> Any:
    return QtWidgets.QApplication.instance() or QtWidgets.QApplication([])


def cam(cid: str, kec: str, lat: float, lon: float) -> Camera:
    return Camera(id=cid, name=f"Cam {cid}", area=Area(kec, "K"), latitude=lat, longitude=lon, main_url="rtsp://h/x")


def data() -> DashboardData:
    items = [
        CameraHealth(cam("A", "Tugu", -7.0, 110.30), HealthState.LIVE, "", NOW - HOUR),
        CameraHealth(cam("B", "Tugu", -7.01, 110.31), HealthState.UNREACHABLE, "refused", NOW - 5 * HOUR),
        CameraHealth(cam("C", "Tugu", -6.99, 110.32), HealthState.NOT_FOUND, "404", NOW - 0.2 * HOUR),
        CameraHealth(cam("D", "Genuk", -6.95, 110.48), HealthState.LIVE, "", NOW - HOUR),
    ]
    return DashboardData(NOW, items, summarise(items), [(NOW - 2 * HOUR, 0.5), (NOW - HOUR, 0.75)], 1.0)


def test_dashboard_shows_counts_areas_dark_list_and_map(qapp: Any, tmp_path: Path) -> None:
    opened: list[str] = []
    window = DashboardWindow(DashboardActions(None, None, None, opened.append))  # type: ignore[arg-type]
    window.show_data(data())
    window.show()
    qapp.processEvents()
    assert window.areas.topLevelItem(0).text(0) == "Tugu"  # worst first
    assert window.areas.topLevelItem(0).text(1) == "33.3"
    assert window.dark_table.rowCount() == 1  # dark for more than 1 h: B only
    window.hours.setValue(0)
    assert window.dark_table.rowCount() == 2 and window.dark_table.item(0, 0).text() == "B"
    csv_text = window.export_dark(tmp_path / "m.csv").read_text()
    assert csv_text.count("\n") == 3 and "B,Cam B,Tugu" in csv_text
    hit = window.map.camera_at(window.map.to_screen(110.48, -6.95))
    assert hit is not None and hit.camera.id == "D"
    image = window.map.grab().toImage()
    assert image.width() > 300
    window.close()


class FakeTiles:
    def __init__(self) -> None:
        self.tiles = [SimpleNamespace(camera=None, index=i) for i in range(4)]


class FakeConsole:
    def __init__(self) -> None:
        self.live = FakeTiles()
        self.cams = {c: cam(c, "Tugu", -7.0, 110.3) for c in "ABCD"}
        self.directory = SimpleNamespace(get=self.cams.get)
        self.assigned: list[tuple[int, list[str]]] = []

    def assign(self, index: int, ids: list[str]) -> None:
        self.assigned.append((index, ids))

    def open_camera(self, camera_id: str) -> None: ...

    def tiles(self) -> list[Any]:  # the WallController's read API
        return self.live.tiles


def test_alerts_toast_list_and_alarm_tile(qapp: Any) -> None:
    window = QtWidgets.QMainWindow()
    window.resize(800, 600)
    console = FakeConsole()
    alerts = AlertCenter(window, console, lambda cid: cid in {"B"}, AlertRules(debounce_s=0))  # type: ignore[arg-type]
    window.show()
    a = console.cams["A"]
    for state in (StreamState.LIVE, StreamState.OFFLINE):
        alerts.on_tile_report(TileReport(0, a, StreamKind.MAIN, TileStatus(state), 0.0))
    alerts.tick(time.time() + 1)
    assert alerts.list.topLevelItemCount() == 1 and "went dark" in alerts.list.topLevelItem(0).text(0)
    assert alerts.toast.isVisible()
    alerts.set_alarm_tile(3)
    record = HealthRecord("B", HealthState.UNREACHABLE, "refused", NOW)
    alerts.on_health_alert(HealthAlert(AlertKind.WENT_DARK, "B", HealthState.LIVE, record))
    alerts.on_health_alert(HealthAlert(AlertKind.WENT_DARK, "C", HealthState.LIVE, record))  # not watched
    alerts.tick(time.time() + 1)
    assert alerts.list.topLevelItemCount() == 2
    assert console.assigned == [(3, ["B"])]
    window.close()

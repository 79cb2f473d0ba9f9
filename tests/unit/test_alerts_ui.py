"""The alert list on the real widgets (offscreen Qt), the real acknowledge service and a real SQLite file:
eleven tiles dark at once are one line and one toast; a click acknowledges it, audited as the user."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
QtWidgets = pytest.importorskip("PySide6.QtWidgets")
from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from videowall.domain.access import Permission, Role, User  # noqa: E402
from videowall.domain.alerts import AlertRules  # noqa: E402
from videowall.domain.camera import Area, Camera, CameraKind, StreamKind  # noqa: E402
from videowall.domain.stream_state import OfflineReason, StreamState, TileStatus  # noqa: E402
from videowall.services.alerts import acknowledge_alert  # noqa: E402
from videowall.services.live import TileReport  # noqa: E402
from videowall.storage.writer import DatabaseWriter  # noqa: E402
from videowall.ui.alerts import AlertCenter  # noqa: E402

CAMS = [Camera(id=f"SIM-{i:02d}", name=f"Kamera {i}", kind=CameraKind.TRAFFIC, area=Area("Tugu"),
               main_url=f"rtsp://127.0.0.1:8554/cam/{i:02d}/main") for i in range(11)]


@pytest.fixture(scope="module")
def qapp() -> Iterator[Any]:
    yield QtWidgets.QApplication.instance() or QtWidgets.QApplication([])


@pytest.fixture()
def writer(tmp_path: Path) -> Iterator[DatabaseWriter]:
    with DatabaseWriter(tmp_path / "v.db") as w:
        yield w


def centre(user: User, window: Any, writer: DatabaseWriter, may: bool = True) -> AlertCenter:
    console = SimpleNamespace(live=SimpleNamespace(tiles=[]), directory=SimpleNamespace(get={}.get),
                              open_camera=lambda _cid: None, assign=lambda *_a: None)
    return AlertCenter(window, console, lambda _cid: False, AlertRules(debounce_s=2),  # type: ignore[arg-type]
                       acknowledge=lambda alert: acknowledge_alert(writer, user, alert), who=lambda: user.name,
                       may=lambda: may)


def wait(qapp: Any, check: Any, what: str) -> None:
    deadline = time.monotonic() + 10
    while not check():
        assert time.monotonic() < deadline, what
        qapp.processEvents()
        time.sleep(0.01)


def audit_rows(writer: DatabaseWriter) -> list[tuple[str, str, str, str]]:
    writer.submit(lambda _db: None).result(10)
    db = writer.readers.get()
    return [tuple(r) for r in db.execute("SELECT actor, action, target, detail FROM audit_log").fetchall()]


def test_eleven_dark_tiles_one_line_one_toast_acknowledged_by_click(qapp: Any, writer: DatabaseWriter) -> None:
    window = QtWidgets.QMainWindow()
    window.resize(1000, 700)
    alerts = centre(User("operator", Role.OPERATOR), window, writer)
    window.show()
    QTest.qWaitForWindowExposed(window)
    down = TileStatus(StreamState.OFFLINE, OfflineReason.REFUSED)
    for i, cam in enumerate(CAMS):
        alerts.on_tile_report(TileReport(i, cam, StreamKind.MAIN, TileStatus(StreamState.LIVE), 25.0))
    for i, cam in enumerate(CAMS):
        alerts.on_tile_report(TileReport(i, cam, StreamKind.MAIN, down, 0.0))
    alerts.tick(time.time() + 1)
    assert alerts.list.topLevelItemCount() == 0  # not dark for the debounce yet
    alerts.tick(time.time() + 3)
    assert alerts.list.topLevelItemCount() == 1
    item = alerts.list.topLevelItem(0)
    assert item is not None and "server 127.0.0.1:8554 unreachable: 11 cameras" in item.text(0)
    assert item.childCount() == 11 and item.child(0).text(0).startswith("SIM-00")  # type: ignore[union-attr]
    assert alerts.toast.shown == 1 and "11 cameras" in alerts.toast.text()
    assert not alerts.ack_button.isEnabled()

    rect = alerts.list.visualItemRect(item)
    QTest.mouseClick(alerts.list.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(rect.x() + 30, rect.center().y()))
    assert alerts.current_alert() is not None and alerts.ack_button.isEnabled()
    QTest.mouseClick(alerts.ack_button, Qt.MouseButton.LeftButton)
    wait(qapp, lambda: "acknowledged by operator" in item.text(0), "the line to say who acknowledged it")
    assert not alerts.ack_button.isEnabled() and not item.font(0).bold()
    [(actor, action, target, detail)] = audit_rows(writer)
    assert (actor, action, target) == ("operator", "alert_acknowledged", "127.0.0.1:8554")
    assert "11 cameras" in detail and "SIM-10" in detail
    status = alerts.status_json()
    [row] = status["alerts"]  # type: ignore[misc]
    assert row["acknowledged_by"] == "operator" and row["count"] == 11

    for i, cam in enumerate(CAMS):  # the server is back: one green toast, the line says so
        alerts.on_tile_report(TileReport(i, cam, StreamKind.MAIN, TileStatus(StreamState.LIVE), 25.0))
    assert "all back" in item.text(0) and alerts.toast.shown == 2
    window.close()


def test_the_grouped_line_in_indonesian(qapp: Any, writer: DatabaseWriter) -> None:
    from PySide6.QtCore import QLocale

    from videowall.ui.language import Language

    before = QLocale()
    language = Language(qapp)
    assert language.install("id")
    try:
        window = QtWidgets.QMainWindow()
        alerts = centre(User("operator", Role.OPERATOR), window, writer)
        down = TileStatus(StreamState.OFFLINE, OfflineReason.REFUSED)
        for i, cam in enumerate(CAMS[:3]):
            alerts.on_tile_report(TileReport(i, cam, StreamKind.MAIN, TileStatus(StreamState.LIVE), 25.0))
            alerts.on_tile_report(TileReport(i, cam, StreamKind.MAIN, down, 0.0))
        alerts.tick(time.time() + 3)
        item = alerts.list.topLevelItem(0)
        assert item is not None and "server 127.0.0.1:8554 tidak terjangkau: 3 kamera" in item.text(0)
        assert alerts.ack_button.text() == "Tandai sudah dilihat"
        window.close()
    finally:
        language.install("en")
        QLocale.setDefault(before)


def test_a_presenter_may_not_acknowledge(qapp: Any, writer: DatabaseWriter) -> None:
    window = QtWidgets.QMainWindow()
    presenter = User("presenter", Role.PRESENTER)
    alerts = centre(presenter, window, writer, may=presenter.can(Permission.ACKNOWLEDGE_ALERTS))
    window.show()
    cam = CAMS[0]
    alerts.on_tile_report(TileReport(0, cam, StreamKind.MAIN, TileStatus(StreamState.LIVE), 25.0))
    alerts.on_tile_report(TileReport(0, cam, StreamKind.MAIN, TileStatus(StreamState.FROZEN), 0.0))
    alerts.tick(time.time() + 3)
    item = alerts.list.topLevelItem(0)
    assert item is not None and "SIM-00" in item.text(0) and "went dark" in item.text(0)
    alerts.list.setCurrentItem(item)
    assert not alerts.ack_button.isVisibleTo(window)  # not offered to a presenter ...
    alerts.acknowledge_current()  # ... and refused by the service all the same
    assert alerts.message.isVisibleTo(window) and "may not acknowledge alerts" in alerts.message.text()
    assert audit_rows(writer) == [] and "acknowledged" not in item.text(0)
    window.close()


def test_a_frozen_camera_in_indonesian_has_no_english_code(qapp: Any, writer: DatabaseWriter) -> None:
    """Seen in the demo: "padam: Beku, frozen" (the picture state's raw code after its label)."""
    from PySide6.QtCore import QLocale

    from videowall.ui.language import Language

    before = QLocale()
    language = Language(qapp)
    assert language.install("id")
    try:
        window = QtWidgets.QMainWindow()
        alerts = centre(User("operator", Role.OPERATOR), window, writer)
        for i, state in enumerate((StreamState.FROZEN, StreamState.NO_VIDEO)):
            alerts.on_tile_report(TileReport(i, CAMS[i], StreamKind.MAIN, TileStatus(StreamState.LIVE), 25.0))
            alerts.on_tile_report(TileReport(i, CAMS[i], StreamKind.MAIN, TileStatus(state), 0.0))
        alerts.tick(time.time() + 3)
        texts = [alerts.list.topLevelItem(i).text(0) for i in range(alerts.list.topLevelItemCount())]
        assert any("Beku" in t for t in texts) and any("Tanpa video" in t for t in texts), texts
        assert not any(word in t for t in texts for word in ("frozen", "no video", "no_video")), texts
        window.close()
    finally:
        language.install("en")
        QLocale.setDefault(before)


def test_a_refusal_in_indonesian_names_the_role_and_the_permission_in_indonesian(qapp: Any,
                                                                                writer: DatabaseWriter) -> None:
    """A service's refusal reached the status line in English ("presenter (role presenter) may not
    acknowledge alerts"); in Indonesian it is worded from its parts."""
    from PySide6.QtCore import QLocale

    from videowall.ui.language import Language

    before = QLocale()
    language = Language(qapp)
    assert language.install("id")
    try:
        window = QtWidgets.QMainWindow()
        presenter = User("bu-rina", Role.PRESENTER)
        alerts = centre(presenter, window, writer, may=presenter.can(Permission.ACKNOWLEDGE_ALERTS))
        window.show()
        alerts.on_tile_report(TileReport(0, CAMS[0], StreamKind.MAIN, TileStatus(StreamState.LIVE), 25.0))
        alerts.on_tile_report(TileReport(0, CAMS[0], StreamKind.MAIN, TileStatus(StreamState.FROZEN), 0.0))
        alerts.tick(time.time() + 3)
        alerts.list.setCurrentItem(alerts.list.topLevelItem(0))
        alerts.acknowledge_current()  # refused by the service
        assert alerts.message.text() == "bu-rina (peran penyaji) tidak boleh menandai peringatan sudah dilihat"
        window.close()
    finally:
        language.install("en")
        QLocale.setDefault(before)

"""The tile's right-click menu offers PTZ only for a PTZ camera the console can reach over ONVIF.

QTest on a real ``VideoTile`` (offscreen): a right click on its window opens the real menu, whose entries are read
while it is up, then it is closed with Escape.
"""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from videowall.domain.camera import Camera, StreamKind
from videowall.domain.stream_state import StreamState, TileStatus
from videowall.services.live import TileReport
from videowall.ui.tile import TileAction, VideoTile


@pytest.fixture(scope="module")
def app() -> QApplication:
    return QApplication.instance() or QApplication([])  # type: ignore[return-value]


def menu_of(camera: Camera) -> tuple[list[str], list[object]]:
    """Right-click a tile showing ``camera``; the menu's entries (text, enabled) and the actions it emitted."""
    tile = VideoTile(0)
    tile.resize(320, 180)
    tile.show()
    QTest.qWaitForWindowExposed(tile)
    tile.set_report(TileReport(0, camera, StreamKind.SUB, TileStatus(StreamState.LIVE), 0.0), None)  # type: ignore[arg-type]
    seen: list[str] = []
    emitted: list[object] = []
    tile.action.connect(lambda _i, act: emitted.append(act))

    def read_and_close() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, read_and_close)
            return
        seen.extend(a.text() for a in menu.actions() if not a.isSeparator())
        QTest.keyClick(menu, Qt.Key.Key_Escape)

    QTimer.singleShot(20, read_and_close)
    # on the tile's window, so the click goes the way a real one does (the platform turns it into a context menu)
    QTest.mouseClick(tile.windowHandle(), Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, QPoint(160, 90))
    QTest.qWait(50)
    tile.close()
    tile.deleteLater()
    return seen, emitted


def test_no_ptz_entry_for_a_ptz_camera_without_onvif_address(app: QApplication) -> None:
    entries, emitted = menu_of(Camera("PTZ-NOADDR", "Dome without ONVIF", main_url="rtsp://127.0.0.1/x", ptz=True))
    assert entries, "the menu did not open"
    assert "Snapshot" in entries
    assert not any(text.startswith("PTZ") for text in entries), entries
    assert TileAction.PTZ not in emitted


def test_ptz_entry_for_a_camera_with_onvif_address(app: QApplication) -> None:
    entries, _ = menu_of(Camera("PTZ-OK", "Dome", main_url="rtsp://127.0.0.1/x", ptz=True,
                                onvif_host="127.0.0.1", onvif_port=18180))
    assert "PTZ control..." in entries, entries


def test_no_ptz_entry_for_a_fixed_camera(app: QApplication) -> None:
    entries, _ = menu_of(Camera("FIXED", "Fixed", main_url="rtsp://127.0.0.1/x", onvif_host="127.0.0.1"))
    assert entries and "PTZ control..." not in entries, entries

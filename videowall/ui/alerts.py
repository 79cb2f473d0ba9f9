"""Non-blocking alerts in the console: a toast in the corner and a notification list, plus the alarm tile.

Sources are the console's tile reports (cameras on the wall) and the health sweeper's went-dark /
came-back alerts (cameras in a watched group: the favourites). Nothing here opens a modal dialog.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QLabel, QListWidget, QListWidgetItem, QMainWindow, QVBoxLayout, QWidget

from videowall.domain.alerts import Notice, TileAlerts
from videowall.domain.health import AlertKind, HealthAlert
from videowall.services.live import TileReport
from videowall.services.wall_control import WallController

TOAST_MS = 6000
MAX_NOTICES = 300


class Toast(QLabel):
    """A small label over the bottom-right corner of the window; hides itself."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("toast")
        self.setWordWrap(True)
        self.setStyleSheet("QLabel#toast { background: rgba(30,34,40,235); color: #f2f4f6; border: 2px solid"
                           " #ff5b5b; border-radius: 6px; padding: 8px; }")  # fmt: skip
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_text(self, text: str, came_back: bool) -> None:
        colour = "#2ecc71" if came_back else "#ff5b5b"
        self.setStyleSheet(self.styleSheet().split("border:")[0] + f"border: 2px solid {colour};"
                           " border-radius: 6px; padding: 8px; }")  # fmt: skip
        self.setText(text)
        self.setFixedWidth(360)
        self.adjustSize()
        parent = self.parentWidget()
        if parent is None:
            return
        self.move(parent.width() - self.width() - 16, parent.height() - self.height() - 40)
        self.raise_()
        self.show()
        self._timer.start(TOAST_MS)


class AlertCenter(QObject):
    def __init__(self, window: QMainWindow, console: WallController, watched: Callable[[str], bool]) -> None:
        super().__init__(window)
        self._window = window
        self.console = console
        self._watched = watched
        self._tiles = TileAlerts()
        self.notices: list[Notice] = []
        self.alarm_tile: int | None = None
        self.toast = Toast(window)
        self.list = QListWidget()
        self.dock = QDockWidget(self.tr("Alerts"), window)
        self.dock.setObjectName("alerts")
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.list)
        self.dock.setWidget(body)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        self.list.itemDoubleClicked.connect(lambda item: self.console.open_camera(item.data(Qt.ItemDataRole.UserRole)))

    def on_tile_report(self, report: TileReport) -> None:
        cam = report.camera
        kind = self._tiles.update(report.index, cam.id if cam else None, report.status.state)
        if kind is not None and cam is not None and report.index != self.alarm_tile:
            self.notify(Notice(kind, cam.id, cam.name, report.status.state.value, "wall", time.time()))

    def on_health_alert(self, alert: HealthAlert) -> None:
        on_wall = any(t.camera is not None and t.camera.id == alert.camera_id for t in self.console.live.tiles)
        if on_wall or not self._watched(alert.camera_id):
            return  # the wall's own tiles report their cameras; unwatched cameras go to the dashboard only
        cam = self.console.directory.get(alert.camera_id)
        name = cam.name if cam else alert.camera_id
        self.notify(Notice(alert.kind, alert.camera_id, name, alert.record.state.value, "sweep", time.time()))

    def notify(self, notice: Notice) -> None:
        came_back = notice.kind is AlertKind.CAME_BACK
        verb = self.tr("is back") if came_back else self.tr("went dark")
        text = f"{notice.camera_name} ({notice.camera_id}) {verb}: {notice.state}"
        self.notices.append(notice)
        del self.notices[:-MAX_NOTICES]
        item = QListWidgetItem(f"{time.strftime('%H:%M:%S', time.localtime(notice.at))}  {text}")
        item.setData(Qt.ItemDataRole.UserRole, notice.camera_id)
        item.setForeground(Qt.GlobalColor.green if came_back else Qt.GlobalColor.red)
        self.list.insertItem(0, item)
        while self.list.count() > MAX_NOTICES:
            self.list.takeItem(self.list.count() - 1)
        self.toast.show_text(text, came_back)
        if not came_back and self.alarm_tile is not None:
            self._show_on_alarm_tile(notice.camera_id)

    def set_alarm_tile(self, index: int | None) -> None:
        """The tile that jumps to the next camera that goes dark (None: off)."""
        self.alarm_tile = index

    def _show_on_alarm_tile(self, camera_id: str) -> None:
        index = self.alarm_tile
        tiles = self.console.live.tiles
        if index is None or not 0 <= index < len(tiles):
            return
        if any(t.camera is not None and t.camera.id == camera_id for t in tiles):
            return
        self.console.assign(index, [camera_id])

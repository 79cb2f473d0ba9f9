"""Non-blocking alerts in the console: a toast in the corner and an alert list, plus the alarm tile.

Sources are the console's tile reports (cameras on the wall) and the health sweeper's went-dark /
came-back alerts (cameras in a watched group: the favourites). The rules (debounce, grouping by cause,
flapping) are ``domain.alerts.AlertBook``; this file only shows its lines and asks the service to
acknowledge one. Nothing here opens a modal dialog.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from videowall.domain.access import AccessDenied
from videowall.domain.alerts import (
    Alert,
    AlertBook,
    AlertChange,
    AlertRules,
    AlertType,
    Cause,
    Change,
    Edge,
    TileAlerts,  # fmt: skip
    server_of,
)
from videowall.domain.camera import StreamKind
from videowall.domain.health import AlertKind, HealthAlert
from videowall.services.live import TileReport
from videowall.services.wall_control import WallController
from videowall.ui.refusal_words import refusal_text
from videowall.ui.state_style import _REASONS, STATE_STYLE, _tr
from videowall.ui.ui_thread import ui_operations

TOAST_MS = 6000
TICK_MS = 500
Acknowledge = Callable[[Alert], "Future[float]"]


class Toast(QLabel):
    """A small label over the bottom-right corner of the window; hides itself."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("toast")
        self.setWordWrap(True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.alert_id: int | None = None  # the alert it shows: a group that grows rewords it in place
        self.shown = 0  # how many toasts popped up (the status file reports it)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_text(self, text: str, colour: str, alert_id: int | None = None) -> None:
        self.setStyleSheet(f"QLabel#toast {{ background: rgba(30,34,40,235); color: #f2f4f6; border: 2px solid"
                           f" {colour}; border-radius: 6px; padding: 8px; }}")  # fmt: skip
        self.alert_id = alert_id
        self.shown += 1
        self._place(text)
        self.show()
        self._timer.start(TOAST_MS)

    def reword(self, text: str) -> None:
        self._place(text)

    def _place(self, text: str) -> None:
        self.setText(text)
        self.setFixedWidth(360)
        self.adjustSize()
        parent = self.parentWidget()
        if parent is not None:
            self.move(parent.width() - self.width() - 16, parent.height() - self.height() - 40)
        self.raise_()


class AlertList(QTreeWidget):
    """The alert lines, wrapped to the dock's width (Qt's tree gives its delegate no width to wrap at)."""

    def __init__(self) -> None:
        super().__init__()
        self.setItemDelegate(_Wrapping(self))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # a wider or narrower dock: the lines' heights again


class _Wrapping(QStyledItemDelegate):
    def __init__(self, view: QTreeWidget) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        depth, up = 1, index.parent()
        while up.isValid():
            depth, up = depth + 1, up.parent()
        opt = QStyleOptionViewItem(option)
        opt.rect = QRect(0, 0, max(60, self._view.viewport().width() - self._view.indentation() * depth), 1)
        return super().sizeHint(opt, index)


class AlertCenter(QObject):

    def __init__(self, window: QMainWindow, console: WallController, watched: Callable[[str], bool],
                 rules: AlertRules | None = None, acknowledge: Acknowledge | None = None,
                 who: Callable[[], str] = lambda: "", may: Callable[[], bool] = lambda: True) -> None:  # fmt: skip
        super().__init__(window)
        self._window = window
        self.console = console
        self._watched = watched
        self._tiles = TileAlerts()
        self.book = AlertBook(rules)
        self._acknowledge = acknowledge
        self._who = who
        self._may = may  # whether the signed-in role may acknowledge: the button is offered (the service checks)
        self._ops = ui_operations(self)  # acknowledgements written on the writer, answered on the UI thread
        self._items: dict[int, QTreeWidgetItem] = {}
        self.alarm_tile: int | None = None
        self.toast = Toast(window)
        self.list = AlertList()
        self.list.setObjectName("alert-list")
        self.list.setHeaderHidden(True)
        self.list.setColumnCount(1)
        self.list.setWordWrap(True)  # a narrow dock: the line wraps instead of being cut
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._menu)
        self.list.itemDoubleClicked.connect(lambda item, _col: self._open(item))
        self.list.currentItemChanged.connect(lambda _now, _before: self._enable())
        self.ack_button = QPushButton(self.tr("Acknowledge"))
        self.ack_button.setObjectName("acknowledge-alert")
        self.ack_button.setEnabled(False)
        self.ack_button.clicked.connect(lambda: self.acknowledge_current())
        self.ack_button.setVisible(acknowledge is not None and may())
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        self.dock = QDockWidget(self.tr("Alerts"), window)
        self.dock.setObjectName("alerts")
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.list)
        lay.addWidget(self.ack_button)
        lay.addWidget(self.message)
        self.dock.setWidget(body)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        self._timer = QTimer(self)
        self._timer.timeout.connect(lambda: self.tick(time.time()))
        self._timer.start(TICK_MS)

    # --- sources ------------------------------------------------------------------------------------
    def on_tile_report(self, report: TileReport) -> None:
        cam = report.camera
        kind = self._tiles.update(report.index, cam.id if cam else None, report.status.state)
        if kind is None or cam is None or report.index == self.alarm_tile:
            return
        status = report.status
        reason = status.reason.value if status.reason else status.state.value
        cause = Cause(server_of(cam.url_for(report.stream)), reason)
        self._apply(self.book.edge(Edge(cam.id, cam.name, kind is AlertKind.WENT_DARK, cause, status.state.value,
                                        "wall", time.time())))  # fmt: skip

    def on_health_alert(self, alert: HealthAlert) -> None:
        on_wall = any(t.camera is not None and t.camera.id == alert.camera_id for t in self.console.tiles())
        if on_wall or not self._watched(alert.camera_id):
            return  # the wall's own tiles report their cameras; unwatched cameras go to the dashboard only
        cam = self.console.directory.get(alert.camera_id)
        name = cam.name if cam else alert.camera_id
        record = alert.record
        cause = Cause(server_of(cam.url_for(StreamKind.MAIN)) if cam else "", record.reason or record.state.value)
        self._apply(self.book.edge(Edge(alert.camera_id, name, alert.kind is AlertKind.WENT_DARK, cause,
                                        record.state.value, "sweep", time.time())))  # fmt: skip

    def tick(self, now: float) -> None:
        """Confirm cameras dark for the debounce, end flapping that settled (a timer calls this)."""
        self._apply(self.book.tick(now))

    def set_debounce(self, seconds: float) -> None:
        from dataclasses import replace

        if seconds != self.book.rules.debounce_s:
            self.book.rules = replace(self.book.rules, debounce_s=seconds)

    # --- showing ------------------------------------------------------------------------------------
    def _apply(self, changes: list[AlertChange]) -> None:
        for change in changes:
            alert = change.alert
            self._show(alert)
            text = self.text(alert)
            if change.change is Change.OPENED:
                self.toast.show_text(text, "#e69f00" if alert.type is AlertType.FLAPPING else "#ff5b5b", alert.id)
                if alert.type is AlertType.DARK and self.alarm_tile is not None:
                    self._show_on_alarm_tile(next(iter(alert.cameras)))
            elif change.change is Change.GREW and self.toast.isVisible() and self.toast.alert_id == alert.id:
                self.toast.reword(text)
            elif change.change is Change.ENDED and alert.type is AlertType.DARK:
                self.toast.show_text(text, "#2ecc71", alert.id)
        if changes:
            self._enable()

    def text(self, alert: Alert) -> str:
        """The alert's line (what the toast says too), in the console's language."""
        n = len(alert.cameras)
        first_id, first_name = next(iter(alert.cameras.items()))
        if alert.type is AlertType.FLAPPING and alert.grouped:
            text = self.tr("server %1: %Ln cameras flapping", "", n).replace("%1", alert.cause.server)
            return text if alert.active else text + " - " + self.tr("steady again")
        if alert.type is AlertType.FLAPPING:
            text = self.tr("%1 (%2) is flapping: dark and live again and again").replace("%1", first_name)\
                .replace("%2", first_id)  # fmt: skip
            return text if alert.active else text + " - " + self.tr("steady again")
        if alert.grouped and alert.cause.unreachable:
            text = self.tr("server %1 unreachable: %Ln cameras", "", n).replace("%1", alert.cause.server)
        elif alert.grouped:
            text = self.tr("server %1, %2: %Ln cameras", "", n).replace("%1", alert.cause.server)\
                .replace("%2", self._reason(alert.cause.reason))  # fmt: skip
        else:
            state = next((st for s, st in STATE_STYLE.items() if s.value == alert.state), None)
            label = _tr(state.label) if state is not None else alert.state
            # a picture state ("frozen", "no_video", "quarantined") is its own reason: said once, in words
            why = f"{label}, {self._reason(alert.cause.reason)}" if alert.cause.reason in _REASONS else label
            text = self.tr("%1 (%2) went dark: %3").replace("%1", first_name).replace("%2", first_id)\
                .replace("%3", why)  # fmt: skip
        if not alert.active:
            text += " - " + (self.tr("all back") if alert.grouped else self.tr("back"))
        elif alert.grouped and len(alert.dark) < n:
            text += " - " + self.tr("%Ln back", "", n - len(alert.dark))
        return text

    def _reason(self, reason: str) -> str:
        """A stream reason in words; a picture state by its label (as the tile says it), never the raw code."""
        if reason in _REASONS:
            return _tr(_REASONS[reason])
        state = next((st for s, st in STATE_STYLE.items() if s.value == reason), None)
        return _tr(state.label) if state is not None else _tr(reason.replace("_", " "))

    def _show(self, alert: Alert) -> None:
        item = self._items.get(alert.id)
        if item is None:
            item = QTreeWidgetItem()
            item.setData(0, Qt.ItemDataRole.UserRole, alert.id)
            self.list.insertTopLevelItem(0, item)
            self._items[alert.id] = item
            while self.list.topLevelItemCount() > self.book.keep:
                gone = self.list.takeTopLevelItem(self.list.topLevelItemCount() - 1)
                if gone is not None:
                    self._items.pop(int(gone.data(0, Qt.ItemDataRole.UserRole)), None)
        clock = time.strftime("%H:%M:%S", time.localtime(alert.opened_at))
        line = f"{clock}  {self.text(alert)}"
        if alert.acknowledged_by is not None and alert.acknowledged_at is not None:
            line += "\n    " + self.tr("acknowledged by %1 at %2").replace("%1", alert.acknowledged_by)\
                .replace("%2", time.strftime("%H:%M:%S", time.localtime(alert.acknowledged_at)))  # fmt: skip
        item.setText(0, line)
        item.setToolTip(0, line)
        colour = {AlertType.FLAPPING: Qt.GlobalColor.darkYellow}.get(alert.type, Qt.GlobalColor.red)
        item.setForeground(0, colour if alert.active else Qt.GlobalColor.darkGreen)
        font = QFont(item.font(0))
        font.setBold(alert.active and alert.acknowledged_by is None)
        item.setFont(0, font)
        if alert.grouped:  # expandable to the list of cameras
            while item.childCount() < len(alert.cameras):
                item.addChild(QTreeWidgetItem())
            for row, (cid, name) in enumerate(alert.cameras.items()):
                child = item.child(row)
                assert child is not None
                child.setText(0, f"{cid}  {name}" + ("" if cid in alert.dark else f"  ({self.tr('back')})"))
                child.setToolTip(0, child.text(0))
                child.setData(0, Qt.ItemDataRole.UserRole + 1, cid)
        self.list.scheduleDelayedItemsLayout()  # the line's height follows its text (an acknowledgement adds one)

    def _open(self, item: QTreeWidgetItem) -> None:
        cid = item.data(0, Qt.ItemDataRole.UserRole + 1)
        if cid is None:
            alert = self.book.get(int(item.data(0, Qt.ItemDataRole.UserRole)))
            cid = next(iter(alert.cameras)) if alert is not None and not alert.grouped else None
        if cid is not None:
            self.console.open_camera(str(cid))

    # --- acknowledging --------------------------------------------------------------------------------
    def current_alert(self) -> Alert | None:
        item = self.list.currentItem()
        while item is not None and item.parent() is not None:
            item = item.parent()
        return self.book.get(int(item.data(0, Qt.ItemDataRole.UserRole))) if item is not None else None

    def _enable(self) -> None:
        alert = self.current_alert()
        self.ack_button.setVisible(self._acknowledge is not None and self._may())  # the user may have changed
        self.ack_button.setEnabled(alert is not None and alert.acknowledged_by is None)

    def _menu(self, pos: QPoint) -> None:
        alert = self.current_alert()
        if alert is None or self._acknowledge is None or not self._may():
            return
        menu = QMenu(self.list)
        action = menu.addAction(self.tr("Acknowledge"), lambda: self.acknowledge_current())
        action.setEnabled(alert.acknowledged_by is None)
        menu.exec(self.list.viewport().mapToGlobal(pos))

    def acknowledge_current(self) -> None:
        """Acknowledge the selected alert as the signed-in user: the service checks and audits it."""
        alert = self.current_alert()
        if alert is None or self._acknowledge is None or alert.acknowledged_by is not None:
            return
        try:
            future = self._acknowledge(alert)
        except AccessDenied as exc:
            self._say(refusal_text(exc))
            return
        self.ack_button.setEnabled(False)
        who = self._who()
        self._ops.follow(future, lambda at: self._acknowledged(alert.id, who, at), self._not_acknowledged)

    def _not_acknowledged(self, exc: BaseException) -> None:
        self._say(self.tr("Could not acknowledge: %1").replace("%1", refusal_text(exc)))
        self._enable()

    def _acknowledged(self, alert_id: int, who: str, at: float) -> None:
        alert = self.book.acknowledge(alert_id, who, at)
        if alert is not None:
            self._show(alert)
        self._enable()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    # --- alarm tile -----------------------------------------------------------------------------------
    def set_alarm_tile(self, index: int | None) -> None:
        """The tile that jumps to the next camera that goes dark (None: off)."""
        self.alarm_tile = index

    def _show_on_alarm_tile(self, camera_id: str) -> None:
        index = self.alarm_tile
        tiles = self.console.tiles()
        if index is None or not 0 <= index < len(tiles):
            return
        if any(t.camera is not None and t.camera.id == camera_id for t in tiles):
            return
        self.console.assign(index, [camera_id])

    # --- status file --------------------------------------------------------------------------------
    def status_json(self) -> dict[str, object]:
        """The alert lines (with where each is on screen, for tests' clicks), the button and the toast."""
        rows = []
        for alert in reversed(self.book.alerts):
            item = self._items.get(alert.id)
            rect = self._global_rect(item) if item is not None else None
            rows.append({**alert.as_json(), "text": item.text(0) if item is not None else "", "rect": rect})
        b = self.ack_button
        top_left = b.mapToGlobal(b.rect().topLeft())
        return {"alerts": rows, "toasts_shown": self.toast.shown,
                "toast": self.toast.text() if self.toast.isVisible() else None,
                "ack_button": {"rect": [top_left.x(), top_left.y(), b.width(), b.height()],
                               "enabled": b.isEnabled(), "visible": b.isVisible()}}

    def _global_rect(self, item: QTreeWidgetItem) -> list[int] | None:
        r = self.list.visualItemRect(item)
        if r.isEmpty() or not self.list.isVisible():
            return None
        top_left = self.list.viewport().mapToGlobal(r.topLeft())
        return [top_left.x(), top_left.y(), r.width(), r.height()]

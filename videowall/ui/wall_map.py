"""The wall map (issue 21 item 3): every wall agent and monitor, online or lost since when, what each shows,
and "Send focused tile to wall" for the monitor picked in the list. Reads and sends through WallAgents."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from videowall.services.wall_agents import AgentView, SendOutcome, WallAgents

ROLE_TARGET = Qt.ItemDataRole.UserRole + 1  # (agent, monitor key) of a monitor row


class WallMapDock(QDockWidget):
    """The agents as a tree: agent rows say online / lost since HH:MM, monitor rows what they show."""

    def __init__(self, service: WallAgents, on_send: Callable[[str, str], SendOutcome],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wall_map")
        self.setWindowTitle(self.tr("Wall map"))
        self._service = service
        self._on_send = on_send
        body = QWidget(self)
        lay = QVBoxLayout(body)
        self.tree = QTreeWidget(body)
        self.tree.setHeaderLabels([self.tr("Wall"), self.tr("Shows")])
        self.send_button = QPushButton(self.tr("Send focused tile to wall"), body)
        self.send_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the focused tile keeps the keyboard focus
        self.send_button.clicked.connect(lambda: self._send())
        self.result = QLabel(body)
        self.result.setWordWrap(True)
        lay.addWidget(self.tree)
        lay.addWidget(self.send_button)
        lay.addWidget(self.result)
        self.setWidget(body)
        service.listeners.append(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        picked = self._picked()
        self.tree.clear()
        for name in sorted(self._service.agents):
            view = self._service.agents[name]
            item = QTreeWidgetItem(self.tree, [name, self._agent_text(view)])
            for monitor in view.state.monitors:
                row = QTreeWidgetItem(item, [monitor.label or monitor.key, self._monitor_text(view, monitor.key)])
                row.setData(0, ROLE_TARGET, (name, monitor.key))
                if picked == (name, monitor.key):
                    self.tree.setCurrentItem(row)
            item.setExpanded(True)
        self.tree.resizeColumnToContents(0)

    def _agent_text(self, view: AgentView) -> str:
        if view.online:
            return self.tr("online")
        return self.tr("lost since %1").replace("%1", datetime.fromtimestamp(view.since).strftime("%H:%M"))

    def _monitor_text(self, view: AgentView, key: str) -> str:
        report = view.reported.get(key)
        if report is None:
            return self.tr("nothing reported yet")
        cameras = ", ".join(t.camera or "-" for t in report.tiles)
        live = sum(1 for t in report.tiles if t.state == "live")
        dark = sum(1 for t in report.tiles if t.camera and t.state in ("offline", "no_video", "frozen"))
        return self.tr("%1: %2 (live %3, dark %4)").replace("%1", report.layout).replace("%2", cameras).replace(
            "%3", str(live)).replace("%4", str(dark))

    def _picked(self) -> tuple[str, str] | None:
        item = self.tree.currentItem()
        target = item.data(0, ROLE_TARGET) if item is not None else None
        return (str(target[0]), str(target[1])) if isinstance(target, tuple | list) else None

    def _send(self) -> None:
        picked = self._picked()
        if picked is None:
            self.result.setText(self.tr("Pick a monitor in the list first."))
            return
        outcome = self._on_send(*picked)
        if outcome.kind == SendOutcome.SENT:
            self.result.setText(self.tr("%1 sent to %2").replace("%1", outcome.detail).replace("%2", picked[0]))
        elif outcome.kind == SendOutcome.REFUSED:
            self.result.setText(self.tr("Refused: %1").replace("%1", outcome.detail))
        else:
            self.result.setText(self.tr("Focus a tile with a camera first."))

"""The wall map (issue 21 item 3): every wall agent and monitor, online or lost since when, what each shows;
"Send focused tile to wall" for the monitor picked in the list, and drops onto a monitor row: cameras from
the camera list, a tile of a local wall, a saved layout from the map's list. Sends go through the console's
actions (app/wall_map.py) to WallAgents, which checks the role and the cameras and audits every send."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QHBoxLayout, QLabel, QPushButton, QTreeWidgetItem, QVBoxLayout, QWidget

from videowall.domain.access import AccessDenied, Role
from videowall.domain.wall_topics import ACCEPTED, Ack
from videowall.services.operations import deliver, on_the_loop
from videowall.services.wall_agents import AgentView, SendOutcome, WallAgents, WallDrop, WallRefused
from videowall.services.wall_presets import WallPresets
from videowall.ui.refusal_words import refusal_text, role_name
from videowall.ui.wall_map_parts import ROLE_TARGET, LayoutList, MonitorTree
from videowall.ui.wall_map_presets import PresetBar


class MapActions(Protocol):
    """What the dock asks of the console (app/wall_map.WallMapActions)."""

    def send_focused(self, agent: str, monitor: str) -> SendOutcome: ...

    def drop(self, agent: str, monitor: str, drop: WallDrop, done: Callable[[SendOutcome], None]) -> None: ...

    def layout_names(self, done: Callable[[list[str]], None]) -> None: ...


class WallMapDock(QDockWidget):
    """The agents as a tree: agent rows say online / lost since HH:MM, monitor rows what they show."""

    def __init__(self, service: WallAgents, actions: MapActions, parent: QWidget | None = None,
                 presets: WallPresets | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wall_map")
        self.setWindowTitle(self.tr("Wall map"))
        self._service = service
        self._actions = actions
        body = QWidget(self)
        lay = QVBoxLayout(body)
        self.tree = MonitorTree(body)
        self.tree.setHeaderLabels([self.tr("Wall"), self.tr("Shows")])
        self.tree.dropped.connect(self._dropped)
        self.send_button = QPushButton(self.tr("Send focused tile to wall"), body)
        self.send_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the focused tile keeps the keyboard focus
        self.send_button.clicked.connect(lambda: self._send())
        self.take_button = QPushButton(self.tr("Take control"), body)
        self.take_button.clicked.connect(lambda: self._lease(take=True))
        self.release_button = QPushButton(self.tr("Release control"), body)
        self.release_button.clicked.connect(lambda: self._lease(take=False))
        for button in (self.take_button, self.release_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.result = QLabel(body)
        self.result.setWordWrap(True)
        self.layouts = LayoutList(body)
        self.layouts.setToolTip(self.tr("Drag a saved layout onto a monitor"))
        self.layouts.setMaximumHeight(110)
        lay.addWidget(self.tree)
        lay.addWidget(self.send_button)
        controls = QHBoxLayout()
        controls.addWidget(self.take_button)
        controls.addWidget(self.release_button)
        lay.addLayout(controls)
        lay.addWidget(QLabel(self.tr("Saved layouts (drag onto a monitor):"), body))
        lay.addWidget(self.layouts)
        lay.addWidget(self.result)
        self.presets = PresetBar(presets, body) if presets is not None else None
        if self.presets is not None:
            lay.addWidget(self.presets)
        self.setWidget(body)
        service.listeners.append(self.refresh)
        self.visibilityChanged.connect(lambda shown: self.refresh_layouts() if shown else None)
        self.refresh()
        self.refresh_layouts()

    def refresh_layouts(self) -> None:
        self._actions.layout_names(self.layouts.set_names)

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
        shows = self._shows_text(view, key)
        lease = view.leases.get(key)
        if self._service.holds(view.state.name, key):
            return self.tr("%1 · controlled by you").replace("%1", shows)
        if lease is not None and self._service.controlled_by(view.state.name, key) is not None:
            try:
                role = role_name(Role(lease.role))
            except ValueError:
                role = lease.role
            return self.tr("%1 · controlled by %2 (%3) at %4").replace("%1", shows).replace(
                "%2", lease.user).replace("%3", role).replace("%4", lease.holder)
        return shows

    def _shows_text(self, view: AgentView, key: str) -> str:
        report = view.reported.get(key)
        if report is None:
            return self.tr("nothing reported yet")
        cameras = ", ".join(t.camera or "-" for t in report.tiles)
        live = sum(1 for t in report.tiles if t.state == "live")
        dark = sum(1 for t in report.tiles if t.camera and t.state in ("offline", "no_video", "frozen"))
        return self.tr("%1: %2 (live %3, dark %4)").replace("%1", report.layout).replace("%2", cameras).replace(
            "%3", str(live)).replace("%4", str(dark))

    def _picked(self) -> tuple[str, str] | None:
        return self.tree.target_at(self.tree.currentItem())

    def _dropped(self, agent: str, monitor: str, drop: object) -> None:
        if isinstance(drop, WallDrop):
            self.result.setText(self.tr("Sending to %1...").replace("%1", agent))
            self._actions.drop(agent, monitor, drop, lambda outcome: self._show_outcome(agent, outcome))

    def _send(self) -> None:
        picked = self._picked()
        if picked is None:
            self.result.setText(self.tr("Pick a monitor in the list first."))
            return
        self._show_outcome(picked[0], self._actions.send_focused(*picked))

    def _lease(self, take: bool) -> None:
        picked = self._picked()
        if picked is None:
            self.result.setText(self.tr("Pick a monitor in the list first."))
            return
        try:
            asked = (self._service.take_control if take else self._service.release_control)(*picked)
        except (AccessDenied, WallRefused) as exc:
            self.result.setText(self.tr("Refused: %1").replace("%1", refusal_text(exc)))
            return
        self.result.setText(self.tr("Asking %1...").replace("%1", picked[0]))
        deliver(asked, on_the_loop, lambda ack: self._lease_answer(picked, ack, take))

    def _lease_answer(self, picked: tuple[str, str], ack: Ack, take: bool) -> None:
        where = f"{picked[0]} / {self._label(*picked)}"
        if ack.result != ACCEPTED:
            self.result.setText(self.tr("Refused: %1").replace("%1", ack.reason))
        elif not take:
            self.result.setText(self.tr("You released %1").replace("%1", where))
        elif ack.reason:
            self.result.setText(self.tr("You control %1, taken over from %2").replace("%1", where).replace(
                "%2", ack.reason))
        else:
            self.result.setText(self.tr("You control %1").replace("%1", where))
        self.refresh()

    def _label(self, agent: str, key: str) -> str:
        view = self._service.agents.get(agent)
        info = next((m for m in view.state.monitors if m.key == key), None) if view is not None else None
        return info.label if info is not None and info.label else key

    def _show_outcome(self, agent: str, outcome: SendOutcome) -> None:
        if outcome.kind == SendOutcome.SENT:
            self.result.setText(self.tr("%1 sent to %2").replace("%1", outcome.detail).replace("%2", agent))
        elif outcome.kind == SendOutcome.REFUSED:
            self.result.setText(self.tr("Refused: %1").replace("%1", outcome.detail))
        else:
            self.result.setText(self.tr("Focus a tile with a camera first."))

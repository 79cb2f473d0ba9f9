"""The wall-map feature: with ``--wall-broker mqtt://HOST:PORT --wall-credentials FILE`` the console follows
the wall agents on that broker (services/wall_agents.py) and shows them in the wall map dock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from videowall.app.context import AppContext
from videowall.app.feature import Feature
from videowall.domain.access import AccessDenied, User
from videowall.services.access import audit_event
from videowall.services.wall_agents import SendOutcome, WallAgents, WallRefused

if TYPE_CHECKING:
    from videowall.broker.mqtt import BrokerLink, Message
    from videowall.ui.main_window import MainWindow


class WallMapFeature(Feature):
    name = "wall_map"

    def __init__(self) -> None:
        self.service: WallAgents | None = None
        self._link: BrokerLink | None = None
        self._ctx: AppContext | None = None

    def install(self, ctx: AppContext, window: MainWindow) -> None:
        if not ctx.opts.wall_broker or ctx.opts.wall_credentials is None:
            return
        from PySide6.QtCore import Qt

        from videowall.broker.mqtt import BrokerLink, BrokerUrl, read_credentials
        from videowall.domain.wall_topics import Topics
        from videowall.ui.wall_map import WallMapDock

        def audit(user: User, action: str, target: str, detail: str) -> None:
            audit_event(ctx.writer, user.name, action, target, detail)

        service = WallAgents(Topics(ctx.opts.wall_site), f"console-{ctx.data_dir.name}-{id(self):x}", ctx.user,
                             audit, ctx.privacy.visibility)
        link = BrokerLink(BrokerUrl.parse(ctx.opts.wall_broker), service.console, read_credentials(
            ctx.opts.wall_credentials), ctx.loop.call_soon_threadsafe, lambda m: _deliver(service, m),
            service.connected)
        service.link = link
        self.service, self._link, self._ctx = service, link, ctx
        dock = WallMapDock(service, self.send_focused, window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        link.start()

    def send_focused(self, agent: str, monitor: str) -> SendOutcome:
        """The console's focused tile's camera onto the first tile of a remote monitor."""
        ctx, service = self._ctx, self.service
        if ctx is None or service is None:
            return SendOutcome(SendOutcome.NO_CAMERA)
        index = ctx.console_view.focused_index()
        camera = ctx.console.camera_at(index) if index is not None else None
        if camera is None:
            return SendOutcome(SendOutcome.NO_CAMERA)
        try:
            service.send_to_wall(agent, monitor, 0, camera)
        except (WallRefused, AccessDenied) as exc:
            return SendOutcome(SendOutcome.REFUSED, str(exc))
        return SendOutcome(SendOutcome.SENT, camera.name)

    def close(self) -> None:
        if self._link is not None:
            self._link.stop()

    def status(self) -> dict[str, object]:
        if self.service is None:
            return {}
        return {"wall_agents": {name: {"state": v.state.state, "monitors": [m.key for m in v.state.monitors]}
                                for name, v in self.service.agents.items()}}


def _deliver(service: WallAgents, message: Message) -> None:
    service.on_message(message.topic, message.payload, message.correlation)

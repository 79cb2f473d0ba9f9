"""The wall-map feature: with ``--wall-broker mqtt://HOST:PORT --wall-credentials FILE`` the console follows
the wall agents on that broker (services/wall_agents.py) and shows them in the wall map dock."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from videowall.app.context import AppContext
from videowall.app.feature import Feature
from videowall.domain.access import AccessDenied, User, Visibility
from videowall.domain.camera import Camera
from videowall.domain.layout import Layout
from videowall.domain.wall_topics import grid_word
from videowall.services.access import audit_event
from videowall.services.layout_service import LayoutService
from videowall.services.wall_agents import SendOutcome, WallAgents, WallDrop, WallRefused
from videowall.services.wall_presets import WallPresets

if TYPE_CHECKING:
    from videowall.broker.mqtt import BrokerLink, Message
    from videowall.ui.main_window import MainWindow


class WallMapFeature(Feature):
    name = "wall_map"

    def __init__(self) -> None:
        self.service: WallAgents | None = None
        self.actions: WallMapActions | None = None
        self._link: BrokerLink | None = None

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
                             audit, ctx.privacy.visibility, loop=ctx.loop)
        link = BrokerLink(BrokerUrl.parse(ctx.opts.wall_broker, ctx.opts.wall_ca), service.console, read_credentials(
            ctx.opts.wall_credentials), ctx.loop.call_soon_threadsafe, lambda m: _deliver(service, m),
            service.connected)
        service.link = link

        def focused() -> Camera | None:
            index = ctx.console_view.focused_index()
            return ctx.console.camera_at(index) if index is not None else None

        self.actions = WallMapActions(service, ctx.directory.get, focused, ctx.layouts)
        self.service, self._link = service, link
        presets = WallPresets(service, ctx.ops, ctx.directory.get, ctx.loop)
        dock = WallMapDock(service, self.actions, window, presets)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        link.start()
        ctx.background.append(ctx.loop.create_task(service.renew_loop()))  # the leases this console holds
        if ctx.opts.demo:  # make demo-wall: the first cameras on every remote monitor once it is online
            plain = [c for c in ctx.register if c.credential_ref is None and f":{ctx.opts.port}/" in c.main_url
                     and ctx.privacy.visibility(c) is Visibility.SHOWN]  # the fleet's, this user may see
            ctx.background.append(ctx.loop.create_task(_demo_walls(service, plain)))

    def close(self) -> None:
        if self._link is not None:
            self._link.stop()

    def status(self) -> dict[str, object]:
        if self.service is None:
            return {}
        return {"wall_agents": {name: {"state": v.state.state, "monitors": [m.key for m in v.state.monitors]}
                                for name, v in self.service.agents.items()}}


class WallMapActions:
    """What the wall map's buttons and drops do: cameras, tiles and saved layouts through WallAgents."""

    def __init__(self, service: WallAgents, camera: Callable[[str], Camera | None],
                 focused: Callable[[], Camera | None], layouts: LayoutService) -> None:
        self.service = service
        self._camera = camera
        self._focused = focused
        self._layouts = layouts

    def send_focused(self, agent: str, monitor: str) -> SendOutcome:
        """The console's focused tile's camera onto the first tile of a remote monitor."""
        camera = self._focused()
        if camera is None:
            return SendOutcome(SendOutcome.NO_CAMERA)
        return _sent(camera.name, lambda: self.service.send_to_wall(agent, monitor, 0, camera, "send focused tile"))

    def drop(self, agent: str, monitor: str, drop: WallDrop, done: Callable[[SendOutcome], None]) -> None:
        if drop.kind == WallDrop.LAYOUT:
            self._layouts.load(drop.layout, lambda layout: done(self._show_layout(agent, monitor, drop, layout)))
            return
        cameras = [self._camera(i) for i in drop.ids]
        missing = [i for i, c in zip(drop.ids, cameras, strict=True) if c is None]
        if missing:
            done(SendOutcome(SendOutcome.REFUSED, f"camera {', '.join(missing)} is not in the register"))
            return
        found = [c for c in cameras if c is not None]
        done(_sent(", ".join(c.name for c in found),
                   lambda: self.service.place(agent, monitor, found, drop.describe())))

    def layout_names(self, done: Callable[[list[str]], None]) -> None:
        self._layouts.names(done)

    def _show_layout(self, agent: str, monitor: str, drop: WallDrop, layout: Layout | None) -> SendOutcome:
        if layout is None:
            return SendOutcome(SendOutcome.REFUSED, f"no saved layout {drop.layout!r}")
        word = grid_word(layout.shape)
        if word is None:
            return SendOutcome(SendOutcome.REFUSED, f"layout {layout.name} has merged tiles a wall agent does not take")
        cameras: list[Camera | None] = [None] * layout.shape.tile_count
        for tile in layout.tiles:
            cameras[tile.index] = self._camera(tile.camera_id)
        return _sent(layout.name, lambda: self.service.show(agent, monitor, word, cameras, drop.describe()))


def _sent(what: str, send: Callable[[], int]) -> SendOutcome:
    from videowall.ui.refusal_words import refusal_text

    try:
        send()
    except (WallRefused, AccessDenied) as exc:
        return SendOutcome(SendOutcome.REFUSED, refusal_text(exc))
    return SendOutcome(SendOutcome.SENT, what)


async def _demo_walls(service: WallAgents, cameras: list[Camera]) -> None:
    """The demo drives each remote monitor once, four cameras each, as an operator's drop would."""
    import asyncio

    done: set[tuple[str, str]] = set()
    for _ in range(120):
        for name, view in list(service.agents.items()):
            for monitor in view.state.monitors if view.online else ():
                if (name, monitor.key) not in done and cameras:
                    start = 4 * len(done) % max(1, len(cameras))
                    picked: list[Camera | None] = [cameras[(start + i) % len(cameras)] for i in range(4)]
                    done.add((name, monitor.key))  # once: a refusal is audited and not tried again
                    try:
                        service.show(name, monitor.key, "2x2", picked, "demo")
                    except (WallRefused, AccessDenied):
                        continue
        await asyncio.sleep(1.0)


def _deliver(service: WallAgents, message: Message) -> None:
    service.on_message(message.topic, message.payload, message.correlation)

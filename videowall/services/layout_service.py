"""Saving and restoring walls: named layouts, the console's last wall, monitor walls by identity.

Every call runs on the database writer and answers through callbacks on the UI loop.
"""

from __future__ import annotations

from collections.abc import Callable

from videowall.domain.layout import Layout
from videowall.domain.monitors import MonitorId
from videowall.services.operations import Operations
from videowall.storage.layouts import LayoutRepository
from videowall.storage.settings import SettingsRepository
from videowall.storage.walls import SavedWall, WallRepository

CONSOLE_LAYOUT = "@console"


def wall_layout_name(monitor: MonitorId) -> str:
    """The automatic layout a monitor wall keeps its arrangement in."""
    return f"@wall {monitor.key()}"


class LayoutService:
    def __init__(self, ops: Operations) -> None:
        self._ops = ops

    def save(self, layout: Layout, done: Callable[[None], None] | None = None,
             failed: Callable[[BaseException], None] | None = None) -> None:
        self._ops.run(lambda db: LayoutRepository(db).save(layout), done, failed)

    def load(self, name: str, done: Callable[[Layout | None], None]) -> None:
        self._ops.run(lambda db: LayoutRepository(db).load(name), done, transaction=False)

    def names(self, done: Callable[[list[str]], None]) -> None:
        """Named layouts the operator saved (automatic ones start with '@' and are not listed)."""
        self._ops.run(lambda db: [n for n in LayoutRepository(db).names() if not n.startswith("@")], done,
                      transaction=False)

    def delete(self, name: str, done: Callable[[bool], None] | None = None) -> None:
        self._ops.run(lambda db: LayoutRepository(db).delete(name), done)

    def save_wall(self, monitor: MonitorId, layout: Layout | None, enabled: bool) -> None:
        def work(db):  # type: ignore[no-untyped-def]
            if layout is not None:
                LayoutRepository(db).save(layout)
            WallRepository(db).save(monitor, layout.name if layout else None, enabled)

        self._ops.run(work)

    def walls(self, done: Callable[[list[SavedWall]], None]) -> None:
        self._ops.run(lambda db: WallRepository(db).all(), done, transaction=False)

    def set_setting(self, key: str, value: object) -> None:
        self._ops.run(lambda db: SettingsRepository(db).set(key, value))

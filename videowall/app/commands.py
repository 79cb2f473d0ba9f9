"""The commands feature: ``--commands FILE`` (JSON lines of wall commands, domain/commands.py) followed
on the UI loop and dispatched to the console and its monitor walls."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from videowall.app.context import AppContext
from videowall.app.feature import Feature
from videowall.services.command_source import follow_commands

if TYPE_CHECKING:
    from videowall.ui.main_window import MainWindow


class CommandsFeature(Feature):
    name = "commands"

    def __init__(self) -> None:
        self._task: asyncio.Task[None] | None = None

    def install(self, ctx: AppContext, window: MainWindow) -> None:
        if ctx.opts.commands is None:
            return
        from videowall.ui.command_dispatch import CommandDispatcher

        dispatcher = CommandDispatcher(window, ctx.monitor_walls, ctx.layouts)
        self._task = ctx.loop.create_task(follow_commands(ctx.opts.commands, dispatcher))

    def close(self) -> None:
        if self._task is not None:
            self._task.cancel()  # it ends at the loop's next turn, before the walls stop

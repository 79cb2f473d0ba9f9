"""A feature of the console: one unit that installs itself on the window and closes in reverse order.

The composition root (``videowall/app/console.py``) keeps one ordered list of features; reading it is
reading the console's start-up sequence, and shutdown closes them in reverse on the same ExitStack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from videowall.app.context import AppContext
    from videowall.ui.main_window import MainWindow


class Feature:
    """Override ``install``; ``close`` and ``status`` are optional."""

    name = "feature"

    def install(self, ctx: AppContext, window: MainWindow) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Stop what ``install`` started (the UI loop is not running any more; ``ctx.loop`` can run coroutines)."""

    def status(self) -> dict[str, object]:
        """This feature's part of the status JSON that tests and benchmarks read."""
        return {}

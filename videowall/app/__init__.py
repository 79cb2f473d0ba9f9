"""The composition root: start-up steps (``startup``), then the console's features in order (``console``).

Every feature is a unit with ``install(ctx, window)`` and ``close()`` receiving one typed ``AppContext``;
see ``console.console_features`` for the start-up sequence.
"""

from __future__ import annotations

from videowall.app.options import AppOptions
from videowall.app.startup import run_app

__all__ = ["AppOptions", "run_app"]

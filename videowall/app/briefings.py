"""The briefings feature and the UI language (part of the composition root).

``setup_language`` runs before the first window (login included); the feature adds the console's
"Presentation..." and "Language" entries (``ui/briefings.py``) and opens ``--present NAME`` full screen.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from videowall.app.city_time import use_city_time
from videowall.app.context import AppContext
from videowall.app.feature import Feature
from videowall.demo import DEMO_BRIEFING
from videowall.domain.i18n import system_language
from videowall.domain.settings_model import ConsoleSettings

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from videowall.ui.briefing_editor import BriefingEditor
    from videowall.ui.briefings import Briefings
    from videowall.ui.language import Language
    from videowall.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def setup_language(app: QApplication, settings: ConsoleSettings, requested: str = "") -> Language:
    """--lang, else the saved setting, else the system locale; installs the translators."""
    from videowall.ui.language import Language

    language = Language(app)
    language.install(requested or settings.language or system_language())
    use_city_time(settings.timezone)
    return language


class BriefingsFeature(Feature):
    """Presentation mode, the briefing editor and the language menu; ``--present`` and ``--open briefing-editor``."""

    name = "briefings"

    def __init__(self) -> None:
        self.briefings: Briefings | None = None

    def install(self, ctx: AppContext, window: MainWindow) -> None:
        from videowall.ui.briefings import Briefings

        opts = ctx.opts
        briefings = Briefings(window, ctx.writer, ctx.privacy, ctx.directory.get, ctx.walls.make, ctx.runtime,
                              ctx.language, ctx.settings.timezone, ctx.user)
        self.briefings = briefings
        window.briefings = briefings  # the typed hook: tests and the command dispatcher reach it there
        briefings.install()
        if opts.open_window == "briefing-editor":
            briefings.open_editor(DEMO_BRIEFING if opts.demo else "")
        if opts.present:
            only = not opts.demo  # `videowall present`: the briefing only, the console hidden
            if only:
                window.hide()
            briefings.present(opts.present, window.close if only else None, window.show if only else None)

    def editor(self) -> BriefingEditor | None:
        return self.briefings.editor if self.briefings is not None else None

    def close(self) -> None:
        if self.briefings is not None:
            self.briefings.close()
